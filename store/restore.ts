/**
 * Loads a backup's rows into an empty database, all in one transaction: either the whole backup is
 * in, checked row count by row count, or nothing is and the database is as it was.
 *
 * The rows are in the schema of the backup's version, which may be older than this code's. So the
 * migrations are applied up to that version, the rows loaded — each table after the tables it
 * references, every foreign key checked as it goes — and then the later migrations applied to them
 * exactly as a server upgraded with that data would apply them. That is why this does not call
 * `migrate()`, which can only bring a schema all the way up: the same steps are taken here with the
 * load between them. A backup kept for years thus restores into the code of the day.
 *
 * A database that holds any row is refused, naming what it holds: the record's tables refuse UPDATE
 * and DELETE by design, so there is no safe way to empty one, and the database found may itself be
 * evidence. A restore goes into a new, empty database.
 */
import { MIGRATIONS } from './migrations.js';
import type { Migration } from './migrations/migration.js';
import type { SqlDriver, SqlExecutor, SqlValue } from './driver.js';
import type { PortableValue } from './snapshot.js';
import { dependencyOrder, describeTables, quoted, SCHEMA_HISTORY_TABLE, type TableShape } from './tables.js';

/** One table of a backup: its columns and its rows, read a page at a time. */
export interface BackupTable {
  name: string;
  columns: readonly string[];
  /** How many rows the backup says it holds: the load checks it has inserted exactly these. */
  rows: number;
  pages(): AsyncIterable<PortableValue[][]>;
}

export interface BackupRows {
  /** The last migration the rows were written under. */
  schemaVersion: number;
  tables: readonly BackupTable[];
}

/** The restore cannot go ahead; nothing was written. `code` says why, the message what to do. */
export class RestoreRefused extends Error {
  override name = 'RestoreRefused';
  constructor(
    readonly code: 'not_empty' | 'newer_schema' | 'schema_mismatch' | 'row_count',
    message: string,
  ) {
    super(message);
  }
}

/** What a database already holds: its schema version (0 without one) and each table that has rows. */
export interface TargetContents {
  schemaVersion: number;
  filled: { table: string; rows: number }[];
}

/** The same lock store/migrations.ts takes, so a server starting on this database waits for the restore. */
const MIGRATION_LOCK = 727_312_026;

/** Under SQLite's limit of 32,766 parameters per statement and PostgreSQL's 65,535. */
const MAX_PARAMETERS = 30_000;

export function latestSchemaVersion(): number {
  return MIGRATIONS.at(-1)?.version ?? 0;
}

export async function inspectTarget(db: SqlDriver): Promise<TargetContents> {
  return db.transaction((tx) => contentsOf(tx, db.dialect));
}

async function contentsOf(tx: SqlExecutor, dialect: SqlDriver['dialect']): Promise<TargetContents> {
  const tables = await describeTables(tx, dialect);
  const filled: TargetContents['filled'] = [];
  for (const table of tables) {
    const [row] = await tx.all(`SELECT COUNT(*) AS n FROM ${quoted(table.name)}`);
    const rows = Number(row?.n ?? 0);
    if (rows > 0) filled.push({ table: table.name, rows });
  }
  return { schemaVersion: await schemaVersionOf(tx, dialect), filled };
}

async function schemaVersionOf(tx: SqlExecutor, dialect: SqlDriver['dialect']): Promise<number> {
  const [exists] = await tx.all(
    dialect === 'sqlite'
      ? "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = ?"
      : 'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?',
    [SCHEMA_HISTORY_TABLE],
  );
  if (Number(exists?.n ?? 0) === 0) return 0;
  const [latest] = await tx.all(`SELECT MAX(version) AS v FROM ${SCHEMA_HISTORY_TABLE}`);
  return Number(latest?.v ?? 0);
}

/** Why this database cannot take the backup, in words naming what it holds; undefined when it can. */
export function refusalFor(target: TargetContents, backupVersion: number): RestoreRefused | undefined {
  if (target.filled.length > 0) {
    const found = target.filled.map((t) => `${t.table}: ${t.rows} row${t.rows === 1 ? '' : 's'}`).join(', ');
    return new RestoreRefused(
      'not_empty',
      `the target database is not empty (${found}). Restore into a new, empty database (PostgreSQL: createdb; SQLite: a new file) and point HEARING_ROOM_DATABASE_URL at it; the one found is left as it is`,
    );
  }
  if (target.schemaVersion > backupVersion) {
    return new RestoreRefused(
      'newer_schema',
      `the target database is already at schema version ${target.schemaVersion}, past the backup's ${backupVersion}: restore into a database with no tables at all, so the backup's rows are brought up to date as an upgrade would`,
    );
  }
  return undefined;
}

/** Loads every table of the backup into `db`; returns the rows inserted per table. */
export async function loadBackup(db: SqlDriver, backup: BackupRows): Promise<{ table: string; rows: number }[]> {
  if (backup.schemaVersion > latestSchemaVersion()) {
    throw new RestoreRefused(
      'newer_schema',
      `the backup is at schema version ${backup.schemaVersion}, and this Hearing Room knows versions up to ${latestSchemaVersion()}: restore it with the version that wrote it, or a later one`,
    );
  }
  return db.transaction(async (tx) => {
    if (db.dialect === 'postgres') await tx.all('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
    const refusal = refusalFor(await contentsOf(tx, db.dialect), backup.schemaVersion);
    if (refusal) throw refusal;
    await applyMigrations(tx, db.dialect, (m) => m.version <= backup.schemaVersion);
    const tables = dependencyOrder(await describeTables(tx, db.dialect));
    checkSameTables(tables, backup);
    const loaded: { table: string; rows: number }[] = [];
    for (const table of tables) {
      const source = backup.tables.find((t) => t.name === table.name) as BackupTable;
      const rows = await insertAll(tx, table, source);
      if (rows !== source.rows) {
        throw new RestoreRefused('row_count', `${table.name}: the backup says ${source.rows} rows, its file holds ${rows}; nothing was restored`);
      }
      const [count] = await tx.all(`SELECT COUNT(*) AS n FROM ${quoted(table.name)}`);
      if (Number(count?.n) !== rows) throw new RestoreRefused('row_count', `${table.name}: ${rows} rows were inserted but the table holds ${String(count?.n)}`);
      loaded.push({ table: table.name, rows });
    }
    await applyMigrations(tx, db.dialect, (m) => m.version > backup.schemaVersion);
    return loaded;
  });
}

/** The backup's tables and columns are the schema's at its version, or it is not ours to load. */
function checkSameTables(tables: readonly TableShape[], backup: BackupRows): void {
  const expected = new Map(tables.map((t) => [t.name, t]));
  for (const source of backup.tables) {
    const table = expected.get(source.name);
    if (!table)
      throw new RestoreRefused('schema_mismatch', `the backup holds a table ${source.name} that schema version ${backup.schemaVersion} does not have`);
    const want = table.columns.map((c) => c.name).sort();
    const have = [...source.columns].sort();
    if (want.join('\n') !== have.join('\n')) {
      throw new RestoreRefused(
        'schema_mismatch',
        `${source.name}: the backup's columns (${have.join(', ')}) are not those of schema version ${backup.schemaVersion} (${want.join(', ')})`,
      );
    }
  }
  const missing = tables.filter((t) => !backup.tables.some((s) => s.name === t.name)).map((t) => t.name);
  if (missing.length > 0) throw new RestoreRefused('schema_mismatch', `the backup has no file for table(s) ${missing.join(', ')}`);
}

async function insertAll(tx: SqlExecutor, table: TableShape, source: BackupTable): Promise<number> {
  const columns = source.columns.map(quoted).join(', ');
  const rowsPerStatement = Math.max(1, Math.min(500, Math.floor(MAX_PARAMETERS / Math.max(1, source.columns.length))));
  const placeholders = `(${source.columns.map(() => '?').join(', ')})`;
  let inserted = 0;
  let batch: PortableValue[][] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.run(`INSERT INTO ${quoted(table.name)} (${columns}) VALUES ${batch.map(() => placeholders).join(', ')}`, batch.flat() as SqlValue[]);
    inserted += batch.length;
    batch = [];
  };
  for await (const page of source.pages()) {
    for (const row of page) {
      batch.push(row);
      if (batch.length === rowsPerStatement) await flush();
    }
  }
  await flush();
  return inserted;
}

/**
 * The steps of store/migrations.ts's `migrate`, inside the caller's transaction and for the chosen
 * migrations only, recorded in the same history table, so that a server started afterwards finds them
 * applied.
 */
async function applyMigrations(tx: SqlExecutor, dialect: SqlDriver['dialect'], which: (m: Migration) => boolean): Promise<void> {
  await tx.run(
    `CREATE TABLE IF NOT EXISTS ${SCHEMA_HISTORY_TABLE} (
       version INTEGER PRIMARY KEY,
       name TEXT NOT NULL,
       applied_at TEXT NOT NULL
     )`,
  );
  const applied = new Set((await tx.all(`SELECT version FROM ${SCHEMA_HISTORY_TABLE}`)).map((row) => Number(row.version)));
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version) || !which(migration)) continue;
    const statements = Array.isArray(migration.statements)
      ? migration.statements
      : (migration.statements as Exclude<Migration['statements'], readonly unknown[]>)[dialect];
    for (const statement of statements) {
      if (typeof statement === 'string') await tx.run(statement);
      else await statement(tx);
    }
    await tx.run(`INSERT INTO ${SCHEMA_HISTORY_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`, [
      migration.version,
      migration.name,
      new Date().toISOString(),
    ]);
  }
}
