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
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { HEARING_EVENTS, PERSONAL_FIELDS, PersonalCommitment, type HearingEventType } from '../model/events.js';
import { GENESIS, canonicalJson, entryHash, personalCommitment } from '../record/chain.js';
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

/** One personal value of an entry, as kept beside it. */
export interface PersonalValue {
  seq: number;
  field: string;
  /** The value's canonical JSON. */
  value: string;
  salt: string;
}

/**
 * An entry's data split for writing: what is hashed and stored in the entry (each personal value
 * replaced by its salted commitment), and the personal values to keep beside it.
 */
function keepApart(type: string, data: Record<string, unknown>): { stored: Record<string, unknown>; personal: Omit<PersonalValue, 'seq'>[] } {
  const fields = PERSONAL_FIELDS[type as HearingEventType] ?? [];
  const stored = { ...data };
  const personal: Omit<PersonalValue, 'seq'>[] = [];
  for (const field of fields) {
    if (data[field] === undefined) continue;
    const salt = randomBytes(16).toString('hex');
    const value = canonicalJson(data[field]);
    stored[field] = { personal: personalCommitment(salt, value) };
    personal.push({ field, value, salt });
  }
  return { stored, personal };
}

/** An entry's data as its readers use it: each personal value put back, or marked erased where the retention rules erased it. */
function withPersonalValues(event: HearingEvent, values: ReadonlyMap<string, string>): HearingEvent {
  const fields = PERSONAL_FIELDS[event.type as HearingEventType];
  if (!fields) return event;
  const data = { ...event.data };
  for (const field of fields) {
    const commitment = PersonalCommitment.safeParse(data[field]);
    if (!commitment.success) continue; // written in the clear, before values were kept apart
    const value = values.get(`${event.seq} ${field}`);
    data[field] = value === undefined ? { personal: commitment.data.personal, erased: true } : JSON.parse(value);
  }
  return { ...event, data };
}

const PersonalRow = z.object({ seq: z.coerce.number().int(), field: z.string(), value: z.string(), salt: z.string() });

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

    /** The record as its readers use it: personal values put back beside their commitments (or marked erased). */
    async list(hearingId: string): Promise<HearingEvent[]> {
      // The entries first, then their values: an entry read is committed with its values, so they are found.
      const rows = await db.all('SELECT * FROM hearing_events WHERE hearing_id = ? ORDER BY seq', [hearingId]);
      const personal = await db.all('SELECT seq, field, value, salt FROM record_personal_data WHERE hearing_id = ?', [hearingId]);
      const values = new Map(personal.map((row) => PersonalRow.parse(row)).map((p) => [`${p.seq} ${p.field}`, p.value]));
      return rows.map((row) => withPersonalValues(toEvent(row), values));
    },
    /** The personal values kept beside a hearing's entries, with their salts: for the verifier and the export. */
    async personalValues(hearingId: string): Promise<PersonalValue[]> {
      const rows = await db.all('SELECT seq, field, value, salt FROM record_personal_data WHERE hearing_id = ? ORDER BY seq, field', [hearingId]);
      return rows.map((row) => PersonalRow.parse(row));
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
        // Personal values are kept beside the entry; the entry, and so the chain, holds their commitments.
        const { stored, personal } = keepApart(event.type, event.data);
        const content = { hearingId, seq, at, actorId: event.actorId, type: event.type, data: stored, prevHash };
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
        for (const p of personal) {
          await tx.run('INSERT INTO record_personal_data (hearing_id, seq, field, value, salt) VALUES (?, ?, ?, ?, ?)', [
            hearingId,
            seq,
            p.field,
            p.value,
            p.salt,
          ]);
        }
        written.push({ ...content, data: event.data, hash });
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
