/**
 * Entering and leaving the hearing. Entering makes a participant visible to the others; leaving,
 * closing the tab or losing the connection closes their media, removes their tile everywhere, and
 * is written to the hearing's record.
 */
import type { Logger } from 'pino';
import { isInCourtroom, onArrival, onDeparture, type Decided } from '../courtroom/index.js';
import { everyoneRoom, hearingRoom, type SignalingContext } from './context.js';
import { runCourt } from './courtroom-handlers.js';
import { courtOf, viewOf } from './courts.js';
import { UserError } from './errors.js';
import { handle } from './handler.js';
import type { Attendee } from './presence.js';
import { recordQualityOnLeaving } from './quality-handlers.js';
import { writeToRecord } from './record-writer.js';

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
  await socket.leave(everyoneRoom(hearing.id));
  ctx.io.to(hearingRoom(hearing.id)).emit('participant:left', { participantId: participant.id });
  await recordQualityOnLeaving(ctx, hearing, participant);
  await runCourt(ctx, hearing, participant, (state, court) => [
    { type: 'participant.left', data: { reason } } as Decided,
    ...onDeparture(state, participant, court),
  ]);
  if (ctx.presence.entered(hearing.id).length === 0) ctx.sfu.releaseWhenEmpty(hearing.id, ctx.emptyHearingGraceMs);
}

export function registerAttendanceHandlers(ctx: SignalingContext, attendee: Attendee, log: Logger): void {
  const { socket, hearing, participant } = attendee;

  handle(socket, log, 'hearing:enter', null, async ({ rtpCapabilities, canSeal }) => {
    attendee.rtpCapabilities = rtpCapabilities as Attendee['rtpCapabilities'];
    attendee.canSeal = canSeal === true;
    if (!attendee.entered) {
      const media = await ctx.sfu.hearing(hearing.id);
      // Written before anyone is told; if the connection went away meanwhile, the record says so too.
      const session = await courtOf(ctx, hearing.id);
      await writeToRecord(ctx, session, hearing.id, participant.id, [{ type: 'participant.entered', data: { role: participant.role } } as Decided]);
      if (!ctx.presence.isCurrent(attendee)) {
        await writeToRecord(ctx, session, hearing.id, participant.id, [{ type: 'participant.left', data: { reason: 'disconnected' } } as Decided]);
        throw new UserError('disconnected', 'The connection closed while joining. Try again.');
      }
      media.openParticipant(participant.id);
      attendee.entered = true;
      await socket.join(everyoneRoom(hearing.id));
      // The court decides where they go: the judicial authorities straight in, everyone else to the
      // waiting room unless already admitted. Nobody is in the hearing by arriving early.
      await runCourt(ctx, hearing, participant, (state, court) => onArrival(state, participant, court));
      const { state } = await courtOf(ctx, hearing.id);
      if (isInCourtroom(state, participant)) {
        await socket.join(hearingRoom(hearing.id));
        socket.to(hearingRoom(hearing.id)).emit('participant:joined', viewOf(state, participant));
      }
      log.info({ inCourtroom: isInCourtroom(state, participant) }, 'entered');
    }
    const { state } = await courtOf(ctx, hearing.id);
    const others = isInCourtroom(state, participant)
      ? ctx.presence.entered(hearing.id).filter((a) => a !== attendee && isInCourtroom(state, a.participant))
      : [];
    return { self: viewOf(state, participant), participants: others.map((a) => viewOf(state, a.participant)) };
  });

  handle(socket, log, 'hearing:leave', null, async () => {
    await leave(ctx, attendee, 'left');
    log.info('left the hearing');
    return {};
  });
}
