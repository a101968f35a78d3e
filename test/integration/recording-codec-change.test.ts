/**
 * A witness's camera recorded in VP8 until she comes back from another browser that sends H.264 (a
 * phone's browser may): one container holds one codec, so the recording closes her VP8 track and
 * begins an H.264 track of her camera, each file holding the codec its track lists, and both
 * verifying with their coverage. Real mediasoup, real recorder, ffmpeg as the sender (no browser
 * here can be made to switch codecs on demand).
 */
import assert from 'node:assert/strict';
import { execFile, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { MinutesSigner } from '../../record/index.js';
import { decryptFile, Recording, RecordingKey, verifyRecording, type Manifest } from '../../recording/index.js';
import { until } from '../support/recorded-hearing.js';
import { ffmpegProducer } from '../support/rtp-producer.js';
import { startTestServer, type TestServer } from '../support/server.js';

const run = promisify(execFile);

describe('a camera that comes back in another codec', () => {
  let server: TestServer;
  let manifest: Manifest;
  let dir: string;
  let work: string;
  let witnessId: string;
  const senders: ChildProcess[] = [];

  before(async () => {
    server = await startTestServer();
    work = await mkdtemp(join(tmpdir(), 'hearing-room-codec-'));
    const court = await server.hearingWith([{ name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' }]);
    witnessId = court.people['Maria Rossi']!.id;
    const media = await server.sfu.hearing(court.hearing.id);
    dir = join(server.dataDir, 'recordings', 'codec-change');
    const recording = await Recording.start(
      { dir, hearingId: court.hearing.id, legalBasis: 'Order of the court of 3 March', segmentSeconds: 2 },
      new MinutesSigner(server.config.minutesSigningKey),
      new RecordingKey(server.config.recordingKey),
    );
    const vp8 = await ffmpegProducer(media.router, 'video', 55555561, 'vp8');
    senders.push(vp8.ffmpeg);
    const camera = { router: media.router, participantId: witnessId, role: 'person_heard', source: 'camera' as const };
    await recording.follow({ ...camera, producerId: vp8.producer.id, codec: vp8.producer.rtpParameters.codecs[0]!.mimeType });
    await until('the VP8 camera reaches the disk', async () => (recording.snapshot().tracks[0]?.segments.length ?? 0) >= 2);
    // She leaves, and comes back from a browser that sends H.264.
    vp8.producer.close();
    vp8.ffmpeg.kill('SIGKILL');
    const h264 = await ffmpegProducer(media.router, 'video', 55555562, 'h264');
    senders.push(h264.ffmpeg);
    await recording.follow({ ...camera, producerId: h264.producer.id, codec: h264.producer.rtpParameters.codecs[0]!.mimeType });
    await until('the H.264 camera reaches the disk', async () => (recording.snapshot().tracks[1]?.segments.length ?? 0) >= 2);
    manifest = await recording.stop();
  });
  after(async () => {
    for (const sender of senders) sender.kill('SIGKILL');
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('records her camera in two tracks, one per codec, the first closed when the second began', () => {
    const tracks = manifest.tracks.filter((t) => t.participantId === witnessId && t.source === 'camera');
    assert.deepEqual(
      tracks.map((t) => [t.codec, t.container]),
      [
        ['video/VP8', 'webm'],
        ['video/H264', 'matroska'],
      ],
    );
    assert.ok(tracks[0]!.endedAt && Date.parse(tracks[0]!.endedAt) <= Date.parse(tracks[1]!.startedAt) + 1000, 'the VP8 track ended as the H.264 one began');
  });

  it('each file holds the codec its track lists, and the recording verifies with no hole', async () => {
    const key = new RecordingKey(server.config.recordingKey);
    const dataKey = key.unwrap(manifest.encryption.dataKey, manifest.recordingId);
    for (const track of manifest.tracks) {
      const segment = track.segments.at(-1)!;
      const chunks: Buffer[] = [];
      await decryptFile(
        join(dir, track.trackId, segment.file),
        dataKey,
        { recordingId: manifest.recordingId, trackId: track.trackId, index: segment.index },
        manifest.encryption.chunkBytes,
        (c) => void chunks.push(Buffer.from(c)),
      );
      const file = join(work, `${track.trackId}.${track.container === 'webm' ? 'webm' : 'mkv'}`);
      await writeFile(file, Buffer.concat(chunks));
      const probe = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', file]);
      assert.equal(probe.stdout.trim(), track.codec.split('/')[1]!.toLowerCase(), `${track.trackId} lists ${track.codec}`);
    }
    const report = await verifyRecording(dir, { publicKeyPem: new MinutesSigner(server.config.minutesSigningKey).publicKeyPem, recordingKey: key });
    assert.ok(report.ok && report.complete && !report.holes, JSON.stringify(report));
    for (const c of report.coverage) assert.ok(c.recordedSeconds >= 2, `${c.trackId}: ${c.recordedSeconds} s recorded`);
  });
});
