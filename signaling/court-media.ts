/**
 * The court's media rule (`courtroom/media-policy.ts`) carried out at the SFU for the people
 * connected: who may receive what now, offers (created paused, resumed once the browser is ready),
 * the sweep that closes what the rule no longer allows and the offers of what it allows again, and a
 * receiver's audio-only state applied to their consumers.
 *
 * Consumers are created paused on the server, offered to the browser, and resumed only when the
 * browser acknowledges that its side exists: the first packet it gets is a keyframe it can decode.
 */
import type { Logger } from 'pino';
import { mayReceive } from '../courtroom/index.js';
import type { ProducerInfo, StreamOrigin } from '../sfu/index.js';
import type { SignalingContext } from './context.js';
import { can } from './permissions.js';
import type { Attendee } from './presence.js';
import { ConsumerAck } from './protocol.js';

/**
 * May `receiver` be sent this producer? Both must be in the courtroom, protective measures hold, and
 * an interpretation channel or booth line goes only to those who may hear it.
 */
export function mayReceiveNow(ctx: SignalingContext, receiver: Attendee, producer: Pick<ProducerInfo, 'participantId' | 'kind' | 'source' | 'channel'>): boolean {
  const origin: StreamOrigin = producer.channel === undefined ? { source: producer.source } : { source: producer.source, channel: producer.channel };
  return mayReceiveBetween(ctx, receiver.hearing.id, receiver.participant.id, producer.participantId, producer.kind, origin);
}

/** The court's rule (`courtroom/media-policy.ts`) by ids, with who is connected: used to offer, and to sweep after every decision. */
function mayReceiveBetween(ctx: SignalingContext, hearingId: string, receiverId: string, ownerId: string, kind: 'audio' | 'video', origin: StreamOrigin): boolean {
  const court = ctx.loadedCourts.get(hearingId);
  const receiving = ctx.presence.get(hearingId, receiverId);
  const owner = ctx.presence.get(hearingId, ownerId)?.participant;
  if (!court || !receiving || !owner) return false;
  return mayReceive(court.state, receiving, owner, { kind, ...origin });
}

/**
 * Closes every consumer the court's state no longer allows, whatever path created it. Run after
 * every decision, so that a consumer still being set up when the rule changed cannot survive it.
 */
export async function enforceEligibility(ctx: SignalingContext, hearingId: string): Promise<void> {
  const media = await ctx.sfu.existing(hearingId);
  if (!media) return;
  const closed = media.closeConsumersWhere((holder, owner, kind, origin) => !mayReceiveBetween(ctx, hearingId, holder, owner, kind, origin));
  for (const consumer of closed) forgetOffer(ctx, hearingId, consumer);
  if (closed.length > 0) ctx.log.info({ hearingId, closed: closed.length }, 'media the court’s rule no longer allows was closed');
}

/**
 * The hearing's media made to match the court's rule again, whatever path changed it: what the rule
 * forbids is closed, what it allows and is missing is offered. After every decision, and every few
 * seconds as a net for anything a path forgot (LiveKit's reconciler does the same).
 */
export async function reconcileMedia(ctx: SignalingContext, hearingId: string): Promise<void> {
  await enforceEligibility(ctx, hearingId);
  await offerAllowed(ctx, hearingId);
  await giveTheFloor(ctx, hearingId);
}

/** Whom the court gave the floor (the person testifying) counts at the SFU: their picture comes first. */
export async function giveTheFloor(ctx: SignalingContext, hearingId: string): Promise<void> {
  const court = ctx.loadedCourts.get(hearingId);
  const media = await ctx.sfu.existing(hearingId);
  if (court && media) media.setFloor(court.state.testimony);
}

/** Offers everyone in the hearing every stream the court's rule allows them and they do not hold yet. */
export async function offerAllowed(ctx: SignalingContext, hearingId: string): Promise<void> {
  const media = await ctx.sfu.existing(hearingId);
  if (!media) return;
  const producers = media.producers();
  for (const attendee of ctx.presence.entered(hearingId)) for (const producer of producers) void offer(ctx, ctx.log, attendee, producer);
}

export function forgetOffer(ctx: SignalingContext, hearingId: string, closed: { holderId: string; consumerId: string; producerId: string }): void {
  const holder = ctx.presence.get(hearingId, closed.holderId);
  holder?.offered.delete(closed.producerId);
  holder?.socket.emit('consumer:closed', { consumerId: closed.consumerId });
}


const CONSUMER_ACK_TIMEOUT_MS = 10_000;

/**
 * Offers one producer to one attendee, if they may receive it and have not been offered it yet,
 * and resumes it once their browser is ready. An offer the browser refuses or does not answer in
 * time is withdrawn, so no paused consumer is left behind.
 */
export async function offer(ctx: SignalingContext, log: Logger, attendee: Attendee, producer: ProducerInfo): Promise<boolean> {
  const participantId = attendee.participant.id;
  if (producer.participantId === participantId || !attendee.receiving || !attendee.rtpCapabilities) return false;
  if (!can(attendee.participant.role, 'media.receive')) return false;
  if (!mayReceiveNow(ctx, attendee, producer)) return false;
  if (attendee.offered.has(producer.producerId)) return false;
  attendee.offered.add(producer.producerId);
  const media = await ctx.sfu.hearing(attendee.hearing.id);
  let consumerId: string | undefined;
  try {
    const consumer = await media.consume(participantId, producer.producerId, attendee.rtpCapabilities);
    consumerId = consumer.consumerId;
    // The court may have decided otherwise while the consumer was being created (a consultation
    // began, someone was sent back): the rule is checked again at every step.
    if (!mayReceiveNow(ctx, attendee, producer)) throw new Error('no longer allowed');
    const answer = ConsumerAck.safeParse(
      await attendee.socket.timeout(CONSUMER_ACK_TIMEOUT_MS).emitWithAck('consumer:new', consumer),
    );
    if (!answer.success || !answer.data.ok) throw new Error('the browser did not take the stream');
    if (!mayReceiveNow(ctx, attendee, producer)) throw new Error('no longer allowed');
    await media.resumeConsumer(participantId, consumer.consumerId);
    return true;
  } catch (error) {
    // The producer may have gone, the browser left or did not answer: withdraw what was created.
    if (consumerId) {
      media.closeConsumer(participantId, consumerId);
      attendee.socket.emit('consumer:closed', { consumerId });
      attendee.offered.delete(producer.producerId);
    }
    log.debug({ err: error, producerId: producer.producerId }, 'offer not completed');
    return false;
  }
}

/**
 * Applies a participant's audio-only state from the record to their media: video off while any
 * reason holds. Only the link's own verdict keeps the speaker's camera at its lowest layer; a person
 * who chose audio-only, or whom the court put on it, receives no video at all.
 */
export async function applyAudioOnly(ctx: SignalingContext, hearingId: string, participantId: string): Promise<void> {
  const media = await ctx.sfu.existing(hearingId);
  const holds = ctx.loadedCourts.get(hearingId)?.state.audioOnly.get(participantId);
  if (!media || !ctx.presence.get(hearingId, participantId)?.entered) return;
  const off = holds && holds.size > 0 ? { keepSpeaker: holds.size === 1 && holds.has('link') } : null;
  await media.setIncomingVideo(participantId, off).catch(() => undefined); // left meanwhile
  const cameraStopped = [...(holds?.values() ?? [])].some((hold) => hold.cameraOff);
  if (cameraStopped) await media.pauseSource(participantId, 'camera').catch(() => false);
}

/** Whether the court ordered this participant's camera stopped with their audio-only (it stays off until lifted). */
export function courtStoppedCamera(ctx: SignalingContext, hearingId: string, participantId: string): boolean {
  return ctx.loadedCourts.get(hearingId)?.state.audioOnly.get(participantId)?.get('court')?.cameraOff === true;
}
