/**
 * A mediasoup worker killed under a live hearing (a real worker process, SIGKILL) is replaced, the
 * hearing's router is rebuilt on the replacement, other hearings are untouched, and the
 * participants are told to reconnect their media.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { startSfu } from '../support/sfu.js';
import { ask, join } from '../support/socket-client.js';
import { startTestServer, type TestServer } from '../support/server.js';

const OPUS_CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };

describe('a media worker that dies', () => {
  const cleanups: (() => unknown)[] = [];
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('is replaced, and the hearing it carried is rebuilt on the replacement', async () => {
    const sfu = await startSfu(1);
    cleanups.push(() => sfu.close());
    const before = await sfu.hearing('hearing-a');
    const deadPid = before.slot.worker.pid;

    const lost = once(sfu, 'media-lost');
    const replaced = once(sfu, 'worker-replaced');
    process.kill(deadPid, 'SIGKILL');
    assert.deepEqual(await lost, ['hearing-a']);
    await replaced;

    assert.equal(before.closed, true);
    const after = await sfu.hearing('hearing-a');
    assert.notEqual(after, before);
    assert.equal(after.closed, false);
    assert.notEqual(after.slot.worker.pid, deadPid);
    after.openParticipant('someone');
    const transport = await after.createTransport('someone', 'recv');
    assert.ok(transport.iceCandidates.length > 0, 'the new router takes transports');
    assert.deepEqual(
      sfu.stats().workers.map(({ alive, generation, routers }) => ({ alive, generation, routers })),
      [{ alive: true, generation: 1, routers: 1 }],
    );
  });

  it('leaves the hearings on other workers alone', async () => {
    const sfu = await startSfu(2);
    cleanups.push(() => sfu.close());
    const a = await sfu.hearing('on-first');
    const b = await sfu.hearing('on-second');
    assert.notEqual(a.slot.index, b.slot.index, 'hearings are spread over the workers');
    const lost: string[] = [];
    sfu.on('media-lost', (id) => lost.push(id));
    const replaced = once(sfu, 'worker-replaced');
    process.kill(a.slot.worker.pid, 'SIGKILL');
    await replaced;
    assert.deepEqual(lost, ['on-first']);
    assert.equal(b.closed, false);
    assert.equal(await sfu.hearing('on-second'), b);
  });

  describe('under connected participants', () => {
    let server: TestServer;
    after(async () => server?.close());

    it('tells them to reconnect their media, records the interruption, and serves them on the new worker', async () => {
      server = await startTestServer();
      const court = await server.hearingWith([
        { name: 'Judge', role: 'presiding_judge' },
        { name: 'Witness', role: 'person_heard', capacity: 'witness' },
      ]);
      const judge = await join(server.url, { token: court.people.Judge!.token, hearingId: court.hearing.id });
      const witness = await join(server.url, { token: court.people.Witness!.token, hearingId: court.hearing.id });
      cleanups.push(
        () => judge.socket.close(),
        () => witness.socket.close(),
      );
      for (const { socket } of [judge, witness]) {
        assert.equal((await ask(socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS })).ok, true);
        assert.equal((await ask(socket, 'transport:create', { direction: 'recv' })).ok, true);
      }
      const media = await server.sfu.hearing(court.hearing.id);
      const restarts = Promise.all([judge, witness].map(({ socket }) => new Promise<{ reason: string }>((resolve) => socket.once('media:restart', resolve))));
      const deadPid = media.slot.worker.pid;
      process.kill(deadPid, 'SIGKILL');
      const [notice] = await restarts;
      assert.match(notice!.reason, /media server restarted/i);

      // The same connections, without reconnecting, carry on on the replacement worker.
      assert.equal((await ask(judge.socket, 'media:capabilities', {})).ok, true);
      const transport = await ask(judge.socket, 'transport:create', { direction: 'recv' });
      assert.equal(transport.ok, true, JSON.stringify(transport.error));
      assert.notEqual((await server.sfu.hearing(court.hearing.id)).slot.worker.pid, deadPid);
      const types = (await server.store.events.list(court.hearing.id)).map((e) => e.type);
      assert.ok(types.includes('media.interrupted'), types.join(', '));
    });
  });
});
