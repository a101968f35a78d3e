/**
 * A recorded hearing whose recorder fails, in real Chromium with the real recorder: the witness's
 * camera recorder is killed (`kill -9`, as an operator would see it die) once, and then again and
 * again until it is given up. What the court ends up with is checked, not that something restarted:
 * - after one kill, the restarted recorder writes playable media at once: the camera track's
 *   measured coverage has no hole, only the gap the record states;
 * - once the recorder is given up, every page stops saying "Recording": the judge's console says
 *   whose track is not recorded and why, and the witness's phone shows the recording interrupted;
 * - the record holds the interruption; the sealed manifest's coverage, measured from the files,
 *   declares the stretch after the recorder was given up and has no hole nothing explains; the
 *   minutes state what each track holds; `verify-recording` passes with those figures.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { generateMinutes, MinutesSigner } from '../../record/index.js';
import { describeCoverage, RecordingKey, trackCoverage, verifyRecording, type Manifest } from '../../recording/index.js';
import { launchChromium, screenshot, type ParticipantPage, pressAndConfirm } from '../support/browser.js';
import { manifestIn, openRecordedHearing, until } from '../support/recorded-hearing.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

const run = promisify(execFile);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a recorder that fails during a recorded hearing', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let dir: string;
  const witnessId = () => court.people['Maria Rossi']!.id;

  /** The manifest as last signed on disk. */
  const manifestNow = () => manifestIn(dir);
  const cameraTrack = (m: Manifest | undefined) => m?.tracks.find((t) => t.participantId === witnessId() && t.source === 'camera');
  /** The pid of the ffmpeg writing the witness's camera track, found as an operator would: by its folder. */
  const cameraRecorderPid = async (): Promise<number | undefined> => {
    const track = cameraTrack(await manifestNow());
    if (!track) return undefined;
    const { stdout } = await run('pgrep', ['-f', `${join(dir, track.trackId)}/`]).catch(() => ({ stdout: '' }));
    return stdout
      .split('\n')
      .map(Number)
      .find((pid) => pid > 0);
  };

  before(async () => {
    [server, browser] = await Promise.all([startTestServer({ env: { HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '2' } }), launchChromium()]);
    ({ court, judge, witness, dir } = await openRecordedHearing(server, browser, server.config.recording.dir));
    await until('the witness’s camera reaches the disk', async () => (cameraTrack(await manifestNow())?.segments.length ?? 0) >= 2);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a recorder killed once is restarted and writes playable media at once: the gap is all that is missing', async () => {
    const pid = await until('the camera recorder runs', cameraRecorderPid);
    process.kill(pid, 'SIGKILL');
    await until('a second run writes segments', async () => cameraTrack(await manifestNow())?.segments.some((s) => (s.run ?? 0) >= 1));
    // Long enough for the new run to close segments of its own.
    await pause(6000);
    const track = cameraTrack(await manifestNow())!;
    const afterRestart = track.segments.filter((s) => (s.run ?? 0) >= 1);
    const media = afterRestart.reduce((n, s) => n + (s.media?.seconds ?? 0), 0);
    const listed = afterRestart.reduce((n, s) => n + (s.endTime - s.startTime), 0);
    console.log(
      `after one kill: the new run's ${afterRestart.length} segments list ${listed.toFixed(1)} s and hold ${media.toFixed(1)} s of playable video; gap ${JSON.stringify(track.gaps)}`,
    );
    assert.ok(media > 0.8 * listed && media > 3, `the restarted recorder's files hold playable video: ${media.toFixed(1)} of ${listed.toFixed(1)} s`);
    const coverage = trackCoverage({ ...track, endedAt: track.segments.at(-1)!.wallEnd! });
    console.log(`the camera track so far: ${describeCoverage(coverage)}`);
    assert.deepEqual(coverage.holes, [], describeCoverage(coverage));
    assert.equal(track.gaps?.length, 1, 'the one restart is a declared gap');
  });

  it('a recorder that keeps dying is given up: no page says "Recording" any more, and the judge is told whose track and why', async () => {
    // Killed each time it comes back, until the recorder is no longer restarted.
    for (let kill = 0; kill < 8; kill++) {
      const pid = await until('the camera recorder runs again', cameraRecorderPid, 15_000).catch(() => undefined);
      if (!pid) break;
      process.kill(pid, 'SIGKILL');
      await pause(300);
    }
    const notice = judge.page.locator('[data-recording-interrupted]');
    await notice.waitFor({ timeout: 15_000 });
    const said = (await notice.textContent()) ?? '';
    assert.match(said, /Recording interrupted/);
    assert.match(said, /Not being recorded: Maria Rossi — camera\. The recorder failed and could not be restarted\./);
    assert.match(said, /You may pause the hearing/);
    for (const p of [judge, witness]) {
      const mark = p.page.locator('#recording-indicator');
      await p.page.waitForFunction(() => document.getElementById('recording-label')?.textContent === 'Recording interrupted', undefined, { timeout: 15_000 });
      assert.equal(await mark.isVisible(), true, 'the mark stays visible and says what is true');
    }
    await screenshot(judge.page, 'recording-interrupted-judge-1366');
    await screenshot(witness.page, 'recording-interrupted-witness-phone');
    const interrupted = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'recording.interrupted');
    assert.deepEqual(interrupted.at(-1)?.data.cause, 'recorder_given_up');
    assert.equal(interrupted.at(-1)?.data.participantId, witnessId());
  });

  it('the sealed recording states what it holds: the stretch after the recorder was given up is declared, no hole is left unexplained, and the minutes say so', async () => {
    await pause(3000);
    await pressAndConfirm(judge.page, 'Stop recording');
    const events = await until('the manifest is sealed', async () => {
      const all = await server.store.events.list(court.hearing.id);
      return all.some((e) => e.type === 'recording.sealed') ? all : undefined;
    });
    const sealed = events.find((e) => e.type === 'recording.sealed')!;
    const coverage = sealed.data.coverage as {
      participantId: string;
      source: string;
      recordedSeconds: number;
      spanSeconds: number;
      declaredSeconds: number;
      holeSeconds: number;
    }[];
    for (const c of coverage)
      console.log(
        `sealed coverage: ${c.source} of ${c.participantId === witnessId() ? 'the witness' : 'the judge'}: ${c.recordedSeconds} of ${c.spanSeconds} s recorded, ${c.declaredSeconds} s declared, ${c.holeSeconds} s unexplained`,
      );
    const camera = coverage.find((c) => c.participantId === witnessId() && c.source === 'camera')!;
    assert.ok(camera.declaredSeconds >= 2, `the stretch after the recorder was given up is declared: ${JSON.stringify(camera)}`);
    assert.equal(camera.holeSeconds, 0, `no hole nothing explains: ${JSON.stringify(camera)}`);
    for (const c of coverage.filter((x) => x !== camera)) assert.equal(c.holeSeconds, 0, `${c.source}: ${JSON.stringify(c)}`);

    const report = await verifyRecording(dir, {
      publicKeyPem: new MinutesSigner(server.config.minutesSigningKey).publicKeyPem,
      recordingKey: new RecordingKey(server.config.recordingKey),
    });
    assert.ok(report.ok && report.complete && !report.holes, JSON.stringify(report));

    const minutes = generateMinutes(court.hearing, await server.store.participants.listByHearing(court.hearing.id), events, {});
    const run = minutes.recording.runs[0]!;
    assert.equal(run.coverage.length, coverage.length);
    assert.ok(
      minutes.chronology.some((c) => /camera of .*Maria Rossi.* stopped reaching the recording: the recorder failed and could not be restarted/.test(c.text)),
      JSON.stringify(minutes.chronology.map((c) => c.text)),
    );
    for (const p of [judge, witness]) await p.page.locator('#recording-indicator').waitFor({ state: 'hidden' });
  });
});
