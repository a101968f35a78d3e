/**
 * A hearing in session is held by one server at a time, and the database says which: every append
 * of a server in session names the lease (epoch) it took the hearing under, and once another server
 * has taken the hearing the database refuses the old holder's appends. A server that was paused or
 * cut off and comes back can never write into a hearing it lost — on SQLite and on PostgreSQL, and
 * with two real servers sharing one PostgreSQL database.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { after, describe, it } from 'node:test';
import { verifyChain } from '../../record/index.js';
import { LeaseLost, openStore, type Store } from '../../store/index.js';
import { createTestDatabase, postgresAvailable } from '../support/postgres.js';
import { severalServers } from '../support/several-servers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ask, join } from '../support/socket-client.js';

const pgUp = await postgresAvailable();

const backends: { name: string; open(): Promise<{ store: Store; cleanup(): Promise<void> }>; skip?: string }[] = [
  {
    name: 'SQLite',
    async open() {
      const dir = mkdtempSync(joinPath(tmpdir(), 'hearing-room-leases-'));
      const store = await openStore(`sqlite:${joinPath(dir, 'store.sqlite')}`);
      const cleanup = async () => {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      };
      return { store, cleanup };
    },
  },
  {
    name: 'PostgreSQL',
    ...(pgUp ? {} : { skip: 'PostgreSQL is not reachable' }),
    async open() {
      const db = await createTestDatabase();
      const store = await openStore(db.url);
      const cleanup = async () => {
        await store.close();
        await db.drop();
      };
      return { store, cleanup };
    },
  },
];

for (const backend of backends) {
  describe(`the lease of a hearing, on ${backend.name}`, { skip: backend.skip }, () => {
    it('refuses the appends of a server whose hearing another server has taken, and writes nothing of them', async () => {
      const { store, cleanup } = await backend.open();
      try {
        const hearing = await store.hearings.create({
          courtLanguage: null,
          title: 'Hearing',
          caseReference: 'L-1',
          status: 'scheduled',
          scheduledStart: '2026-12-07T09:00:00.000Z',
          scheduledEnd: '2026-12-07T11:00:00.000Z',
        });
        const a = await store.leases.take(hearing.id, 'node-a');
        assert.deepEqual(a, { holder: 'node-a', epoch: 1 });
        await store.events.append(hearing.id, { type: 'hearing.opened', actorId: null, data: {} }, a);

        // Node A is paused (SIGSTOP, a lost network); node B takes the hearing and goes on.
        const b = await store.leases.take(hearing.id, 'node-b');
        assert.deepEqual(b, { holder: 'node-b', epoch: 2 });
        await store.events.append(hearing.id, { type: 'hearing.live', actorId: null, data: {} }, b);

        // A comes back and tries to write what it decided before it was paused.
        await assert.rejects(store.events.append(hearing.id, { type: 'hearing.ended', actorId: null, data: { reason: 'stale' } }, a), LeaseLost);
        // Even under its own name again, an old epoch is refused.
        await assert.rejects(
          store.events.appendAll(hearing.id, [{ type: 'hearing.ended', actorId: null, data: { reason: 'stale' } }], { holder: 'node-b', epoch: 1 }),
          LeaseLost,
        );
        const types = (await store.events.list(hearing.id)).map((e) => e.type);
        assert.deepEqual(types, ['hearing.opened', 'hearing.live'], 'nothing of the old holder after the new one took the hearing');
        assert.deepEqual(await store.leases.current(hearing.id), { holder: 'node-b', epoch: 2 });
        assert.equal(verifyChain(hearing.id, await store.events.rawRows(hearing.id)).ok, true);
      } finally {
        await cleanup();
      }
    });
  });
}

describe('two servers on one PostgreSQL database', { skip: pgUp ? false : 'PostgreSQL is not reachable' }, () => {
  const several = severalServers();
  const { sockets, servers } = several;
  after(() => several.close());

  it('a server whose hearing the other server has taken is refused, writes nothing, and the other holds the hearing on', async () => {
    const db = { url: await several.database() };
    const a = await startTestServer({ env: { HEARING_ROOM_DATABASE_URL: db.url, HEARING_ROOM_NODE_ID: 'node-a' } });
    servers.push(a);
    const b = await startTestServer({ env: { HEARING_ROOM_DATABASE_URL: db.url, HEARING_ROOM_NODE_ID: 'node-b' } });
    servers.push(b);
    const court = await a.hearingWith([
      { name: 'Judge', role: 'presiding_judge' },
      { name: 'Witness', role: 'person_heard', capacity: 'witness' },
    ]);
    const enter = async (server: TestServer, name: string) => {
      const { socket } = await join(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id });
      sockets.push(socket);
      const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: { codecs: [], headerExtensions: [] } });
      assert.equal(entered.ok, true, JSON.stringify(entered.error));
      return socket;
    };

    const judgeOnA = await enter(a, 'Judge');
    assert.equal((await a.store.leases.current(court.hearing.id))?.holder, 'node-a');
    // The witness's request reaches node B, which takes the hearing (as it would when A is lost).
    await enter(b, 'Witness');
    assert.deepEqual(await b.store.leases.current(court.hearing.id), { holder: 'node-b', epoch: 2 });
    const before = await b.store.events.list(court.hearing.id);

    // A decision node A's rules accept on what it knows (the judge's own audio-only) is refused by the database.
    const refused = await ask(judgeOnA, 'court:audio-only', { on: true });
    assert.equal(refused.ok, false);
    assert.equal(refused.error?.code, 'hearing_moved');
    assert.deepEqual(await b.store.events.list(court.hearing.id), before, 'node A wrote nothing once node B held the hearing');

    // On node B the court goes on, from the record: the judge who reconnects there admits the witness.
    const judgeOnB = await enter(b, 'Judge');
    const admitted = await ask(judgeOnB, 'court:admit', { participantId: court.people.Witness!.id });
    assert.equal(admitted.ok, true, JSON.stringify(admitted.error));
    const rows = await b.store.events.rawRows(court.hearing.id);
    assert.equal(verifyChain(court.hearing.id, rows).ok, true);
    assert.ok((await b.store.events.list(court.hearing.id)).some((e) => e.type === 'lobby.admitted'));
  });
});
