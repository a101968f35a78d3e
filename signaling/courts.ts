/**
 * Each hearing's court in session, loaded once from its record (and recovered, after a restart, by the
 * hook the signalling gives: a recording the server was writing is closed as cut short), and how a
 * participant is shown to the others.
 */
import { CourtSession, shownName, type CourtroomState } from '../courtroom/index.js';
import { functionLabel, type Participant } from '../scheduling/index.js';
import type { SignalingContext } from './context.js';
import { hearingLanguages } from './hearing-texts.js';
import type { ParticipantView } from './protocol.js';

/** The hearing's court, loaded from its record the first time it is needed and kept while this server runs. */
export function courtOf(ctx: SignalingContext, hearingId: string): Promise<CourtSession> {
  let court = ctx.courts.get(hearingId);
  if (!court) {
    court = ctx.store.events.list(hearingId).then(async (events) => {
      const opened = events.find((e) => e.type === 'hearing.opened');
      const session = CourtSession.fromRecord(events, await hearingLanguages(ctx, hearingId, opened?.at));
      // Loaded after this server started on a hearing in session: the record says the server stopped,
      // and a recording it was writing is closed as cut short — before anyone is shown the state.
      await ctx.recoverCourt?.(hearingId, session, events.at(-1)?.at);
      ctx.loadedCourts.set(hearingId, session);
      return session;
    });
    ctx.courts.set(hearingId, court);
    court.catch(() => ctx.courts.delete(hearingId));
  }
  return court;
}

/** Everyone invited to the hearing, by id, as the store has them now. */
export async function participantsOf(ctx: SignalingContext, hearingId: string): Promise<Map<string, Participant>> {
  return new Map((await ctx.store.participants.listByHearing(hearingId)).map((p) => [p.id, p]));
}

/** A participant as others see them: under a pseudonym where one was agreed. */
export function viewOf(state: CourtroomState | undefined, participant: Participant): ParticipantView {
  return {
    id: participant.id,
    displayName: state ? shownName(state, participant) : participant.displayName,
    role: participant.role,
    capacity: participant.capacity,
    functionLabel: functionLabel(participant.role, participant.capacity),
  };
}
