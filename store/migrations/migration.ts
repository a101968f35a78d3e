import type { SqlExecutor } from '../driver.js';

/**
 * One step of a migration: a SQL statement, or a function for work SQL cannot do portably (such as
 * computing SHA-256 hashes of existing rows). Functions run inside the migration's transaction.
 */
export type MigrationStep = string | ((tx: SqlExecutor) => Promise<void>);

/** One step of the schema's history. Statements are portable unless given per dialect. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly MigrationStep[] | { sqlite: readonly MigrationStep[]; postgres: readonly MigrationStep[] };
}

/**
 * PostgreSQL triggers that make a table refuse every UPDATE, DELETE and TRUNCATE with `message`: for
 * what the law needs kept as written (the record, approved texts). `name` prefixes the function and
 * triggers it creates.
 */
export function postgresWriteOnce(table: string, name: string, message: string): string[] {
  return [
    `CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION '${message}';
       END
       $$`,
    `CREATE TRIGGER ${table}_no_update_or_delete BEFORE UPDATE OR DELETE ON ${table}
       FOR EACH ROW EXECUTE FUNCTION ${name}()`,
    `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
       FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
  ];
}
