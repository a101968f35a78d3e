/**
 * Each hearing's court in session: loaded once from its record into a `LiveHearing` (and recovered,
 * after a restart: a recording the server was writing is closed as cut short, and resumed where it
 * may be), and how a participant is shown to the others.
 */
import { CourtSession, shownName, type CourtroomState } from '../courtroom/index.js';
import { functionLabel, type Participant } from '../scheduling/index.js';
import type { HearingEvent } from '../store/index.js';
import type { SignalingContext } from './context.js';
import { hearingLanguages } from './hearing-texts.js';
import type { LiveHearing } from './live-hearing.js';
import type { ParticipantView } from './protocol.js';

/** The hearing's court, loaded from its record the first time it is needed and kept while this server runs. */
export async function courtOf(ctx: SignalingContext, hearingId: string): Promise<CourtSession> {
  return (await ctx.hearings.open(hearingId)).court;
}

/** The hearing in session, loaded from its record the first time it is needed. */
export function hearingOf(ctx: SignalingContext, hearingId: string): Promise<LiveHearing> {
  return ctx.hearings.open(hearingId);
}

/**
 * The court rebuilt from the hearing's record alone, with the texts in force when it opened: what a
 * server holds after loading it, before any recovery. `lastEntryAt`: when the record last heard from it.
 */
export async function courtFromRecord(
  ctx: Pick<SignalingContext, 'store'>,
  hearingId: string,
): Promise<{ court: CourtSession; lastEntryAt: string | undefined; entries: HearingEvent[] }> {
  const events = await ctx.store.events.list(hearingId);
  const opened = events.find((e) => e.type === 'hearing.opened');
  const court = CourtSession.fromRecord(events, await hearingLanguages(ctx, hearingId, opened?.at));
  return { court, lastEntryAt: events.at(-1)?.at, entries: events };
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
