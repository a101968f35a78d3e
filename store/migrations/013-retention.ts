import { postgresWriteOnce, type Migration } from './migration.js';

/**
 * Retention (retention/): how long each authority keeps a closed hearing's recordings, the personal
 * data gathered to run it, and the court's file itself; and what was deleted, when, under which rule.
 *
 * - `authorities.retention_*_days`: the authority's periods, counted from the hearing's close; null
 *   keeps that category until the authority sets a period.
 * - `record_personal_data`: the personal values of record entries (a confirmed name, an identity
 *   document's fingerprint and last digits), kept beside the entry. The entry itself holds only a
 *   salted commitment to each (store/events.ts), so erasing these rows leaves every hash of the chain
 *   as it was: the record still verifies, and shows which values were erased. A value is never
 *   changed, and removed only once the log shows the hearing's personal data (or file) deleted.
 * - `retention_log`: one row per hearing and category deleted, written once and never changed; for a
 *   deleted record it is what remains — the number of its last entry and that entry's hash.
 * - The record and the signed minutes stay append-only, except that a hearing whose record the log
 *   shows deleted under its authority's rule may have its entries removed, in the same transaction
 *   that writes that row.
 */
const LOG_WRITE_ONCE = 'retention_log is written once';
const APPEND_ONLY = 'hearing_events is append-only';
const MINUTES_APPEND_ONLY = 'signed_minutes is append-only';
const RECORD_DELETED = "EXISTS (SELECT 1 FROM retention_log WHERE retention_log.hearing_id = OLD.hearing_id AND retention_log.category = 'record')";
const PERSONAL_ERASED =
  "EXISTS (SELECT 1 FROM retention_log WHERE retention_log.hearing_id = OLD.hearing_id AND retention_log.category IN ('personal_data', 'record'))";
const VALUES_KEPT = 'record_personal_data is kept until the retention rules erase it';

const SHARED = [
  'ALTER TABLE authorities ADD COLUMN retention_recordings_days INTEGER',
  'ALTER TABLE authorities ADD COLUMN retention_personal_days INTEGER',
  'ALTER TABLE authorities ADD COLUMN retention_record_days INTEGER',
  `CREATE TABLE record_personal_data (
     hearing_id TEXT NOT NULL REFERENCES hearings(id),
     seq INTEGER NOT NULL,
     field TEXT NOT NULL,
     value TEXT NOT NULL,
     salt TEXT NOT NULL,
     PRIMARY KEY (hearing_id, seq, field)
   )`,
  `CREATE TABLE retention_log (
     hearing_id TEXT NOT NULL,
     category TEXT NOT NULL,
     authority_id TEXT,
     rule_days INTEGER NOT NULL,
     closed_at TEXT NOT NULL,
     applied_at TEXT NOT NULL,
     detail TEXT NOT NULL,
     PRIMARY KEY (hearing_id, category)
   )`,
];

/** A PostgreSQL trigger function that refuses every change but the deletion of rows the log allows (`allowed`: a condition on OLD). */
function postgresAppendOnlyUnlessDeleted(name: string, message: string, allowed = RECORD_DELETED): string {
  return `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP = 'DELETE' THEN
           IF ${allowed} THEN
             RETURN OLD;
           END IF;
         END IF;
         RAISE EXCEPTION '${message}';
       END
       $$`;
}

export const retention: Migration = {
  version: 13,
  name: 'retention periods per authority, personal data kept apart from the record, and the retention log',
  statements: {
    sqlite: [
      ...SHARED,
      `CREATE TRIGGER retention_log_no_update BEFORE UPDATE ON retention_log BEGIN SELECT RAISE(ABORT, '${LOG_WRITE_ONCE}'); END`,
      `CREATE TRIGGER retention_log_no_delete BEFORE DELETE ON retention_log BEGIN SELECT RAISE(ABORT, '${LOG_WRITE_ONCE}'); END`,
      'DROP TRIGGER hearing_events_no_delete',
      `CREATE TRIGGER hearing_events_no_delete BEFORE DELETE ON hearing_events WHEN NOT ${RECORD_DELETED}
       BEGIN SELECT RAISE(ABORT, '${APPEND_ONLY}'); END`,
      'DROP TRIGGER signed_minutes_no_delete',
      `CREATE TRIGGER signed_minutes_no_delete BEFORE DELETE ON signed_minutes WHEN NOT ${RECORD_DELETED}
       BEGIN SELECT RAISE(ABORT, '${MINUTES_APPEND_ONLY}'); END`,
      `CREATE TRIGGER record_personal_data_no_update BEFORE UPDATE ON record_personal_data BEGIN SELECT RAISE(ABORT, '${VALUES_KEPT}'); END`,
      `CREATE TRIGGER record_personal_data_no_delete BEFORE DELETE ON record_personal_data WHEN NOT ${PERSONAL_ERASED}
       BEGIN SELECT RAISE(ABORT, '${VALUES_KEPT}'); END`,
    ],
    postgres: [
      ...SHARED,
      ...postgresWriteOnce('retention_log', 'retention_log_write_once', LOG_WRITE_ONCE),
      postgresAppendOnlyUnlessDeleted('hearing_events_append_only', APPEND_ONLY),
      postgresAppendOnlyUnlessDeleted('signed_minutes_append_only', MINUTES_APPEND_ONLY),
      postgresAppendOnlyUnlessDeleted('record_personal_data_kept', VALUES_KEPT, PERSONAL_ERASED),
      `CREATE TRIGGER record_personal_data_no_update_or_delete BEFORE UPDATE OR DELETE ON record_personal_data
       FOR EACH ROW EXECUTE FUNCTION record_personal_data_kept()`,
      `CREATE TRIGGER record_personal_data_no_truncate BEFORE TRUNCATE ON record_personal_data
       FOR EACH STATEMENT EXECUTE FUNCTION record_personal_data_kept()`,
    ],
  },
};
