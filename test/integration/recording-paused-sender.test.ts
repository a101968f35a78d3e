/**
 * A stream paused for longer than ffmpeg waits for a packet (about 20 s): an interpreter's floor
 * microphone while she interprets, a witness who mutes herself. Recorded with the real recorder from
 * a real mediasoup producer fed by ffmpeg. The pause must stay a pause: the recorder does not exit,
 * the track is never reported as not reaching the disk, the stretch is declared as the sender's
 * pause, and media is written as soon as the sender resumes; a stream paused until the recording
 * stops leaves nothing in the clear.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MinutesSigner } from '../../record/index.js';
import { Recording, RecordingKey, verifyRecording, type Manifest, type TrackStateReport } from '../../recording/index.js';
import { until } from '../support/recorded-hearing.js';
import { ffmpegProducer } from '../support/rtp-producer.js';
import { startTestServer, type TestServer } from '../support/server.js';

const PAUSED_MS = 26_000;

describe('a stream paused for longer than the recorder waits for a packet', () => {
  let server: TestServer;
  let manifest: Manifest;
  let dir: string;
  let recorderPid: number | undefined;
  let recorderAfterPause: number | undefined;
  const reports: TrackStateReport[] = [];
  const senders: ChildProcess[] = [];

  before(async () => {
    server = await startTestServer();
    const court = await server.hearingWith([
      { name: 'Lucia Bianchi', role: 'interpreter', interprets: { from: 'en', into: 'it' } },
      { name: 'Paolo Conti', role: 'interpreter', interprets: { from: 'en', into: 'it' } },
    ]);
    const media = await server.sfu.hearing(court.hearing.id);
    dir = join(server.dataDir, 'recordings', 'paused');
    const recording = await Recording.start(
      { dir, hearingId: court.hearing.id, legalBasis: 'Order of the court of 3 March', segmentSeconds: 2 },
      new MinutesSigner(server.config.minutesSigningKey),
      new RecordingKey(server.config.recordingKey),
    );
    recording.on('track-state', (report) => reports.push(report));
    const audio = await ffmpegProducer(media.router, 'audio', 44444471);
    senders.push(audio.ffmpeg);
    // Paused before the recorder is given it, as the server starts an interpreter's floor microphone.
    await audio.producer.pause();
    await recording.follow({
      router: media.router,
      producerId: audio.producer.id,
      participantId: court.people['Lucia Bianchi']!.id,
      role: 'interpreter',
      source: 'microphone',
      codec: 'audio/opus',
    });
    recorderPid = recording.recorders()[0]?.pid;
    // Paolo's floor microphone stays paused until the recording stops.
    const silent = await ffmpegProducer(media.router, 'audio', 44444472);
    senders.push(silent.ffmpeg);
    await silent.producer.pause();
    await recording.follow({
      router: media.router,
      producerId: silent.producer.id,
      participantId: court.people['Paolo Conti']!.id,
      role: 'interpreter',
      source: 'microphone',
      codec: 'audio/opus',
    });
    await new Promise((resolve) => setTimeout(resolve, PAUSED_MS));
    recorderAfterPause = recording.recorders()[0]?.pid;
    await audio.producer.resume();
    await until('media is written once the sender resumes', async () => (recording.snapshot().tracks[0]?.segments.length ?? 0) >= 2, 20_000);
    manifest = await recording.stop();
  });
  after(async () => {
    for (const sender of senders) sender.kill('SIGKILL');
    await server?.close();
  });

  it('keeps the same recorder through the pause and never reports the track as not reaching the disk', () => {
    assert.ok(recorderPid !== undefined, 'a recorder runs for the paused stream');
    assert.equal(recorderAfterPause, recorderPid, `the recorder did not exit in ${PAUSED_MS / 1000} s of pause`);
    assert.deepEqual(
      reports.filter((r) => r.cause !== null),
      [],
      'no interruption',
    );
    assert.deepEqual(manifest.tracks[0]!.gaps ?? [], [], 'no gap: nothing failed');
  });

  it('declares the pause, and the recording verifies with no hole and nothing in the clear, a track paused to the end included', async () => {
    const pause = manifest.tracks[0]!.pauses?.[0];
    assert.ok(pause?.to && Date.parse(pause.to) - Date.parse(pause.from) >= PAUSED_MS - 2000, JSON.stringify(manifest.tracks[0]!.pauses));
    const report = await verifyRecording(dir, {
      publicKeyPem: new MinutesSigner(server.config.minutesSigningKey).publicKeyPem,
      recordingKey: new RecordingKey(server.config.recordingKey),
    });
    assert.ok(report.ok && report.complete && !report.holes, JSON.stringify(report));
  });
});
