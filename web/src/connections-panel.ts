/**
 * For the presiding judge and the requested-state officer: who in the hearing is on a degraded
 * connection, with its figures, and who receives no video (audio-only) and why — the link's
 * figures, the person's own choice, or the court's order. In the judge's or officer's language.
 */
import type { AudioOnlyView, CourtView, LevelOnly, ParticipantView, QualityGlance } from '../../signaling/protocol.js';
import { h } from './dom.js';
import type { PageLanguage } from './page-language.js';

function why(w: PageLanguage, hold: AudioOnlyView, nameOf: (id: string | null) => string): string {
  if (hold.cause === 'link') return hold.reason ? w.t('connections.linkReason', { reason: hold.reason }) : w.t('connections.link');
  const who = w.t(hold.cause === 'participant' ? 'connections.chosen' : 'connections.ordered', { name: nameOf(hold.by) });
  return hold.cameraOff ? w.t('connections.cameraStopped', { what: who }) : who;
}

function figures(w: PageLanguage, glance: QualityGlance | LevelOnly): string {
  if (!('bitrateKbps' in glance)) return '';
  const parts = [];
  if (glance.lossPercent !== null) parts.push(w.t('connections.loss', { percent: glance.lossPercent }));
  if (glance.roundTripMs !== null) parts.push(w.t('connections.roundTrip', { ms: glance.roundTripMs }));
  parts.push(w.t('connections.bitrate', { kbps: glance.bitrateKbps }));
  return ` (${parts.join(', ')})`;
}

export function renderConnections(
  w: PageLanguage,
  root: HTMLElement,
  view: CourtView | null,
  glances: Readonly<Record<string, QualityGlance | LevelOnly>>,
  people: ReadonlyMap<string, ParticipantView>,
  self: ParticipantView,
): void {
  const judicial = view?.audioOnly != null;
  // An ended hearing has no connections left to watch: its minutes take the room.
  root.hidden = !judicial || view?.phase === 'ended';
  if (!view || !judicial) return;
  const nameOf = (id: string | null) =>
    id === self.id ? w.t('court.you') : id ? (people.get(id)?.displayName ?? w.t('court.someone')) : w.t('connections.theServer');
  const degraded = Object.entries(glances).filter(([, g]) => g.level !== 'good');
  const audioOnly = view.audioOnly ?? [];
  // Folded while all is well; it opens by itself when one more connection is in trouble, and stays as
  // the judge left it otherwise.
  const problems = degraded.length + audioOnly.length;
  const before = root.querySelector('details');
  const open = before ? before.open || problems > Number(root.dataset.problems ?? 0) : problems > 0;
  root.dataset.problems = String(problems);
  const details = h(
    'details',
    { open: open || undefined },
    h(
      'summary',
      {},
      h('h2', { id: 'connections-heading' }, w.t('connections.heading')),
      ' ',
      h('span', { class: 'summary' }, w.t('connections.summary', { count: problems })),
    ),
  );
  root.replaceChildren(details);
  details.append(
    degraded.length === 0
      ? h('p', { class: 'muted' }, w.t('connections.allGood'))
      : h(
          'ul',
          { class: 'degraded' },
          ...degraded.map(([id, g]) =>
            h(
              'li',
              { 'data-participant-id': id, 'data-quality': g.level },
              w.t('connections.degraded', { name: nameOf(id), level: g.level, figures: figures(w, g) }),
            ),
          ),
        ),
    h('h3', {}, w.t('connections.audioOnly')),
    audioOnly.length === 0
      ? h('p', { class: 'muted' }, w.t('connections.everyoneVideo'))
      : h(
          'ul',
          { class: 'audio-only' },
          ...audioOnly.map((p) =>
            h('li', { 'data-participant-id': p.participantId }, `${p.displayName}: ${p.holds.map((hold) => why(w, hold, nameOf)).join('; ')}`),
          ),
        ),
  );
}
