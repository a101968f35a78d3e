/**
 * What tables a database holds, read from the database itself: each table's columns, primary key and
 * the tables it references. A backup reads every table this finds rather than a list kept by hand, so
 * a table a later migration adds is backed up without anyone remembering to; and a restore loads
 * tables in the order their references need.
 */
import { z } from 'zod';
import type { SqlDriver, SqlExecutor } from './driver.js';

/** The table the migrations keep their history in: carried as the backup's schema version, not as rows. */
export const SCHEMA_HISTORY_TABLE = 'schema_migrations';

export interface TableShape {
  name: string;
  /** In the table's own order; `type` as declared, lower case (`text`, `integer`). */
  columns: { name: string; type: string }[];
  /** Empty when the table has none: its rows are then read in the order of all their columns. */
  primaryKey: string[];
  /** Tables this one's foreign keys point to (itself excluded). */
  references: string[];
}

const Name = z.object({ name: z.string() });
const Column = z.object({ name: z.string(), type: z.string().nullable(), pk: z.coerce.number().int() });
const Reference = z.object({ ref: z.string() });

/** Every table of the store (the migrations' history excepted), by name. */
export async function describeTables(tx: SqlExecutor, dialect: SqlDriver['dialect']): Promise<TableShape[]> {
  const names = (
    await tx.all(
      dialect === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
    )
  )
    .map((row) => Name.parse(row).name)
    .filter((name) => name !== SCHEMA_HISTORY_TABLE);
  const shapes: TableShape[] = [];
  for (const name of names) shapes.push(dialect === 'sqlite' ? await sqliteShape(tx, name) : await postgresShape(tx, name));
  return shapes;
}

async function sqliteShape(tx: SqlExecutor, name: string): Promise<TableShape> {
  const columns = (await tx.all('SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid', [name])).map((row) => Column.parse(row));
  const references = (await tx.all('SELECT DISTINCT "table" AS ref FROM pragma_foreign_key_list(?)', [name])).map((row) => Reference.parse(row).ref);
  return {
    name,
    columns: columns.map((c) => ({ name: c.name, type: (c.type ?? '').toLowerCase() })),
    primaryKey: columns
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name),
    references: references.filter((ref) => ref !== name).sort(),
  };
}

async function postgresShape(tx: SqlExecutor, name: string): Promise<TableShape> {
  const columns = (
    await tx.all(
      `SELECT column_name AS name, data_type AS type, 0 AS pk FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = ? ORDER BY ordinal_position`,
      [name],
    )
  ).map((row) => Column.parse(row));
  const primaryKey = (
    await tx.all(
      `SELECT k.column_name AS name FROM information_schema.table_constraints c
       JOIN information_schema.key_column_usage k
         ON k.constraint_schema = c.constraint_schema AND k.constraint_name = c.constraint_name AND k.table_name = c.table_name
       WHERE c.table_schema = current_schema() AND c.table_name = ? AND c.constraint_type = 'PRIMARY KEY'
       ORDER BY k.ordinal_position`,
      [name],
    )
  ).map((row) => Name.parse(row).name);
  const references = (
    await tx.all(
      `SELECT DISTINCT u.table_name AS ref FROM information_schema.table_constraints c
       JOIN information_schema.constraint_column_usage u ON u.constraint_schema = c.constraint_schema AND u.constraint_name = c.constraint_name
       WHERE c.table_schema = current_schema() AND c.table_name = ? AND c.constraint_type = 'FOREIGN KEY'`,
      [name],
    )
  ).map((row) => Reference.parse(row).ref);
  return {
    name,
    columns: columns.map((c) => ({ name: c.name, type: (c.type ?? '').toLowerCase() })),
    primaryKey,
    references: references.filter((ref) => ref !== name).sort(),
  };
}

/**
 * The tables in an order where every table comes after those it references, so rows can be inserted
 * with every foreign key checked as it goes; ties by name, so the order is the same on every engine.
 */
export function dependencyOrder(tables: readonly TableShape[]): TableShape[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const ordered: TableShape[] = [];
  const placed = new Set<string>();
  const visiting: string[] = [];
  const place = (table: TableShape) => {
    if (placed.has(table.name)) return;
    if (visiting.includes(table.name)) {
      throw new Error(
        `tables ${[...visiting.slice(visiting.indexOf(table.name)), table.name].join(' → ')} reference one another in a circle: no order loads them`,
      );
    }
    visiting.push(table.name);
    for (const ref of table.references) {
      const referenced = byName.get(ref);
      if (referenced) place(referenced);
    }
    visiting.pop();
    placed.add(table.name);
    ordered.push(table);
  };
  for (const table of [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) place(table);
  return ordered;
}

/** A name as SQL reads it on both engines (store names are plain, but a backup is input). */
export function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
