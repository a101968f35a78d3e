/**
 * Interpretation's rules, pure like the rest of the court's: a hearing has one channel per language
 * its interpreters interpret into; each channel has at most one live interpreter; an interpreter
 * interprets the floor or relays another channel (never in a circle, never from a silent one); the
 * live interpreter hands the channel to a booth partner in one step; the presiding judge switches
 * between simultaneous and consecutive interpretation. Every change is an event of the record, so
 * the minutes can say who interpreted which channel when, and from what.
 */
import type { Participant } from '../model/hearing.js';
import type { CourtCommand } from './commands.js';
import { sameLanguage } from '../language/index.js';
import { CourtError, type CourtContext, type Decided } from './outcome.js';
import type { HearingEventData, HearingEventType } from '../model/events.js';
import type { CourtroomState } from './state.js';

/** A second request to slow down from the same interpreter within this time is the same request. */
const SLOW_DOWN_REPEAT_MS = 5_000;

const event = <T extends HearingEventType>(type: T, data: HearingEventData<T>): Decided => ({ type, data }) as Decided;

export interface Channel {
  /** The language the channel is interpreted into; it names the channel. */
  language: string;
  /** Everyone assigned to the channel (the booth), in the order they were added to the hearing. */
  interpreters: Participant[];
}

/** The channel an interpreter serves, or null for anyone else. */
export function channelOf(participant: Participant): string | null {
  return participant.role === 'interpreter' ? (participant.interprets?.into ?? null) : null;
}

/** The hearing's channels: one per language its interpreters interpret into, in alphabetical order. */
export function channelsOf(participants: ReadonlyMap<string, Participant> | Iterable<Participant>): Channel[] {
  const list = participants instanceof Map ? [...participants.values()] : [...(participants as Iterable<Participant>)];
  const channels = new Map<string, Participant[]>();
  for (const participant of list) {
    const language = channelOf(participant);
    if (language) channels.set(language, [...(channels.get(language) ?? []), participant]);
  }
  return [...channels].sort(([a], [b]) => a.localeCompare(b)).map(([language, interpreters]) => ({ language, interpreters }));
}

/**
 * The channel a person starts on. Whoever speaks the court's language starts on the floor, which is
 * never silent while the court speaks (a channel into the court's language carries only what is
 * interpreted into it); anyone else starts on the channel into their own language, if the hearing
 * has one. Interpreters start on the floor.
 */
export function startingChannel(participant: Participant, channels: readonly Channel[], courtLanguage: string): string | null {
  const language = participant.language;
  if (participant.role === 'interpreter' || !language) return null;
  if (sameLanguage(language, courtLanguage)) return null;
  return channels.find((c) => sameLanguage(c.language, language))?.language ?? null;
}

/** Whom a channel's live interpreter interprets from: the floor (null) or the channel they relay. */
export function sourceOf(state: CourtroomState, interpreterId: string): string | null {
  return state.interpretation.relay.get(interpreterId) ?? null;
}

/**
 * Would interpreting channel `channel` from `relay` close a circle? Follows the relay chain through
 * each channel's live interpreter: if it comes back to `channel`, what the channel carries would be
 * made of itself, and nobody would be interpreting the floor.
 */
export function wouldCycle(state: CourtroomState, channel: string, relay: string): boolean {
  const seen = new Set<string>();
  for (let current: string | null = relay; current !== null; ) {
    if (current === channel) return true;
    if (seen.has(current)) return true;
    seen.add(current);
    const live = state.interpretation.live.get(current);
    current = live ? sourceOf(state, live) : null;
  }
  return false;
}

/** Refuses a relay source that does not exist, is the interpreter's own channel, is silent, or closes a circle. */
function checkSource(state: CourtroomState, ctx: CourtContext, channel: string, relay: string | null): void {
  if (relay === null) return;
  if (relay === channel) throw new CourtError('relay_own_channel', 'A channel cannot be interpreted from itself. Choose the floor or another channel.');
  if (!channelsOf(ctx.participants).some((c) => c.language === relay)) {
    throw new CourtError('no_such_channel', `This hearing has no ${relay} channel to relay from.`);
  }
  if (!state.interpretation.live.has(relay)) {
    throw new CourtError(
      'pivot_silent',
      `Nobody is live on the ${relay} channel, so it cannot be relayed. Choose the floor, or wait until someone is live on it.`,
    );
  }
  if (wouldCycle(state, channel, relay)) {
    throw new CourtError(
      'relay_cycle',
      `The ${relay} channel is itself interpreted from ${channel}: relaying it would go round in a circle. Choose the floor or another channel.`,
    );
  }
}

/** The interpreter's own channel, or a refusal when they serve none. */
function ownChannel(actor: Participant): string {
  const channel = channelOf(actor);
  if (!channel) throw new CourtError('no_channel', 'You are not assigned to an interpretation channel in this hearing.');
  return channel;
}

/** An interpreter who can go live now: connected, in the courtroom, not in a private consultation. */
function checkReady(state: CourtroomState, ctx: CourtContext, person: Participant, consulting: boolean): void {
  if (!ctx.present.has(person.id)) throw new CourtError('not_connected', `${person.displayName} is not connected.`);
  if (!state.admitted.has(person.id)) throw new CourtError('not_admitted', `${person.displayName} is not in the hearing yet.`);
  if (consulting) throw new CourtError('in_consultation', `${person.displayName} is in a private consultation.`);
}

/** The channel a person is live on, if any. */
export function liveChannelOf(state: CourtroomState, participantId: string): string | undefined {
  for (const [channel, live] of state.interpretation.live) if (live === participantId) return channel;
  return undefined;
}

/** Takes a person off the air when they can no longer interpret (left, sent back, removed, consulting). */
export function releaseIfLive(state: CourtroomState, participantId: string, reason: HearingEventData<'interpretation.released'>['reason']): Decided[] {
  const channel = liveChannelOf(state, participantId);
  return channel ? [event('interpretation.released', { channel, participantId, reason })] : [];
}

export type InterpretationCommand =
  | { name: 'interpretation:mode'; command: CourtCommand<'interpretation:mode'> }
  | { name: 'interpretation:take'; command: CourtCommand<'interpretation:take'> }
  | { name: 'interpretation:hand-over'; command: CourtCommand<'interpretation:hand-over'> }
  | { name: 'interpretation:release'; command: CourtCommand<'interpretation:release'> }
  | { name: 'interpretation:sound-check'; command: CourtCommand<'interpretation:sound-check'> }
  | { name: 'interpretation:source'; command: CourtCommand<'interpretation:source'> }
  | { name: 'interpretation:slow-down'; command: CourtCommand<'interpretation:slow-down'> }
  | { name: 'interpretation:problem'; command: CourtCommand<'interpretation:problem'> };

export function decideInterpretation(
  state: CourtroomState,
  request: InterpretationCommand,
  actor: Participant,
  ctx: CourtContext,
  consulting: (participantId: string) => boolean,
): Decided[] {
  if (state.phase === 'ended') throw new CourtError('hearing_ended', 'The hearing has ended.');
  const interpretation = state.interpretation;
  switch (request.name) {
    case 'interpretation:mode': {
      const { mode } = request.command;
      if (interpretation.mode === mode) throw new CourtError('mode_unchanged', `Interpretation is already ${mode}.`);
      return [event('interpretation.mode_set', { mode })];
    }
    case 'interpretation:take': {
      const channel = ownChannel(actor);
      const live = interpretation.live.get(channel);
      if (live === actor.id) throw new CourtError('already_live', `You are already live on the ${channel} channel.`);
      if (live && ctx.present.has(live)) {
        const name = ctx.participants.get(live)?.displayName ?? 'Your partner';
        throw new CourtError('channel_taken', `${name} is live on the ${channel} channel; they hand it over to you.`);
      }
      checkReady(state, ctx, actor, consulting(actor.id));
      const relayFrom = sourceOf(state, actor.id);
      checkSource(state, ctx, channel, relayFrom);
      // Live on the record but not connected (the server restarted under them): the channel is free.
      const gone = live ? [event('interpretation.released', { channel, participantId: live, reason: 'disconnected' })] : [];
      return [...gone, event('interpretation.live', { channel, participantId: actor.id, relayFrom })];
    }
    case 'interpretation:hand-over': {
      const channel = ownChannel(actor);
      if (interpretation.live.get(channel) !== actor.id) throw new CourtError('not_live', `You are not live on the ${channel} channel.`);
      const partners = channelsOf(ctx.participants)
        .find((c) => c.language === channel)!
        .interpreters.filter((p) => p.id !== actor.id && ctx.present.has(p.id) && state.admitted.has(p.id));
      const to = request.command.to;
      let partner: Participant | undefined;
      if (to) {
        partner = ctx.participants.get(to);
        if (!partner || channelOf(partner) !== channel) throw new CourtError('not_partner', `That person does not interpret into ${channel}.`);
      } else if (partners.length === 1) {
        partner = partners[0];
      } else if (partners.length === 0) {
        throw new CourtError('no_partner', `Nobody else on the ${channel} channel is connected and in the hearing to take over.`);
      } else {
        throw new CourtError('name_partner', 'Several partners can take over: say to whom you hand over.');
      }
      checkReady(state, ctx, partner!, consulting(partner!.id));
      const relayFrom = sourceOf(state, partner!.id);
      checkSource(state, ctx, channel, relayFrom);
      return [event('interpretation.handover', { channel, from: actor.id, to: partner!.id, relayFrom })];
    }
    case 'interpretation:release': {
      const channel = ownChannel(actor);
      if (interpretation.live.get(channel) !== actor.id) throw new CourtError('not_live', `You are not live on the ${channel} channel.`);
      return [event('interpretation.released', { channel, participantId: actor.id, reason: 'released' })];
    }
    case 'interpretation:source': {
      const channel = ownChannel(actor);
      const relayFrom = request.command.relay;
      if (relayFrom === sourceOf(state, actor.id)) return [];
      checkSource(state, ctx, channel, relayFrom);
      return [event('interpretation.source_set', { channel, participantId: actor.id, relayFrom })];
    }
    case 'interpretation:slow-down': {
      const channel = ownChannel(actor);
      // A button pressed twice is one request: the judge is shown it once, the record holds it once.
      const last = interpretation.slowDowns.findLast((s) => s.participantId === actor.id);
      if (last && ctx.now && Date.parse(ctx.now) - Date.parse(last.at) < SLOW_DOWN_REPEAT_MS) {
        throw new CourtError('slow_down_sent', 'Your request to slow down has just been sent to the judge.');
      }
      return [event('interpretation.slow_down', { channel, participantId: actor.id })];
    }
    case 'interpretation:sound-check': {
      const { participantId, result, note } = request.command;
      const channel = ownChannel(actor);
      const person = ctx.participants.get(participantId);
      if (!person || person.role !== 'person_heard') throw new CourtError('not_person_heard', 'A sound check is made with the person heard.');
      const language = person.language ?? ctx.courtLanguage;
      if (!sameLanguage(language, channel))
        throw new CourtError('not_her_interpreter', `${person.displayName} speaks ${language}: the sound check is for the interpreter into ${language}.`);
      checkReady(state, ctx, actor, consulting(actor.id));
      checkReady(state, ctx, person, consulting(person.id));
      const figures = (id: string) => {
        const link = ctx.links?.get(id);
        return {
          ...(link?.roundTripMs === undefined ? {} : { roundTripMs: link.roundTripMs }),
          ...(link?.audioLossPercent === undefined ? {} : { audioLossPercent: link.audioLossPercent }),
        };
      };
      return [
        event('interpretation.sound_checked', {
          interpreterId: actor.id,
          participantId: person.id,
          language: channel,
          result,
          ...(note ? { note } : {}),
          figures: { interpreter: figures(actor.id), person: figures(person.id) },
        }),
      ];
    }
    case 'interpretation:problem': {
      const { channel, text } = request.command;
      if (channel !== null && !channelsOf(ctx.participants).some((c) => c.language === channel)) {
        throw new CourtError('no_such_channel', `This hearing has no ${channel} channel.`);
      }
      return [event('interpretation.problem', { participantId: actor.id, channel, text })];
    }
  }
}
