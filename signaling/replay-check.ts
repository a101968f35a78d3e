/**
 * Whether the court state each loaded hearing runs on equals the state rebuilt from its record alone.
 * They differ only if something changed the live state without writing it, or wrote what the live
 * state never saw — exactly what would make a hearing rebuilt after a restart, or on another node,
 * not the hearing the court was holding. Checked in the queue, so no decision is half-way.
 */
import { CourtSession, stateFingerprint } from '../courtroom/index.js';
import type { SignalingContext } from './context.js';

export interface ReplayDifference {
  hearingId: string;
  live: string;
  replayed: string;
}

export async function replayDifferences(ctx: SignalingContext): Promise<ReplayDifference[]> {
  const differences: ReplayDifference[] = [];
  for (const { id: hearingId, court: session, fence } of ctx.hearings.all()) {
    await session.run(async () => {
      // A hearing another server has taken since is that server's to answer for.
      const lease = await ctx.store.leases.current(hearingId);
      if (lease?.epoch !== fence.epoch) return;
      const replayed = CourtSession.fromRecord(await ctx.store.events.list(hearingId));
      const live = stateFingerprint(session.state);
      const again = stateFingerprint(replayed.state);
      if (live !== again) differences.push({ hearingId, live, replayed: again });
    });
  }
  return differences;
}
