/**
 * Several servers of one service, as Redis knows them (real Redis): a server is alive while it
 * announces itself and gone when its announcement expires; a hearing is placed on the server with the
 * most room and stays there while its holder lives and renews; when the holder dies the hearing is
 * placed again on a live server, and the dead one, if it comes back, learns it lost it. And two real
 * servers on one PostgreSQL database and one Redis: the server that does not hold a hearing refuses
 * it at the door and writes nothing; when the holder leaves, the other takes the hearing from its record.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Redis } from 'ioredis';
import { type NodeAnnouncement, NodeRegistry, NoServerAvailable, Placement } from '../../cluster/index.js';
import { verifyChain } from '../../record/index.js';
import { postgresAvailable } from '../support/postgres.js';
import { connectRedis, redisAvailable } from '../support/redis.js';
import { freePort, severalServers } from '../support/several-servers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ask, join, refusal } from '../support/socket-client.js';

const redisUp = await redisAvailable();
const pgUp = await postgresAvailable();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the servers of one service and where each hearing is held', { skip: redisUp ? false : 'Redis is not reachable' }, () => {
  let redis: Redis;
  const namespaces: string[] = [];
  before(() => {
    redis = connectRedis();
  });
  after(async () => {
    // The tests' keys go with them.
    for (const namespace of namespaces) {
      const keys = await redis.keys(`${namespace}:*`);
      if (keys.length > 0) await redis.del(...keys);
    }
    redis.disconnect();
  });

  const server = (nodeId: string, over: Partial<NodeAnnouncement> = {}): NodeAnnouncement => ({
    nodeId,
    url: `https://${nodeId}.hearings.example.org`,
    capacity: 20,
    cpu: 10,
    consumers: 0,
    draining: false,
    at: new Date().toISOString(),
    ...over,
  });
  const fresh = (ttlMs = 6_000, leaseMs = 6_000) => {
    const registry = new NodeRegistry(redis, ttlMs, `test-${randomUUID()}`);
    namespaces.push(registry.namespace);
    return { registry, placement: new Placement(redis, registry, leaseMs) };
  };

  it('spreads 30 hearings over three servers by their room, and never past a server’s capacity', async () => {
    const { registry, placement } = fresh();
    await registry.announce(server('node-a', { capacity: 20 }));
    await registry.announce(server('node-b', { capacity: 10 }));
    await registry.announce(server('node-c', { capacity: 10 }));
    const placed = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      const node = await placement.place(randomUUID());
      placed.set(node.nodeId, (placed.get(node.nodeId) ?? 0) + 1);
    }
    // Each ends as full as the others for its capacity: half of each.
    assert.deepEqual(Object.fromEntries([...placed].sort()), { 'node-a': 15, 'node-b': 8, 'node-c': 7 });
    for (let i = 0; i < 10; i++) await placement.place(randomUUID());
    await assert.rejects(placement.place(randomUUID()), NoServerAvailable, 'forty hearings fill forty places; the next is refused, not squeezed in');
  });

  it('keeps a hearing with its living holder, whoever asks, and moves nothing to a draining server', async () => {
    const { registry, placement } = fresh();
    await registry.announce(server('node-a'));
    const hearing = randomUUID();
    assert.equal((await placement.place(hearing)).nodeId, 'node-a');
    await registry.announce(server('node-b', { cpu: 0 }));
    await registry.announce(server('node-c', { draining: true, capacity: 1000 }));
    assert.equal((await placement.place(hearing)).nodeId, 'node-a', 'a hearing does not move while its server lives');
    assert.equal((await placement.place(randomUUID())).nodeId, 'node-b', 'the draining server takes nothing new');
  });

  it('two servers placing the same hearing at the same moment agree on one holder', async () => {
    const { registry, placement } = fresh();
    for (const id of ['node-a', 'node-b', 'node-c']) await registry.announce(server(id));
    const hearing = randomUUID();
    const other = new Placement(connectRedis(), registry);
    try {
      const answers = await Promise.all([placement.place(hearing), other.place(hearing), placement.place(hearing), other.place(hearing)]);
      assert.equal(new Set(answers.map((a) => a.nodeId)).size, 1, answers.map((a) => a.nodeId).join(', '));
      assert.deepEqual(
        [...(await placement.held(['node-a', 'node-b', 'node-c'])).values()].reduce((a, b) => a + b, 0),
        1,
      );
    } finally {
      (other as unknown as { redis: Redis }).redis.disconnect();
    }
  });

  it('places a dead server’s hearing again once its announcement and its lease expire, and tells it so if it comes back', async () => {
    const { registry, placement } = fresh(400, 600);
    await registry.announce(server('node-a', { cpu: 0 }));
    await registry.announce(server('node-b', { cpu: 50 }));
    const hearing = randomUUID();
    assert.equal((await placement.place(hearing)).nodeId, 'node-a');
    // Node A is killed: it stops announcing and renewing. B goes on announcing.
    const beats = setInterval(() => void registry.announce(server('node-b', { cpu: 50 })), 100);
    try {
      await sleep(300);
      assert.equal(await placement.holderOf(hearing), 'node-a', 'not moved before its holder is known to be gone');
      await sleep(500);
      assert.deepEqual([...(await registry.alive()).keys()], ['node-b']);
      assert.equal((await placement.place(hearing)).nodeId, 'node-b');
      assert.deepEqual(await placement.renew('node-b', [hearing]), [], 'the new holder keeps it');
      // A comes back (it was only frozen): its renewal says it lost the hearing.
      assert.deepEqual(await placement.renew('node-a', [hearing]), [hearing]);
      assert.equal(await placement.holderOf(hearing), 'node-b');
      assert.deepEqual(Object.fromEntries(await placement.held(['node-a', 'node-b'])), { 'node-a': 0, 'node-b': 1 });
    } finally {
      clearInterval(beats);
    }
  });

  it('refuses an announcement that is not one, and ignores one in Redis that does not parse', async () => {
    const { registry } = fresh();
    await assert.rejects(registry.announce(server('node a; FLUSHALL')), /nodeId/);
    await redis.set(`${registry.namespace}:node:forged`, '{"nodeId":"forged","url":"javascript:alert(1)"}', 'PX', 5_000);
    await registry.announce(server('node-a'));
    assert.deepEqual([...(await registry.alive()).keys()], ['node-a']);
  });
});

describe('two servers sharing the hearings through Redis and PostgreSQL', { skip: redisUp && pgUp ? false : 'Redis or PostgreSQL is not reachable' }, () => {
  const several = severalServers();
  const { sockets, servers } = several;
  after(() => several.close());
  /** A server of the service, in this process. */
  const start = async (nodeId: string) => {
    const port = await freePort();
    const server = await startTestServer({
      env: {
        ...(await several.sharedSettings()),
        HEARING_ROOM_NODE_ID: nodeId,
        HEARING_ROOM_PORT: String(port),
        HEARING_ROOM_PUBLIC_URL: `http://127.0.0.1:${port}`,
      },
    });
    servers.push(server);
    return server;
  };

  it('a hearing is served by the server that holds it, refused at the other’s door, and taken over from its record when its server leaves', async () => {
    const a = await start('node-a');
    const court = await a.hearingWith([
      { name: 'Judge', role: 'presiding_judge' },
      { name: 'Witness', role: 'person_heard', capacity: 'witness' },
    ]);
    const link = (name: string) => ({ token: court.people[name]!.token, hearingId: court.hearing.id });
    const enter = async (server: TestServer, name: string) => {
      const { socket } = await join(server.url, link(name));
      sockets.push(socket);
      const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: { codecs: [], headerExtensions: [] } });
      assert.equal(entered.ok, true, JSON.stringify(entered.error));
      return socket;
    };

    // Only node A is up: the hearing is placed there, and the judge enters it there.
    await enter(a, 'Judge');
    const b = await start('node-b');
    const recordBefore = await b.store.events.list(court.hearing.id);

    // The witness's link reaches node B: refused at the door, with where the hearing is; B writes nothing.
    const refused = await refusal(b.url, link('Witness'));
    assert.equal(refused.code, 'hearing_elsewhere');
    assert.match(refused.message, new RegExp(a.url.replace(/[.:/]/g, '\\$&')));
    assert.deepEqual(await b.store.events.list(court.hearing.id), recordBefore);
    assert.equal((await b.store.leases.current(court.hearing.id))?.holder, 'node-a');

    // Node A leaves (drained for an upgrade): node B takes the hearing, from its record.
    await a.close();
    servers.splice(servers.indexOf(a), 1);
    const witness = await enter(b, 'Witness');
    const judge = await enter(b, 'Judge');
    assert.deepEqual(await b.store.leases.current(court.hearing.id), { holder: 'node-b', epoch: 2 });
    const inCourtroom = new Promise<void>((resolve) =>
      witness.on('court:state', (view: { you: { inCourtroom: boolean } }) => view.you.inCourtroom && resolve()),
    );
    const admitted = await ask(judge, 'court:admit', { participantId: court.people.Witness!.id });
    assert.equal(admitted.ok, true, JSON.stringify(admitted.error));
    await inCourtroom; // the witness is in the courtroom on node B
    assert.equal(verifyChain(court.hearing.id, await b.store.events.rawRows(court.hearing.id)).ok, true);
  });

  it('a withdrawn link ends the open session on the server that holds it, whichever server the coordinator reached', async () => {
    const a = await start('node-c');
    const court = await a.hearingWith([
      { name: 'Judge', role: 'presiding_judge' },
      { name: 'Witness', role: 'person_heard', capacity: 'witness' },
    ]);
    const { socket: witness } = await join(a.url, { token: court.people.Witness!.token, hearingId: court.hearing.id });
    sockets.push(witness);
    const b = await start('node-d');
    const ended = new Promise<{ reason: string }>((resolve) => witness.once('session:ended', resolve));
    const gone = new Promise<void>((resolve) => witness.once('disconnect', () => resolve()));
    // The coordinator re-issues the witness's invitation through node D; her session is on node C.
    await b.store.tokens.revokeAllOf(court.people.Witness!.id, 'invitation re-issued');
    await b.signaling.endSessionsOf(court.hearing.id, court.people.Witness!.id);
    // Bounded, so a notice that never arrives fails here with its cause rather than as the whole file's timeout.
    const within = async <T>(what: string, promise: Promise<T>): Promise<T> => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`not within 15 s: ${what}`)), 15_000);
      });
      try {
        return await Promise.race([promise, late]);
      } finally {
        clearTimeout(timer);
      }
    };
    assert.equal((await within('the session ended on node C', ended)).reason, 'link_withdrawn');
    await within('the witness disconnected', gone);
    const refused = await refusal(a.url, { token: court.people.Witness!.token, hearingId: court.hearing.id });
    assert.equal(refused.code, 'token_revoked');
  });

  it('counts wrong passwords across the servers: tries spread over two servers are limited as on one', async () => {
    const [a, b] = [servers.at(-2)!, servers.at(-1)!];
    const signIn = async (server: TestServer) =>
      (
        await fetch(`${server.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'clerk@justice.example.org', password: 'guessed' }),
        })
      ).status;
    for (let i = 0; i < 3; i++) assert.equal(await signIn(a), 401);
    for (let i = 0; i < 2; i++) assert.equal(await signIn(b), 401);
    assert.equal(await signIn(b), 429, 'the sixth try is refused, though this server saw only two');
    assert.equal(await signIn(a), 429);
  });

  it('says it is ready with Redis, and not ready once an operator asks it to drain', async () => {
    const server = servers.at(-1)!;
    const ready = async () => (await (await fetch(`${server.url}/readyz`)).json()) as { ready: boolean; redis?: { ok: boolean }; draining?: boolean };
    assert.deepEqual(await ready().then((r) => [r.ready, r.redis?.ok, r.draining]), [true, true, false]);
    // As `hearing-room drain` asks: seen at the server's next heartbeat.
    const redis = connectRedis();
    try {
      await new Placement(redis, new NodeRegistry(redis, undefined, several.serviceName)).requestDrain(server.config.nodeId!);
    } finally {
      redis.disconnect();
    }
    const deadline = Date.now() + 5_000;
    while (!(await ready()).draining && Date.now() < deadline) await sleep(200);
    assert.deepEqual(await ready().then((r) => [r.ready, r.draining]), [false, true], 'a load balancer stops sending people to it');
  });
});
