/**
 * The embedded default: one SQLite file (WAL mode) through better-sqlite3.
 *
 * better-sqlite3 is synchronous, so a statement can never interleave with another; a transaction,
 * however, awaits between statements, so everything else queues behind it until it ends.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Row, SqlDriver, SqlExecutor, SqlValue } from './driver.js';

export function openSqlite(file: string): SqlDriver {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');

  const direct: SqlExecutor = {
    async all(sql, params = []) {
      return db.prepare(sql).all(...(params as SqlValue[])) as Row[];
    },
    async run(sql, params = []) {
      const statement = db.prepare(sql);
      if (statement.reader) {
        statement.all(...(params as SqlValue[]));
        return 0;
      }
      return statement.run(...(params as SqlValue[])).changes;
    },
  };

  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };

  return {
    dialect: 'sqlite',
    all: (sql, params) => serialised(() => direct.all(sql, params)),
    run: (sql, params) => serialised(() => direct.run(sql, params)),
    transaction: (work) =>
      serialised(async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await work(direct);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          // SQLite rolls back by itself on some failures (a full disk): a second ROLLBACK would throw
          // "no transaction is active" and hide the cause, so it is only sent when one is open.
          if (db.inTransaction) {
            try {
              db.exec('ROLLBACK');
            } catch {
              // The cause is the error being thrown, not this one.
            }
          }
          throw error;
        }
      }),
    readSnapshot: (work) =>
      serialised(async () => {
        // DEFERRED takes no lock: in WAL mode the first read fixes the snapshot, and writers in other
        // processes go on appending to the log beside it (IMMEDIATE would make them wait, then fail).
        db.exec('BEGIN DEFERRED');
        try {
          return await work(direct);
        } finally {
          if (db.inTransaction) db.exec('ROLLBACK');
        }
      }),
    async close() {
      await serialised(async () => db.close());
    },
  };
}
