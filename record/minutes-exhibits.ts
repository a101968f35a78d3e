/**
 * The documents of the hearing as the minutes state them: the bundle as submitted (each document by
 * title, type, pages and the SHA-256 of its exact bytes, who submitted it and when), and each time
 * the presiding judge showed one — to whom, from when to when, with the same hash, so a reader can
 * check that what was shown is what was submitted.
 */
import type { MinutesReading } from './minutes-reading.js';

export function readExhibits(r: MinutesReading): void {
  const { event, minutes, w, actor, actorName: by, on, say } = r;
  if (!event.type.startsWith('exhibit.')) return;
  const exhibits = (minutes.exhibits ??= { bundle: [], shown: [] });
  const open = () => exhibits.shown.findLast((s) => s.until === null);

  on('exhibit.submitted', (d) => {
    exhibits.bundle.push({
      exhibitId: d.exhibitId,
      title: d.title,
      mediaType: d.mediaType,
      pages: d.pages,
      sha256: d.sha256,
      by,
      at: event.at,
      seq: event.seq,
    });
    say(w.t('chron.exhibitSubmitted', { actor, title: d.title, pages: d.pages, sha256: d.sha256 }));
  });
  on('exhibit.shown', (d) => {
    const to = d.to === null ? w.t('exhibit.everyone') : w.list(d.to.map((id) => r.names.who(id)));
    exhibits.shown.push({ exhibitId: d.exhibitId, title: d.title, sha256: d.sha256, to, by, from: event.at, until: null, seq: event.seq });
    say(w.t('chron.exhibitShown', { actor, title: d.title, sha256: d.sha256, to }));
  });
  on('exhibit.withdrawn', (d) => {
    const showing = open();
    if (showing?.exhibitId === d.exhibitId) showing.until = event.at;
    say(w.t('chron.exhibitWithdrawn', { title: showing?.title ?? d.exhibitId }));
  });
}

/** A showing still open when the hearing ended ends with it. */
export function endShowings(minutes: { exhibits?: { shown: { until: string | null }[] } }, at: string | null): void {
  if (!at) return;
  for (const showing of minutes.exhibits?.shown ?? []) showing.until ??= at;
}
