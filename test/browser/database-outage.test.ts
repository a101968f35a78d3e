/**
 * The court's PostgreSQL cut away under a live, recorded hearing in real Chromium, as a network fault
 * cuts it (a TCP relay of the test's own between the server and a real PostgreSQL: a test double of
 * the network only). What the court ends up with:
 * - the judge who presses *Stop recording* during the outage is told, in her console, that the court
 *   record cannot be reached and nothing was changed; the recording is not stopped half-way: every
 *   page still shows "Recording" and the recorder goes on writing;
 * - the hearing's media does not depend on the database: the witness is still seen;
 * - once the database is back the same button stops the recording, once, and the recording verifies
 *   with every track covered across the outage and no hole.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { MinutesSigner } from '../../record/index.js';
import { RecordingKey, verifyRecording } from '../../recording/index.js';
import { assertReceivesFrom, launchChromium, screenshot, type ParticipantPage, pressAndConfirm } from '../support/browser.js';
import { postgresAvailable } from '../support/postgres.js';
import { everyTrackOnDisk, manifestIn, openRecordedHearing, until } from '../support/recorded-hearing.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { databaseBehindRelay, type DatabaseBehindRelay } from '../support/tcp-relay.js';

const OUTAGE_MS = 8000;

describe('the court’s database cut during a recorded hearing in the browser', {
  skip: !(await postgresAvailable()) && 'PostgreSQL is not reachable here',
}, () => {
  let database: DatabaseBehindRelay;
  let relay: DatabaseBehindRelay['relay'];
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let dir: string;
  const segmentsNow = async () => (await manifestIn(dir))?.tracks.reduce((n, t) => n + t.segments.length, 0) ?? 0;

  before(async () => {
    database = await databaseBehindRelay();
    relay = database.relay;
    server = await startTestServer({ env: { HEARING_ROOM_DATABASE_URL: database.url, HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '2' } });
    browser = await launchChromium();
    ({ court, judge, witness, dir } = await openRecordedHearing(server, browser, server.config.recording.dir));
    await everyTrackOnDisk(dir);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    await database?.close();
  });

  it('during the outage the judge’s action is refused with its cause, and the recording and the media go on', async () => {
    const before = await segmentsNow();
    relay.cut();
    const cutAt = Date.now();
    await pressAndConfirm(judge.page, 'Stop recording');
    const error = judge.page.locator('#court-error');
    await error.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await error.textContent(), 'The court record cannot be reached just now. Nothing was changed. Try again in a moment.');
    await screenshot(judge.page, 'database-outage-judge-1366');
    for (const p of [judge, witness])
      assert.equal(await p.page.locator('#recording-label').textContent(), 'Recording', 'the recording was not stopped half-way');
    // The judge still sees and hears the witness.
    await assertReceivesFrom(judge.page, court.people['Maria Rossi']!.id);
    await until('the recorder goes on writing', async () => (await segmentsNow()) >= before + 4, OUTAGE_MS * 2);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, OUTAGE_MS - (Date.now() - cutAt))));
    relay.restore();
  });

  it('once the database is back, the same button stops the recording, once, and the recording verifies with no hole across the outage', async () => {
    await pressAndConfirm(judge.page, 'Stop recording');
    await until('the recording is sealed', async () => (await server.store.events.list(court.hearing.id)).some((e) => e.type === 'recording.sealed'), 30_000);
    const events = await server.store.events.list(court.hearing.id);
    assert.equal(events.filter((e) => e.type === 'recording.stopped').length, 1, 'stopped once');
    assert.equal(events.filter((e) => e.type === 'recording.interrupted').length, 0, 'no track stopped reaching the disk');
    const report = await verifyRecording(dir, {
      publicKeyPem: new MinutesSigner(server.config.minutesSigningKey).publicKeyPem,
      recordingKey: new RecordingKey(server.config.recordingKey),
    });
    assert.ok(report.ok && report.complete && !report.holes, JSON.stringify(report));
    for (const c of report.coverage)
      console.log(`across the database outage, track ${c.trackId}: ${c.recordedSeconds} of ${c.spanSeconds} s recorded, ${c.holes.length} holes`);
    for (const c of report.coverage) assert.ok(c.spanSeconds > OUTAGE_MS / 1000, `${c.trackId} spans the outage`);
  });
});
