/**
 * Each hearing's lease: which server holds the hearing in session, and the epoch it holds it at.
 * `take` is the only way to hold a hearing and always raises the epoch, so the epoch names one
 * holding and no two servers ever hold the same one; the record's appends check it (`events.ts`).
 */
import type { SqlDriver } from './driver.js';

/** What a server holding a hearing names on every append: who it is and the epoch it took. */
export interface Fence {
  holder: string;
  epoch: number;
}

/** The hearing was taken by another server since this one took it: nothing was written. */
export class LeaseLost extends Error {
  override name = 'LeaseLost';
  constructor(
    readonly hearingId: string,
    readonly fence: Fence,
  ) {
    super(`hearing ${hearingId} is no longer held by ${fence.holder} at epoch ${fence.epoch}`);
  }
}

export function leaseRepository(db: SqlDriver) {
  return {
    /** Takes the hearing for `holder`, whoever held it before, at the next epoch. */
    async take(hearingId: string, holder: string): Promise<Fence> {
      const [row] = await db.all(
        `INSERT INTO hearing_leases (hearing_id, holder, epoch, taken_at) VALUES (?, ?, 1, ?)
         ON CONFLICT (hearing_id) DO UPDATE SET holder = excluded.holder, epoch = hearing_leases.epoch + 1, taken_at = excluded.taken_at
         RETURNING epoch`,
        [hearingId, holder, new Date().toISOString()],
      );
      return { holder, epoch: Number(row!.epoch) };
    },

    /** Who holds the hearing now, if anyone has taken it. */
    async current(hearingId: string): Promise<Fence | undefined> {
      const [row] = await db.all('SELECT holder, epoch FROM hearing_leases WHERE hearing_id = ?', [hearingId]);
      return row ? { holder: String(row.holder), epoch: Number(row.epoch) } : undefined;
    },
  };
}
