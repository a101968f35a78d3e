/**
 * Schema history. Each migration runs once, in order, inside a transaction, and is recorded in
 * `schema_migrations`. Statements are portable between SQLite and PostgreSQL unless a migration
 * gives one list per dialect. Never edit a migration that has shipped: add the next one.
 */
import type { SqlDriver } from './driver.js';
import { hearingsAndEventLog } from './migrations/001-hearings.js';
import { scheduling } from './migrations/002-scheduling.js';
import { record } from './migrations/003-record.js';
import { interpretation } from './migrations/004-interpretation.js';
import { languages } from './migrations/005-languages.js';
import { authorityTexts } from './migrations/006-authority-texts.js';
import { feedLanguages } from './migrations/007-feed-languages.js';
import { retiredResources } from './migrations/008-retired-resources.js';
import { hearingLeases } from './migrations/009-hearing-leases.js';
import { mailOutbox } from './migrations/010-mail-outbox.js';
import { exhibits } from './migrations/011-exhibits.js';
import { vulnerablePersons } from './migrations/012-vulnerable-persons.js';
import { retention } from './migrations/013-retention.js';
import { consultationDocuments } from './migrations/014-consultation-documents.js';
import type { Migration } from './migrations/migration.js';

/** In order. Each file under migrations/ holds one; add the next one there and list it here. */
export const MIGRATIONS: readonly Migration[] = [
  hearingsAndEventLog,
  scheduling,
  record,
  interpretation,
  languages,
  authorityTexts,
  feedLanguages,
  retiredResources,
  hearingLeases,
  mailOutbox,
  exhibits,
  vulnerablePersons,
  retention,
  consultationDocuments,
];

/** Any fixed number: PostgreSQL's advisory lock that lets one node migrate while the others wait. */
const MIGRATION_LOCK = 727_312_026;

/**
 * Brings the schema up to date in one transaction. On PostgreSQL an advisory lock makes nodes that
 * start together take turns, so the second finds the work done instead of failing half-way.
 */
export async function migrate(db: SqlDriver): Promise<number[]> {
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    await tx.run(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version INTEGER PRIMARY KEY,
         name TEXT NOT NULL,
         applied_at TEXT NOT NULL
       )`,
    );
    const applied = new Set((await tx.all('SELECT version FROM schema_migrations')).map((row) => Number(row.version)));
    const newlyApplied: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      const statements = Array.isArray(migration.statements)
        ? migration.statements
        : (migration.statements as Exclude<Migration['statements'], readonly unknown[]>)[db.dialect];
      for (const statement of statements) {
        if (typeof statement === 'string') await tx.run(statement);
        else await statement(tx);
      }
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [migration.version, migration.name, new Date().toISOString()]);
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
}
