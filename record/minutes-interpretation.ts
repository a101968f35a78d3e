/**
 * The interpretation part of the minutes, read from the record: the channels and their interpreters
 * with their language pairs, who interpreted which channel from when to when and from what (the floor
 * or a relay), each handover, the modes, the requests to slow down and the problems flagged.
 */
import type { Participant } from '../scheduling/index.js';
import type { MinutesReading } from './minutes-reading.js';
import type { InterpretationMinutes } from './minutes-types.js';
import type { MinutesWords } from './minutes-words.js';

export function emptyInterpretationMinutes(participants: readonly Participant[], nameOf: (id: string) => string, w: MinutesWords): InterpretationMinutes {
  const channels = new Map<string, InterpretationMinutes['channels'][number]['interpreters']>();
  for (const p of participants) {
    if (p.role !== 'interpreter' || !p.interprets) continue;
    const list = channels.get(p.interprets.into) ?? [];
    list.push({
      participantId: p.id,
      name: nameOf(p.id),
      pair: w.t('channel.pair', { from: w.languageName(p.interprets.from), into: w.languageName(p.interprets.into) }),
    });
    channels.set(p.interprets.into, list);
  }
  return {
    channels: [...channels]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([language, interpreters]) => ({ language, languageName: w.languageName(language), interpreters })),
    periods: [],
    handovers: [],
    modes: [],
    slowDowns: [],
    problems: [],
  };
}

/** Reads one entry of the record into the interpretation minutes and says it in the chronology; ignores every other entry. */
export function readInterpretation(r: MinutesReading): void {
  const { event, w, on, say } = r;
  const { nameOf, who } = r.names;
  const minutes = r.minutes.interpretation;
  const channelName = (channel: string) => w.t('channel', { language: w.languageName(channel) });
  const source = (relayFrom: string | null) => (relayFrom === null ? w.t('channel.floor') : w.t('channel.relay', { channel: channelName(relayFrom) }));
  const open = (channel: string, participantId: string, relayFrom: string | null) =>
    minutes.periods.push({
      channel,
      participantId,
      name: nameOf(participantId),
      source: source(relayFrom),
      from: event.at,
      to: null,
      endedBy: null,
      seq: event.seq,
    });
  const close = (channel: string, participantId: string | null, endedBy: string) => {
    const period = minutes.periods.findLast((p) => p.channel === channel && p.to === null && (participantId === null || p.participantId === participantId));
    if (period) Object.assign(period, { to: event.at, endedBy });
  };

  on('interpretation.mode_set', (d) => {
    minutes.modes.push({ mode: d.mode, at: event.at, by: r.actorName, seq: event.seq });
    say(w.t('chron.interpretationMode', { actor: r.actor, mode: w.phrase('mode', d.mode) }));
  });
  on('interpretation.live', (d) => {
    open(d.channel, d.participantId, d.relayFrom);
    say(w.t('chron.interpretationLive', { person: who(d.participantId), channel: channelName(d.channel), source: source(d.relayFrom) }));
  });
  on('interpretation.handover', (d) => {
    close(d.channel, d.from, w.t('interpretationEnd.handedOver', { name: nameOf(d.to) }));
    open(d.channel, d.to, d.relayFrom);
    minutes.handovers.push({ channel: d.channel, at: event.at, from: nameOf(d.from), to: nameOf(d.to), seq: event.seq });
    say(w.t('chron.interpretationHandover', { from: who(d.from), channel: channelName(d.channel), to: who(d.to), source: source(d.relayFrom) }));
  });
  on('interpretation.released', (d) => {
    const how = w.phrase('interpretationEnd', d.reason);
    close(d.channel, d.participantId, how);
    say(w.t('chron.interpretationReleased', { person: who(d.participantId), channel: channelName(d.channel), how }));
  });
  on('interpretation.source_set', (d) => {
    // A new stretch begins only for the one the court has live on the channel.
    if (r.court.interpretation.live.get(d.channel) === d.participantId) {
      close(d.channel, d.participantId, w.t('interpretationEnd.sourceChanged', { source: source(d.relayFrom) }));
      open(d.channel, d.participantId, d.relayFrom);
    }
    say(w.t('chron.interpretationSource', { person: who(d.participantId), channel: channelName(d.channel), source: source(d.relayFrom) }));
  });
  on('interpretation.slow_down', (d) => {
    minutes.slowDowns.push({ channel: d.channel, at: event.at, name: nameOf(d.participantId), seq: event.seq });
    say(w.t('chron.interpretationSlowDown', { person: who(d.participantId), channel: channelName(d.channel) }));
  });
  on('interpretation.problem', (d) => {
    minutes.problems.push({ channel: d.channel, at: event.at, name: nameOf(d.participantId), text: d.text, seq: event.seq });
    say(
      d.channel
        ? w.t('chron.interpretationProblemOn', { person: who(d.participantId), channel: channelName(d.channel), text: d.text })
        : w.t('chron.interpretationProblem', { person: who(d.participantId), text: d.text }),
    );
  });
  // Every line of the live captions, in the minutes as written: only where a captioner wrote one.
  on('caption.line', (d) => {
    (minutes.captions ??= []).push({ at: event.at, name: nameOf(d.participantId), language: d.language, text: d.text, seq: event.seq });
  });
  on('interpretation.sound_checked', (d) => {
    const link = (f: { roundTripMs?: number; audioLossPercent?: number }) =>
      f.roundTripMs === undefined && f.audioLossPercent === undefined
        ? w.t('soundCheck.noFigures')
        : w.t('soundCheck.link', { roundTrip: f.roundTripMs ?? '—', loss: f.audioLossPercent ?? '—' });
    const figures = w.t('soundCheck.figures', { interpreter: link(d.figures.interpreter), person: link(d.figures.person) });
    (minutes.soundChecks ??= []).push({
      at: event.at,
      interpreter: nameOf(d.interpreterId),
      person: nameOf(d.participantId),
      go: d.result === 'go',
      figures,
      note: d.note ?? null,
      seq: event.seq,
    });
    say(
      w.t(d.result === 'go' ? 'chron.soundCheckGo' : 'chron.soundCheckNoGo', {
        interpreter: who(d.interpreterId),
        person: who(d.participantId),
        figures,
      }),
    );
  });
  on('hearing.ended', () => {
    for (const period of minutes.periods) if (period.to === null) Object.assign(period, { to: event.at, endedBy: w.t('interpretationEnd.hearingEnded') });
  });
}
