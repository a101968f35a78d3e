/**
 * A listener switching channels quickly, over real sockets and a real SFU: whatever the order in
 * which the server's offers, the browser's answers and the listener's choices cross, the listener
 * ends up holding the channel they chose last, and nothing of it once back on the floor. The hearing
 * is not live (as in bench/interpretation): admitted people hear each other before it is.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ask, join, type TestSocket } from '../support/socket-client.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { CAPS, opus, type Offer } from '../support/audio-offers.js';

describe('a listener switching channels quickly', () => {
  let server: TestServer;
  let court: TestHearing;
  const sockets: TestSocket[] = [];
  const must = async (answer: Promise<{ ok: boolean; data?: any; error?: unknown }>, what: string) => {
    const got = await answer;
    assert.equal(got.ok, true, `${what}: ${JSON.stringify(got.error)}`);
    return got.data;
  };
  const settle = (ms = 300) => new Promise((r) => setTimeout(r, ms));
  let listener: TestSocket;
  const offers: Offer[] = [];
  const closed = new Set<string>();
  /** How long the listener's "browser" takes to answer an offer. */
  let answerAfterMs = 0;
  /** The channel streams the SFU forwards to the listener now (its own view, not the socket's). */
  const channelsHeldInSfu = async () => {
    const media = await server.sfu.hearing(court.hearing.id);
    const peer = media.streams().find((p) => p.participantId === court.people.Listener!.id);
    return (peer?.consumers ?? []).filter((c) => c.source === 'interpretation').map((c) => c.ownerId);
  };
  const channelsHeldByPage = () =>
    offers
      .filter((o) => !closed.has(o.consumerId) && o.source === 'interpretation')
      .map((o) => o.channel)
      .sort();

  before(async () => {
    server = await startTestServer();
    court = await server.hearingWith([
      { name: 'Judge', role: 'presiding_judge', language: 'de' },
      { name: 'Listener', role: 'observer' },
      { name: 'Lucia', role: 'interpreter', interprets: { from: 'de', into: 'it' } },
      { name: 'Sofia', role: 'interpreter', interprets: { from: 'de', into: 'es' } },
    ]);
    const enter = async (name: string) => {
      const { socket } = await join(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id });
      sockets.push(socket);
      socket.on('consumer:new', (offer: Offer, ack: (a: unknown) => void) => {
        if (name !== 'Listener') return ack({ ok: true });
        offers.push(offer);
        setTimeout(() => ack({ ok: !closed.has(offer.consumerId) }), answerAfterMs);
      });
      if (name === 'Listener') socket.on('consumer:closed', ({ consumerId }: { consumerId: string }) => closed.add(consumerId));
      await must(ask(socket, 'hearing:enter', { rtpCapabilities: CAPS }), `${name} enters`);
      return socket;
    };
    const judge = await enter('Judge');
    listener = await enter('Listener');
    const lucia = await enter('Lucia');
    const sofia = await enter('Sofia');
    for (const name of ['Listener', 'Lucia', 'Sofia']) await must(ask(judge, 'court:admit', { participantId: court.people[name]!.id }), `admit ${name}`);
    for (const socket of [judge, listener, lucia, sofia]) {
      await must(ask(socket, 'transport:create', { direction: 'recv' }), 'recv transport');
      await must(ask(socket, 'consumers:ready', {}), 'ready');
    }
    let ssrc = 1000;
    for (const [socket, sources] of [
      [judge, ['microphone']],
      [lucia, ['interpretation']],
      [sofia, ['interpretation']],
    ] as const) {
      const transportId = (await ask(socket, 'transport:create', { direction: 'send' })).data.transport.id;
      for (const source of sources) await must(ask(socket, 'producer:create', { transportId, kind: 'audio', source, rtpParameters: opus(ssrc++) }), source);
    }
    await must(ask(lucia, 'interpretation:take', {}), 'Lucia takes');
    await must(ask(sofia, 'interpretation:take', {}), 'Sofia takes');
    await settle();
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  for (const delay of [0, 5, 50, 400]) {
    it(`choices a few ms apart, the page answering offers after ${delay} ms, end on the last choice`, async () => {
      answerAfterMs = delay;
      const sequence = ['it', null, 'es', null, 'it', null, 'it', 'es', null, 'it'];
      // Gaps of 0 to 24 ms: some choices reach the server while the previous one's offers are still
      // being created or answered, some before the previous one was even handled.
      for (const [i, channel] of sequence.entries()) {
        void ask(listener, 'interpretation:listen', { channel });
        await settle((i * 7) % 25);
      }
      await settle(delay + 800);
      assert.deepEqual(channelsHeldByPage(), ['it'], 'the page holds the Italian channel and nothing else');
      assert.deepEqual(await channelsHeldInSfu(), [court.people.Lucia!.id]);
      assert.equal((await ask(listener, 'interpretation:listen', { channel: null })).ok, true);
      await settle(delay + 300);
      assert.deepEqual(channelsHeldByPage(), []);
    });
  }
});
