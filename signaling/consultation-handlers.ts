/**
 * The private consultation's key exchange: the server passes key messages between the members of a
 * consultation, and only between them. What the messages protect stays between the browsers.
 */
import type { Logger } from 'pino';
import { consultationOf } from '../courtroom/index.js';
import type { SignalingContext } from './context.js';
import { UserError } from './errors.js';
import { handle } from './handler.js';
import type { Attendee } from './presence.js';

export function registerConsultationHandlers(ctx: SignalingContext, attendee: Attendee, log: Logger): void {
  const { socket, hearing, participant } = attendee;
  handle(socket, log, 'consultation:relay', 'court.consult', async ({ consultationId, to, message }) => {
    const state = ctx.hearings.get(hearing.id)?.court?.state;
    const members = state?.consultations.get(consultationId);
    if (!state || !members || consultationOf(state, participant.id) !== consultationId) {
      throw new UserError('not_consultation_member', 'You are not in that consultation.');
    }
    if (!members.includes(to) || to === participant.id) throw new UserError('not_consultation_member', 'That person is not in your consultation.');
    ctx.presence.get(hearing.id, to)?.socket.emit('consultation:key', { consultationId, from: participant.id, message });
    return {};
  });
}
