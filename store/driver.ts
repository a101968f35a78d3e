/**
 * The one seam between the store and a database engine. Repositories write portable SQL with `?`
 * placeholders and never learn which engine runs; each driver translates and executes.
 */
export type SqlValue = string | number | bigint | null;
export type Row = Record<string, unknown>;

export interface SqlExecutor {
  /** Rows of a SELECT (or of a statement with RETURNING). */
  all(sql: string, params?: readonly SqlValue[]): Promise<Row[]>;
  /** A statement without rows; returns how many rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Other work on the same driver waits, so a transaction never sees half of another.
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A unique or primary key refused the row: PostgreSQL's unique_violation, or SQLite's constraint. */
export function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
