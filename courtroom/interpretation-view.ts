/**
 * What each person is shown of the interpretation: the mode, every channel with its booth and who is
 * live on it and from what, what they themselves listen to; an interpreter also sees their own booth;
 * the presiding judge and the requested-state officer also see the requests to slow down and the
 * problems flagged.
 */
import { sameLanguage } from '../language/index.js';
import type { Participant } from '../model/hearing.js';
import { channelOf, channelsOf, liveChannelOf, sourceOf } from './interpretation.js';
import type { CourtroomState, InterpretationMode } from './state.js';
import { JUDICIAL_ROLES, shownName } from './view.js';

export interface InterpreterView {
  id: string;
  displayName: string;
  from: string;
  into: string;
  /** In the hearing now (entered, not merely on the join page). */
  connected: boolean;
  live: boolean;
  /** What they interpret from: null for the floor, or the channel they relay. */
  relayFrom: string | null;
}

export interface ChannelView {
  /** The language the channel is interpreted into; it names the channel. */
  language: string;
  /** The live interpreter, or null: the channel is silent. */
  live: string | null;
  /** What the channel carries now is interpreted from: null for the floor (or when silent), or a channel. */
  relayFrom: string | null;
  interpreters: InterpreterView[];
}

export interface InterpretationView {
  mode: InterpretationMode;
  channels: ChannelView[];
  /** What this person listens to: null for the floor alone, or a channel (with the floor quietly under it). */
  listening: string | null;
  /** Only for an interpreter: their channel and booth. */
  booth: {
    channel: string;
    live: boolean;
    relayFrom: string | null;
    partners: string[];
    /** The persons heard who speak the booth's language, and the last sound check with each. */
    soundChecks: { participantId: string; displayName: string; result: 'go' | 'no_go' | null; at: string | null }[];
  } | null;
  /** Only for the presiding judge and the requested-state officer: the latest requests to slow down, newest last. */
  slowDowns: { participantId: string; displayName: string; channel: string; at: string }[] | null;
  /** Only for the same two: every problem flagged, in order. */
  problems: { participantId: string; displayName: string; channel: string | null; text: string; at: string }[] | null;
}

export function interpretationView(
  state: CourtroomState,
  viewer: Participant,
  participants: ReadonlyMap<string, Participant>,
  connected: ReadonlySet<string>,
  listening: string | null,
): InterpretationView {
  const { interpretation } = state;
  const name = (id: string) => {
    const p = participants.get(id);
    return p ? shownName(state, p) : '';
  };
  const channels = channelsOf(participants).map(({ language, interpreters }) => {
    const live = interpretation.live.get(language) ?? null;
    return {
      language,
      live,
      relayFrom: live ? sourceOf(state, live) : null,
      interpreters: interpreters.map((p) => ({
        id: p.id,
        displayName: p.displayName,
        from: p.interprets!.from,
        into: p.interprets!.into,
        connected: connected.has(p.id),
        live: live === p.id,
        relayFrom: sourceOf(state, p.id),
      })),
    };
  });
  const ownChannel = channelOf(viewer);
  const judicial = JUDICIAL_ROLES.has(viewer.role);
  return {
    mode: interpretation.mode,
    channels,
    listening,
    booth: ownChannel
      ? {
          channel: ownChannel,
          live: liveChannelOf(state, viewer.id) === ownChannel,
          relayFrom: sourceOf(state, viewer.id),
          partners: channels
            .find((c) => c.language === ownChannel)!
            .interpreters.filter((p) => p.id !== viewer.id)
            .map((p) => p.id),
          // The persons heard who speak the booth's language: each sound check is made with one of them.
          soundChecks: [...participants.values()]
            .filter((p) => p.role === 'person_heard' && Boolean(p.language) && sameLanguage(p.language ?? '', ownChannel ?? ''))
            .map((p) => {
              const last = interpretation.soundChecks.get(p.id);
              return { participantId: p.id, displayName: name(p.id), result: last?.result ?? null, at: last?.at ?? null };
            }),
        }
      : null,
    slowDowns: judicial ? interpretation.slowDowns.map((s) => ({ ...s, displayName: name(s.participantId) })) : null,
    problems: judicial ? interpretation.problems.map((p) => ({ ...p, displayName: name(p.participantId) })) : null,
  };
}
