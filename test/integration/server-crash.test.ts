/**
 * The server killed (`kill -9`) while a hearing is live and recorded, then started again on the same
 * data, each time as its own process, as an operator runs it. What the court ends up with:
 * - the record holds the interruption, from its last entry before the crash to the new start, and
 *   says the recording was cut short (`recording.stopped`, cause `server_failed`);
 * - the recorder the dead server left running is stopped, what it had written in the clear is
 *   sealed with the recording's key, and the last signed manifest is anchored in the record;
 * - the recording resumes by itself, on the same legal basis, in a new recording whose signed
 *   manifest names the one cut short; the judge is told, and the minutes state the stretch lost;
 * - where it cannot resume (here: no room on the recording disk), the judge is not shown
 *   "Recording" but told to start it again, with the legal basis filled in;
 * - both recordings verify as signed prefixes, the second naming the first.
 *
 * The recorder left behind is a real ffmpeg writing WebM segments into a track folder of the
 * recording, started by the test, because media cannot be sent into the hearing without a browser;
 * the browser recording tests cover the recorder's own media.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateMinutes, MinutesSigner } from '../../record/index.js';
import { describeRecordingReport, RecordingKey, verifyRecording } from '../../recording/index.js';
import { loadConfig } from '../../server/config.js';
import { openStore } from '../../store/index.js';
import { processEnv, recordOf, seedHearing, startServerProcess } from '../support/server-process.js';
import { ask, join as connect, type TestSocket } from '../support/socket-client.js';

const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };
const BASIS = 'Order of the court of 3 May 2026 under Art. 24 of Regulation (EU) 2020/1783';
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the server killed during a recorded hearing, and started again', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let hearingId: string;
  let judgeToken: string;
  let server: ChildProcess | undefined;
  let orphan: ChildProcess | undefined;
  let recordingDir: string;
  let firstRecordingId: string;
  let resumedRecordingId: string;
  const sockets: TestSocket[] = [];

  const startServer = async () => startServerProcess(env);
  const enterAsJudge = async (url: string) => {
    const { socket } = await connect(url, { token: judgeToken, hearingId });
    sockets.push(socket);
    const views: { recording: unknown }[] = [];
    socket.on('court:state', (view) => views.push(view));
    const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS, canSeal: false });
    assert.equal(entered.ok, true, JSON.stringify(entered.error));
    return { socket, views };
  };
  const events = () => recordOf(env, hearingId);

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hearing-room-crash-'));
    env = processEnv(dataDir);
    const seeded = await seedHearing(env, 'CRASH-1', [{ name: 'Judge Anna Berger', role: 'presiding_judge' }]);
    hearingId = seeded.hearingId;
    judgeToken = seeded.people['Judge Anna Berger']!.token;
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    orphan?.kill('SIGKILL');
    server?.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('killed while recording, it leaves a recording marked as running and a recorder writing in the clear', async () => {
    const first = await startServer();
    server = first.child;
    const { socket } = await enterAsJudge(first.url);
    const answer = await ask(socket, 'court:start-recording', { legalBasis: BASIS });
    assert.equal(answer.ok, true, JSON.stringify(answer.error));
    const started = (await events()).find((e) => e.type === 'recording.started');
    assert.ok(started, 'the recording is in the record');
    firstRecordingId = String(started.data.recordingId);
    recordingDir = join(dataDir, 'recordings', firstRecordingId);
    // A recorder as the dead server leaves it: ffmpeg writing a track's segments in the clear.
    await mkdir(join(recordingDir, 'crashed-microphone-0'), { recursive: true });
    orphan = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        '-re',
        '-f',
        'lavfi',
        '-i',
        'sine=frequency=440:sample_rate=48000',
        '-c:a',
        'libopus',
        '-f',
        'segment',
        '-segment_time',
        '2',
        '-segment_format',
        'webm',
        join(recordingDir, 'crashed-microphone-0', 'segment-%05d.webm'),
      ],
      { stdio: 'ignore' },
    );
    await pause(3000);
    server.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));
    socket.close();
    assert.equal(orphan.exitCode, null, 'the recorder outlives the server that started it');
    const left = await readdir(join(recordingDir, 'crashed-microphone-0'));
    assert.ok(
      left.some((f) => /^segment-\d{5}\.webm$/.test(f)),
      `media in the clear is left: ${left.join(', ')}`,
    );
  });

  it('started again, it records the interruption and the cut, closes the recording as evidence, and resumes recording in a new one that names it', async () => {
    const crashedAt = Date.now();
    const second = await startServer();
    server = second.child;
    const { views } = await enterAsJudge(second.url);
    await pause(500);
    const view = views.at(-1) as { recording: { since: string; resumedAfter: { cutAt: string } | null } | null; recordingCutShort: unknown } | undefined;
    assert.ok(view?.recording, 'the court ordered a recording and no decision ended it: it runs again');
    assert.ok(view.recording.resumedAfter, 'the judge is told the recording resumed after the server restarted');
    assert.ok(Date.parse(view.recording.resumedAfter.cutAt) <= crashedAt, 'from when it was cut short');
    assert.equal(view.recordingCutShort, null, 'no "start it again" while it runs');
    // The recorder left behind is stopped.
    await new Promise<void>((resolve) => (orphan!.exitCode !== null || orphan!.signalCode !== null ? resolve() : orphan!.once('exit', () => resolve())));
    assert.equal(orphan!.signalCode, 'SIGKILL');

    const all = await events();
    const restarted = all.find((e) => e.type === 'server.restarted');
    assert.ok(restarted, 'the record holds the interruption');
    assert.ok(
      Date.parse(String(restarted.data.lastEntryAt)) <= crashedAt && Date.parse(String(restarted.data.restartedAt)) >= crashedAt - 1000,
      JSON.stringify(restarted.data),
    );
    const stopped = all.find((e) => e.type === 'recording.stopped');
    assert.equal(stopped?.data.cause, 'server_failed');
    const sealed = all.find((e) => e.type === 'recording.sealed');
    assert.equal(sealed?.data.complete, false, 'anchored as a recording cut short');
    const resumed = all.filter((e) => e.type === 'recording.started').at(-1)!;
    assert.ok(resumed.seq > sealed!.seq, 'resumed after the cut was anchored');
    assert.equal(resumed.actorId, null, 'by the server, not by a person');
    assert.deepEqual(
      resumed.data.continues,
      { recordingId: firstRecordingId, manifestSha256: sealed!.data.manifestSha256, cutAt: restarted.data.lastEntryAt },
      'naming the recording it continues and its anchored manifest',
    );
    assert.equal(resumed.data.legalBasis, BASIS, 'on the same legal basis');
    resumedRecordingId = String(resumed.data.recordingId);

    const config = loadConfig(env);
    const report = await verifyRecording(recordingDir, {
      publicKeyPem: new MinutesSigner(config.minutesSigningKey).publicKeyPem,
      recordingKey: new RecordingKey(config.recordingKey),
    });
    assert.ok(report.ok, JSON.stringify(report));
    assert.equal(report.complete, false, 'a signed prefix');
    assert.ok(
      report.unsigned.some((f) => f.startsWith('crashed-microphone-0/')),
      `the sealed leftovers are listed as not covered by the signature: ${report.unsigned.join(', ')}`,
    );

    const store = await openStore(config.databaseUrl);
    try {
      const hearing = (await store.hearings.get(hearingId))!;
      const minutes = generateMinutes(hearing, await store.participants.listByHearing(hearingId), all, {});
      assert.match(minutes.recording.statement, /cut short because the server stopped unexpectedly/);
      assert.match(minutes.recording.statement, /Resumed by the server after it started again/);
      assert.ok(minutes.technical.interruptions.some((i) => i.cause === 'the server stopped and started again'));
      assert.ok(
        minutes.chronology.some((c) => /no signed recording covers \d\d:\d\d:\d\d to \d\d:\d\d:\d\d UTC/.test(c.text)),
        'the minutes state the stretch nothing recorded',
      );
    } finally {
      await store.close();
    }
  });

  it('killed again and started with no room on the recording disk, it tells the judge nothing is recorded, and the resumed recording verifies as naming the first', async () => {
    server!.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));
    // More free space required than any disk has: the server cannot resume, and must say so.
    env.HEARING_ROOM_RECORDING_MIN_FREE_MB = String(1024 * 1024 * 1024);
    const third = await startServer();
    server = third.child;
    const { views } = await enterAsJudge(third.url);
    await pause(500);
    const view = views.at(-1) as { recording: unknown; recordingCutShort: { cause: string; legalBasis: string } | null } | undefined;
    assert.equal(view?.recording, null, 'the judge is not shown "Recording" over nothing');
    assert.equal(view?.recordingCutShort?.cause, 'server_failed', 'the judge is told the recording was cut short, to start it again');
    assert.equal(view?.recordingCutShort?.legalBasis, BASIS, 'with the legal basis to start it again at once');
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));

    const all = await events();
    assert.equal(all.filter((e) => e.type === 'recording.started').length, 2, 'not resumed a second time');
    const config = loadConfig(env);
    const report = await verifyRecording(join(dataDir, 'recordings', resumedRecordingId), {
      publicKeyPem: new MinutesSigner(config.minutesSigningKey).publicKeyPem,
      recordingKey: new RecordingKey(config.recordingKey),
    });
    assert.ok(report.ok, JSON.stringify(report));
    const firstSealed = all.find((e) => e.type === 'recording.sealed' && e.data.recordingId === firstRecordingId)!;
    assert.deepEqual(
      report.continues,
      { recordingId: firstRecordingId, manifestSha256: firstSealed.data.manifestSha256 },
      'its signed manifest names the recording it continues',
    );
    assert.match(describeRecordingReport(report), /It continues recording [0-9a-f-]{36}, cut short when the server stopped/);
    const resumedSealed = all.find((e) => e.type === 'recording.sealed' && e.data.recordingId === resumedRecordingId);
    assert.equal(resumedSealed?.data.complete, false, 'the resumed recording, cut short in turn, is anchored too');
  });
});
