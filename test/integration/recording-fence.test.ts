/**
 * A recording whose hearing another server has taken writes nothing more into its folder: the
 * server that was frozen or cut off wakes to a folder the new holder seals, and its own recorder's
 * next segment or manifest would overwrite what the record anchors. Real mediasoup, real recorder,
 * ffmpeg as the sender; the lease is the test's own answer to "is this hearing still ours?".
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { MinutesSigner } from '../../record/index.js';
import { MANIFEST_FILE, Recording, RecordingKey } from '../../recording/index.js';
import { until } from '../support/recorded-hearing.js';
import { ffmpegProducer } from '../support/rtp-producer.js';
import { startTestServer, type TestServer } from '../support/server.js';

describe('a recording whose hearing another server has taken', () => {
  let server: TestServer;
  const senders: ChildProcess[] = [];
  after(async () => {
    for (const sender of senders) sender.kill('SIGKILL');
    await server?.close();
  });

  it('writes no segment and no manifest more once the lease says so, and its recorder stops', async () => {
    server = await startTestServer();
    const court = await server.hearingWith([{ name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' }]);
    const media = await server.sfu.hearing(court.hearing.id);
    const dir = join(server.dataDir, 'recordings', 'fenced');
    const recording = await Recording.start(
      { dir, hearingId: court.hearing.id, legalBasis: 'Order of the court of 3 March', segmentSeconds: 1 },
      new MinutesSigner(server.config.minutesSigningKey),
      new RecordingKey(server.config.recordingKey),
    );
    let ours = true;
    recording.fenceWith(async () => ours);
    const camera = await ffmpegProducer(media.router, 'video', 55555571, 'vp8');
    senders.push(camera.ffmpeg);
    await recording.follow({
      router: media.router,
      participantId: court.people['Maria Rossi']!.id,
      role: 'person_heard',
      source: 'camera',
      producerId: camera.producer.id,
      codec: camera.producer.rtpParameters.codecs[0]!.mimeType,
    });
    await until('the camera reaches the disk', async () => (recording.snapshot().tracks[0]?.segments.length ?? 0) >= 2);

    // Another server takes the hearing (and would seal this folder now).
    ours = false;
    // The next segment finds it out: the recorder is killed, and from then on nothing is written.
    await until('the recorder is stopped', async () => recording.recorders().length === 0, 10_000);
    const manifest = await readFile(join(dir, MANIFEST_FILE), 'utf8');
    const trackDir = join(dir, recording.snapshot().tracks[0]!.trackId);
    const files = (await readdir(trackDir)).filter((f) => f.endsWith('.enc')).sort();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    assert.equal(await readFile(join(dir, MANIFEST_FILE), 'utf8'), manifest, 'the manifest the new holder reads is not written over');
    assert.deepEqual((await readdir(trackDir)).filter((f) => f.endsWith('.enc')).sort(), files, 'no segment is added');
    await recording.stop();
    assert.equal(await readFile(join(dir, MANIFEST_FILE), 'utf8'), manifest, 'not even by stopping it');
  });
});
