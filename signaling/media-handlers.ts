/**
 * Media requests of one connection: transports, producers, and the readiness to receive that
 * starts the offers (`court-media.ts`), and the hearing router's events routed to the pages.
 */
import type { Logger } from 'pino';
import type { HearingMedia, ProducerInfo } from '../sfu/index.js';
import { UserError } from './errors.js';
import { hearingRoom, type SignalingContext } from './context.js';
import { handle, requirePermission } from './handler.js';
import { can, sendActionFor } from './permissions.js';
import type { Attendee } from './presence.js';
import { startsPaused } from '../courtroom/index.js';
import { channelForSource, checkSetPaused, FLOOR_MICROPHONE_MUTED, settleChannel } from './interpretation-handlers.js';
import { applyAudioOnly, courtStoppedCamera, offer } from './court-media.js';
import { ConsumerAck } from './protocol.js';
import { enforceRecording } from './recording-handlers.js';

const SEND_ACTIONS = ['media.send_audio', 'media.send_video', 'media.share_screen'] as const;

/** Routes a hearing router's events to the participants' connections; called once per router. */
export function routeMediaEvents(ctx: SignalingContext, media: HearingMedia): void {
  const hearingId = media.hearingId;
  const socketOf = (participantId: string) => ctx.presence.get(hearingId, participantId)?.socket;
  media.on('consumer-closed', (participantId, consumerId) => socketOf(participantId)?.emit('consumer:closed', { consumerId }));
  media.on('consumer-paused', (participantId, consumerId) => socketOf(participantId)?.emit('consumer:paused', { consumerId }));
  media.on('consumer-resumed', (participantId, consumerId) => socketOf(participantId)?.emit('consumer:resumed', { consumerId }));
  media.on('incoming-video', (participantId, state) => socketOf(participantId)?.emit('media:incoming-video', state));
  media.on('speakers', (levels) => ctx.io.to(hearingRoom(hearingId)).emit('speakers', { levels }));
  // A handover in the booth: the recording of the channel follows the interpreter now live.
  media.on('channel-changed', () => void enforceRecording(ctx, hearingId).catch((err: unknown) => ctx.log.error({ err, hearingId }, 'could not follow the channel in the recording')));
}

function mediaOf(ctx: SignalingContext, hearingId: string): Promise<HearingMedia> {
  return ctx.sfu.hearing(hearingId);
}


export function registerMediaHandlers(ctx: SignalingContext, attendee: Attendee, log: Logger): void {
  const { socket, hearing, participant } = attendee;
  const inHearing = async (): Promise<HearingMedia> => {
    if (!attendee.entered) throw new UserError('not_in_hearing', 'Join the hearing first.');
    const media = await mediaOf(ctx, hearing.id);
    if (!attendee.entered) throw new UserError('not_in_hearing', 'Join the hearing first.');
    // After a media restart the new router learns of the participant here.
    media.openParticipant(participant.id);
    return media;
  };

  handle(socket, log, 'media:capabilities', null, async () => {
    const media = await mediaOf(ctx, hearing.id);
    return { routerRtpCapabilities: media.rtpCapabilities };
  });

  handle(socket, log, 'transport:create', null, async ({ direction }) => {
    if (direction === 'recv') requirePermission(socket, 'media.receive');
    else if (!SEND_ACTIONS.some((action) => can(participant.role, action))) requirePermission(socket, 'media.send_audio');
    const media = await inHearing();
    if (direction === 'recv') {
      // A new receiving transport replaces the old one and everything consumed on it.
      attendee.receiving = false;
      attendee.offered.clear();
    }
    return { transport: await media.createTransport(participant.id, direction), iceServers: ctx.iceServersFor(participant.id) };
  });

  handle(socket, log, 'transport:connect', null, async ({ transportId, dtlsParameters }) => {
    await (await inHearing()).connectTransport(participant.id, transportId, dtlsParameters);
    return {};
  });

  handle(socket, log, 'transport:restart-ice', null, async ({ transportId }) => {
    // Fresh TURN credentials too: a hearing can outlast the ones the transport was created with.
    return { iceParameters: await (await inHearing()).restartIce(participant.id, transportId), iceServers: ctx.iceServersFor(participant.id) };
  });

  handle(socket, log, 'producer:create', null, async ({ transportId, kind, source, rtpParameters, paused }) => {
    requirePermission(socket, sendActionFor(source));
    if (source === 'camera' && ctx.loadedCourts.get(hearing.id)?.state.protections.get(participant.id)?.audioOnly) {
      throw new UserError('audio_only', 'The court has ordered that you take part by audio only.');
    }
    const channel = channelForSource(participant, source);
    const media = await inHearing();
    const court = ctx.loadedCourts.get(hearing.id);
    // The court's order to stop the camera holds for every new camera stream too (a device switch, a reconnection).
    const cameraHeld = source === 'camera' && courtStoppedCamera(ctx, hearing.id, participant.id);
    const startPaused = cameraHeld || startsPaused(court?.state, participant, source, paused);
    const producer = await media.produce(participant.id, transportId, kind, source, rtpParameters, startPaused, channel);
    // The server muted what the page sent open: the page must show it, or the person believes they are heard.
    if (source === 'microphone' && startPaused && paused !== true) socket.emit('court:muted', { message: FLOOR_MICROPHONE_MUTED });
    // A handover decided while the stream was being created holds for it too.
    if (source === 'interpretation' && channel) await settleChannel(ctx, hearing.id, channel);
    log.info({ producerId: producer.producerId, source }, 'producing');
    for (const other of ctx.presence.entered(hearing.id)) void offer(ctx, log, other, producer);
    // A recording running follows the new stream if its sender may be recorded.
    void enforceRecording(ctx, hearing.id).catch((err: unknown) => log.error({ err }, 'could not follow the new stream in the recording'));
    return { producer };
  });

  handle(socket, log, 'producer:close', null, async ({ producerId }) => {
    (await inHearing()).closeProducer(participant.id, producerId);
    return {};
  });

  handle(socket, log, 'producer:set-paused', null, async ({ producerId, paused }) => {
    const media = await inHearing();
    const producer = media.describeProducer(participant.id, producerId);
    checkSetPaused(ctx.loadedCourts.get(hearing.id)?.state, participant, producer, paused);
    if (producer.source === 'camera' && !paused && courtStoppedCamera(ctx, hearing.id, participant.id)) {
      throw new UserError('camera_off', 'The court has switched your camera off. It comes back when the court lifts its order.');
    }
    await media.setProducerPaused(participant.id, producerId, paused);
    return {};
  });

  handle(socket, log, 'consumers:ready', 'media.receive', async () => {
    const media = await inHearing();
    // Audio-only chosen or ordered before a reconnection holds on the new connection, before any video is offered.
    await applyAudioOnly(ctx, hearing.id, participant.id);
    attendee.receiving = true;
    const offered = await Promise.all(media.producers().map((producer) => offer(ctx, log, attendee, producer)));
    return { consumers: offered.filter(Boolean).length };
  });
}
