/**
 * The recording disk fills during a recorded hearing, in real Chromium with the real recorder: the
 * recordings folder is a small tmpfs of its own, filled by the test until about a megabyte is left.
 * What the court ends up with:
 * - the judge's console says the recording disk is full, whose tracks are not recorded and since
 *   when; every page shows the recording interrupted; the record holds it; `/readyz` says the server
 *   is not ready because of the recording disk;
 * - once there is room again, recording resumes by itself and the mark says "Recording" again;
 * - the sealed recording, once the segments left in the clear are sealed, verifies, and each track's
 *   coverage declares what the full disk cost, with no hole nothing explains.
 * Needs root, to mount the tmpfs.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, open, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import { MinutesSigner } from '../../record/index.js';
import { RecordingKey, verifyRecording } from '../../recording/index.js';
import { sealLeftovers } from '../../recording/leftovers.js';
import { launchChromium, screenshot, type ParticipantPage, pressAndConfirm } from '../support/browser.js';
import { everyTrackOnDisk, openRecordedHearing, until } from '../support/recorded-hearing.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { notRoot } from '../support/shaped-network.js';

const run = promisify(execFile);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the recording disk fills during a recorded hearing', { skip: notRoot }, () => {
  let mount: string;
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let dir: string;
  const filler = () => join(mount, 'filler');
  /**
   * Fills the disk until `leave` bytes are free, a megabyte at a time: the recorders go on writing
   * meanwhile (more so on a busy machine), so a disk that fills before the filler does is full as asked.
   */
  const fillLeaving = async (leave: number) => {
    const out = await open(filler(), 'a');
    try {
      const chunk = Buffer.alloc(1024 * 1024);
      for (;;) {
        const fs = await statfs(mount);
        const room = fs.bavail * fs.bsize - leave;
        if (room <= 0) return;
        await out.write(chunk, 0, Math.min(chunk.length, room));
      }
    } catch (error) {
      if ((error as { code?: string }).code !== 'ENOSPC') throw error;
    } finally {
      await out.close();
    }
  };

  before(async () => {
    mount = await mkdtemp(join(tmpdir(), 'hearing-room-small-disk-'));
    await run('mount', ['-t', 'tmpfs', '-o', 'size=512m', 'tmpfs', mount]);
    [server, browser] = await Promise.all([
      startTestServer({
        env: {
          HEARING_ROOM_RECORDINGS_DIR: mount,
          HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '2',
          HEARING_ROOM_RECORDING_MIN_FREE_MB: '2',
          HEARING_ROOM_RECORDING_DISK_CHECK_SECONDS: '1',
        },
      }),
      launchChromium(),
    ]);
    ({ court, judge, witness, dir } = await openRecordedHearing(server, browser, mount));
    await everyTrackOnDisk(dir);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (mount) {
      await run('umount', ['-l', mount]).catch(() => undefined);
      await rm(mount, { recursive: true, force: true });
    }
  });

  it('before the disk is full, the judge is warned that it is running out, and the record says she was', async () => {
    // 3 MB left: below the warning margin (twice the 2 MB readiness minimum), still recording.
    await fillLeaving(3 * 1024 * 1024);
    const warning = judge.page.locator('[data-recording-disk-low]');
    await warning.waitFor({ timeout: 15_000 });
    assert.match((await warning.textContent()) ?? '', /The recording disk is running out: \d+ MB left\..*Ask the operator to free space now/);
    assert.equal(await witness.page.locator('[data-recording-disk-low]').count(), 0, 'an operational warning for the court, not for the witness');
    assert.equal(await witness.page.locator('#recording-label').textContent(), 'Recording', 'still recording: nothing is lost yet');
    await screenshot(judge.page, 'recording-disk-low-judge-1366');
    const warned = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'recording.disk_low');
    assert.equal(warned.length, 1, 'warned once');
  });

  it('the judge is told the recording disk is full, every page shows the recording interrupted, and the server is not ready', async () => {
    await fillLeaving(1024 * 1024);
    const notice = judge.page.locator('[data-recording-interrupted]');
    await notice.filter({ hasText: 'The recording disk is full.' }).waitFor({ timeout: 60_000 });
    assert.match(
      (await notice.textContent()) ?? '',
      /Not being recorded: (Maria Rossi|you) — (camera|microphone)\. The recording disk is full\. Since \d\d:\d\d UTC\./,
    );
    await witness.page.waitForFunction(() => document.getElementById('recording-label')?.textContent === 'Recording interrupted', undefined, {
      timeout: 15_000,
    });
    await screenshot(judge.page, 'recording-disk-full-judge-1366');
    await screenshot(witness.page, 'recording-disk-full-witness-phone');
    const interrupted = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'recording.interrupted');
    assert.ok(
      interrupted.some((e) => e.data.cause === 'disk_full'),
      JSON.stringify(interrupted.map((e) => e.data)),
    );
    const ready = await fetch(`${server.url}/readyz`);
    const report = (await ready.json()) as { ready: boolean; database: { ok: boolean }; recordingDisk: { ok: boolean } };
    assert.equal(ready.status, 503);
    assert.deepEqual([report.database.ok, report.recordingDisk.ok], [true, false], 'the database is fine; the recording disk is what fails');
  });

  it('with room again, recording resumes by itself and the mark says "Recording" again', async () => {
    const fullAt = Date.now();
    await rm(filler());
    await judge.page
      .locator('[data-recording-interrupted]')
      .waitFor({ state: 'detached', timeout: 60_000 })
      .catch(async (error: unknown) => {
        const told = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'recording.interrupted' || e.type === 'recording.resumed');
        throw new Error(`still interrupted; the record says ${JSON.stringify(told.map((e) => [e.at.slice(11, 19), e.type, e.data.trackId, e.data.cause]))}`, {
          cause: error,
        });
      });
    for (const p of [judge, witness]) {
      await p.page.waitForFunction(() => document.getElementById('recording-label')?.textContent === 'Recording', undefined, { timeout: 15_000 });
    }
    console.log(`recording resumed ${((Date.now() - fullAt) / 1000).toFixed(1)} s after the disk had room again`);
    const resumed = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'recording.resumed');
    assert.ok(resumed.length > 0, 'the record says the tracks reach the disk again');
    await judge.page.locator('[data-recording-disk-low]').waitFor({ state: 'detached', timeout: 15_000 });
    assert.ok(
      (await server.store.events.list(court.hearing.id)).some((e) => e.type === 'recording.disk_ok'),
      'the warning is lifted in the record',
    );
    await pause(5000);
  });

  it('sealed, and its leftovers sealed, the recording verifies and declares what the full disk cost, with no hole nothing explains', async () => {
    await pressAndConfirm(judge.page, 'Stop recording');
    const events = await until('the manifest is sealed', async () => {
      const all = await server.store.events.list(court.hearing.id);
      return all.some((e) => e.type === 'recording.sealed') ? all : undefined;
    });
    const key = new RecordingKey(server.config.recordingKey);
    const leftovers = await sealLeftovers(dir, key);
    const report = await verifyRecording(dir, { publicKeyPem: new MinutesSigner(server.config.minutesSigningKey).publicKeyPem, recordingKey: key });
    assert.ok(report.ok, JSON.stringify(report));
    for (const c of report.coverage)
      console.log(`${c.trackId}: ${c.recordedSeconds} of ${c.spanSeconds} s recorded, ${c.declaredSeconds} s declared, holes ${JSON.stringify(c.holes)}`);
    console.log(`${leftovers.length} segment(s) left in the clear by the full disk, sealed afterwards`);
    const sealed = events.find((e) => e.type === 'recording.sealed')!;
    const coverage = sealed.data.coverage as { declaredSeconds: number; holeSeconds: number }[];
    assert.ok(
      coverage.some((c) => c.declaredSeconds > 0),
      'what the full disk cost is declared',
    );
    assert.deepEqual(
      coverage.map((c) => c.holeSeconds),
      coverage.map(() => 0),
      'no hole nothing explains',
    );
    assert.equal(report.holes, false);
  });
});
