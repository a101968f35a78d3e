/**
 * The store behaves the same on the embedded SQLite file and on PostgreSQL: migrations, records and
 * the event log. PostgreSQL is the real server on loopback (HEARING_ROOM_TEST_POSTGRES_URL); each run
 * works in a database of its own, dropped afterwards.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { postgresAvailable } from '../support/postgres.js';
import { postgresBackend, sqliteBackend } from '../support/store-backends.js';
import { MIGRATIONS, openStore, type Store } from '../../store/index.js';
import { toPostgresPlaceholders } from '../../store/postgres.js';

const sqlite = sqliteBackend;
const postgres = postgresBackend;
const pgUp = await postgresAvailable();

for (const backend of [sqlite, postgres]) {
  describe(`the store on ${backend.name}`, { skip: backend === postgres && !pgUp ? 'PostgreSQL not reachable' : false }, () => {
    const opened: { store: Store; cleanup(): Promise<void> }[] = [];
    const fresh = async () => {
      const db = await backend.open();
      const store = await openStore(db.url);
      opened.push({ store, cleanup: db.cleanup });
      return { store, url: db.url };
    };
    after(async () => {
      for (const { store, cleanup } of opened) {
        await store.close().catch(() => undefined);
        await cleanup();
      }
    });

    it('applies every migration to a new database, and none again on the next start', async () => {
      const { store, url } = await fresh();
      assert.deepEqual(
        store.appliedMigrations,
        MIGRATIONS.map((m) => m.version),
      );
      await store.close();
      const reopened = await openStore(url);
      opened.push({ store: reopened, cleanup: async () => undefined });
      assert.deepEqual(reopened.appliedMigrations, []);
    });

    // Several nodes share one PostgreSQL; the embedded SQLite file belongs to a single process.
    if (backend === postgres) {
      it('two servers starting together on one database migrate it once', async () => {
        const db = await backend.open();
        const [a, b] = await Promise.all([openStore(db.url), openStore(db.url)]);
        opened.push({ store: a, cleanup: db.cleanup }, { store: b, cleanup: async () => undefined });
        assert.deepEqual(
          [...a.appliedMigrations, ...b.appliedMigrations],
          MIGRATIONS.map((m) => m.version),
        );
      });
    }

    it('keeps a hearing with its participants and finds them again', async () => {
      const { store } = await fresh();
      const hearing = await store.hearings.create({
        title: 'Hearing of a witness in Lyon',
        caseReference: '4 StR 12/26',
        status: 'scheduled',
        scheduledStart: '2026-12-01T09:00:00.000Z',
        scheduledEnd: '2026-12-01T11:00:00.000Z',
      });
      const judge = await store.participants.create({ hearingId: hearing.id, displayName: 'Judge Berger', role: 'presiding_judge', capacity: null });
      await store.participants.create({ hearingId: hearing.id, displayName: 'Ms Rossi', role: 'person_heard', capacity: 'witness' });
      assert.deepEqual(await store.hearings.get(hearing.id), hearing);
      assert.deepEqual(await store.participants.get(judge.id), judge);
      const people = await store.participants.listByHearing(hearing.id);
      assert.deepEqual(people.map((p) => p.role).sort(), ['person_heard', 'presiding_judge']);
      await store.hearings.setStatus(hearing.id, 'live');
      assert.equal((await store.hearings.get(hearing.id))?.status, 'live');
      assert.equal(await store.hearings.get('00000000-0000-4000-8000-000000000000'), null);
    });

    it('keeps no more documents in a consultation than allowed, however many servers add at once', async () => {
      const { store, url } = await fresh();
      // Two servers of the service on one database (SQLite: one process, so the same store twice).
      const other = backend === postgres ? await openStore(url) : store;
      if (other !== store) opened.push({ store: other, cleanup: async () => undefined });
      const hearing = await store.hearings.create({
        title: 'Hearing with a consultation',
        caseReference: '4 StR 13/26',
        status: 'live',
        scheduledStart: '2026-12-01T09:00:00.000Z',
        scheduledEnd: '2026-12-01T11:00:00.000Z',
      });
      const consultationId = randomUUID();
      const add = (via: Store, id: string = randomUUID()) =>
        via.consultationDocuments.add(
          { id, hearingId: hearing.id, consultationId, sharedBy: randomUUID(), sharedAt: new Date().toISOString(), content: randomBytes(100) },
          { documents: 5, bytes: 1_000_000 },
        );
      const outcomes = await Promise.all(Array.from({ length: 16 }, (_, i) => add(i % 2 === 0 ? store : other)));
      assert.equal(outcomes.filter((o) => o === 'added').length, 5, JSON.stringify(outcomes));
      assert.equal(outcomes.filter((o) => o === 'full').length, 11);
      assert.deepEqual(await store.consultationDocuments.usage(hearing.id, consultationId), { documents: 5, bytes: 500 });
      const [first] = await store.consultationDocuments.list(hearing.id, consultationId);
      assert.equal(await add(other, first!.id), 'exists', 'a document is never replaced');
      assert.equal(await store.consultationDocuments.removeAllBut(hearing.id, [consultationId]), 0, 'an open consultation keeps its documents');
      assert.equal(await store.consultationDocuments.removeAllBut(hearing.id, []), 5);
      assert.deepEqual(await store.consultationDocuments.list(hearing.id, consultationId), []);
    });

    it('revokes a link once, and all of a participant’s links at once', async () => {
      const { store } = await fresh();
      const hearing = await store.hearings.create({
        title: 'H',
        caseReference: 'R',
        status: 'scheduled',
        scheduledStart: new Date().toISOString(),
        scheduledEnd: new Date().toISOString(),
      });
      const p = await store.participants.create({ hearingId: hearing.id, displayName: 'P', role: 'counsel', capacity: null });
      const now = new Date().toISOString();
      for (const id of ['t-1', 't-2', 't-3']) {
        await store.tokens.record({ id, hearingId: hearing.id, participantId: p.id, issuedAt: now, notBefore: now, expiresAt: now });
      }
      assert.equal(await store.tokens.revoke('t-1', 'lost'), true);
      assert.equal(await store.tokens.revoke('t-1', 'again'), false);
      assert.equal((await store.tokens.get('t-1'))?.revokedReason, 'lost');
      assert.equal(await store.tokens.revokeAllOf(p.id, 'participant removed'), 2);
      assert.notEqual((await store.tokens.get('t-3'))?.revokedAt, null);
    });

    it('numbers a hearing’s events in order, also when they are appended at the same moment', async () => {
      const { store } = await fresh();
      const hearing = await store.hearings.create({
        title: 'H',
        caseReference: 'R',
        status: 'scheduled',
        scheduledStart: new Date().toISOString(),
        scheduledEnd: new Date().toISOString(),
      });
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => store.events.append(hearing.id, { type: 'media.interrupted', actorId: null, data: { cause: String(i) } })),
      );
      const events = await store.events.list(hearing.id);
      assert.deepEqual(
        events.map((e) => e.seq),
        Array.from({ length: 20 }, (_, i) => i + 1),
      );
      assert.deepEqual(
        events.map((e) => Number(e.data.cause)).sort((a, b) => a - b),
        Array.from({ length: 20 }, (_, i) => i),
      );
      assert.deepEqual(
        events.slice(1).map((e) => e.prevHash),
        events.slice(0, -1).map((e) => e.hash),
        'each chained to the one before',
      );
    });

    it('refuses a participant of a hearing that does not exist', async () => {
      const { store } = await fresh();
      await assert.rejects(
        store.participants.create({ hearingId: '00000000-0000-4000-8000-000000000000', displayName: 'Nobody', role: 'observer', capacity: null }),
      );
    });
  });
}

describe('portable SQL', () => {
  it('turns ? placeholders into $n for PostgreSQL, leaving quoted text alone', () => {
    assert.equal(toPostgresPlaceholders("SELECT * FROM t WHERE a = ? AND b = '?' AND c = ?"), "SELECT * FROM t WHERE a = $1 AND b = '?' AND c = $2");
  });
});
