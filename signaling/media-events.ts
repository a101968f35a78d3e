/**
 * A hearing router's events routed to the participants' pages: consumers closed, paused and resumed,
 * a receiver's incoming video switched, who is speaking; and a handover in the booth followed by the
 * recording. Connected once per router, when the SFU opens it.
 */
import type { HearingMedia } from '../sfu/index.js';
import { hearingRoom, type SignalingContext } from './context.js';

/** Routes a hearing router's events to the participants' connections; called once per router. */
export function routeMediaEvents(ctx: SignalingContext, media: HearingMedia): void {
  const hearingId = media.hearingId;
  const socketOf = (participantId: string) => ctx.presence.get(hearingId, participantId)?.socket;
  media.on('consumer-closed', (participantId, consumerId) => socketOf(participantId)?.emit('consumer:closed', { consumerId }));
  media.on('consumer-paused', (participantId, consumerId) => socketOf(participantId)?.emit('consumer:paused', { consumerId }));
  media.on('consumer-resumed', (participantId, consumerId) => socketOf(participantId)?.emit('consumer:resumed', { consumerId }));
  media.on('incoming-video', (participantId, state) => socketOf(participantId)?.emit('media:incoming-video', state));
  media.on('speakers', (levels) => ctx.io.local.to(hearingRoom(hearingId)).emit('speakers', { levels }));
  // A handover in the booth: the recording of the channel follows the interpreter now live.
  media.on(
    'channel-changed',
    () =>
      void ctx.hearings
        .get(hearingId)
        ?.media.reconcile()
        .catch((err: unknown) => ctx.log.error({ err, hearingId }, 'could not follow the channel in the recording')),
  );
}
