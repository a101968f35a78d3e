/**
 * A recorded hearing in real Chromium with the real recorder: the presiding judge starts recording
 * with a legal basis and everyone sees the indicator; the judge and the accused speak and show video;
 * the accused turns the camera off and on; counsel and the accused consult privately; the judge
 * stops. Then, read from the disk as a court would: ffprobe reads every track (decrypted) with the
 * expected stream and duration; the manifest verifies; the camera turned off and on is one track;
 * and no packet of any consultation member's tracks falls within the consultation, placed on the
 * server's clock by the manifest's own timing.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { MinutesSigner } from '../../record/index.js';
import { decryptFile, RecordingKey, SignedManifest, verifyRecording, type Manifest } from '../../recording/index.js';
import { admit, assertReceivesFrom, enterHearing, launchChromium, screenshot, type ParticipantPage, pressAndConfirm } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { readFile } from 'node:fs/promises';

const run = promisify(execFile);
const BASIS = 'Order of 3 May 2026, Art. 24 of Regulation (EU) 2020/1783';
type Track = Manifest['tracks'][number];

/** File time → server time (ms), as a player would place it: through the nearest sender report of the segment's run. */
function wallClock(track: Track, runNumber: number): (t: number) => number {
  const timing = track.runs?.find((r) => r.run === runNumber)?.timing;
  assert.ok(timing, `${track.trackId}: run ${runNumber} has timing`);
  return (t) => {
    const rtp = (timing.rtpBase + Math.round(t * timing.clockRate)) >>> 0;
    const reports = timing.senderReports;
    if (reports.length === 0) return Date.parse(timing.firstPacketAt) + t * 1000;
    const distance = (r: { rtpTimestamp: number }) => (rtp - r.rtpTimestamp) | 0;
    const nearest = reports.reduce((best, r) => (Math.abs(distance(r)) < Math.abs(distance(best)) ? r : best));
    return Date.parse(nearest.receivedAt) + (distance(nearest) / timing.clockRate) * 1000;
  };
}

describe('a recorded hearing', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let accused: ParticipantPage;
  let counsel: ParticipantPage;
  let root: string;
  let dir: string;
  let manifest: Manifest;
  let consultation: { from: number; to: number };
  let recorded: { from: number; to: number };
  const idOf = (name: string) => court.people[name]!.id;
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'hearing-room-recorded-'));
    [server, browser] = await Promise.all([startTestServer({ env: { HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '3' } }), launchChromium()]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Jan Novak', role: 'person_heard', capacity: 'accused' },
      { name: 'Tom Okafor', role: 'counsel' },
    ]);
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url);
    accused = await enterHearing(browser, court.people['Jan Novak']!.url);
    counsel = await enterHearing(browser, court.people['Tom Okafor']!.url);
    await admit(judge.page, 'Jan Novak');
    await admit(judge.page, 'Tom Okafor');
    await assertReceivesFrom(judge.page, idOf('Jan Novak'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('the judge starts recording with a legal basis, and everyone sees that the hearing is recorded', async () => {
    for (const p of [judge, accused, counsel]) assert.equal(await p.page.locator('#recording-indicator').isVisible(), false, 'off by default');
    await judge.page.getByLabel('Legal basis for recording (required)').fill(BASIS);
    await judge.page.getByRole('button', { name: 'Start recording' }).click();
    for (const p of [judge, accused, counsel]) {
      const indicator = p.page.getByRole('status').filter({ hasText: 'Recording' });
      await indicator.waitFor({ timeout: 15_000 });
      assert.match((await indicator.textContent()) ?? '', new RegExp(`Legal basis: ${BASIS.replace(/[()]/g, '\\$&')}`));
    }
    await judge.page.getByRole('button', { name: 'Stop recording' }).waitFor();
    await screenshot(accused.page, 'recording-indicator');
    const started = (await server.store.events.list(court.hearing.id)).find((e) => e.type === 'recording.started')!;
    recorded = { from: Date.parse(started.at), to: 0 };
    dir = join(server.config.recording.dir, String(started.data.recordingId));
  });

  it('records while they speak and show video, the camera goes off and on, and counsel consults with the accused', async () => {
    await pause(6000);
    await accused.page.getByRole('button', { name: 'Stop camera' }).click();
    await pause(3000);
    await accused.page.getByRole('button', { name: 'Start camera' }).click();
    await pause(4000);
    await counsel.page.getByRole('button', { name: 'Consult privately' }).click();
    for (const p of [counsel, accused]) {
      await p.page.waitForFunction(() => /end-to-end encrypted/.test(document.getElementById('court-status')?.textContent ?? ''), undefined, {
        timeout: 15_000,
      });
    }
    await pause(6000);
    await accused.page.getByRole('button', { name: 'End consultation' }).click();
    for (const p of [accused, counsel]) {
      await p.page.getByRole('button', { name: 'Unmute' }).waitFor();
      await p.page.getByRole('button', { name: 'Unmute' }).click();
    }
    await pause(5000);
    await pressAndConfirm(judge.page, 'Stop recording');
    const deadline = Date.now() + 20_000;
    let events = await server.store.events.list(court.hearing.id);
    while (!events.some((e) => e.type === 'recording.sealed') && Date.now() < deadline) {
      await pause(200);
      events = await server.store.events.list(court.hearing.id);
    }
    const at = (type: string) => Date.parse(events.find((e) => e.type === type)!.at);
    consultation = { from: at('consultation.started'), to: at('consultation.ended') };
    recorded.to = at('recording.stopped');
    for (const p of [judge, accused, counsel]) await p.page.locator('#recording-indicator').waitFor({ state: 'hidden' });
    manifest = SignedManifest.parse(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'))).manifest;
    assert.equal(manifest.status, 'complete');
    const sealed = events.find((e) => e.type === 'recording.sealed')!;
    assert.equal(
      sealed.data.segments,
      manifest.tracks.reduce((n, t) => n + t.segments.length, 0),
    );
  });

  it('the manifest verifies: every hash, the chains, the signature, and each segment decrypted', async () => {
    const report = await verifyRecording(dir, {
      publicKeyPem: new MinutesSigner(server.config.minutesSigningKey).publicKeyPem,
      recordingKey: new RecordingKey(server.config.recordingKey),
    });
    assert.ok(report.ok && report.complete, JSON.stringify(report));
  });

  it('one track per participant and source: the camera turned off and on is one track', () => {
    const tracks = manifest.tracks
      .map((t) => `${t.participantId === idOf('Jan Novak') ? 'accused' : t.participantId === idOf('Tom Okafor') ? 'counsel' : 'judge'} ${t.source}`)
      .sort();
    assert.deepEqual(tracks, ['accused camera', 'accused microphone', 'counsel camera', 'counsel microphone', 'judge camera', 'judge microphone']);
    const camera = manifest.tracks.find((t) => t.participantId === idOf('Jan Novak') && t.source === 'camera')!;
    assert.equal(camera.runs?.length, 1, 'the same stream went on: one run');
    assert.deepEqual(
      camera.segments.map((s) => s.index),
      camera.segments.map((_, i) => i),
    );
  });

  it('ffprobe reads every track with the expected stream and about the recorded duration, and nothing of the consultation', async () => {
    const key = new RecordingKey(server.config.recordingKey);
    const dataKey = key.unwrap(manifest.encryption.dataKey, manifest.recordingId);
    const members = new Set([idOf('Jan Novak'), idOf('Tom Okafor')]);
    const lasted = (recorded.to - recorded.from) / 1000;
    const figures: string[] = [];
    for (const track of manifest.tracks) {
      const times: number[] = [];
      for (const segment of track.segments) {
        const parts: Buffer[] = [];
        await decryptFile(
          join(dir, track.trackId, segment.file),
          dataKey,
          { recordingId: manifest.recordingId, trackId: track.trackId, index: segment.index },
          manifest.encryption.chunkBytes,
          (chunk) => void parts.push(chunk),
        );
        const plain = join(root, `${track.trackId}-${segment.file.replace(/\.enc$/, '')}`);
        await writeFile(plain, Buffer.concat(parts));
        const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,codec_type:packet=pts_time', '-of', 'json', plain]);
        const probed = JSON.parse(stdout) as { streams: { codec_name: string; codec_type: string }[]; packets: { pts_time: string }[] };
        assert.equal(probed.streams.length, 1, `${plain}: one stream`);
        assert.deepEqual([probed.streams[0]!.codec_type, probed.streams[0]!.codec_name], track.kind === 'video' ? ['video', 'vp8'] : ['audio', 'opus']);
        const toWall = wallClock(track, segment.run ?? 0);
        times.push(...probed.packets.map((p) => toWall(Number(p.pts_time))));
      }
      assert.ok(times.length > 0, `${track.trackId} holds media`);
      const span = (Math.max(...times) - Math.min(...times)) / 1000;
      // The recorder writes from a moment after the start (ffmpeg starts, a keyframe comes) to the stop.
      const startup = (Date.parse(track.startedAt) - recorded.from) / 1000;
      const running = (recorded.to - Date.parse(track.startedAt)) / 1000;
      figures.push(`${track.trackId}: ${span.toFixed(1)} s of media, recorder running ${running.toFixed(1)} s after ${startup.toFixed(1)} s to start`);
      assert.ok(startup < 10, `${track.trackId}: the recorder took ${startup.toFixed(1)} s to start`);
      assert.ok(span > running - 3 && span < running + 2, `${track.trackId} spans ${span.toFixed(1)} s while its recorder ran ${running.toFixed(1)} s`);
      if (members.has(track.participantId)) {
        // The track is held at the SFU once the consultation is in the record (within half a second) until it has ended.
        const inside = times.filter((t) => t > consultation.from + 500 && t < consultation.to);
        assert.deepEqual(
          inside.length,
          0,
          `${track.trackId}: ${inside.length} packets inside the consultation ${new Date(consultation.from).toISOString()}–${new Date(consultation.to).toISOString()}`,
        );
        assert.ok(times.some((t) => t < consultation.from) && times.some((t) => t > consultation.to), `${track.trackId} is recorded before and after it`);
      }
    }
    console.log(`recorded ${lasted.toFixed(1)} s: ${figures.join('; ')}`);
    assert.ok(lasted > 20, 'the hearing was recorded for the whole scene');
  });
});
