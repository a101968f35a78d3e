/**
 * Media requests of one connection: transports, producers, and the readiness to receive that
 * starts the offers (`media-reconciler.ts`). The router's events are routed to the pages by `media-events.ts`.
 */
import type { Logger } from 'pino';
import type { HearingMedia } from '../sfu/index.js';
import { UserError } from './errors.js';
import type { SignalingContext } from './context.js';
import { handle, requirePermission } from './handler.js';
import { can, sendActionFor } from './permissions.js';
import type { Attendee } from './presence.js';
import { refusesStream, startsPaused } from '../courtroom/index.js';
import { channelForSource, checkSetPaused, FLOOR_MICROPHONE_MUTED } from './interpretation-media.js';
import { hearingOf } from './courts.js';

const SEND_ACTIONS = ['media.send_audio', 'media.send_video', 'media.share_screen'] as const;

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

  handle(socket, log, 'producer:create', null, async ({ transportId, kind, source, rtpParameters, paused, masking }) => {
    requirePermission(socket, sendActionFor(source));
    const refused = refusesStream(ctx.hearings.get(hearing.id)?.state, participant, source, masking);
    if (refused === 'audio_only') throw new UserError('audio_only', 'The court has ordered that you take part by audio only.');
    // Her page masks what the court ordered masked before it leaves her device; a page that does not
    // (an old page, a changed one) sends nothing here, so the media server never holds her unmasked.
    if (refused === 'unmasked')
      throw new UserError('unmasked', 'The court has ordered that your voice or picture be masked: reload the page to send them masked.');
    const channel = channelForSource(participant, source);
    const media = await inHearing();
    // The court's rule as the stream is created (a camera the court stopped stays stopped on a new device or connection).
    const startPaused = startsPaused(ctx.hearings.get(hearing.id)?.state, participant, source, paused);
    const producer = await media.produce(participant.id, transportId, kind, source, rtpParameters, startPaused, channel, masking);
    // The server muted what the page sent open: the page must show it, or the person believes they are heard.
    if (source === 'microphone' && startPaused && paused !== true) socket.emit('court:muted', { message: FLOOR_MICROPHONE_MUTED });
    log.info({ producerId: producer.producerId, source }, 'producing');
    // The new stream under the court's rule: a handover decided while it was being created holds for
    // it, it is offered to whoever may receive it, and a recording running follows it if it may.
    await (await hearingOf(ctx, hearing.id)).media.reconcile();
    return { producer };
  });

  handle(socket, log, 'producer:close', null, async ({ producerId }) => {
    (await inHearing()).closeProducer(participant.id, producerId);
    return {};
  });

  handle(socket, log, 'producer:set-paused', null, async ({ producerId, paused }) => {
    const media = await inHearing();
    const producer = media.describeProducer(participant.id, producerId);
    checkSetPaused(ctx.hearings.get(hearing.id)?.state, participant, producer, paused);
    await media.setProducerPaused(participant.id, producerId, paused);
    return {};
  });

  handle(socket, log, 'consumers:ready', 'media.receive', async () => {
    await inHearing();
    attendee.receiving = true;
    // Offered what the rule allows (audio-only chosen or ordered before a reconnection set first, in
    // the same pass); answered once the browser has taken (or refused) each offer.
    const plan = await (await hearingOf(ctx, hearing.id)).media.reconcile();
    const taken = await Promise.all(plan.offers.filter((o) => o.receiverId === participant.id).map((o) => o.taken));
    return { consumers: taken.filter(Boolean).length };
  });
}
