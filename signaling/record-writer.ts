/**
 * The only way the live service writes a hearing's record. Each call is one transaction, and what it
 * wrote is folded into the live court state as it is written, so that the state rebuilt from the
 * record (after a restart, or on another node) is the state the court acted on. Entries that the
 * court's state does not read (minutes, custody) are written by their own services; `apply` ignores them.
 */
import type { CourtSession, Decided } from '../courtroom/index.js';
import type { HearingEvent } from '../store/index.js';
import type { SignalingContext } from './context.js';

/** Writes and folds; the caller is already in the hearing's queue (a decision of the court). */
export async function writeInQueue(
  ctx: SignalingContext,
  session: CourtSession,
  hearingId: string,
  actorId: string | null,
  events: readonly Decided[],
): Promise<HearingEvent[]> {
  const written = await ctx.store.events.appendAll(
    hearingId,
    events.map((event) => ({ type: event.type, actorId, data: event.data })),
  );
  for (const entry of written) session.record(entry);
  return written;
}

/** Writes and folds in the hearing's queue, after every decision already waiting: the record keeps the order in which the court learnt things. */
export function writeToRecord(
  ctx: SignalingContext,
  session: CourtSession,
  hearingId: string,
  actorId: string | null,
  events: readonly Decided[],
): Promise<HearingEvent[]> {
  return session.run(() => writeInQueue(ctx, session, hearingId, actorId, events));
}
