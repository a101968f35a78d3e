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
  /**
   * Runs `work` on one consistent, read-only view of the whole database that does not hold back
   * writers: a backup taken while the server runs sees every table as of one instant, and the court
   * goes on writing meanwhile. Nothing may be written through `tx`.
   */
  readSnapshot<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A unique or primary key refused the row: PostgreSQL's unique_violation, or SQLite's constraint. */
export function isDuplicateKey(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/**
 * Why the database refused work for a reason outside the request: its disk is full, or it cannot be
 * reached (connection refused, cut, or the server shutting down). Undefined for anything else. Told
 * to the court as what it is, never as "something went wrong": nothing was written, and trying again
 * later works.
 */
export type StoreOutage = 'disk_full' | 'unreachable';

export function storeOutage(error: unknown): StoreOutage | undefined {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  const text = typeof message === 'string' ? message : '';
  // PostgreSQL 53100 disk_full; SQLite SQLITE_FULL; the file system's ENOSPC/EDQUOT.
  if (code === '53100' || code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT' || /No space left on device|database or disk is full/i.test(text))
    return 'disk_full';
  if (typeof code === 'string') {
    // PostgreSQL class 08 (connection exception), 57P01-57P03 (shut down, cannot connect now), 53300 (too many connections).
    if (/^08/.test(code) || /^57P0[1-3]$/.test(code) || code === '53300') return 'unreachable';
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN'].includes(code)) return 'unreachable';
    if (/^SQLITE_(IOERR|CANTOPEN|READONLY|BUSY)/.test(code)) return 'unreachable';
  }
  // node-postgres says so in words when the socket closes under a query or the pool cannot connect in time.
  if (/Connection terminated|connection timeout|Client has encountered a connection error/i.test(text)) return 'unreachable';
  return undefined;
}
