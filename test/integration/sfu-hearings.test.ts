/** Hearings on the media workers: one router each, spread over workers, released when empty. */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { startSfu } from '../support/sfu.js';
import { ask, join } from '../support/socket-client.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('hearings on the media workers', () => {
  const cleanups: (() => unknown)[] = [];
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('two participants arriving together get the same router', async () => {
    const sfu = await startSfu(2);
    cleanups.push(() => sfu.close());
    const [a, b] = await Promise.all([sfu.hearing('h'), sfu.hearing('h')]);
    assert.equal(a, b);
    assert.deepEqual(
      sfu
        .stats()
        .workers.map((w) => w.routers)
        .sort(),
      [0, 1],
    );
  });

  it('hearings opening together are spread over the workers', async () => {
    const sfu = await startSfu(2);
    cleanups.push(() => sfu.close());
    await Promise.all(['a', 'b', 'c', 'd'].map((id) => sfu.hearing(id)));
    assert.deepEqual(
      sfu.stats().workers.map((w) => w.routers),
      [2, 2],
    );
    sfu.closeHearing('a');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(
      sfu
        .stats()
        .workers.map((w) => w.routers)
        .sort(),
      [1, 2],
      'a closed hearing gives its place back',
    );
  });

  describe('when the last participant leaves', () => {
    let server: TestServer;
    after(async () => server?.close());

    it('the hearing’s router is released after the grace period, and rebuilt when someone comes back', async () => {
      server = await startTestServer({ emptyHearingGraceMs: 300 });
      const court = await server.hearingWith([{ name: 'Judge', role: 'presiding_judge' }]);
      const caps = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };
      const first = await join(server.url, { token: court.people.Judge!.token, hearingId: court.hearing.id });
      await ask(first.socket, 'hearing:enter', { rtpCapabilities: caps });
      const media = await server.sfu.hearing(court.hearing.id);
      first.socket.close();
      await new Promise((r) => setTimeout(r, 800));
      assert.equal(media.closed, true, 'an empty hearing holds no router');
      assert.equal(server.sfu.stats().hearings, 0);
      assert.equal(server.sfu.stats().workers[0]?.routers, 0);

      const again = await join(server.url, { token: court.people.Judge!.token, hearingId: court.hearing.id });
      assert.equal((await ask(again.socket, 'hearing:enter', { rtpCapabilities: caps })).ok, true);
      assert.equal((await ask(again.socket, 'transport:create', { direction: 'recv' })).ok, true);
      again.socket.close();
    });
  });
});
