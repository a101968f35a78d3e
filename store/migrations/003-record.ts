import { z } from 'zod';
import { GENESIS, entryHash } from '../../record/chain.js';
import type { SqlExecutor } from '../driver.js';
import type { Migration } from './migration.js';

/**
 * The tamper-evident record: every entry of `hearing_events` carries the hash of the previous entry
 * (`prev_hash`) and its own (`hash`, see record/chain.ts), and the database refuses to change or
 * remove an entry once written.
 *
 * Entries written before this migration are chained here, in the order of their numbers, with the
 * same function the store uses when it appends. This cannot prove what happened to them before; it
 * seals them from now on, so a server upgraded with a log already in it starts normally instead of
 * refusing. A row that cannot be hashed (data that is not a JSON object) stops the migration with its
 * hearing and number, and nothing is changed.
 *
 * `signed_minutes` keeps the exact bytes of each signed version of the minutes with its signature:
 * the record's `minutes.signed` entry holds their SHA-256, so the stored copy is checked against the
 * chain, and a later change to how minutes are generated never changes what was signed. It is
 * append-only like the record.
 *
 * SQLite cannot add a NOT NULL column to a table that has rows, so there an insert trigger refuses
 * entries without well-formed hashes; PostgreSQL gets NOT NULL and a CHECK. On PostgreSQL TRUNCATE is
 * refused as well, since row triggers do not see it.
 */
const APPEND_ONLY = 'hearing_events is append-only';
const MINUTES_APPEND_ONLY = 'signed_minutes is append-only';

const SIGNED_MINUTES = `CREATE TABLE signed_minutes (
  hearing_id TEXT NOT NULL REFERENCES hearings(id),
  sha256 TEXT NOT NULL,
  minutes TEXT NOT NULL,
  signature TEXT NOT NULL,
  key_id TEXT NOT NULL,
  public_key TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  PRIMARY KEY (hearing_id, sha256)
)`;

const OldRow = z.object({
  hearing_id: z.string(),
  seq: z.coerce.number().int(),
  at: z.string(),
  actor_id: z.string().nullable(),
  type: z.string(),
  data: z.string(),
});

async function chainExistingEntries(tx: SqlExecutor): Promise<void> {
  const rows = await tx.all('SELECT hearing_id, seq, at, actor_id, type, data FROM hearing_events ORDER BY hearing_id, seq');
  let hearing: string | undefined;
  let prevHash = GENESIS;
  for (const raw of rows) {
    const row = OldRow.parse(raw);
    if (row.hearing_id !== hearing) {
      hearing = row.hearing_id;
      prevHash = GENESIS;
    }
    let data: unknown;
    try {
      data = JSON.parse(row.data);
    } catch {
      data = undefined;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new Error(`migration 3 (the record): entry ${row.seq} of hearing ${row.hearing_id} has data that is not a JSON object; nothing was changed`);
    }
    const hash = entryHash({
      hearingId: row.hearing_id,
      seq: row.seq,
      at: row.at,
      actorId: row.actor_id,
      type: row.type,
      data: data as Record<string, unknown>,
      prevHash,
    });
    await tx.run('UPDATE hearing_events SET prev_hash = ?, hash = ? WHERE hearing_id = ? AND seq = ?', [prevHash, hash, row.hearing_id, row.seq]);
    prevHash = hash;
  }
}

export const record: Migration = {
  version: 3,
  name: 'the record: hash-chained, append-only hearing events, and signed minutes',
  statements: {
    sqlite: [
      'ALTER TABLE hearing_events ADD COLUMN prev_hash TEXT',
      'ALTER TABLE hearing_events ADD COLUMN hash TEXT',
      chainExistingEntries,
      `CREATE TRIGGER hearing_events_no_update BEFORE UPDATE ON hearing_events
       BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`,
      `CREATE TRIGGER hearing_events_no_delete BEFORE DELETE ON hearing_events
       BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`,
      `CREATE TRIGGER hearing_events_hashed BEFORE INSERT ON hearing_events
       WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL OR length(NEW.hash) <> 64 OR length(NEW.prev_hash) <> 64
       BEGIN SELECT RAISE(ABORT, 'hearing_events entries must carry prev_hash and hash'); END`,
      SIGNED_MINUTES,
      `CREATE TRIGGER signed_minutes_no_update BEFORE UPDATE ON signed_minutes
       BEGIN SELECT RAISE(ABORT, '${MINUTES_APPEND_ONLY}'); END`,
      `CREATE TRIGGER signed_minutes_no_delete BEFORE DELETE ON signed_minutes
       BEGIN SELECT RAISE(ABORT, '${MINUTES_APPEND_ONLY}'); END`,
    ],
    postgres: [
      'ALTER TABLE hearing_events ADD COLUMN prev_hash TEXT, ADD COLUMN hash TEXT',
      chainExistingEntries,
      `ALTER TABLE hearing_events
         ALTER COLUMN prev_hash SET NOT NULL,
         ALTER COLUMN hash SET NOT NULL,
         ADD CONSTRAINT hearing_events_hashes_well_formed CHECK (prev_hash ~ '^[0-9a-f]{64}$' AND hash ~ '^[0-9a-f]{64}$')`,
      `CREATE FUNCTION hearing_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '${APPEND_ONLY}';
       END
       $$`,
      `CREATE TRIGGER hearing_events_no_update_or_delete BEFORE UPDATE OR DELETE ON hearing_events
       FOR EACH ROW EXECUTE FUNCTION hearing_events_append_only()`,
      `CREATE TRIGGER hearing_events_no_truncate BEFORE TRUNCATE ON hearing_events
       FOR EACH STATEMENT EXECUTE FUNCTION hearing_events_append_only()`,
      SIGNED_MINUTES,
      `CREATE FUNCTION signed_minutes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '${MINUTES_APPEND_ONLY}';
       END
       $$`,
      `CREATE TRIGGER signed_minutes_no_update_or_delete BEFORE UPDATE OR DELETE ON signed_minutes
       FOR EACH ROW EXECUTE FUNCTION signed_minutes_append_only()`,
      `CREATE TRIGGER signed_minutes_no_truncate BEFORE TRUNCATE ON signed_minutes
       FOR EACH STATEMENT EXECUTE FUNCTION signed_minutes_append_only()`,
    ],
  },
};
