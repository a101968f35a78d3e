/**
 * Schema history. Each migration runs once, in order, inside a transaction, and is recorded in
 * `schema_migrations`. Statements are portable between SQLite and PostgreSQL unless a migration
 * gives one list per dialect. Never edit a migration that has shipped: add the next one.
 */
import type { SqlDriver } from './driver.js';

interface Migration {
  version: number;
  name: string;
  statements: readonly string[] | { sqlite: readonly string[]; postgres: readonly string[] };
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'hearings, participants, join tokens and the event log',
    statements: [
      `CREATE TABLE hearings (
         id TEXT PRIMARY KEY,
         title TEXT NOT NULL,
         case_reference TEXT NOT NULL,
         status TEXT NOT NULL,
         scheduled_start TEXT NOT NULL,
         scheduled_end TEXT NOT NULL,
         created_at TEXT NOT NULL
       )`,
      `CREATE TABLE participants (
         id TEXT PRIMARY KEY,
         hearing_id TEXT NOT NULL REFERENCES hearings(id),
         display_name TEXT NOT NULL,
         role TEXT NOT NULL,
         capacity TEXT,
         created_at TEXT NOT NULL
       )`,
      `CREATE INDEX participants_by_hearing ON participants(hearing_id)`,
      `CREATE TABLE join_tokens (
         id TEXT PRIMARY KEY,
         hearing_id TEXT NOT NULL REFERENCES hearings(id),
         participant_id TEXT NOT NULL REFERENCES participants(id),
         issued_at TEXT NOT NULL,
         not_before TEXT NOT NULL,
         expires_at TEXT NOT NULL,
         revoked_at TEXT,
         revoked_reason TEXT
       )`,
      `CREATE INDEX join_tokens_by_participant ON join_tokens(participant_id)`,
      `CREATE TABLE hearing_events (
         hearing_id TEXT NOT NULL REFERENCES hearings(id),
         seq INTEGER NOT NULL,
         at TEXT NOT NULL,
         actor_id TEXT,
         type TEXT NOT NULL,
         data TEXT NOT NULL,
         PRIMARY KEY (hearing_id, seq)
       )`,
    ],
  },
];

export async function migrate(db: SqlDriver): Promise<number[]> {
  await db.run(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
       version INTEGER PRIMARY KEY,
       name TEXT NOT NULL,
       applied_at TEXT NOT NULL
     )`,
  );
  const applied = new Set(
    (await db.all('SELECT version FROM schema_migrations')).map((row) => Number(row.version)),
  );
  const newlyApplied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    const statements = Array.isArray(migration.statements)
      ? migration.statements
      : (migration.statements as { sqlite: readonly string[]; postgres: readonly string[] })[db.dialect];
    await db.transaction(async (tx) => {
      for (const statement of statements) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
        migration.version,
        migration.name,
        new Date().toISOString(),
      ]);
    });
    newlyApplied.push(migration.version);
  }
  return newlyApplied;
}
