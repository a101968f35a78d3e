/**
 * An interpretation channel recorded through a live hearing in real Chromium, with the real recorder:
 * the judge (300 Hz), an Italian witness (500 Hz) and the Italian booth, Lucia (700 Hz) and Paolo
 * (1100 Hz), each browser's fake microphone playing its own tone. The judge records; Lucia goes live,
 * then hands over to Paolo. What the court ends up with:
 * - the Italian channel is one track of its own, in Italian, whose runs name Lucia and then Paolo;
 * - what it holds is what the Italian listener heard: Lucia's voice while she was live, Paolo's after
 *   the handover, never the idle partner;
 * - the interpreters' floor microphones, muted while they interpret, are pauses: the mark says
 *   "Recording", never "Recording interrupted";
 * - the recording verifies with every track's coverage and no hole nothing explains.
 *
 * The browsers have no camera: four browsers encoding everyone's video leave two cores too little.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { MinutesSigner } from '../../record/index.js';
import { decryptFile, RecordingKey, verifyRecording, type Manifest } from '../../recording/index.js';
import { admit, enterHearing, launchChromium, screenshot, type ParticipantPage, pressAndConfirm } from '../support/browser.js';
import { toneFile } from '../support/media-files.js';
import { manifestIn, RECORDING_BASIS, until } from '../support/recorded-hearing.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { toneLevelsOfFile } from '../support/sound.js';
import { wordsOf, type Words } from '../support/words.js';

const TONE = { judge: 300, witness: 500, lucia: 700, paolo: 1100 } as const;
/** The live interpreter over anyone else in the channel's recording. */
const DOMINANT_BY_DB = 20;

describe('an interpretation channel recorded through a live hearing', () => {
  let server: TestServer;
  const browsers: Browser[] = [];
  let court: TestHearing;
  let judge: ParticipantPage;
  let lucia: ParticipantPage;
  let paolo: ParticipantPage;
  let itWords: Words;
  let dir: string;
  let work: string;
  let manifest: Manifest;
  const id = (name: string) => court.people[name]!.id;
  const channelTrack = (m: Manifest | undefined) => m?.tracks.find((t) => t.source === 'interpretation' && t.language === 'it');

  before(async () => {
    const launching = Promise.all([TONE.judge, TONE.witness, TONE.lucia, TONE.paolo].map((f) => launchChromium({ audioFile: toneFile(f), camera: false })));
    try {
      server = await startTestServer({ env: { HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '2' } });
    } finally {
      browsers.push(...(await launching));
    }
    const [judgeBrowser, witnessBrowser, luciaBrowser, paoloBrowser] = browsers as [Browser, Browser, Browser, Browser];
    work = await mkdtemp(join(tmpdir(), 'hearing-room-channel-'));
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness', language: 'it' },
      { name: 'Lucia Bianchi', role: 'interpreter', language: 'it', interprets: { from: 'en', into: 'it' } },
      { name: 'Paolo Conti', role: 'interpreter', language: 'it', interprets: { from: 'en', into: 'it' } },
    ]);
    const url = (name: string) => court.people[name]!.url;
    judge = await enterHearing(judgeBrowser, url('Judge Anna Berger'), undefined, { width: 1366, height: 768 });
    [, lucia, paolo] = await Promise.all([
      enterHearing(witnessBrowser, url('Maria Rossi')),
      enterHearing(luciaBrowser, url('Lucia Bianchi')),
      enterHearing(paoloBrowser, url('Paolo Conti')),
    ]);
    itWords = await wordsOf('it');
    for (const name of ['Maria Rossi', 'Lucia Bianchi', 'Paolo Conti']) await admit(judge.page, name);
    await judge.page.getByLabel('Legal basis for recording (required)').fill(RECORDING_BASIS);
    await judge.page.getByRole('button', { name: 'Start recording' }).click();
    const started = await until('the recording starts', async () =>
      (await server.store.events.list(court.hearing.id)).find((e) => e.type === 'recording.started'),
    );
    dir = join(server.config.recording.dir, String(started.data.recordingId));
  });
  after(async () => {
    for (const browser of browsers) await browser.close();
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('records the channel as its own track, following Lucia and then Paolo across the handover', async () => {
    await lucia.page.getByRole('button', { name: itWords('booth.takeOver') }).click();
    await lucia.page.locator('.live-state[data-live="true"]').waitFor();
    await until('Lucia’s interpretation reaches the disk', async () => (channelTrack(await manifestIn(dir))?.segments.length ?? 0) >= 3, 60_000);
    await lucia.page.getByRole('button', { name: itWords('booth.handOver') }).click();
    await paolo.page.locator('.live-state[data-live="true"]').waitFor();
    await until(
      'Paolo’s interpretation reaches the disk',
      async () => {
        const track = channelTrack(await manifestIn(dir));
        const paoloRun = track?.runs?.find((r) => r.participantId === id('Paolo Conti'));
        return paoloRun !== undefined && (track?.segments.filter((s) => s.run === paoloRun.run).length ?? 0) >= 3;
      },
      60_000,
    );
    await screenshot(judge.page, 'recording-interpretation-judge-1366');
    // The interpreters' floor microphones are muted while they interpret: a pause, not a recorder that failed.
    assert.equal(await judge.page.locator('#recording-indicator.interrupted').count(), 0, 'the judge sees "Recording", not "Recording interrupted"');
    const interrupted = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'recording.interrupted');
    assert.deepEqual(
      interrupted.map((e) => e.data),
      [],
      `no track was interrupted; the server said: ${server.logged(/recorded track|recorder|could not/).join('\n')}`,
    );
    await pressAndConfirm(judge.page, 'Stop recording');
    await until('the recording is sealed', async () => (await server.store.events.list(court.hearing.id)).some((e) => e.type === 'recording.sealed'));
    manifest = (await manifestIn(dir))!;
    const track = channelTrack(manifest)!;
    assert.equal(track.kind, 'audio');
    assert.deepEqual([...new Set(track.runs!.map((r) => r.participantId))], [id('Lucia Bianchi'), id('Paolo Conti')], 'its runs name who was live, in order');
  });

  it('holds what the Italian listener heard: Lucia while she was live, Paolo after the handover', async () => {
    const track = channelTrack(manifest)!;
    const dataKey = new RecordingKey(server.config.recordingKey).unwrap(manifest.encryption.dataKey, manifest.recordingId);
    const levelsOf = async (segment: (typeof track.segments)[number]) => {
      const chunks: Buffer[] = [];
      await decryptFile(
        join(dir, track.trackId, segment.file),
        dataKey,
        { recordingId: manifest.recordingId, trackId: track.trackId, index: segment.index },
        manifest.encryption.chunkBytes,
        (c) => void chunks.push(Buffer.from(c)),
      );
      const file = join(work, `segment-${segment.index}.webm`);
      await writeFile(file, Buffer.concat(chunks));
      return toneLevelsOfFile(file, Object.values(TONE));
    };
    const runOf = (name: string) => track.runs!.find((r) => r.participantId === id(name))!.run;
    // A whole segment inside each interpreter's stretch: the second of each run, past any switch-over.
    for (const [name, own, other] of [
      ['Lucia Bianchi', TONE.lucia, TONE.paolo],
      ['Paolo Conti', TONE.paolo, TONE.lucia],
    ] as const) {
      const segment = track.segments.filter((s) => s.run === runOf(name))[1]!;
      const levels = await levelsOf(segment);
      const described = Object.entries(levels)
        .map(([f, db]) => `${f} Hz ${db.toFixed(1)} dB`)
        .join(', ');
      console.log(`Italian channel, segment ${segment.index} (${name} live): ${described}`);
      assert.ok(levels[own]! - levels[other]! >= DOMINANT_BY_DB, `${name}'s voice, not the idle partner's: ${described}`);
      assert.ok(
        levels[own]! - levels[TONE.judge]! >= DOMINANT_BY_DB && levels[own]! - levels[TONE.witness]! >= DOMINANT_BY_DB,
        `the channel, not the floor: ${described}`,
      );
    }
  });

  it('verifies with every track covered and no hole nothing explains', async () => {
    const report = await verifyRecording(dir, {
      publicKeyPem: new MinutesSigner(server.config.minutesSigningKey).publicKeyPem,
      recordingKey: new RecordingKey(server.config.recordingKey),
    });
    assert.ok(report.ok && report.complete && !report.holes, JSON.stringify(report));
    const channel = report.coverage.find((c) => c.trackId === channelTrack(manifest)!.trackId)!;
    console.log(`Italian channel: ${channel.recordedSeconds} of ${channel.spanSeconds} s recorded, ${channel.declaredSeconds} s declared`);
    assert.ok(channel.recordedSeconds >= 10, `the channel holds its media: ${JSON.stringify(channel)}`);
  });
});
