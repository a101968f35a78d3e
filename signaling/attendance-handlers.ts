/**
 * Entering and leaving the hearing over the socket. Entering is written to the hearing's record before
 * anyone is told; the court's rule decides where the person goes (the waiting room or the courtroom).
 * Leaving is `departure.ts`.
 */
import type { Logger } from 'pino';
import { isInCourtroom, onArrival, type Decided } from '../courtroom/index.js';
import { everyoneRoom, hearingRoom, type SignalingContext } from './context.js';
import { runCourt } from './court-decisions.js';
import { leave } from './departure.js';
import { courtOf, hearingOf, viewOf } from './courts.js';
import { UserError } from './errors.js';
import { handle } from './handler.js';
import type { Attendee } from './presence.js';
import { writeToRecord } from './record-writer.js';

export function registerAttendanceHandlers(ctx: SignalingContext, attendee: Attendee, log: Logger): void {
  const { socket, hearing, participant } = attendee;

  handle(socket, log, 'hearing:enter', null, async ({ rtpCapabilities, canSeal }) => {
    attendee.rtpCapabilities = rtpCapabilities as Attendee['rtpCapabilities'];
    attendee.canSeal = canSeal === true;
    if (!attendee.entered) {
      const media = await ctx.sfu.hearing(hearing.id);
      // Written before anyone is told; if the connection went away meanwhile, the record says so too.
      const live = await hearingOf(ctx, hearing.id);
      await writeToRecord(ctx, live, participant.id, [{ type: 'participant.entered', data: { role: participant.role } } as Decided]);
      if (!ctx.presence.isCurrent(attendee)) {
        await writeToRecord(ctx, live, participant.id, [{ type: 'participant.left', data: { reason: 'disconnected' } } as Decided]);
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
        socket.local.to(hearingRoom(hearing.id)).emit('participant:joined', viewOf(state, participant));
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
