/**
 * A server frozen (SIGSTOP) while it holds a hearing — as by a stalled virtual machine or a long
 * garbage-collection pause — is taken for dead, and another server takes the hearing over from its
 * record. When the frozen one wakes (SIGCONT), nothing it does reaches the record: the database's
 * lease refuses its appends, it lets the hearing go, and its connected pages are sent on to the new
 * holder. Real server processes, real PostgreSQL and Redis.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { verifyChain } from '../../record/index.js';
import { openStore } from '../../store/index.js';
import { postgresAvailable } from '../support/postgres.js';
import { redisAvailable } from '../support/redis.js';
import { recordOf, seedHearing } from '../support/server-process.js';
import { severalServers } from '../support/several-servers.js';
import { ask, join } from '../support/socket-client.js';

const up = (await redisAvailable()) && (await postgresAvailable());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a server frozen while it holds a hearing', { skip: up ? false : 'Redis or PostgreSQL is not reachable' }, () => {
  const several = severalServers();
  after(() => several.close());

  it('is taken over by another server, and once it wakes it cannot append to the record, and its pages are sent on', async () => {
    const a = await several.process('node-a');
    const seeded = await seedHearing(a.env, 'FROZEN-1', [
      { name: 'Judge', role: 'presiding_judge' },
      { name: 'Witness', role: 'person_heard', capacity: 'witness' },
    ]);
    const link = (name: string) => ({ token: seeded.people[name]!.token, hearingId: seeded.hearingId });
    const enter = async (url: string, name: string) => {
      const { socket } = await join(url, link(name));
      several.sockets.push(socket);
      const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: { codecs: [], headerExtensions: [] } });
      assert.equal(entered.ok, true, JSON.stringify(entered.error));
      return socket;
    };
    const judgeOnA = await enter(a.url, 'Judge');
    const b = await several.process('node-b');

    await a.signal('SIGSTOP');
    // Frozen past its liveness (4 s): the service takes node A for dead, and node B takes the hearing.
    // Until then node B sends the witness to node A, as a page would be.
    const frozenAt = Date.now();
    for (;;) {
      const attempt = await join(b.url, link('Witness')).catch((refusal: { code: string }) => refusal);
      if ('socket' in attempt) {
        attempt.socket.close();
        break;
      }
      assert.equal(attempt.code, 'hearing_elsewhere');
      assert.ok(Date.now() - frozenAt < 15_000, 'node B takes the hearing within seconds');
      await sleep(250);
    }
    await enter(b.url, 'Witness');
    const store = await openStore(b.env.HEARING_ROOM_DATABASE_URL!);
    try {
      assert.deepEqual(await store.leases.current(seeded.hearingId), { holder: 'node-b', epoch: 2 });
      const before = await recordOf(b.env, seeded.hearingId);
      assert.equal(before.filter((e) => e.type === 'hearing.moved').length, 1, 'the record says the hearing moved');

      const sentOn = new Promise<void>((resolve) => judgeOnA.once('session:moved', () => resolve()));
      await a.signal('SIGCONT');
      // Awake, node A acts on what it knew: the judge's request is refused, not written — by the
      // database's fence if it asks before node A's renewal tells it, at its door if after.
      const refused = await ask(judgeOnA, 'court:audio-only', { on: true });
      assert.equal(refused.ok, false, 'node A cannot decide for a hearing it no longer holds');
      assert.ok(['hearing_moved', 'hearing_moving', 'hearing_elsewhere'].includes(refused.error?.code ?? ''), JSON.stringify(refused.error));
      await sentOn;
      await sleep(2_000);
      assert.deepEqual(await recordOf(b.env, seeded.hearingId), before, 'nothing from node A reached the record');
      assert.equal(verifyChain(seeded.hearingId, await store.events.rawRows(seeded.hearingId)).ok, true);
    } finally {
      await store.close();
    }
  });
});
