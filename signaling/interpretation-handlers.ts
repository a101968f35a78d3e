/**
 * Interpretation over the socket and in the SFU. The court's interpretation commands go the court's
 * way (decide → record → carry out, in `courtroom-handlers.ts`); this module carries them out in the
 * media and handles the listener's own choice (`interpretation:listen`); who may hear a channel or a
 * booth line, and which channel stream is live, is the court's rule (`courtroom/media-policy.ts`).
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
import type { Logger } from 'pino';
import {
  channelOf,
  channelsOf,
  interpretationView,
  liveOnChannel,
  mayHear,
  mayUnpause,
  startingChannel,
  type CourtroomState,
  type Decided,
  type HearingEventData,
} from '../courtroom/index.js';
import type { Hearing, Participant } from '../scheduling/index.js';
import type { HearingMedia, MediaSource, ProducerInfo, StreamOrigin } from '../sfu/index.js';
import type { SignalingContext } from './context.js';
import { inHearing } from './court-broadcast.js';
import { forgetOffer, offer } from './court-media.js';
import { courtOf } from './courts.js';
import { UserError } from './errors.js';
import { handle } from './handler.js';
import type { Attendee } from './presence.js';

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



/** Channel streams are forwarded only in simultaneous mode, and only the live interpreter's. */
async function applyChannel(media: HearingMedia, state: CourtroomState, channel: string): Promise<void> {
  await media.setChannelLive(channel, liveOnChannel(state, channel));
}

/** After producing a channel stream: whatever was decided while it was being created holds for it too. */
export async function settleChannel(ctx: SignalingContext, hearingId: string, channel: string): Promise<void> {
  const court = ctx.loadedCourts.get(hearingId);
  const media = await ctx.sfu.existing(hearingId);
  if (court && media) await applyChannel(media, court.state, channel);
}

/** What an interpreter is told when the server mutes their floor microphone for simultaneous interpretation. */
export const FLOOR_MICROPHONE_MUTED =
  'Simultaneous interpretation: your floor microphone is muted. You speak into your channel; unmute to address the court.';

/** The channel a participant's `interpretation` or `booth` stream belongs to; refused for anyone without one. */
export function channelForSource(participant: Participant, source: MediaSource): string | undefined {
  if (source !== 'interpretation' && source !== 'booth') return undefined;
  const channel = channelOf(participant);
  if (!channel) throw new UserError('no_channel', 'You are not assigned to an interpretation channel in this hearing.');
  return channel;
}

/** A channel stream is unpaused by going live, never by the page: an interpreter may only pause it (cough). */
export function checkSetPaused(state: CourtroomState | undefined, participant: Participant, producer: ProducerInfo, paused: boolean): void {
  if (paused) return;
  if (!mayUnpause(state, participant, producer.source)) {
    throw new UserError('not_live', 'Your channel is switched on by going live (or when your partner hands over), not by unmuting.');
  }
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
    case 'interpretation.live':
    case 'interpretation.handover':
    case 'interpretation.released': {
      const { channel } = event.data as HearingEventData<'interpretation.live'>;
      // Whoever relays this channel, or a new source, is offered what they may now hear by the offers
      // that follow every decision (courtroom-handlers.ts).
      if (media) await applyChannel(media, state, channel);
      return;
    }
    case 'interpretation.source_set':
      return;
    case 'interpretation.mode_set': {
      if (!media) return;
      for (const { language } of channelsOf(participants)) await applyChannel(media, state, language);
      if (state.interpretation.mode === 'simultaneous') {
        // Interpreting into a channel while the floor microphone is open would put the interpretation on the floor.
        for (const attendee of ctx.presence.entered(hearing.id)) {
          if (!channelOf(attendee.participant)) continue;
          if (await media.pauseSource(attendee.participant.id, 'microphone')) {
            attendee.socket.emit('court:muted', { message: FLOOR_MICROPHONE_MUTED });
          }
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

export function registerInterpretationHandlers(ctx: SignalingContext, attendee: Attendee, log: Logger): void {
  const { socket, hearing, participant } = attendee;

  handle(socket, log, 'interpretation:listen', 'media.receive', async ({ channel }) => {
    const participants = await ctx.store.participants.listByHearing(hearing.id);
    if (channel !== null && !channelsOf(participants).some((c) => c.language === channel)) {
      throw new UserError('no_such_channel', `This hearing has no ${channel} channel.`);
    }
    attendee.listening = channel;
    const media = await ctx.sfu.existing(hearing.id);
    const court = await courtOf(ctx, hearing.id);
    if (media) {
      // The channel left is cut at once; the chosen one's streams are offered on the same connection.
      const cut = media.closeConsumersWhere(
        (holder, _owner, _kind, origin) => holder === participant.id && !mayHear(court.state, participant, channel, origin),
      );
      for (const closed of cut) forgetOffer(ctx, hearing.id, closed);
      for (const producer of media.producers()) if (producer.source === 'interpretation' && producer.channel === channel) void offer(ctx, log, attendee, producer);
    }
    const byId = new Map(participants.map((p) => [p.id, p]));
    const connected = inHearing(ctx, hearing.id);
    socket.emit('interpretation:state', interpretationView(court.state, participant, byId, connected, channel));
    return { listening: channel };
  });
}
