/**
 * For the presiding judge and the requested-state officer: who in the hearing is on a degraded
 * connection, with its figures, and who receives no video (audio-only) and why — the link's
 * figures, the person's own choice, or the court's order.
 */
import type { AudioOnlyView, CourtView, LevelOnly, ParticipantView, QualityGlance } from '../../signaling/protocol.js';
import { h } from './dom.js';

const LEVELS = { good: 'good', fair: 'fair', poor: 'poor' } as const;

function why(hold: AudioOnlyView, nameOf: (id: string | null) => string): string {
  if (hold.cause === 'link') return `the connection cannot carry video${hold.reason ? `: ${hold.reason}` : ''}`;
  if (hold.cause === 'participant') return `chosen by ${nameOf(hold.by)}${hold.cameraOff ? ', camera stopped' : ''}`;
  return `ordered by ${nameOf(hold.by)}${hold.cameraOff ? ', camera stopped' : ''}`;
}

function figures(glance: QualityGlance | LevelOnly): string {
  if (!('bitrateKbps' in glance)) return '';
  const parts = [];
  if (glance.lossPercent !== null) parts.push(`${glance.lossPercent} % loss`);
  if (glance.roundTripMs !== null) parts.push(`${glance.roundTripMs} ms round trip`);
  parts.push(`${glance.bitrateKbps} kbit/s`);
  return ` (${parts.join(', ')})`;
}

export function renderConnections(
  root: HTMLElement,
  view: CourtView | null,
  glances: Readonly<Record<string, QualityGlance | LevelOnly>>,
  people: ReadonlyMap<string, ParticipantView>,
  self: ParticipantView,
): void {
  const judicial = view?.audioOnly != null;
  root.hidden = !judicial;
  if (!view || !judicial) return;
  const nameOf = (id: string | null) => (id === self.id ? 'you' : id ? people.get(id)?.displayName ?? 'a participant' : 'the server');
  const degraded = Object.entries(glances).filter(([, g]) => g.level !== 'good');
  const audioOnly = view.audioOnly ?? [];
  root.replaceChildren(
    h('h2', { id: 'connections-heading' }, 'Connections'),
    degraded.length === 0
      ? h('p', { class: 'muted' }, 'Every connection is good.')
      : h('ul', { class: 'degraded' }, ...degraded.map(([id, g]) =>
          h('li', { 'data-participant-id': id, 'data-quality': g.level }, `${nameOf(id)}: ${LEVELS[g.level]} connection${figures(g)}`))),
    h('h3', {}, 'Audio-only'),
    audioOnly.length === 0
      ? h('p', { class: 'muted' }, 'Everyone receives video.')
      : h('ul', { class: 'audio-only' }, ...audioOnly.map((p) =>
          h('li', { 'data-participant-id': p.participantId }, `${p.displayName}: ${p.holds.map((hold) => why(hold, nameOf)).join('; ')}`))),
  );
}
