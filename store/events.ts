/**
 * The hearing's event log — the record: what happened, when, and who did it, in order. Entries refer
 * to participants by id; names live only in the participants table.
 *
 * Each entry is chained to the one before (record/chain.ts): `append` reads the previous entry's hash,
 * computes the new entry's hash and inserts both in one transaction, so an entry is durable and
 * chained before the caller acknowledges the action it records. The database refuses UPDATE and
 * DELETE on this table (migration 3). Only types in the catalogue (courtroom/events.ts) are written,
 * with their data checked against its schema.
 */
import { z } from 'zod';
import { HEARING_EVENTS } from '../model/events.js';
import { GENESIS, canonicalJson, entryHash } from '../record/chain.js';
import type { Row, SqlDriver } from './driver.js';
import { type Fence, LeaseLost } from './leases.js';

export interface HearingEvent {
  hearingId: string;
  seq: number;
  at: string;
  actorId: string | null;
  type: string;
  data: Record<string, unknown>;
  /** The previous entry's hash (64 zeros for the first). */
  prevHash: string;
  /** SHA-256 of this entry's canonical encoding, hex. */
  hash: string;
}

export type NewHearingEvent = Pick<HearingEvent, 'type' | 'actorId' | 'data'>;

/** An entry the catalogue does not allow; nothing was written. */
export class EventRejected extends Error {
  override name = 'EventRejected';
  constructor(
    readonly code: 'unknown_event_type' | 'invalid_event_data',
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const EventRow = z.object({
  hearing_id: z.string(),
  seq: z.coerce.number().int(),
  at: z.string(),
  actor_id: z.string().nullable(),
  type: z.string(),
  data: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});

const EventData = z.record(z.string(), z.unknown());

function toEvent(row: unknown): HearingEvent {
  const r = EventRow.parse(row);
  return {
    hearingId: r.hearing_id,
    seq: r.seq,
    at: r.at,
    actorId: r.actor_id,
    type: r.type,
    data: EventData.parse(JSON.parse(r.data)),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The catalogued schema's reading of `data`, or EventRejected naming the type or the field. */
function checkedData(event: NewHearingEvent): Record<string, unknown> {
  const schema = Object.hasOwn(HEARING_EVENTS, event.type) ? HEARING_EVENTS[event.type as keyof typeof HEARING_EVENTS] : undefined;
  if (!schema) {
    throw new EventRejected('unknown_event_type', `event type "${event.type}" is not in the catalogue (courtroom/events.ts); add it there before writing it`);
  }
  // Strict at the top level: a field the catalogue does not know would be kept in the record
  // without a meaning anyone agreed on.
  const parsed = schema.strict().safeParse(event.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    const detail = issue?.code === 'unrecognized_keys' ? `unknown field(s) ${issue.keys.join(', ')}` : (issue?.message ?? 'is malformed');
    throw new EventRejected('invalid_event_data', `event "${event.type}"${field ? ` field "${field}"` : ''}: ${detail}`, field);
  }
  return parsed.data as Record<string, unknown>;
}

export function eventRepository(db: SqlDriver) {
  /**
   * Appends several entries as one: all are written, in order and chained, or none is. A decision
   * of the court that is several events (an intervention and the pause it causes) is never half
   * recorded.
   */
  async function appendAll(hearingId: string, events: readonly NewHearingEvent[], fence?: Fence): Promise<HearingEvent[]> {
    const checked = events.map((event) => ({ ...event, data: checkedData(event) }));
    if (checked.length === 0) return [];
    for (let attempt = 1; ; attempt++) {
      try {
        return await appendOnce(hearingId, checked, fence);
      } catch (error) {
        if (attempt >= MAX_APPEND_ATTEMPTS || !isDuplicateKey(error)) throw error;
      }
    }
  }

  return {
    /**
     * Appends one entry, chained to the previous one, and resolves once it is durable. Two appends
     * racing for the same number (possible on PostgreSQL, where transactions run side by side) retry
     * with the next number and the new previous hash.
     */
    async append(hearingId: string, event: NewHearingEvent, fence?: Fence): Promise<HearingEvent> {
      const [entry] = await appendAll(hearingId, [event], fence);
      return entry!;
    },
    appendAll,

    async list(hearingId: string): Promise<HearingEvent[]> {
      const rows = await db.all('SELECT * FROM hearing_events WHERE hearing_id = ? ORDER BY seq', [hearingId]);
      return rows.map(toEvent);
    },
    /**
     * The rows exactly as the database holds them, unparsed, in number order: for the verifier,
     * which must not trust this repository's reading of them.
     */
    async rawRows(hearingId: string): Promise<Row[]> {
      return db.all('SELECT hearing_id, seq, at, actor_id, type, data, prev_hash, hash FROM hearing_events WHERE hearing_id = ? ORDER BY seq', [hearingId]);
    },
  };

  function appendOnce(hearingId: string, events: readonly NewHearingEvent[], fence: Fence | undefined): Promise<HearingEvent[]> {
    return db.transaction(async (tx) => {
      // The lease first, in the same transaction: on PostgreSQL the row stays locked until this append
      // commits, so a server taking the hearing waits for it, and one that lost it writes nothing.
      if (
        fence &&
        (await tx.run('UPDATE hearing_leases SET epoch = epoch WHERE hearing_id = ? AND holder = ? AND epoch = ?', [hearingId, fence.holder, fence.epoch])) ===
          0
      ) {
        throw new LeaseLost(hearingId, fence);
      }
      const [last] = await tx.all('SELECT seq, hash FROM hearing_events WHERE hearing_id = ? ORDER BY seq DESC LIMIT 1', [hearingId]);
      let seq = last ? Number(last.seq) : 0;
      let prevHash = last ? String(last.hash) : GENESIS;
      const at = new Date().toISOString();
      const written: HearingEvent[] = [];
      for (const event of events) {
        seq += 1;
        const content = { hearingId, seq, at, actorId: event.actorId, type: event.type, data: event.data, prevHash };
        const hash = entryHash(content);
        await tx.run('INSERT INTO hearing_events (hearing_id, seq, at, actor_id, type, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
          hearingId,
          seq,
          content.at,
          content.actorId,
          content.type,
          canonicalJson(content.data),
          prevHash,
          hash,
        ]);
        written.push({ ...content, hash });
        prevHash = hash;
      }
      return written;
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
