/**
 * Leaving the hearing — by choice, by closing the tab, by losing the connection, by a link withdrawn
 * or replaced by another window: the participant's media is closed, their tile removed everywhere,
 * their connection figures and their departure written to the hearing's record, and the court's
 * rule on departures applied (a consultation ends when a member goes).
 */
import { onDeparture, type Decided } from '../courtroom/index.js';
import { everyoneRoom, hearingRoom, type SignalingContext } from './context.js';
import { runCourt } from './court-decisions.js';
import type { Attendee } from './presence.js';
import { recordQualityOnLeaving } from './quality-record.js';

export type LeaveReason = 'left' | 'disconnected' | 'replaced' | 'link_revoked' | 'adjourned';

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
  ctx.io.local.to(hearingRoom(hearing.id)).emit('participant:left', { participantId: participant.id });
  await recordQualityOnLeaving(ctx, hearing, participant);
  await runCourt(ctx, hearing, participant, (state, court) => [
    { type: 'participant.left', data: { reason } } as Decided,
    ...onDeparture(state, participant, court),
  ]);
  if (ctx.presence.entered(hearing.id).length === 0) ctx.sfu.releaseWhenEmpty(hearing.id, ctx.emptyHearingGraceMs);
}
