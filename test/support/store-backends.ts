/**
 * The two engines the store runs on, each opening a database of the test's own: a SQLite file in a
 * temporary folder, or a fresh PostgreSQL database on the loopback server (skipped where none runs,
 * except in CI). Store tests run the same specification on both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from './postgres.js';

export interface StoreBackend {
  name: string;
  open(): Promise<{ url: string; cleanup(): Promise<void> }>;
}

export const sqliteBackend: StoreBackend = {
  name: 'SQLite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'hearing-room-store-'));
    return { url: `sqlite:${join(dir, 'store.sqlite')}`, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

export const postgresBackend: StoreBackend = {
  name: 'PostgreSQL',
  async open() {
    const db = await createTestDatabase();
    return { url: db.url, cleanup: db.drop };
  },
};
