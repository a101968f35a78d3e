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
