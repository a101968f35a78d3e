/**
 * The hearing's event log: what happened, when, and who did it, in order. Entries refer to
 * participants by id; names live only in the participants table.
 */
import { z } from 'zod';
import type { SqlDriver } from './driver.js';

export interface HearingEvent {
  hearingId: string;
  seq: number;
  at: string;
  actorId: string | null;
  type: string;
  data: Record<string, unknown>;
}

export type NewHearingEvent = Pick<HearingEvent, 'type' | 'actorId' | 'data'>;

const EventRow = z.object({
  hearing_id: z.string(),
  seq: z.coerce.number().int(),
  at: z.string(),
  actor_id: z.string().nullable(),
  type: z.string(),
  data: z.string(),
});

const EventData = z.record(z.string(), z.unknown());

function toEvent(row: unknown): HearingEvent {
  const r = EventRow.parse(row);
  return { hearingId: r.hearing_id, seq: r.seq, at: r.at, actorId: r.actor_id, type: r.type, data: EventData.parse(JSON.parse(r.data)) };
}

export function eventRepository(db: SqlDriver) {
  return {
    /**
     * Appends one entry and resolves once it is durable. Two appends racing for the same number
     * (possible on PostgreSQL, where transactions run side by side) retry with the next one.
     */
    async append(hearingId: string, event: NewHearingEvent): Promise<HearingEvent> {
      for (let attempt = 1; ; attempt++) {
        try {
          return await appendOnce(hearingId, event);
        } catch (error) {
          if (attempt >= MAX_APPEND_ATTEMPTS || !isDuplicateKey(error)) throw error;
        }
      }
    },
    async list(hearingId: string): Promise<HearingEvent[]> {
      const rows = await db.all('SELECT * FROM hearing_events WHERE hearing_id = ? ORDER BY seq', [hearingId]);
      return rows.map(toEvent);
    },
  };

  function appendOnce(hearingId: string, event: NewHearingEvent): Promise<HearingEvent> {
    return db.transaction(async (tx) => {
      const [last] = await tx.all('SELECT MAX(seq) AS seq FROM hearing_events WHERE hearing_id = ?', [hearingId]);
      const seq = Number(last?.seq ?? 0) + 1;
      const entry: HearingEvent = { hearingId, seq, at: new Date().toISOString(), ...event };
      await tx.run(
        'INSERT INTO hearing_events (hearing_id, seq, at, actor_id, type, data) VALUES (?, ?, ?, ?, ?, ?)',
        [hearingId, seq, entry.at, entry.actorId, entry.type, JSON.stringify(entry.data)],
      );
      return entry;
    });
  }
}

const MAX_APPEND_ATTEMPTS = 50;

/** PostgreSQL's unique_violation, or SQLite's primary-key constraint. */
function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
export type EventRepository = ReturnType<typeof eventRepository>;
