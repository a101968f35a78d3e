/**
 * A whole database as it stood at one instant, for a backup: the schema's history and every table's
 * rows, read inside one read-only snapshot (SqlDriver.readSnapshot) while the server goes on writing.
 * Rows come a page at a time, in primary-key order, so a table of millions of record entries is never
 * held in memory whole; each value is text, a number or null — what both engines store and read back
 * alike — and anything else stops the backup naming the table and column, rather than being carried
 * in a form the other engine would read differently.
 */
import { z } from 'zod';
import type { Row, SqlDriver, SqlExecutor, SqlValue } from './driver.js';
import { dependencyOrder, describeTables, quoted, SCHEMA_HISTORY_TABLE, type TableShape } from './tables.js';

export type PortableValue = string | number | null;

export interface AppliedMigration {
  version: number;
  name: string;
  appliedAt: string;
}

export interface DatabaseSnapshot {
  readonly dialect: SqlDriver['dialect'];
  /** The migrations applied, in order: the schema the rows are in. */
  readonly migrations: readonly AppliedMigration[];
  /** Every table, each after the tables it references. */
  readonly tables: readonly TableShape[];
  /** The table's rows as values in column order, a page at a time. */
  pages(table: TableShape): AsyncGenerator<PortableValue[][]>;
}

const PAGE_ROWS = 2000;

const Applied = z.object({ version: z.coerce.number().int(), name: z.string(), applied_at: z.string() });

export async function readSnapshot<T>(db: SqlDriver, work: (snapshot: DatabaseSnapshot) => Promise<T>): Promise<T> {
  return db.readSnapshot(async (tx) => {
    let migrations: AppliedMigration[];
    try {
      migrations = (await tx.all(`SELECT version, name, applied_at FROM ${SCHEMA_HISTORY_TABLE} ORDER BY version`)).map((row) => {
        const r = Applied.parse(row);
        return { version: r.version, name: r.name, appliedAt: r.applied_at };
      });
    } catch (error) {
      throw new Error(`this is not a Hearing Room database: it has no readable ${SCHEMA_HISTORY_TABLE} (${(error as Error).message})`);
    }
    const tables = dependencyOrder(await describeTables(tx, db.dialect));
    return work({ dialect: db.dialect, migrations, tables, pages: (table) => pagesOf(tx, table) });
  });
}

async function* pagesOf(tx: SqlExecutor, table: TableShape): AsyncGenerator<PortableValue[][]> {
  const columns = table.columns.map((c) => quoted(c.name)).join(', ');
  const from = quoted(table.name);
  if (table.primaryKey.length === 0) {
    // No key to resume after: the same snapshot gives the same order to every page.
    for (let offset = 0; ; offset += PAGE_ROWS) {
      const rows = await tx.all(`SELECT ${columns} FROM ${from} ORDER BY ${columns} LIMIT ? OFFSET ?`, [PAGE_ROWS, offset]);
      if (rows.length > 0) yield rows.map((row) => portable(table, row));
      if (rows.length < PAGE_ROWS) return;
    }
  }
  const key = table.primaryKey.map(quoted).join(', ');
  const keyIndexes = table.primaryKey.map((name) => table.columns.findIndex((c) => c.name === name));
  let after: SqlValue[] | undefined;
  for (;;) {
    const where = after ? `WHERE (${key}) > (${after.map(() => '?').join(', ')})` : '';
    const rows = await tx.all(`SELECT ${columns} FROM ${from} ${where} ORDER BY ${key} LIMIT ?`, [...(after ?? []), PAGE_ROWS]);
    if (rows.length === 0) return;
    const page = rows.map((row) => portable(table, row));
    yield page;
    if (rows.length < PAGE_ROWS) return;
    const last = page.at(-1) as PortableValue[];
    after = keyIndexes.map((i) => last[i] as SqlValue);
  }
}

function portable(table: TableShape, row: Row): PortableValue[] {
  return table.columns.map(({ name }) => {
    const value = row[name];
    if (value === null || typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    if (typeof value === 'bigint' && Number.isSafeInteger(Number(value))) return Number(value);
    const kind = value instanceof Uint8Array ? 'binary data' : value instanceof Date ? 'a date object' : `a ${typeof value}`;
    throw new Error(`${table.name}.${name} holds ${kind}, which a backup cannot carry so that both engines read it back alike`);
  });
}
