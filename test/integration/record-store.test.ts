/**
 * The record as the database keeps it, on SQLite and on PostgreSQL: every entry is chained when it is
 * appended, the database refuses to change or remove one, only catalogued events are written, and an
 * attacker who goes around the database's refusal (file access on SQLite, a superuser disabling the
 * triggers on PostgreSQL) is caught by the verifier and by the `verify-record` command.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createTestDatabase, postgresAvailable } from '../support/postgres.js';
import { GENESIS, exportRecord, verifyChain } from '../../record/index.js';
import { EventRejected, openStore, type Store } from '../../store/index.js';
import { record } from '../../store/migrations/003-record.js';

const pgUp = await postgresAvailable();

interface Opened {
  url: string;
  /** Runs SQL as someone who went around the store: the append-only triggers do not stop it. */
  tamper(sql: string, params?: (string | number)[]): Promise<void>;
  /** Runs SQL as any ordinary client of the database would. */
  direct(sql: string, params?: (string | number)[]): Promise<void>;
  cleanup(): Promise<void>;
}

interface Backend {
  name: string;
  open(): Promise<Opened>;
}

const sqlite: Backend = {
  name: 'SQLite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'hearing-room-record-'));
    const file = join(dir, 'store.sqlite');
    const withFile = (work: (db: Database.Database) => void) => {
      const db = new Database(file);
      try {
        work(db);
      } finally {
        db.close();
      }
    };
    return {
      url: `sqlite:${file}`,
      async tamper(sql, params = []) {
        withFile((db) => {
          db.exec(
            'DROP TRIGGER IF EXISTS hearing_events_no_update; DROP TRIGGER IF EXISTS hearing_events_no_delete; DROP TRIGGER IF EXISTS hearing_events_hashed',
          );
          db.prepare(sql).run(...params);
        });
      },
      async direct(sql, params = []) {
        withFile((db) => db.prepare(sql).run(...params));
      },
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

const postgres: Backend = {
  name: 'PostgreSQL',
  async open() {
    const db = await createTestDatabase();
    const url = new URL(db.url);
    const withClient = async (work: (client: pg.Client) => Promise<void>) => {
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      try {
        await work(client);
      } finally {
        await client.end();
      }
    };
    const numbered = (sql: string) => {
      let n = 0;
      return sql.replace(/\?/g, () => `$${++n}`);
    };
    return {
      url: url.toString(),
      async tamper(sql, params = []) {
        await withClient(async (client) => {
          await client.query('ALTER TABLE hearing_events DISABLE TRIGGER USER');
          await client.query(numbered(sql), params);
          await client.query('ALTER TABLE hearing_events ENABLE TRIGGER USER');
        });
      },
      async direct(sql, params = []) {
        await withClient(async (client) => void (await client.query(numbered(sql), params)));
      },
      cleanup: db.drop,
    };
  },
};

const CLI = join(import.meta.dirname, '../../record/cli.ts');

/** Runs the command as `./hearing-room verify-record` runs it (without the build step). */
function verifyRecordCommand(args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', CLI, 'verify', ...args], {
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

for (const backend of [sqlite, postgres]) {
  describe(`the record on ${backend.name}`, { skip: backend === postgres && !pgUp ? 'PostgreSQL not reachable' : false }, () => {
    const opened: { store: Store; db: Opened }[] = [];
    after(async () => {
      for (const { store, db } of opened) {
        await store.close().catch(() => undefined);
        await db.cleanup();
      }
    });

    /** A fresh database holding one hearing with `count` entries of its record. */
    const hearingWithRecord = async (count = 6) => {
      const db = await backend.open();
      const store = await openStore(db.url);
      opened.push({ store, db });
      const hearing = await store.hearings.create({
        title: 'Hearing of a witness abroad',
        caseReference: 'REC-1',
        status: 'live',
        scheduledStart: '2026-12-01T09:00:00.000Z',
        scheduledEnd: '2026-12-01T11:00:00.000Z',
      });
      const judge = await store.participants.create({ hearingId: hearing.id, displayName: 'Judge', role: 'presiding_judge', capacity: null });
      for (let i = 1; i <= count; i++) {
        await store.events.append(hearing.id, { type: 'participant.entered', actorId: judge.id, data: { role: `role ${i}` } });
      }
      const verify = async () => verifyChain(hearing.id, await store.events.rawRows(hearing.id));
      return { db, store, hearing, judge, verify };
    };

    it('chains every entry to the one before it, starting from 64 zeros', async () => {
      const { store, hearing, verify } = await hearingWithRecord(4);
      const entries = await store.events.list(hearing.id);
      assert.equal(entries[0]!.prevHash, GENESIS);
      assert.deepEqual(
        entries.slice(1).map((e) => e.prevHash),
        entries.slice(0, 3).map((e) => e.hash),
      );
      assert.deepEqual(await verify(), { ok: true, hearingId: hearing.id, entries: 4, lastSeq: 4, lastHash: entries[3]!.hash });
    });

    it('refuses to update or delete an entry, also for a client that bypasses the store', async () => {
      const { db, store, hearing, verify } = await hearingWithRecord(3);
      await assert.rejects(
        db.direct('UPDATE hearing_events SET data = ? WHERE hearing_id = ? AND seq = 2', ['{}', hearing.id]),
        /hearing_events is append-only/,
      );
      await assert.rejects(db.direct('DELETE FROM hearing_events WHERE hearing_id = ? AND seq = 3', [hearing.id]), /hearing_events is append-only/);
      if (backend === postgres) await assert.rejects(db.direct('TRUNCATE hearing_events'), /hearing_events is append-only/);
      await assert.rejects(
        db.direct('INSERT INTO hearing_events (hearing_id, seq, at, actor_id, type, data) VALUES (?, 4, ?, NULL, ?, ?)', [
          hearing.id,
          new Date().toISOString(),
          'hearing.live',
          '{}',
        ]),
        /prev_hash|hash|null/i,
        'an entry without hashes is refused',
      );
      assert.equal((await store.events.list(hearing.id)).length, 3);
      assert.equal((await verify()).ok, true);
    });

    it('writes only catalogued events, with their data as the catalogue describes it', async () => {
      const { store, hearing, judge } = await hearingWithRecord(1);
      await assert.rejects(
        store.events.append(hearing.id, { type: 'test.event', actorId: null, data: {} }),
        (error: unknown) => error instanceof EventRejected && error.code === 'unknown_event_type' && /"test.event" is not in the catalogue/.test(error.message),
      );
      await assert.rejects(
        store.events.append(hearing.id, { type: 'oath.taken', actorId: judge.id, data: { participantId: judge.id, form: 'promise', language: 'fr' } }),
        (error: unknown) => error instanceof EventRejected && error.code === 'invalid_event_data' && error.field === 'form',
      );
      await assert.rejects(
        store.events.append(hearing.id, { type: 'hearing.live', actorId: judge.id, data: { note: 'unagreed field' } }),
        (error: unknown) => error instanceof EventRejected && /unknown field\(s\) note/.test(error.message),
      );
      assert.equal((await store.events.list(hearing.id)).length, 1, 'nothing refused was written');
    });

    it('names an entry whose data was altered behind the database’s back', async () => {
      const { db, hearing, verify } = await hearingWithRecord();
      await db.tamper('UPDATE hearing_events SET data = ? WHERE hearing_id = ? AND seq = 4', ['{"role":"observer"}', hearing.id]);
      assert.deepEqual(await verify(), {
        ok: false,
        hearingId: hearing.id,
        entries: 6,
        problem: { seq: 4, kind: 'altered', message: 'entry 4 was altered: its content no longer matches the hash written with it' },
      });
    });

    it('names a deleted entry', async () => {
      const { db, hearing, verify } = await hearingWithRecord();
      await db.tamper('DELETE FROM hearing_events WHERE hearing_id = ? AND seq = 2', [hearing.id]);
      const report = await verify();
      assert.deepEqual(!report.ok && report.problem, { seq: 2, kind: 'removed', message: 'entry 2 was removed: the record goes from entry 1 to entry 3' });
    });

    it('names two entries whose places were swapped', async () => {
      const { db, hearing, verify } = await hearingWithRecord();
      for (const [from, to] of [
        [3, -3],
        [5, 3],
        [-3, 5],
      ] as const) {
        await db.tamper('UPDATE hearing_events SET seq = ? WHERE hearing_id = ? AND seq = ?', [to, hearing.id, from]);
      }
      const report = await verify();
      assert.deepEqual(!report.ok && report.problem, {
        seq: 3,
        kind: 'reordered',
        message: 'entries were reordered: entry 3 was written as entry 5, and entry 5 was written as entry 3',
      });
    });

    it('names a forged entry slipped in between two genuine ones', async () => {
      const { db, hearing, judge, verify } = await hearingWithRecord();
      for (let seq = 6; seq >= 4; seq--) await db.tamper('UPDATE hearing_events SET seq = ? WHERE hearing_id = ? AND seq = ?', [seq + 1, hearing.id, seq]);
      await db.tamper('INSERT INTO hearing_events (hearing_id, seq, at, actor_id, type, data, prev_hash, hash) VALUES (?, 4, ?, ?, ?, ?, ?, ?)', [
        hearing.id,
        new Date().toISOString(),
        judge.id,
        'oath.taken',
        '{"form":"oath","language":"fr","participantId":"x"}',
        'b'.repeat(64),
        'c'.repeat(64),
      ]);
      const report = await verify();
      assert.deepEqual(!report.ok && report.problem, {
        seq: 4,
        kind: 'inserted',
        message: 'entry 4 was inserted: the entry now numbered 5 was written as entry 4',
      });
    });

    it('names an entry whose link to the previous one was rewritten', async () => {
      const { db, hearing, verify } = await hearingWithRecord();
      await db.tamper('UPDATE hearing_events SET prev_hash = ? WHERE hearing_id = ? AND seq = 5', ['d'.repeat(64), hearing.id]);
      const report = await verify();
      assert.deepEqual(!report.ok && report.problem, { seq: 5, kind: 'altered', message: 'entry 5 was altered: its link to entry 4 (prev_hash) was changed' });
    });

    it('verify-record exits 0 when the chain holds and 1 naming the first problem, from the database or an export file', async () => {
      const { db, store, hearing } = await hearingWithRecord();
      const dataDir = mkdtempSync(join(tmpdir(), 'hearing-room-cli-'));
      try {
        const env = { HEARING_ROOM_DATABASE_URL: db.url, HEARING_ROOM_DATA_DIR: dataDir };
        const good = verifyRecordCommand([hearing.id], env);
        assert.equal(good.status, 0, good.stderr);
        assert.match(good.stdout, new RegExp(`Record of hearing ${hearing.id}: the chain holds — 6 entries, last entry 6 with hash [0-9a-f]{64}\\.`));

        const exportFile = join(dataDir, 'export.json');
        writeFileSync(exportFile, JSON.stringify(await exportRecord(store, hearing.id)));
        assert.equal(verifyRecordCommand(['--file', exportFile], env).status, 0);

        await db.tamper('UPDATE hearing_events SET data = ? WHERE hearing_id = ? AND seq = 3', ['{"role":"clerk"}', hearing.id]);
        const bad = verifyRecordCommand([hearing.id], env);
        assert.equal(bad.status, 1);
        assert.equal(
          bad.stdout,
          `Record of hearing ${hearing.id}: the chain is broken at entry 3 (altered). Entry 3 was altered: its content no longer matches the hash written with it.\n`,
        );

        const json = verifyRecordCommand([hearing.id, '--json'], env);
        assert.equal(JSON.parse(json.stdout).problem.seq, 3);

        const unknown = verifyRecordCommand(['00000000-0000-4000-8000-000000000000'], env);
        assert.equal(unknown.status, 2);
        assert.match(unknown.stderr, /no hearing with id 00000000-0000-4000-8000-000000000000/);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  });
}

describe('migration 3 on a database that already holds events', () => {
  it('chains the entries written before it, in number order, so that they verify', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearing-room-record-old-'));
    try {
      const file = join(dir, 'old.sqlite');
      const old = new Database(file);
      old.exec(
        `CREATE TABLE hearing_events (hearing_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, actor_id TEXT, type TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (hearing_id, seq))`,
      );
      const insert = old.prepare('INSERT INTO hearing_events VALUES (?, ?, ?, ?, ?, ?)');
      for (const [h, seq] of [
        ['h1', 1],
        ['h1', 2],
        ['h2', 1],
        ['h1', 3],
      ] as const)
        insert.run(h, seq, '2026-01-01T00:00:00.000Z', null, 'hearing.created', `{"source":"demo","n":${seq}}`);
      const steps = record.statements as { sqlite: readonly (string | ((tx: never) => Promise<void>))[] };
      const tx = {
        all: async (sql: string) => old.prepare(sql).all() as Record<string, unknown>[],
        run: async (sql: string, params: (string | number | null)[] = []) => old.prepare(sql).run(...params).changes,
      };
      for (const step of steps.sqlite) {
        if (typeof step === 'string') old.exec(step);
        else await (step as (t: typeof tx) => Promise<void>)(tx);
      }
      const rows = (h: string) => old.prepare('SELECT * FROM hearing_events WHERE hearing_id = ? ORDER BY seq').all(h);
      assert.deepEqual(verifyChain('h1', rows('h1')), {
        ok: true,
        hearingId: 'h1',
        entries: 3,
        lastSeq: 3,
        lastHash: (rows('h1')[2] as { hash: string }).hash,
      });
      assert.equal(verifyChain('h2', rows('h2')).ok, true);
      assert.throws(() => old.prepare("UPDATE hearing_events SET data = '{}'").run(), /append-only/);
      old.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
