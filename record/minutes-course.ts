/**
 * The course of the hearing as the minutes state it: when it was opened, in session and ended, and
 * by whom; its pauses and their causes; who testified when; the requested-state officer's
 * interventions and her statement; private consultations (times only); the judge's controls.
 */
import type { CourtroomState } from '../courtroom/index.js';
import type { HearingEvent } from '../store/index.js';
import type { MinutesReading } from './minutes-reading.js';
import type { Minutes } from './minutes-types.js';
import type { MinutesWords } from './minutes-words.js';

/** The officer's statement as a clause: what she established and whether the principles of her law were respected. */
export function officerStatementText(w: MinutesWords, d: { identityEstablished: boolean; principlesRespected: boolean; remarks: string | null }): string {
  const clause = w.t('statement.clause', {
    identity: w.t(d.identityEstablished ? 'statement.identityEstablished' : 'statement.identityNotEstablished'),
    principles: w.t(d.principlesRespected ? 'statement.principlesRespected' : 'statement.principlesNotRespected'),
  });
  return d.remarks ? w.t('statement.remarks', { clause, remarks: d.remarks }) : clause;
}

export function readCourse(r: MinutesReading): void {
  const { event, minutes, w, actor, actorName, on, say } = r;
  const { nameOf, who } = r.names;
  on('hearing.created', (d) => say(w.t('chron.created', { source: d.source })));
  on('hearing.opened', () => {
    minutes.times.opened ??= event.at;
    // The court's own count of its sittings, this one included.
    const sitting = r.court.sittings;
    if (sitting > 1) minutes.sittings?.push({ opened: event.at, adjourned: null, reason: null, seq: event.seq });
    say(sitting > 1 ? w.t('chron.reopened', { actor, sitting }) : w.t('chron.opened', { actor }));
  });
  on('hearing.adjourned', (d) => {
    if (!minutes.sittings) minutes.sittings = [{ opened: minutes.times.opened ?? event.at, adjourned: null, reason: null, seq: event.seq }];
    const sitting = minutes.sittings.at(-1)!;
    Object.assign(sitting, { adjourned: event.at, reason: d.reason });
    for (const pause of minutes.pauses) pause.to ??= event.at;
    say(w.t('chron.adjourned', { actor, reason: d.reason }));
  });
  on('hearing.live', () => {
    minutes.times.inSession ??= event.at;
    say(w.t('chron.live', { actor }));
  });
  on('hearing.paused', (d) => {
    const cause = w.phrase('pause', d.cause);
    minutes.pauses.push({ cause, reason: d.reason ?? null, from: event.at, to: null });
    say(d.reason ? w.t('chron.pausedBecause', { cause, reason: d.reason }) : w.t('chron.paused', { cause }));
  });
  on('hearing.resumed', (d) => {
    const cause = w.phrase('pause', d.cause);
    const pause = minutes.pauses.findLast((p) => p.cause === cause && p.to === null);
    if (pause) pause.to = event.at;
    // Whether another cause still holds the hearing paused is the court's to say.
    say(w.t(r.court.pauses.size > 0 ? 'chron.pauseLiftedStillPaused' : 'chron.pauseLifted', { cause }));
  });
  // Publicity: the public gallery and private sittings, in the chronology (who watched is never recorded).
  on('gallery.opened', () => say(w.t('chron.galleryOpened', { actor })));
  on('gallery.closed', (d) => say(d.cause === 'judge' ? w.t('chron.galleryClosed', { actor }) : w.t(`chron.galleryClosedBy.${d.cause}`)));
  on('hearing.private_ordered', (d) => say(w.t('chron.privateOrdered', { actor, reason: d.reason })));
  on('hearing.private_lifted', () => say(w.t('chron.privateLifted', { actor })));
  on('hearing.ended', (d) => {
    minutes.times.ended = event.at;
    minutes.times.endReason = d.reason ?? null;
    minutes.times.endedBy = actorName;
    for (const pause of minutes.pauses) pause.to ??= event.at;
    say(d.reason ? w.t('chron.endedBecause', { actor, reason: d.reason }) : w.t('chron.ended', { actor }));
  });
  on('testimony.started', (d) => {
    minutes.testimony.push({ participantId: d.participantId, name: nameOf(d.participantId), started: event.at, ended: null });
    say(w.t('chron.testimonyStarted', { person: who(d.participantId) }));
  });
  on('testimony.ended', (d) => {
    const t = minutes.testimony.findLast((x) => x.participantId === d.participantId && x.ended === null);
    if (t) t.ended = event.at;
    say(w.t('chron.testimonyEnded', { person: who(d.participantId) }));
  });
  on('officer.statement', (d) => {
    minutes.officerStatement = {
      by: actorName,
      at: event.at,
      identityEstablished: d.identityEstablished,
      principlesRespected: d.principlesRespected,
      remarks: d.remarks,
      text: officerStatementText(w, d),
      seq: event.seq,
    };
    say(w.t('chron.officerStatement', { actor, statement: officerStatementText(w, d) }));
  });
  on('officer.intervened', (d) => {
    const action = w.phrase('intervention', d.action);
    minutes.interventions.push({ at: event.at, by: actorName, action, reason: d.reason, seq: event.seq });
    say(w.t('chron.intervened', { actor, action, reason: d.reason }));
  });
  on('consultation.started', (d) => {
    minutes.consultations.push({ consultationId: d.consultationId, participants: d.participantIds.map(nameOf), started: event.at, ended: null });
    say(w.t('chron.consultationStarted', { people: w.list(d.participantIds.map(who)) }));
  });
  on('consultation.ended', (d) => {
    const c = minutes.consultations.findLast((x) => x.consultationId === d.consultationId && x.ended === null);
    if (c) c.ended = event.at;
    say(w.t('chron.consultationEnded'));
  });
  on('control.muted', (d) => say(w.t('chron.muted', { actor, person: d.participantId ? who(d.participantId) : w.t('person.everyone') })));
  on('control.unmute_requested', (d) => say(w.t('chron.unmuteRequested', { actor, person: who(d.participantId) })));
  on('control.spotlight', (d) =>
    say(d.participantId ? w.t('chron.spotlight', { actor, person: who(d.participantId) }) : w.t('chron.spotlightCleared', { actor })),
  );
}

/**
 * Whether the minutes are final, and the dates the hearing sat on. They are final once the court
 * (`court`, as the covered entries leave it) has ended the hearing; a draft until then.
 */
export function finishCourse(minutes: Minutes, court: CourtroomState, covered: readonly HearingEvent[]): void {
  minutes.status = court.phase === 'ended' ? 'final' : 'draft';
  const last = minutes.times.ended ?? covered.at(-1)?.at;
  if (minutes.sittings) {
    // The days the court sat, not the weeks between its sittings.
    const days = minutes.sittings.flatMap((s) => datesBetween(s.opened, s.adjourned ?? last ?? s.opened));
    minutes.dates = [...new Set(days)].sort();
    return;
  }
  const from = minutes.times.opened ?? minutes.times.inSession;
  if (from) minutes.dates = datesBetween(from, last ?? from);
}

/** Calendar dates (UTC) from one instant to another, both included; a month at the most. */
function datesBetween(fromIso: string, toIso: string): string[] {
  const dates: string[] = [];
  const day = new Date(`${fromIso.slice(0, 10)}T00:00:00.000Z`);
  const last = toIso.slice(0, 10);
  while (dates.length < 31) {
    const iso = day.toISOString().slice(0, 10);
    dates.push(iso);
    if (iso >= last) break;
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return dates;
}
