/**
 * The court's control of recording on a real server, over real connections: off by default; the
 * presiding judge starts it with a legal basis and everyone's view says it runs; nobody else can;
 * the officer's intervention stops it; stopping seals the signed manifest and the record holds its
 * hash, which the minutes state with the legal basis. (Media is recorded in the browser test.)
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMinutes, MinutesSigner, sha256Hex } from '../../record/index.js';
import { SignedManifest, signedBytes, verifyRecording } from '../../recording/index.js';
import { ask, join as connect, type TestSocket } from '../support/socket-client.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };
const BASIS = 'Order of the court of 3 May 2026 under Art. 24 of Regulation (EU) 2020/1783';

describe('the court starts and stops the recording', () => {
  let server: TestServer;
  let court: TestHearing;
  const sockets: TestSocket[] = [];
  const views = new Map<string, { recording: { since: string; legalBasis: string } | null }[]>();
  const enter = async (name: string) => {
    const { socket } = await connect(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id });
    sockets.push(socket);
    views.set(name, []);
    socket.on('court:state', (view) => views.get(name)!.push(view));
    const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS, canSeal: false });
    assert.equal(entered.ok, true, JSON.stringify(entered.error));
    return socket;
  };
  const lastView = (name: string) => views.get(name)!.at(-1);
  /** The court's state reaches the others just after the command is acknowledged. */
  const shown = async (name: string, recording: string | null) => {
    const deadline = Date.now() + 5000;
    while ((lastView(name)?.recording?.legalBasis ?? null) !== recording && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(
      lastView(name)?.recording?.legalBasis ?? null,
      recording,
      `${name} is shown ${recording ? 'that the hearing is recorded' : 'that nothing is recorded'}`,
    );
  };
  const events = () => server.store.events.list(court.hearing.id);

  before(async () => {
    server = await startTestServer();
    court = await server.hearingWith([
      { name: 'Judge', role: 'presiding_judge' },
      { name: 'Officer', role: 'requested_officer' },
      { name: 'Witness', role: 'person_heard', capacity: 'witness' },
    ]);
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('is off until the judge starts it with a legal basis, which nobody else can', async () => {
    const judge = await enter('Judge');
    const officer = await enter('Officer');
    const witness = await enter('Witness');
    assert.equal((await ask(judge, 'court:admit', { participantId: court.people.Witness!.id })).ok, true);
    await shown('Witness', null);
    assert.equal((await ask(witness, 'court:start-recording', { legalBasis: BASIS })).error?.code, 'forbidden');
    assert.equal((await ask(officer, 'court:start-recording', { legalBasis: BASIS })).error?.code, 'forbidden');
    const noBasis = await ask(judge, 'court:start-recording', { legalBasis: '' });
    assert.deepEqual([noBasis.error?.code, noBasis.error?.field], ['invalid_input', 'legalBasis']);
    assert.ok(!(await events()).some((e) => e.type === 'recording.started'), 'nothing was recorded');

    assert.equal((await ask(judge, 'court:start-recording', { legalBasis: BASIS })).ok, true);
    const started = (await events()).find((e) => e.type === 'recording.started');
    assert.equal(started?.data.legalBasis, BASIS);
    for (const name of ['Judge', 'Officer', 'Witness']) await shown(name, BASIS);
    const dir = join(server.config.recording.dir, String(started?.data.recordingId));
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { manifest: { legalBasis: string; status: string } };
    assert.deepEqual([manifest.manifest.legalBasis, manifest.manifest.status], [BASIS, 'recording']);
    assert.equal((await ask(judge, 'court:start-recording', { legalBasis: BASIS })).error?.code, 'already_recording');
  });

  it('the officer stops it; the final manifest is signed and its hash is in the record and the minutes', async () => {
    const officer = sockets[1]!;
    assert.equal((await ask(officer, 'court:intervene', { action: 'stop_recording', reason: 'recording is not permitted under our law' })).ok, true);
    const all = await events();
    const stopped = all.find((e) => e.type === 'recording.stopped');
    const sealed = all.find((e) => e.type === 'recording.sealed');
    assert.equal(stopped?.data.cause, 'officer');
    assert.ok(sealed, 'the sealed manifest is recorded');
    assert.ok(all.indexOf(sealed) > all.indexOf(stopped!));
    for (const name of ['Judge', 'Officer', 'Witness']) await shown(name, null);

    const dir = join(server.config.recording.dir, String(stopped?.data.recordingId));
    const report = await verifyRecording(dir, { publicKeyPem: new MinutesSigner(server.config.minutesSigningKey).publicKeyPem });
    assert.ok(report.ok && report.complete, JSON.stringify(report));
    const final = SignedManifest.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')));
    assert.equal(sealed.data.manifestSha256, sha256Hex(signedBytes(final.manifest)), 'the record anchors the final manifest');

    const minutes = generateMinutes(court.hearing, await server.store.participants.listByHearing(court.hearing.id), all, {});
    assert.equal(minutes.recording.made, true);
    assert.match(minutes.recording.statement, new RegExp(`legal basis: ${BASIS.replace(/[()]/g, '\\$&')}`));
    assert.match(minutes.recording.statement, new RegExp(String(sealed.data.manifestSha256)));
    assert.match(minutes.recording.statement, /intervention of the requested-state officer/);
  });

  it('a gap the recorder reports is in the minutes, with whose track, when and why', async () => {
    const all = await events();
    const recordingId = String(all.find((e) => e.type === 'recording.started')?.data.recordingId);
    const from = new Date(Date.now() - 4000).toISOString();
    const to = new Date(Date.now() - 3000).toISOString();
    await server.store.events.append(court.hearing.id, {
      type: 'recording.gap',
      actorId: null,
      data: { recordingId, trackId: 'w-microphone-0', participantId: court.people.Witness!.id, from, to, cause: 'the recorder exited and was restarted' },
    });
    const minutes = generateMinutes(court.hearing, await server.store.participants.listByHearing(court.hearing.id), await events(), {});
    assert.deepEqual(
      minutes.recording.gaps.map((g) => [g.name, g.from, g.to, g.cause]),
      [['Witness', from, to, 'the recorder exited and was restarted']],
    );
    assert.ok(
      minutes.chronology.some((c) => /recording of .*Witness.* has a gap/.test(c.text)),
      JSON.stringify(minutes.chronology.at(-1)),
    );
  });
});
