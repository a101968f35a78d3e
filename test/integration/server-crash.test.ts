/**
 * The server killed (`kill -9`) while a hearing is live and recorded, then started again on the same
 * data, each time as its own process, as an operator runs it. What the court ends up with:
 * - the judge who comes back is not shown "Recording": the recording the record showed running was
 *   cut short, and the record says so (`recording.stopped`, cause `server_failed`);
 * - the record holds the interruption, from its last entry before the crash to the new start;
 * - the recorder the dead server left running is stopped, what it had written in the clear is
 *   sealed with the recording's key, and the last signed manifest is anchored in the record;
 * - the recording verifies as a signed prefix, its sealed leftovers listed as not covered by the
 *   signature; the minutes say the recording was cut short and why.
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
import { RecordingKey, verifyRecording } from '../../recording/index.js';
import { loadConfig } from '../../server/config.js';
import { JoinTokens } from '../../signaling/index.js';
import { openStore } from '../../store/index.js';
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
  const sockets: TestSocket[] = [];

  /** Starts the server as its own process and resolves with its address once it listens. */
  const startServerProcess = () =>
    new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      const timer = setTimeout(() => reject(new Error(`the server did not start: ${out.slice(-2000)}`)), 60_000);
      child.stdout!.setEncoding('utf8').on('data', (text: string) => {
        out += text;
        const url = /"url":"([^"]+)"[^\n]*hearing room listening/.exec(out)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve({ child, url });
        }
      });
      child.stderr!.setEncoding('utf8').on('data', (text: string) => (out += text));
      child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out.slice(-2000)}`)));
    });
  const enterAsJudge = async (url: string) => {
    const { socket } = await connect(url, { token: judgeToken, hearingId });
    sockets.push(socket);
    const views: { recording: unknown }[] = [];
    socket.on('court:state', (view) => views.push(view));
    const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS, canSeal: false });
    assert.equal(entered.ok, true, JSON.stringify(entered.error));
    return { socket, views };
  };
  const events = async () => {
    const store = await openStore(loadConfig(env).databaseUrl);
    try {
      return await store.events.list(hearingId);
    } finally {
      await store.close();
    }
  };

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hearing-room-crash-'));
    env = {
      HEARING_ROOM_DATA_DIR: dataDir,
      HEARING_ROOM_PORT: '0',
      HEARING_ROOM_HOST: '127.0.0.1',
      HEARING_ROOM_TOKEN_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      HEARING_ROOM_WORKERS: '1',
      HEARING_ROOM_RTC_PORT: String(20000 + Math.floor(Math.random() * 15000)),
      HEARING_ROOM_DEMO: 'false',
      HEARING_ROOM_LOG_LEVEL: 'info',
      HEARING_ROOM_RECORDING_MIN_FREE_MB: '0',
    };
    const config = loadConfig(env);
    const store = await openStore(config.databaseUrl);
    const hearing = await store.hearings.create({
      courtLanguage: null, title: 'Hearing of a witness abroad', caseReference: 'CRASH-1', status: 'scheduled',
      scheduledStart: new Date().toISOString(), scheduledEnd: new Date(Date.now() + 3600_000).toISOString(),
    });
    hearingId = hearing.id;
    const judge = await store.participants.create({ hearingId, displayName: 'Judge Anna Berger', role: 'presiding_judge', capacity: null, language: null, interprets: null });
    judgeToken = (await new JoinTokens(config.tokenSecret, store).issue(judge, { notBefore: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 3600_000) })).token;
    await store.close();
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    orphan?.kill('SIGKILL');
    server?.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('killed while recording, it leaves a recording marked as running and a recorder writing in the clear', async () => {
    const first = await startServerProcess();
    server = first.child;
    const { socket } = await enterAsJudge(first.url);
    const answer = await ask(socket, 'court:start-recording', { legalBasis: BASIS });
    assert.equal(answer.ok, true, JSON.stringify(answer.error));
    const started = (await events()).find((e) => e.type === 'recording.started');
    assert.ok(started, 'the recording is in the record');
    recordingDir = join(dataDir, 'recordings', String(started.data.recordingId));
    // A recorder as the dead server leaves it: ffmpeg writing a track's segments in the clear.
    await mkdir(join(recordingDir, 'crashed-microphone-0'), { recursive: true });
    orphan = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-c:a', 'libopus', '-f', 'segment', '-segment_time', '2', '-segment_format', 'webm', join(recordingDir, 'crashed-microphone-0', 'segment-%05d.webm')], { stdio: 'ignore' });
    await pause(3000);
    server.kill('SIGKILL');
    await new Promise((resolve) => server!.once('exit', resolve));
    socket.close();
    assert.equal(orphan.exitCode, null, 'the recorder outlives the server that started it');
    const left = await readdir(join(recordingDir, 'crashed-microphone-0'));
    assert.ok(left.some((f) => /^segment-\d{5}\.webm$/.test(f)), `media in the clear is left: ${left.join(', ')}`);
  });

  it('started again, it tells the judge no recording runs, records the interruption and the cut, and closes the recording as evidence', async () => {
    const crashedAt = Date.now();
    const second = await startServerProcess();
    server = second.child;
    const { views } = await enterAsJudge(second.url);
    await pause(500);
    assert.equal(views.at(-1)?.recording, null, 'the judge is not shown "Recording" over nothing');
    const cut = (views.at(-1) as { recordingCutShort?: { cause: string; legalBasis: string } } | undefined)?.recordingCutShort;
    assert.equal(cut?.cause, 'server_failed', 'the judge is told the recording was cut short by the server stopping, to start it again');
    assert.ok((cut?.legalBasis.length ?? 0) >= 3, 'with the legal basis to start it again at once');
    // The recorder left behind is stopped.
    await new Promise<void>((resolve) => (orphan!.exitCode !== null || orphan!.signalCode !== null ? resolve() : orphan!.once('exit', () => resolve())));
    assert.equal(orphan!.signalCode, 'SIGKILL');
    server.kill('SIGTERM');
    await new Promise((resolve) => server!.once('exit', resolve));

    const all = await events();
    const restarted = all.find((e) => e.type === 'server.restarted');
    assert.ok(restarted, 'the record holds the interruption');
    assert.ok(Date.parse(String(restarted.data.lastEntryAt)) <= crashedAt && Date.parse(String(restarted.data.restartedAt)) >= crashedAt - 1000, JSON.stringify(restarted.data));
    const stopped = all.find((e) => e.type === 'recording.stopped');
    assert.equal(stopped?.data.cause, 'server_failed');
    const sealed = all.find((e) => e.type === 'recording.sealed');
    assert.equal(sealed?.data.complete, false, 'anchored as a recording cut short');

    const config = loadConfig(env);
    const report = await verifyRecording(recordingDir, { publicKeyPem: new MinutesSigner(config.minutesSigningKey).publicKeyPem, recordingKey: new RecordingKey(config.recordingKey) });
    assert.ok(report.ok, JSON.stringify(report));
    assert.equal(report.complete, false, 'a signed prefix');
    assert.ok(report.unsigned.some((f) => f.startsWith('crashed-microphone-0/')), `the sealed leftovers are listed as not covered by the signature: ${report.unsigned.join(', ')}`);

    const store = await openStore(config.databaseUrl);
    try {
      const hearing = (await store.hearings.get(hearingId))!;
      const minutes = generateMinutes(hearing, await store.participants.listByHearing(hearingId), all, {});
      assert.match(minutes.recording.statement, /cut short because the server stopped unexpectedly/);
      assert.ok(minutes.technical.interruptions.some((i) => i.cause === 'the server stopped and started again'));
    } finally {
      await store.close();
    }
  });
});
