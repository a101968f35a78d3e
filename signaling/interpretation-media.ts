/**
 * Interpretation carried out in the SFU and on the pages. The court's interpretation commands go the
 * court's way (decide → record → carry out, in `court-decisions.ts`); who may hear a channel or a
 * booth line, and which channel stream is live, is the court's rule (`courtroom/media-policy.ts`), and
 * the media reconciler applies it. What is left here are the one-shot effects of a decision (the
 * floor microphones muted for simultaneous interpretation, the request to slow down) and the checks a
 * page's own media requests pass.
 *
 * What the server enforces, whatever a page does:
 * - a channel carries only its live interpreter: every other booth member's channel stream is paused
 *   at the SFU, and a handover resumes the partner's and pauses the other's together;
 * - in consecutive mode every channel is paused; in simultaneous mode the interpreters' floor
 *   microphones start muted at the server (and are muted on the switch back), so their voice reaches
 *   the floor only when they choose;
 * - a listener consumes only the channel they chose (and the floor); an interpreter also their booth
 *   partners' channel stream and the channel they relay; the booth line reaches only the booth.
 */
import { channelOf, channelsOf, mayUnpause, startingChannel, type CourtroomState, type Decided, type HearingEventData } from '../courtroom/index.js';
import type { Hearing, Participant } from '../scheduling/index.js';
import type { MediaSource, ProducerInfo } from '../sfu/index.js';
import type { SignalingContext } from './context.js';
import { courtOf } from './courts.js';
import { UserError } from './errors.js';

/**
 * The channel a person starts on when they connect: the one into their own language (as the hearing
 * has it, else as the coordinators recorded it), if there is one. The floor if anything fails.
 */
export async function startingChannelOf(ctx: SignalingContext, participant: Participant): Promise<string | null> {
  try {
    const participants = await ctx.store.participants.listByHearing(participant.hearingId);
    const court = await courtOf(ctx, participant.hearingId);
    return startingChannel(participant, channelsOf(participants), court.languages.courtLanguage);
  } catch {
    return null;
  }
}

/** What an interpreter is told when the server mutes their floor microphone for simultaneous interpretation. */
export const FLOOR_MICROPHONE_MUTED = 'Simultaneous interpretation: your floor microphone is muted. You speak into your channel; unmute to address the court.';

/** The channel a participant's `interpretation` or `booth` stream belongs to; refused for anyone without one. */
export function channelForSource(participant: Participant, source: MediaSource): string | undefined {
  if (source !== 'interpretation' && source !== 'booth') return undefined;
  const channel = channelOf(participant);
  if (!channel) throw new UserError('no_channel', 'You are not assigned to an interpretation channel in this hearing.');
  return channel;
}

/** What the page may not unpause by itself, by the court's rule: a camera the court stopped, a channel stream not live. */
export function checkSetPaused(state: CourtroomState | undefined, participant: Participant, producer: ProducerInfo, paused: boolean): void {
  if (paused || mayUnpause(state, participant, producer.source)) return;
  if (producer.source === 'camera') throw new UserError('camera_off', 'The court has switched your camera off. It comes back when the court lifts its order.');
  throw new UserError('not_live', 'Your channel is switched on by going live (or when your partner hands over), not by unmuting.');
}

/** Carries out one recorded interpretation event in the media and on the pages. */
export async function carryOutInterpretation(
  ctx: SignalingContext,
  hearing: Hearing,
  state: CourtroomState,
  participants: ReadonlyMap<string, Participant>,
  event: Decided,
): Promise<void> {
  const media = await ctx.sfu.existing(hearing.id);
  switch (event.type) {
    case 'interpretation.mode_set': {
      // Which channel stream is live follows from the court's state, by the media rule that runs
      // after every decision. What is left is the one-shot: interpreting into a channel while the
      // floor microphone is open would put the interpretation on the floor.
      if (!media || state.interpretation.mode !== 'simultaneous') return;
      for (const attendee of ctx.presence.entered(hearing.id)) {
        if (!channelOf(attendee.participant)) continue;
        if (await media.pauseSource(attendee.participant.id, 'microphone')) {
          attendee.socket.emit('court:muted', { message: FLOOR_MICROPHONE_MUTED });
        }
      }
      return;
    }
    case 'interpretation.slow_down': {
      const data = event.data as HearingEventData<'interpretation.slow_down'>;
      const interpreter = participants.get(data.participantId);
      const notice = {
        participantId: data.participantId,
        displayName: interpreter?.displayName ?? '',
        channel: data.channel,
        at: new Date().toISOString(),
        message: `${interpreter?.displayName ?? 'The interpreter'} (${data.channel}) asks the court to slow down.`,
      };
      for (const attendee of ctx.presence.connected(hearing.id)) {
        if (attendee.participant.role === 'presiding_judge' || attendee.participant.role === 'requested_officer') {
          attendee.socket.emit('interpretation:slow-down', notice);
        }
      }
      return;
    }
  }
}
