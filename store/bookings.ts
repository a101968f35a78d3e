/**
 * Bookings of resources (rooms, judges, interpreters, the person heard) for hearings and their test
 * connections. Each booking also holds one `booking_buckets` row per resource and quarter hour it
 * occupies; that table's primary key is what makes a double booking impossible, on SQLite and on
 * PostgreSQL alike, even when two coordinators book at the same instant.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { BookingConflict, type ConflictingBooking } from '../scheduling/errors.js';
import { BUCKET_MINUTES } from '../scheduling/slots.js';
import type { SqlDriver, SqlExecutor } from './driver.js';

export interface NewBooking {
  resourceId: string;
  purpose: 'hearing' | 'test';
  start: string;
  end: string;
  /** Epoch minutes, buffers included, on quarter-hour boundaries. */
  occupiedFrom: number;
  occupiedTo: number;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

const OverlapRow = z.object({
  resource_id: z.string(),
  hearing_id: z.string(),
  purpose: z.enum(['hearing', 'test']),
  start_at: z.string(),
  end_at: z.string(),
});

const BusyRow = z.object({ resource_id: z.string(), occupied_from: z.coerce.number(), occupied_to: z.coerce.number() });

/** Bookings of these resources whose occupation overlaps [from, to) (epoch minutes). */
export async function overlappingBookings(db: SqlExecutor, resourceIds: readonly string[], from: number, to: number): Promise<ConflictingBooking[]> {
  if (resourceIds.length === 0) return [];
  const rows = await db.all(
    `SELECT resource_id, hearing_id, purpose, start_at, end_at FROM bookings
     WHERE resource_id IN (${placeholders(resourceIds.length)}) AND occupied_from < ? AND occupied_to > ?
     ORDER BY occupied_from`,
    [...resourceIds, to, from],
  );
  return rows.map((row) => {
    const r = OverlapRow.parse(row);
    return { resourceId: r.resource_id, hearingId: r.hearing_id, purpose: r.purpose, start: r.start_at, end: r.end_at };
  });
}

function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Inserts bookings inside the caller's transaction; throws BookingConflict instead of overlapping. */
export async function insertBookings(tx: SqlExecutor, hearingId: string, bookings: readonly NewBooking[]): Promise<void> {
  for (const booking of bookings) {
    const conflicts = await overlappingBookings(tx, [booking.resourceId], booking.occupiedFrom, booking.occupiedTo);
    if (conflicts.length > 0) throw new BookingConflict(conflicts);
    const id = randomUUID();
    try {
      await tx.run(
        `INSERT INTO bookings (id, resource_id, hearing_id, purpose, start_at, end_at, occupied_from, occupied_to, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [id, booking.resourceId, hearingId, booking.purpose, booking.start, booking.end, booking.occupiedFrom, booking.occupiedTo, new Date().toISOString()],
      );
      const buckets: number[] = [];
      for (let minute = booking.occupiedFrom; minute < booking.occupiedTo; minute += BUCKET_MINUTES) buckets.push(minute / BUCKET_MINUTES);
      for (let i = 0; i < buckets.length; i += 200) {
        const chunk = buckets.slice(i, i + 200);
        await tx.run(
          `INSERT INTO booking_buckets (resource_id, bucket, booking_id) VALUES ${chunk.map(() => '(?, ?, ?)').join(', ')}`,
          chunk.flatMap((bucket) => [booking.resourceId, bucket, id]),
        );
      }
    } catch (error) {
      // A concurrent transaction booked the same quarter hour first: the constraint refused ours.
      if (isDuplicateKey(error)) throw new BookingConflict([]);
      throw error;
    }
  }
}

export async function releaseBookings(tx: SqlExecutor, hearingId: string, purposes: readonly ('hearing' | 'test')[]): Promise<void> {
  if (purposes.length === 0) return;
  const where = `hearing_id = ? AND purpose IN (${placeholders(purposes.length)})`;
  await tx.run(`DELETE FROM booking_buckets WHERE booking_id IN (SELECT id FROM bookings WHERE ${where})`, [hearingId, ...purposes]);
  await tx.run(`DELETE FROM bookings WHERE ${where}`, [hearingId, ...purposes]);
}

export function bookingRepository(db: SqlDriver) {
  return {
    /** Busy occupations per resource within [from, to), sorted: what the slot finder needs. */
    async busy(resourceIds: readonly string[], from: number, to: number, exceptHearingId = ''): Promise<Map<string, [number, number][]>> {
      const busy = new Map<string, [number, number][]>(resourceIds.map((id) => [id, []]));
      if (resourceIds.length === 0) return busy;
      const rows = await db.all(
        `SELECT resource_id, occupied_from, occupied_to FROM bookings
         WHERE resource_id IN (${placeholders(resourceIds.length)}) AND occupied_from < ? AND occupied_to > ? AND hearing_id <> ?
         ORDER BY resource_id, occupied_from`,
        [...resourceIds, to, from, exceptHearingId],
      );
      for (const row of rows) {
        const r = BusyRow.parse(row);
        busy.get(r.resource_id)?.push([r.occupied_from, r.occupied_to]);
      }
      return busy;
    },
    overlapping: (resourceIds: readonly string[], from: number, to: number) => overlappingBookings(db, resourceIds, from, to),
    async ofHearing(hearingId: string): Promise<ConflictingBooking[]> {
      const rows = await db.all('SELECT resource_id, hearing_id, purpose, start_at, end_at FROM bookings WHERE hearing_id = ? ORDER BY start_at', [hearingId]);
      return rows.map((row) => {
        const r = OverlapRow.parse(row);
        return { resourceId: r.resource_id, hearingId: r.hearing_id, purpose: r.purpose, start: r.start_at, end: r.end_at };
      });
    },
    /** Books in one transaction outside any workflow step: the benchmark fills a calendar this way. */
    async book(hearingId: string, bookings: readonly NewBooking[]): Promise<void> {
      await db.transaction((tx) => insertBookings(tx, hearingId, bookings));
    },
  };
}
export type BookingRepository = ReturnType<typeof bookingRepository>;
