/**
 * The server killed (`kill -9`) under a live, recorded hearing, in real Chromium with the real
 * recorder, and started again on the same data and address, as an operator's service manager would.
 * What the court ends up with, not that something restarted:
 * - the judge's laptop and the witness's phone come back by themselves, without re-admission;
 * - the recording resumes by itself, on the same legal basis, in a new recording whose signed
 *   manifest names the one cut short; every page shows "Recording" again only once it runs, and the
 *   judge is told when it was cut short and when it resumed;
 * - the witness's camera and microphone reach the new recording's disk;
 * - stopped by the judge, the new recording verifies as complete, with no hole nothing explains, and
 *   names the first, which verifies as a signed prefix; the minutes state the stretch lost.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { generateMinutes, MinutesSigner } from '../../record/index.js';
import { RecordingKey, verifyRecording, type Manifest } from '../../recording/index.js';
import { loadConfig } from '../../server/config.js';
import { joinUrl } from '../../server/demo.js';
import { openStore } from '../../store/index.js';
import { enterHearing, launchChromium, screenshot, type ParticipantPage, pressAndConfirm } from '../support/browser.js';
import { manifestIn, RECORDING_BASIS, recordWitness, until } from '../support/recorded-hearing.js';
import { killServerProcess, processEnv, recordOf, seedHearing, startServerProcess, type ServerProcess } from '../support/server-process.js';

describe('the server killed under a recorded hearing in the browser, and started again', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  let browser: Browser;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let hearingId: string;
  let witnessId: string;
  let firstId: string;
  let resumedId: string;
  let restartedAt: number;

  const events = () => recordOf(env, hearingId);
  const recordingDir = (id: string) => join(dataDir, 'recordings', id);
  const witnessTrack = (m: Manifest | undefined, source: 'camera' | 'microphone') =>
    m?.tracks.find((t) => t.participantId === witnessId && t.source === source);

  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'hearing-room-crash-browser-'));
    const port = 30000 + Math.floor(Math.random() * 5000);
    // A fixed address: the pages find the server again where it was, as they would behind a service manager.
    env = processEnv(dataDir, { HEARING_ROOM_PORT: String(port), HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '2' });
    const seeded = await seedHearing(env, 'CRASH-2', [
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
    hearingId = seeded.hearingId;
    witnessId = seeded.people['Maria Rossi']!.id;
    const base = `http://127.0.0.1:${port}`;
    const judgeUrl = joinUrl(base, hearingId, seeded.people['Judge Anna Berger']!.token);
    const witnessUrl = joinUrl(base, hearingId, seeded.people['Maria Rossi']!.token);

    // One after the other, so that a browser that fails to start leaves no server behind.
    server = await startServerProcess(env);
    browser = await launchChromium();
    judge = await enterHearing(browser, judgeUrl, undefined, { width: 1366, height: 768 });
    witness = await enterHearing(browser, witnessUrl, undefined, { width: 390, height: 844 });
    firstId = await recordWitness(judge.page, { name: 'Maria Rossi', id: witnessId }, events, join(dataDir, 'recordings'));
  });
  after(async () => {
    await browser?.close();
    if (server) await killServerProcess(server.child, 'SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('killed and started again, the pages come back by themselves and the recording resumes in a new one that names the first', async () => {
    await killServerProcess(server!.child);
    restartedAt = Date.now();
    server = await startServerProcess(env);
    const resumed = await until('the recording resumes', async () => (await events()).find((e) => e.type === 'recording.started' && e.data.continues), 60_000);
    resumedId = String(resumed.data.recordingId);
    assert.equal((resumed.data.continues as { recordingId: string }).recordingId, firstId);
    assert.equal(resumed.data.legalBasis, RECORDING_BASIS, 'on the same legal basis');

    // Back without re-admission: the judge's console tells her when the recording was cut short and resumed.
    await judge.page.locator('[data-recording-resumed]').waitFor({ timeout: 60_000 });
    const told = await judge.page.locator('[data-recording-resumed]').innerText();
    assert.match(told, /The server stopped at \d\d:\d\d.* and started again; the recording resumed by itself at \d\d:\d\d/, told);
    await until(
      'every page shows "Recording", not interrupted',
      async () => {
        for (const p of [judge, witness]) {
          const mark = p.page.locator('#recording-indicator');
          if (!(await mark.isVisible()) || (await mark.getAttribute('class'))?.includes('interrupted')) return false;
        }
        return true;
      },
      60_000,
    );
    assert.equal(await witness.page.locator('#waiting-room').isVisible(), false, 'the witness is not sent back to the waiting room');

    const camera = await until(
      'the witness’s camera reaches the new recording',
      async () => {
        const track = witnessTrack(await manifestIn(recordingDir(resumedId)), 'camera');
        return (track?.segments.length ?? 0) >= 2 ? track : undefined;
      },
      60_000,
    );
    const microphone = witnessTrack(await manifestIn(recordingDir(resumedId)), 'microphone');
    assert.ok((microphone?.segments.length ?? 0) >= 1, 'and her microphone');
    console.log(
      `the witness's camera reached the resumed recording ${((Date.parse(camera.startedAt) - restartedAt) / 1000).toFixed(1)} s after the server was started again`,
    );
    await screenshot(judge.page, 'recording-resumed-judge-1366');
    await screenshot(witness.page, 'recording-resumed-witness-phone');
  });

  it('stopped by the judge, the resumed recording verifies with no hole and names the first, and the minutes state the stretch lost', async () => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await pressAndConfirm(judge.page, 'Stop recording');
    const all = await until('the resumed recording is sealed', async () => {
      const list = await events();
      return list.some((e) => e.type === 'recording.sealed' && e.data.recordingId === resumedId) ? list : undefined;
    });
    const config = loadConfig(env);
    const keys = { publicKeyPem: new MinutesSigner(config.minutesSigningKey).publicKeyPem, recordingKey: new RecordingKey(config.recordingKey) };
    const first = await verifyRecording(recordingDir(firstId), keys);
    assert.ok(first.ok && !first.complete, `the first verifies as a signed prefix: ${JSON.stringify(first)}`);
    const second = await verifyRecording(recordingDir(resumedId), keys);
    assert.ok(second.ok && second.complete && !second.holes, JSON.stringify(second));
    const firstSealed = all.find((e) => e.type === 'recording.sealed' && e.data.recordingId === firstId)!;
    assert.deepEqual(second.continues, { recordingId: firstId, manifestSha256: firstSealed.data.manifestSha256 });
    for (const c of second.coverage)
      console.log(`resumed recording, track ${c.trackId}: ${c.recordedSeconds} of ${c.spanSeconds} s recorded, ${c.holes.length} holes`);
    assert.ok(
      second.coverage.every((c) => c.recordedSeconds > 0),
      'every track of the resumed recording holds media',
    );

    const store = await openStore(config.databaseUrl);
    try {
      const minutes = generateMinutes((await store.hearings.get(hearingId))!, await store.participants.listByHearing(hearingId), all, {});
      assert.equal(minutes.recording.runs.length, 2);
      assert.equal(minutes.recording.runs[1]!.continues?.recordingId, firstId);
      assert.ok(
        minutes.chronology.some((c) => /resumed the recording by itself .* no signed recording covers \d\d:\d\d:\d\d to \d\d:\d\d:\d\d UTC/.test(c.text)),
        JSON.stringify(minutes.chronology.map((c) => c.text)),
      );
    } finally {
      await store.close();
    }
  });
});
