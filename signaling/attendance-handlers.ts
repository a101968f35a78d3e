/**
 * Entering and leaving the hearing. Entering makes a participant visible to the others; leaving,
 * closing the tab or losing the connection closes their media, removes their tile everywhere, and
 * is written to the hearing's record.
 */
import type { Logger } from 'pino';
import { hearingRoom, type SignalingContext } from './context.js';
import { UserError } from './errors.js';
import { handle } from './handler.js';
import type { Attendee } from './presence.js';
import { participantView } from './views.js';

export type LeaveReason = 'left' | 'disconnected' | 'replaced' | 'link_revoked';

export async function leave(ctx: SignalingContext, attendee: Attendee, reason: LeaveReason): Promise<void> {
  if (!attendee.entered) return;
  const { hearing, participant, socket } = attendee;
  attendee.entered = false;
  attendee.receiving = false;
  attendee.rtpCapabilities = null;
  attendee.offered.clear();
  (await ctx.sfu.existing(hearing.id))?.closeParticipant(participant.id);
  await socket.leave(hearingRoom(hearing.id));
  ctx.io.to(hearingRoom(hearing.id)).emit('participant:left', { participantId: participant.id });
  await ctx.store.events.append(hearing.id, { type: 'participant.left', actorId: participant.id, data: { reason } });
  if (ctx.presence.entered(hearing.id).length === 0) ctx.sfu.releaseWhenEmpty(hearing.id, ctx.emptyHearingGraceMs);
}

export function registerAttendanceHandlers(ctx: SignalingContext, attendee: Attendee, log: Logger): void {
  const { socket, hearing, participant } = attendee;

  handle(socket, log, 'hearing:enter', null, async ({ rtpCapabilities }) => {
    attendee.rtpCapabilities = rtpCapabilities as Attendee['rtpCapabilities'];
    if (!attendee.entered) {
      const media = await ctx.sfu.hearing(hearing.id);
      // Written before anyone is told; if the connection went away meanwhile, the record says so too.
      await ctx.store.events.append(hearing.id, { type: 'participant.entered', actorId: participant.id, data: { role: participant.role } });
      if (!ctx.presence.isCurrent(attendee)) {
        await ctx.store.events.append(hearing.id, { type: 'participant.left', actorId: participant.id, data: { reason: 'disconnected' } });
        throw new UserError('disconnected', 'The connection closed while joining. Try again.');
      }
      media.openParticipant(participant.id);
      attendee.entered = true;
      await socket.join(hearingRoom(hearing.id));
      socket.to(hearingRoom(hearing.id)).emit('participant:joined', participantView(participant));
      log.info('entered the hearing');
    }
    const others = ctx.presence.entered(hearing.id).filter((a) => a !== attendee);
    return { self: participantView(participant), participants: others.map((a) => participantView(a.participant)) };
  });

  handle(socket, log, 'hearing:leave', null, async () => {
    await leave(ctx, attendee, 'left');
    log.info('left the hearing');
    return {};
  });
}
