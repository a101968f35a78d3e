/**
 * PostgreSQL through node-postgres: the backend for deployments that run several nodes.
 * Placeholders are rewritten from `?` to `$n`; everything else in the store's SQL is portable.
 */
import pg from 'pg';
import type { Row, SqlDriver, SqlExecutor, SqlValue } from './driver.js';

export function toPostgresPlaceholders(sql: string): string {
  let index = 0;
  let quoted = false;
  let out = '';
  for (const char of sql) {
    if (char === "'") quoted = !quoted;
    out += char === '?' && !quoted ? `$${++index}` : char;
  }
  return out;
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    async all(sql, params = []) {
      const result = await client.query(toPostgresPlaceholders(sql), params as SqlValue[]);
      return result.rows as Row[];
    },
    async run(sql, params = []) {
      const result = await client.query(toPostgresPlaceholders(sql), params as SqlValue[]);
      return result.rowCount ?? 0;
    },
  };
}

export function openPostgres(connectionString: string): SqlDriver {
  // A database that does not answer is an outage to report within seconds, not a request left hanging.
  const pool = new pg.Pool({ connectionString, max: 10, connectionTimeoutMillis: 5000, keepAlive: true });
  // An idle client losing its connection must not take the process down; the pool replaces it.
  pool.on('error', () => undefined);
  const direct = executor(pool);
  return {
    dialect: 'postgres',
    all: direct.all,
    run: direct.run,
    async transaction(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(executor(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is discarded, never handed to the next caller.
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    async readSnapshot(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        // One snapshot for every statement, as pg_dump takes it; READ ONLY, so nothing can slip in.
        await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        return await work(executor(client));
      } finally {
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
