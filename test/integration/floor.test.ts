/**
 * The floor the court gives counts in the media, over real sockets and a real SFU: once the witness
 * testifies, her camera has the speaker's priority on the judge's and counsel's links (their own
 * cameras do not), and when the testimony ends it is one camera among the others again. Nobody
 * speaks in this test, so the loudest voice cannot be what moved it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CONSUMER_PRIORITY } from '../../sfu/media-config.js';
import { ask, join, type TestSocket } from '../support/socket-client.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

const CAPS = {
  codecs: [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
  ],
};
const vp8 = (ssrc: number) => ({ codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc }] });

describe('the floor the court gives, at the SFU', () => {
  let server: TestServer;
  let court: TestHearing;
  const sockets = new Map<string, TestSocket>();
  const id = (name: string) => court.people[name]!.id;
  const must = async (answer: Promise<{ ok: boolean; data?: any; error?: unknown }>, what: string) => {
    const got = await answer;
    assert.equal(got.ok, true, `${what}: ${JSON.stringify(got.error)}`);
    return got.data;
  };
  /** The priority of `owner`'s camera on `holder`'s receiving link, as the SFU has it. */
  const cameraPriority = async (holder: string, owner: string) => {
    const media = await server.sfu.hearing(court.hearing.id);
    return media
      .streams()
      .find((p) => p.participantId === id(holder))
      ?.consumers.find((c) => c.ownerId === id(owner) && c.source === 'camera')?.priority;
  };
  const eventually = async (check: () => Promise<boolean>, what: string) => {
    for (let i = 0; i < 40; i++) {
      if (await check()) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.fail(what);
  };

  before(async () => {
    server = await startTestServer();
    court = await server.hearingWith([
      { name: 'Judge', role: 'presiding_judge' },
      { name: 'Officer', role: 'requested_officer' },
      { name: 'Witness', role: 'person_heard', capacity: 'witness' },
      { name: 'Counsel', role: 'counsel' },
    ]);
    for (const name of ['Judge', 'Officer', 'Witness', 'Counsel']) {
      const { socket } = await join(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id });
      socket.on('consumer:new', (_offer: unknown, ack: (a: unknown) => void) => ack({ ok: true }));
      await must(ask(socket, 'hearing:enter', { rtpCapabilities: CAPS }), `${name} enters`);
      sockets.set(name, socket);
    }
    const judge = sockets.get('Judge')!;
    for (const name of ['Witness', 'Counsel']) await must(ask(judge, 'court:admit', { participantId: id(name) }), `admit ${name}`);
    await must(ask(judge, 'court:go-live', {}), 'go live');
    for (const socket of sockets.values()) {
      await must(ask(socket, 'transport:create', { direction: 'recv' }), 'recv transport');
      await must(ask(socket, 'consumers:ready', {}), 'ready');
    }
    let ssrc = 7000;
    for (const name of ['Witness', 'Counsel']) {
      const socket = sockets.get(name)!;
      const transportId = (await ask(socket, 'transport:create', { direction: 'send' })).data.transport.id;
      await must(ask(socket, 'producer:create', { transportId, kind: 'video', source: 'camera', rtpParameters: vp8(ssrc++) }), `${name}'s camera`);
    }
    await eventually(
      async () => (await cameraPriority('Judge', 'Witness')) !== undefined && (await cameraPriority('Judge', 'Counsel')) !== undefined,
      'the judge receives both cameras',
    );
  });
  after(async () => {
    for (const socket of sockets.values()) socket.close();
    await server.close();
  });

  it('before testimony, the witness’s camera is one among the others', async () => {
    assert.equal(await cameraPriority('Judge', 'Witness'), CONSUMER_PRIORITY.otherVideo);
    assert.equal(await cameraPriority('Counsel', 'Witness'), CONSUMER_PRIORITY.otherVideo);
  });

  it('once she testifies, her camera comes first on every link; counsel’s does not', async () => {
    const officer = sockets.get('Officer')!;
    const witness = sockets.get('Witness')!;
    await must(
      ask(officer, 'court:verify-identity', { participantId: id('Witness'), method: 'personal_knowledge', match: true, photoCompared: true }),
      'identity',
    );
    await must(ask(officer, 'court:show-rights', { participantId: id('Witness') }), 'rights shown');
    await must(ask(witness, 'court:acknowledge-rights', {}), 'rights acknowledged');
    await must(ask(officer, 'court:record-oath', { participantId: id('Witness'), form: 'oath' }), 'oath');
    await must(ask(sockets.get('Judge')!, 'court:testimony', { participantId: id('Witness'), action: 'start' }), 'testimony');
    await eventually(async () => (await cameraPriority('Judge', 'Witness')) === CONSUMER_PRIORITY.speakerVideo, 'her camera is raised on the judge’s link');
    assert.equal(await cameraPriority('Counsel', 'Witness'), CONSUMER_PRIORITY.speakerVideo);
    assert.equal(await cameraPriority('Judge', 'Counsel'), CONSUMER_PRIORITY.otherVideo);
  });

  it('when the testimony ends, it is one camera among the others again', async () => {
    await must(ask(sockets.get('Judge')!, 'court:testimony', { participantId: id('Witness'), action: 'end' }), 'testimony ends');
    await eventually(async () => (await cameraPriority('Judge', 'Witness')) === CONSUMER_PRIORITY.otherVideo, 'her camera is back among the others');
  });
});
