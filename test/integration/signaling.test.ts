/**
 * The signalling server as a browser meets it, over a real socket.io connection to a real server
 * (real mediasoup worker, real SQLite): who is let in, what is refused, and that a refused or
 * malformed message never changes the hearing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import { io } from 'socket.io-client';
import { ask, join, refusal, type TestSocket } from '../support/socket-client.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

const OPUS_CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };

describe('signalling', () => {
  let server: TestServer;
  let court: TestHearing;
  const sockets: TestSocket[] = [];
  const connect = async (name: string) => {
    const person = court.people[name]!;
    const joined = await join(server.url, { token: person.token, hearingId: court.hearing.id });
    sockets.push(joined.socket);
    return joined;
  };

  before(async () => {
    server = await startTestServer();
    court = await server.hearingWith([
      { name: 'Judge', role: 'presiding_judge' },
      { name: 'Witness', role: 'person_heard', capacity: 'witness' },
      { name: 'Observer', role: 'observer' },
      { name: 'Counsel', role: 'counsel' },
    ]);
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  describe('the handshake', () => {
    it('welcomes a participant with their name, function and powers', async () => {
      const { welcome, socket } = await connect('Witness');
      const self = welcome.self as Record<string, unknown>;
      assert.equal(self.displayName, 'Witness');
      assert.equal(self.functionLabel, 'Witness');
      assert.deepEqual(welcome.permissions, [
        'media.send_audio',
        'media.send_video',
        'media.receive',
        'court.acknowledge',
        'extradition.declare',
        'court.claim_privilege',
        'court.consult',
        'interpretation.flag',
      ]);
      socket.close();
    });

    it('answers a request the page sends the moment it connects (as a reconnecting page flushes its queue)', async () => {
      const person = court.people.Counsel!;
      // Reconnecting: the server first closes the connection this one replaces.
      const { socket: previous } = await connect('Counsel');
      assert.equal((await ask(previous, 'hearing:enter', { rtpCapabilities: { codecs: [] } })).ok, true);
      const socket = io(server.url, {
        auth: { token: person.token, hearingId: court.hearing.id },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      });
      sockets.push(socket);
      // Emitted before the connection is up: socket.io sends it right behind the handshake.
      const answers = await Promise.all([ask(socket, 'media:capabilities', {}), ask(socket, 'no:such-request', {})]);
      assert.equal(answers[0].ok, true, JSON.stringify(answers[0].error));
      assert.ok(answers[0].data.routerRtpCapabilities.codecs.length > 0);
      assert.equal(answers[1].error?.code, 'unknown_request');
      socket.close();
    });

    it('refuses a connection without a token', async () => {
      const refused = await refusal(server.url, { hearingId: court.hearing.id });
      assert.equal(refused.code, 'token_missing');
      assert.match(refused.message, /Open the link you received/);
    });

    it('refuses an expired link and says when it expired', async () => {
      const { token } = await server.linkFor(court.people.Witness!, { notBefore: new Date(Date.now() - 7200_000), expiresAt: new Date(Date.now() - 3600_000) });
      const refused = await refusal(server.url, { token, hearingId: court.hearing.id });
      assert.equal(refused.code, 'token_expired');
      assert.match(refused.message, /expired at .* UTC\. Ask the court for a new one/);
    });

    it('refuses a tampered link', async () => {
      const [h, p, s] = court.people.Witness!.token.split('.');
      const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
      claims.role = 'presiding_judge';
      const tampered = [h, Buffer.from(JSON.stringify(claims)).toString('base64url'), s].join('.');
      assert.equal((await refusal(server.url, { token: tampered, hearingId: court.hearing.id })).code, 'token_invalid');
    });

    it('refuses an alg:none token', async () => {
      const claims = jwt.decode(court.people.Judge!.token) as Record<string, unknown>;
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      assert.equal((await refusal(server.url, { token: unsigned, hearingId: court.hearing.id })).code, 'token_invalid');
    });

    it('refuses a revoked link', async () => {
      const link = await server.linkFor(court.people.Counsel!);
      await server.store.tokens.revoke(link.tokenId, 'reissued');
      const refused = await refusal(server.url, { token: link.token, hearingId: court.hearing.id });
      assert.equal(refused.code, 'token_revoked');
      assert.match(refused.message, /withdrawn by the court/);
    });

    it('refuses a link on another hearing’s page', async () => {
      const other = await server.hearingWith([{ name: 'Someone', role: 'observer' }]);
      const refused = await refusal(server.url, { token: court.people.Witness!.token, hearingId: other.hearing.id });
      assert.equal(refused.code, 'wrong_hearing');
    });

    it('refuses a malformed handshake and names the field', async () => {
      const refused = await refusal(server.url, { token: court.people.Witness!.token, hearingId: 'not-a-hearing' });
      assert.equal(refused.code, 'invalid_input');
      assert.match(refused.message, /"hearingId"/);
    });
  });

  describe('messages', () => {
    it('answers a malformed message with the field at fault and changes nothing', async () => {
      const judge = await connect('Judge');
      assert.equal((await ask(judge.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS })).ok, true);
      const announced: unknown[] = [];
      judge.socket.on('participant:joined', (p) => announced.push(p));

      const witness = await connect('Witness');
      const answer = await ask(witness.socket, 'hearing:enter', {
        rtpCapabilities: { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 'fast' }] },
      });
      assert.equal(answer.ok, false);
      assert.equal(answer.error?.code, 'invalid_input');
      assert.equal(answer.error?.field, 'rtpCapabilities.codecs.0.clockRate');

      // Nothing happened: the judge was not told of an arrival and the record has no entry for it.
      const create = await ask(witness.socket, 'transport:create', { direction: 'recv' });
      assert.equal(create.error?.code, 'not_in_hearing');
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(announced, []);
      const entries = await server.store.events.list(court.hearing.id);
      assert.equal(entries.filter((e) => e.type === 'participant.entered' && e.actorId === court.people.Witness!.id).length, 0);
      judge.socket.close();
      witness.socket.close();
    });

    it('survives junk: wrong types, no acknowledgement, unknown requests', async () => {
      const { socket } = await connect('Counsel');
      socket.emit('transport:create', 'send'); // no ack callback at all
      socket.emit('producer:create', null, 42);
      for (const junk of [null, 7, 'x', [], { direction: { $gt: '' } }]) {
        const answer = await ask(socket, 'transport:create', junk);
        assert.equal(answer.ok, false);
        assert.equal(answer.error?.code, 'invalid_input');
      }
      const empty = await ask(socket, 'media:capabilities', null);
      assert.equal(empty.error?.code, 'invalid_input', 'null is not an empty request');
      const unknown = await ask(socket, 'hearing:destroy', {});
      assert.equal(unknown.error?.code, 'unknown_request');
      const capabilities = await ask(socket, 'media:capabilities', {});
      assert.equal(capabilities.ok, true, 'the server still answers');
      assert.ok(Array.isArray(capabilities.data.routerRtpCapabilities.codecs));
      socket.close();
    });

    it('refuses a request outside the role, on the server, whatever the page shows', async () => {
      const { socket } = await connect('Observer');
      assert.equal((await ask(socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS })).ok, true);
      const send = await ask(socket, 'transport:create', { direction: 'send' });
      assert.equal(send.error?.code, 'forbidden');
      assert.match(send.error?.message ?? '', /As Observer you may not speak/);
      const produce = await ask(socket, 'producer:create', {
        transportId: 'x',
        kind: 'audio',
        source: 'microphone',
        rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }] },
      });
      assert.equal(produce.error?.code, 'forbidden');
      assert.equal((await ask(socket, 'transport:create', { direction: 'recv' })).ok, true, 'but may receive');
      socket.close();
    });

    it('does not let the person heard share a screen', async () => {
      const { socket } = await connect('Witness');
      assert.equal((await ask(socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS })).ok, true);
      const send = await ask(socket, 'transport:create', { direction: 'send' });
      assert.equal(send.ok, true);
      const screen = await ask(socket, 'producer:create', {
        transportId: send.data.transport.id,
        kind: 'video',
        source: 'screen',
        rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: 1111 }] },
      });
      assert.equal(screen.error?.code, 'forbidden');
      socket.close();
    });

    it('refuses to act on another participant’s transport', async () => {
      const judge = await connect('Judge');
      await ask(judge.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS });
      const judgeTransport = await ask(judge.socket, 'transport:create', { direction: 'send' });
      const counsel = await connect('Counsel');
      await ask(counsel.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS });
      const hijack = await ask(counsel.socket, 'transport:restart-ice', { transportId: judgeTransport.data.transport.id });
      assert.equal(hijack.error?.code, 'unknown_transport');
      judge.socket.close();
      counsel.socket.close();
    });
  });

  describe('media', () => {
    it('offers each stream once, however often the browser says it is ready', async () => {
      const judge = await connect('Judge');
      await ask(judge.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS });
      const send = await ask(judge.socket, 'transport:create', { direction: 'send' });
      const produced = await ask(judge.socket, 'producer:create', {
        transportId: send.data.transport.id,
        kind: 'audio',
        source: 'microphone',
        rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 4242 }] },
      });
      assert.equal(produced.ok, true, JSON.stringify(produced.error));

      const counsel = await connect('Counsel');
      const offers: string[] = [];
      counsel.socket.on('consumer:new', (consumer: { producerId: string }, ack: (a: unknown) => void) => {
        offers.push(consumer.producerId);
        ack({ ok: true });
      });
      await ask(counsel.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS });
      await ask(counsel.socket, 'transport:create', { direction: 'recv' });
      const waiting = await Promise.all([1, 2].map(() => ask(counsel.socket, 'consumers:ready', {})));
      assert.deepEqual(
        waiting.map((a) => a.data.consumers),
        [0, 0],
        'nothing reaches the waiting room',
      );
      assert.deepEqual(offers, []);
      assert.equal((await ask(judge.socket, 'court:admit', { participantId: court.people.Counsel!.id })).ok, true);
      const answers = await Promise.all([1, 2, 3].map(() => ask(counsel.socket, 'consumers:ready', {})));
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(
        answers.map((a) => a.data.consumers),
        [0, 0, 0],
        'admission already offered everything',
      );
      assert.deepEqual(offers, [produced.data.producer.producerId], 'offered exactly once');
      await ask(judge.socket, 'court:send-back', { participantId: court.people.Counsel!.id });
      judge.socket.close();
      counsel.socket.close();
    });

    it('withdraws an offer the browser refuses, leaving no paused stream behind', async () => {
      const judge = await connect('Judge');
      await ask(judge.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS });
      const send = await ask(judge.socket, 'transport:create', { direction: 'send' });
      await ask(judge.socket, 'producer:create', {
        transportId: send.data.transport.id,
        kind: 'audio',
        source: 'microphone',
        rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 4343 }] },
      });
      const counsel = await connect('Counsel');
      counsel.socket.on('consumer:new', (_c: unknown, ack: (a: unknown) => void) => ack({ ok: false }));
      const withdrawn = new Promise((resolve) => counsel.socket.once('consumer:closed', resolve));
      await ask(counsel.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS });
      await ask(counsel.socket, 'transport:create', { direction: 'recv' });
      assert.equal((await ask(counsel.socket, 'consumers:ready', {})).data.consumers, 0);
      assert.equal((await ask(judge.socket, 'court:admit', { participantId: court.people.Counsel!.id })).ok, true);
      await withdrawn;
      const media = await server.sfu.hearing(court.hearing.id);
      const dump = (await media.router.dump()) as { mapProducerIdConsumerIds: Record<string, string[]> };
      assert.deepEqual(Object.values(dump.mapProducerIdConsumerIds).flat(), [], 'no consumer left on the router');
      await ask(judge.socket, 'court:send-back', { participantId: court.people.Counsel!.id });
      judge.socket.close();
      counsel.socket.close();
    });
  });

  describe('presence', () => {
    it('announces arrivals and departures and writes them to the record', async () => {
      const judge = await connect('Judge');
      await ask(judge.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS });
      const counsel = await connect('Counsel');
      const joinedSeen = new Promise((resolve) => judge.socket.once('participant:joined', resolve));
      const entered = await ask(counsel.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS });
      assert.deepEqual(entered.data.participants, [], 'the waiting room shows nobody');
      const counselSees = new Promise((resolve) => counsel.socket.once('participant:joined', resolve));
      assert.equal((await ask(judge.socket, 'court:admit', { participantId: court.people.Counsel!.id })).ok, true);
      assert.equal(((await joinedSeen) as { displayName: string }).displayName, 'Counsel');
      assert.equal(((await counselSees) as { displayName: string }).displayName, 'Judge');

      const leftSeen = new Promise((resolve) => judge.socket.once('participant:left', resolve));
      counsel.socket.close();
      assert.deepEqual(await leftSeen, { participantId: court.people.Counsel!.id });
      await new Promise((r) => setTimeout(r, 100));
      const types = (await server.store.events.list(court.hearing.id)).filter((e) => e.actorId === court.people.Counsel!.id).map((e) => e.type);
      assert.deepEqual(types.slice(-3), ['participant.entered', 'lobby.waiting', 'participant.left']);
      judge.socket.close();
    });

    it('a second window of the same person replaces the first, closing its connection and media', async () => {
      const first = await connect('Judge');
      await ask(first.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS });
      await ask(first.socket, 'transport:create', { direction: 'recv' });
      const media = await server.sfu.hearing(court.hearing.id);
      const replaced = new Promise<{ message: string }>((resolve) => first.socket.once('session:replaced', resolve));
      const dropped = new Promise((resolve) => first.socket.once('disconnect', resolve));
      const second = await connect('Judge');
      assert.match((await replaced).message, /another window or device/);
      await dropped;
      assert.equal(media.participantCount(), 0, 'the first window’s transports are closed');
      assert.equal((await ask(second.socket, 'media:capabilities', {})).ok, true);
      second.socket.close();
    });

    it('a withdrawn link takes its holder out of the hearing at once', async () => {
      const link = await server.linkFor(court.people.Counsel!);
      const counsel = await join(server.url, { token: link.token, hearingId: court.hearing.id });
      sockets.push(counsel.socket);
      await ask(counsel.socket, 'hearing:enter', { rtpCapabilities: OPUS_CAPS });
      const ended = new Promise<{ message: string }>((resolve) => counsel.socket.once('session:ended', resolve));
      const dropped = new Promise((resolve) => counsel.socket.once('disconnect', resolve));
      assert.equal(await server.signaling.revokeLink(link.tokenId, 'sent to the wrong person'), true);
      assert.match((await ended).message, /withdrawn by the court/);
      await dropped;
      const last = (await server.store.events.list(court.hearing.id)).filter((e) => e.actorId === court.people.Counsel!.id).at(-1);
      assert.deepEqual([last?.type, last?.data.reason], ['participant.left', 'link_revoked']);
      assert.equal((await refusal(server.url, { token: link.token, hearingId: court.hearing.id })).code, 'token_revoked');
    });
  });
});
