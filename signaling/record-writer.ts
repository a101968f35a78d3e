/**
 * The only way the live service writes a hearing's record. Each call is one transaction, and what it
 * wrote is folded into the live court state as it is written, so that the state rebuilt from the
 * record (after a restart, or on another node) is the state the court acted on. Every append names
 * the lease this server holds the hearing under: once another server has taken the hearing, the
 * database refuses it, this server lets the hearing go, and the request is told where it stands.
 * Entries that the court's state does not read (minutes, custody) are written by their own services;
 * `apply` ignores them.
 */
import type { Decided } from '../courtroom/index.js';
import { type HearingEvent, LeaseLost } from '../store/index.js';
import type { SignalingContext } from './context.js';
import { UserError } from './errors.js';
import { letHearingGo, MOVED_MESSAGE, MOVING_MESSAGE } from './hearing-handover.js';
import type { LiveHearing } from './live-hearing.js';

/** Writes and folds; the caller is already in the hearing's queue (a decision of the court). */
export async function writeInQueue(ctx: SignalingContext, live: LiveHearing, actorId: string | null, events: readonly Decided[]): Promise<HearingEvent[]> {
  // A decision queued behind the hand-over would still pass the database's fence until the next
  // server takes the hearing: it is refused here, and the page asks again where the hearing is.
  if (live.leaving) throw new UserError('hearing_moving', MOVING_MESSAGE);
  let written: HearingEvent[];
  const started = performance.now();
  try {
    written = await ctx.store.events.appendAll(
      live.id,
      events.map((event) => ({ type: event.type, actorId, data: event.data })),
      live.fence,
    );
    ctx.meter?.recordWritten(
      (performance.now() - started) / 1000,
      written.map((entry) => entry.type),
    );
  } catch (error) {
    if (!(error instanceof LeaseLost)) throw error;
    ctx.log.warn(
      { hearingId: live.id, epoch: live.fence.epoch },
      'another server has taken this hearing; this one lets it go and writes nothing more to its record',
    );
    letHearingGo(ctx, live);
    throw new UserError('hearing_moved', MOVED_MESSAGE);
  }
  for (const entry of written) live.court.record(entry);
  return written;
}

/** Writes and folds in the hearing's queue, after every decision already waiting: the record keeps the order in which the court learnt things. */
export function writeToRecord(ctx: SignalingContext, live: LiveHearing, actorId: string | null, events: readonly Decided[]): Promise<HearingEvent[]> {
  return live.court.run(() => writeInQueue(ctx, live, actorId, events));
}
