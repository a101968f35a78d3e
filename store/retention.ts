/**
 * What the retention rules delete, and the log of what they deleted (migration 13). Each deletion is
 * one transaction with its row in `retention_log`, written once: a deletion is never half done, never
 * done twice, and never unlogged. The rules themselves — which hearing, when, under whose periods —
 * are retention/'s; this file only knows the tables.
 */
import { z } from 'zod';
import type { SqlDriver, SqlExecutor, SqlValue } from './driver.js';

export const RETENTION_CATEGORIES = ['recordings', 'personal_data', 'record'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/** One deletion as logged: of what, under which authority's period, counted from when, and what it removed. */
export interface RetentionEntry {
  hearingId: string;
  category: RetentionCategory;
  authorityId: string | null;
  ruleDays: number;
  closedAt: string;
  appliedAt: string;
  detail: Record<string, unknown>;
}

/**
 * A hearing that is over for good, and since when: one whose minutes were transmitted (the record's
 * `minutes.transmitted`; counted from the end the record holds), or whose request was refused or
 * cancelled before it was heard (from its last step). A
 * hearing ended but whose minutes are still being signed is not: nothing of it may go before the
 * court has finished its minutes.
 */
export interface ClosedHearing {
  hearingId: string;
  authorityId: string | null;
  closedAt: string;
}

const LogRow = z.object({
  hearing_id: z.string(),
  category: z.enum(RETENTION_CATEGORIES),
  authority_id: z.string().nullable(),
  rule_days: z.coerce.number().int(),
  closed_at: z.string(),
  applied_at: z.string(),
  detail: z.string().transform((text) => z.record(z.string(), z.unknown()).parse(JSON.parse(text))),
});

const ClosedRow = z.object({
  id: z.string(),
  scheduled_end: z.string(),
  authority_id: z.string().nullable(),
  updated_at: z.string().nullable(),
  ended_at: z.string().nullable(),
});

const TestResultContacts = z.object({ contacts: z.unknown().optional() }).passthrough();

/** The word the retention rules leave where a person's contact details were. */
export const ERASED = 'erased under the retention rules';

function toEntry(row: unknown): RetentionEntry {
  const r = LogRow.parse(row);
  return {
    hearingId: r.hearing_id,
    category: r.category,
    authorityId: r.authority_id,
    ruleDays: r.rule_days,
    closedAt: r.closed_at,
    appliedAt: r.applied_at,
    detail: r.detail,
  };
}

/** Writes the log row unless one is there (two servers sweeping at once: one writes it, the other learns it was done). */
async function logOnce(tx: SqlExecutor, entry: RetentionEntry): Promise<boolean> {
  const written = await tx.run(
    `INSERT INTO retention_log (hearing_id, category, authority_id, rule_days, closed_at, applied_at, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (hearing_id, category) DO NOTHING`,
    [entry.hearingId, entry.category, entry.authorityId, entry.ruleDays, entry.closedAt, entry.appliedAt, JSON.stringify(entry.detail)],
  );
  return written > 0;
}

async function count(tx: SqlExecutor, sql: string, params: readonly SqlValue[]): Promise<number> {
  const [row] = await tx.all(sql, params);
  return Number(row?.n ?? 0);
}

export function retentionRepository(db: SqlDriver) {
  return {
    /** Every hearing that is over (closed, its minutes sent, or its request refused or cancelled) and not yet deleted whole. */
    async closedHearings(): Promise<ClosedHearing[]> {
      const rows = await db.all(
        `SELECT h.id, h.scheduled_end, r.requesting_authority_id AS authority_id, r.updated_at,
                (SELECT MIN(e.at) FROM hearing_events e WHERE e.hearing_id = h.id AND e.type = 'hearing.ended') AS ended_at
         FROM hearings h LEFT JOIN hearing_requests r ON r.hearing_id = h.id
         WHERE h.status IN ('closed', 'minutes_transmitted', 'refused')
           AND (EXISTS (SELECT 1 FROM hearing_events e WHERE e.hearing_id = h.id AND e.type = 'minutes.transmitted')
                OR NOT EXISTS (SELECT 1 FROM hearing_events e WHERE e.hearing_id = h.id AND e.type = 'hearing.ended'))
         ORDER BY h.id`,
      );
      return rows.map((row) => {
        const r = ClosedRow.parse(row);
        return { hearingId: r.id, authorityId: r.authority_id, closedAt: r.ended_at ?? r.updated_at ?? r.scheduled_end };
      });
    },

    /** What the rules deleted of a hearing, in the order it was deleted. */
    async log(hearingId: string): Promise<RetentionEntry[]> {
      return (await db.all('SELECT * FROM retention_log WHERE hearing_id = ? ORDER BY applied_at, category', [hearingId])).map(toEntry);
    },

    /** Logs the deletion of a hearing's recordings (the folders are removed by the caller, first); false if already logged. */
    async recordingsDeleted(entry: Omit<RetentionEntry, 'category'>): Promise<boolean> {
      return db.transaction((tx) => logOnce(tx, { ...entry, category: 'recordings' }));
    },

    /**
     * Erases the personal data gathered to run a hearing: the personal values kept beside its record
     * (their commitments stay in the entries, so the chain still verifies), the participants' e-mail
     * addresses, every join link, letters not yet sent, and the test connection's contact people.
     * Names stay: the court's file names who took part until the file itself is deleted.
     */
    async erasePersonalData(entry: Omit<RetentionEntry, 'category' | 'detail'>): Promise<RetentionEntry | null> {
      return db.transaction(async (tx) => {
        const { hearingId } = entry;
        const people = 'SELECT id FROM participants WHERE hearing_id = ?';
        const detail = {
          recordValues: await count(tx, 'SELECT COUNT(*) AS n FROM record_personal_data WHERE hearing_id = ?', [hearingId]),
          emailAddresses: await count(tx, `SELECT COUNT(*) AS n FROM participant_contacts WHERE email IS NOT NULL AND participant_id IN (${people})`, [
            hearingId,
          ]),
          links: await count(tx, 'SELECT COUNT(*) AS n FROM join_tokens WHERE hearing_id = ?', [hearingId]),
          lettersUnsent: await count(tx, "SELECT COUNT(*) AS n FROM mail_outbox WHERE hearing_id = ? AND state = 'pending'", [hearingId]),
          testContacts: await eraseTestContacts(tx, hearingId, 'count'),
        };
        const logged = { ...entry, category: 'personal_data' as const, detail };
        // The log row first: a second sweep finds it and leaves the hearing alone.
        if (!(await logOnce(tx, logged))) return null;
        await tx.run('DELETE FROM record_personal_data WHERE hearing_id = ?', [hearingId]);
        await tx.run(`UPDATE participant_contacts SET email = NULL WHERE participant_id IN (${people})`, [hearingId]);
        await tx.run('DELETE FROM join_tokens WHERE hearing_id = ?', [hearingId]);
        await tx.run('DELETE FROM mail_outbox WHERE hearing_id = ?', [hearingId]);
        await eraseTestContacts(tx, hearingId, 'erase');
        return logged;
      });
    },

    /**
     * Deletes the court's file of a hearing whole — its record, signed minutes, request and exchange,
     * participants, bookings, bundle and what remains of its links and letters — leaving only the
     * log row, which names the record's last entry and hash so that a copy kept elsewhere can still
     * be matched to what was deleted. The log row is written first, in the same transaction: it is
     * what the database's append-only rules accept a record's deletion on (migration 13).
     */
    async deleteRecord(entry: Omit<RetentionEntry, 'category' | 'detail'>): Promise<RetentionEntry | null> {
      return db.transaction(async (tx) => {
        const { hearingId } = entry;
        const [last] = await tx.all('SELECT seq, hash FROM hearing_events WHERE hearing_id = ? ORDER BY seq DESC LIMIT 1', [hearingId]);
        const [hearing] = await tx.all('SELECT case_reference FROM hearings WHERE id = ?', [hearingId]);
        const minutes = await tx.all('SELECT sha256 FROM signed_minutes WHERE hearing_id = ? ORDER BY signed_at', [hearingId]);
        const detail = {
          caseReference: hearing ? String(hearing.case_reference) : null,
          entries: last ? Number(last.seq) : 0,
          lastHash: last ? String(last.hash) : null,
          signedMinutes: minutes.map((m) => String(m.sha256)),
        };
        const logged = { ...entry, category: 'record' as const, detail };
        if (!(await logOnce(tx, logged))) return null;
        const people = 'SELECT id FROM participants WHERE hearing_id = ?';
        // The person heard was booked as a resource of the request (so two hearings never summon her at once): she goes with the file.
        const [request] = await tx.all('SELECT resource_ids FROM hearing_requests WHERE hearing_id = ?', [hearingId]);
        const resourceIds = request ? z.array(z.string()).parse(JSON.parse(String(request.resource_ids))) : [];
        for (const sql of [
          'DELETE FROM record_personal_data WHERE hearing_id = ?',
          'DELETE FROM hearing_events WHERE hearing_id = ?',
          'DELETE FROM signed_minutes WHERE hearing_id = ?',
          'DELETE FROM request_events WHERE hearing_id = ?',
          'DELETE FROM booking_buckets WHERE booking_id IN (SELECT id FROM bookings WHERE hearing_id = ?)',
          'DELETE FROM bookings WHERE hearing_id = ?',
          'DELETE FROM mail_outbox WHERE hearing_id = ?',
          'DELETE FROM join_tokens WHERE hearing_id = ?',
          `DELETE FROM participant_contacts WHERE participant_id IN (${people})`,
          'DELETE FROM exhibits WHERE hearing_id = ?',
          'DELETE FROM consultation_documents WHERE hearing_id = ?',
          'DELETE FROM hearing_leases WHERE hearing_id = ?',
          'DELETE FROM hearing_requests WHERE hearing_id = ?',
          'DELETE FROM participants WHERE hearing_id = ?',
          'DELETE FROM hearings WHERE id = ?',
        ]) {
          await tx.run(sql, [hearingId]);
        }
        for (const id of resourceIds) await tx.run("DELETE FROM resources WHERE id = ? AND kind = 'person'", [id]);
        return logged;
      });
    },
  };
}
export type RetentionRepository = ReturnType<typeof retentionRepository>;

/** The test connection's contact people, in the request and in the exchange's log: counted, or replaced by the word that they were erased. */
async function eraseTestContacts(tx: SqlExecutor, hearingId: string, what: 'count' | 'erase'): Promise<number> {
  let erased = 0;
  const [request] = await tx.all('SELECT test_result FROM hearing_requests WHERE hearing_id = ?', [hearingId]);
  if (request?.test_result) {
    const result = TestResultContacts.parse(JSON.parse(String(request.test_result)));
    if (result.contacts !== undefined) {
      if (what === 'erase')
        await tx.run('UPDATE hearing_requests SET test_result = ? WHERE hearing_id = ?', [
          JSON.stringify({ ...result, contacts: { requesting: ERASED, requested: ERASED } }),
          hearingId,
        ]);
      erased += 1;
    }
  }
  for (const row of await tx.all("SELECT seq, data FROM request_events WHERE hearing_id = ? AND type = 'request.record_test'", [hearingId])) {
    const data = TestResultContacts.parse(JSON.parse(String(row.data)));
    if (data.contacts === undefined) continue;
    if (what === 'erase')
      await tx.run('UPDATE request_events SET data = ? WHERE hearing_id = ? AND seq = ?', [
        JSON.stringify({ ...data, contacts: { requesting: ERASED, requested: ERASED } }),
        hearingId,
        Number(row.seq),
      ]);
    erased += 1;
  }
  return erased;
}
