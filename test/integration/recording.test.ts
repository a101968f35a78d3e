/**
 * The recorder on a real mediasoup worker and real ffmpeg: ffmpeg itself sends a VP8 test picture
 * and an Opus tone into the hearing's router over plain RTP, the recorder takes both out again into
 * 2-second WebM segments for about six seconds, encrypted at rest, and then:
 * - no plaintext segment is left on disk, and ffprobe reads each track, decrypted, with the expected
 *   stream and about the expected duration;
 * - the signed manifest verifies, and a copy taken mid-recording verifies as a signed prefix;
 * - one flipped byte, a deleted, swapped or added segment, an edited manifest, or a manifest signed
 *   with another key each fails verification, naming the place; so does decrypting with another
 *   recording key, or a chunk moved from one segment into another;
 * - with a local RFC 3161 authority (openssl ts), the manifest is time-stamped at checkpoints and at
 *   the end, every token verifies, and a token moved, a statement edited or another authority is named;
 * - `./hearing-room verify-recording`'s command says the same with its exit status;
 * - nobody in a private consultation is recordable, and a held track receives nothing;
 * - a mediasoup worker killed mid-recording leaves the segments already written listed and signed;
 * - each track's coverage, measured from the files, has no hole; a recorder killed once leaves only
 *   its declared gap; a recorder frozen for 20 s without exiting leaves a hole nobody declared, which
 *   the verifier names and for which the command exits 1.
 */
import assert from 'node:assert/strict';
import { execFile, type ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { types } from 'mediasoup';
import { CourtSession, mayRecord } from '../../courtroom/index.js';
import { MinutesSigner } from '../../record/index.js';
import {
  describeCoverage,
  HOLE_TOLERANCE_S,
  MANIFEST_FILE,
  Recording,
  trackCoverage,
  type GapReport,
  RecordingKey,
  SignedManifest,
  TimestampAuthority,
  decryptFile,
  segmentChainHash,
  signedBytes,
  verifyRecording,
  type Manifest,
} from '../../recording/index.js';
import type { Participant } from '../../scheduling/index.js';
import type { Sfu } from '../../sfu/index.js';
import { sealLeftovers } from '../../recording/leftovers.js';
import { ffmpegProducer } from '../support/rtp-producer.js';
import { startSfu } from '../support/sfu.js';
import { startLocalTsa, type LocalTsa } from '../support/tsa.js';

const run = promisify(execFile);
const SEGMENT_SECONDS = 2;
const RECORD_MS = 6500;

/**
 * The files of a recording as a crash would leave them, the manifest (and what was copied before it) excepted: a plaintext segment
 * removed while it is copied (it has just been encrypted) is simply not there, and a manifest being
 * replaced (`.tmp`) is skipped.
 */
async function crashCopy(from: string, to: string, copiedAlready: string[] = []): Promise<void> {
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (copiedAlready.includes(entry.name)) continue;
    if (entry.isDirectory()) {
      await mkdir(join(to, entry.name), { recursive: true });
      await crashCopy(source, join(to, entry.name));
    } else if (entry.name !== MANIFEST_FILE && !entry.name.endsWith('.tmp')) {
      await copyFile(source, join(to, entry.name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
  }
}

async function probe(file: string): Promise<{ codec: string; width?: number; height?: number; times: number[] }> {
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name,width,height:packet=pts_time', '-of', 'json', file]);
  const parsed = JSON.parse(stdout) as { streams: { codec_name: string; width?: number; height?: number }[]; packets: { pts_time: string }[] };
  assert.equal(parsed.streams.length, 1, `${file} holds one stream`);
  const stream = parsed.streams[0]!;
  return { codec: stream.codec_name, width: stream.width, height: stream.height, times: parsed.packets.map((p) => Number(p.pts_time)) };
}

describe('recording a hearing as evidence', () => {
  let sfu: Sfu;
  let root: string;
  let recordingDir: string;
  let prefixDir: string;
  let manifest: Manifest;
  let authority: KeyObject;
  let authorityPublicPem: string;
  const senders: ChildProcess[] = [];
  let producers: { video: types.Producer; audio: types.Producer };
  let hashingMs = 0;
  const recordingKey = new RecordingKey(randomBytes(32));
  let tsa: LocalTsa;

  /** A segment decrypted to a temporary file, for ffprobe. */
  async function decrypted(dir: string, track: Manifest['tracks'][number], segment: Manifest['tracks'][number]['segments'][number]): Promise<string> {
    const out = join(root, `plain-${track.trackId}-${segment.file.replace(/\.enc$/, '')}`);
    const parts: Buffer[] = [];
    const dataKey = recordingKey.unwrap(manifest.encryption.dataKey, manifest.recordingId);
    await decryptFile(
      join(dir, track.trackId, segment.file),
      dataKey,
      { recordingId: manifest.recordingId, trackId: track.trackId, index: segment.index },
      manifest.encryption.chunkBytes,
      (chunk) => {
        parts.push(chunk);
      },
    );
    await writeFile(out, Buffer.concat(parts));
    return out;
  }

  before(async () => {
    sfu = await startSfu(1);
    tsa = await startLocalTsa();
    root = await mkdtemp(join(tmpdir(), 'hearing-room-recording-'));
    const media = await sfu.hearing('recorded-hearing');
    const video = await ffmpegProducer(media.router, 'video', 11111111);
    const audio = await ffmpegProducer(media.router, 'audio', 22222222);
    senders.push(video.ffmpeg, audio.ffmpeg);
    producers = { video: video.producer, audio: audio.producer };
    authority = generateKeyPairSync('ed25519').privateKey;
    const signer = new MinutesSigner(authority);
    authorityPublicPem = signer.publicKeyPem;

    recordingDir = join(root, 'recording');
    prefixDir = join(root, 'prefix');
    const recording = await Recording.start(
      { dir: recordingDir, hearingId: 'recorded-hearing', legalBasis: 'Order of the court under Art. 5(3)', segmentSeconds: SEGMENT_SECONDS },
      signer,
      recordingKey,
      new TimestampAuthority({ url: tsa.url, caPem: tsa.caPem }),
    );
    await Promise.all([
      recording.addTrack({ router: media.router, producerId: video.producer.id, participantId: 'witness-1', role: 'person_heard', source: 'camera' }),
      recording.addTrack({ router: media.router, producerId: audio.producer.id, participantId: 'witness-1', role: 'person_heard', source: 'microphone' }),
    ]);
    // Half way, a copy of the folder as a crash would leave it: the last signed manifest and the open segment.
    await new Promise((resolve) => setTimeout(resolve, RECORD_MS / 2));
    // The timestamps (each written after the manifest it stamps), the manifest, then the files, as a
    // crash would leave them; a file being replaced is skipped.
    await cp(join(recordingDir, 'timestamps'), join(prefixDir, 'timestamps'), { recursive: true, filter: (path) => !path.endsWith('.tmp') });
    await cp(join(recordingDir, MANIFEST_FILE), join(prefixDir, MANIFEST_FILE));
    await crashCopy(recordingDir, prefixDir, ['timestamps']);
    await new Promise((resolve) => setTimeout(resolve, RECORD_MS / 2));
    manifest = await recording.stop();
    hashingMs = recording.hashingMs;
  });

  after(async () => {
    for (const sender of senders) sender.kill('SIGKILL');
    sfu?.close();
    await tsa?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('writes one encrypted track per stream that ffprobe reads, decrypted, with the expected stream and duration', async () => {
    assert.equal(manifest.status, 'complete');
    assert.deepEqual(manifest.tracks.map((t) => [t.source, t.kind, t.codec, t.container]).sort(), [
      ['camera', 'video', 'video/VP8', 'webm'],
      ['microphone', 'audio', 'audio/opus', 'webm'],
    ]);
    for (const track of manifest.tracks) {
      const files = (await readdir(join(recordingDir, track.trackId))).filter((f) => f.startsWith('segment-')).sort();
      assert.deepEqual(
        files,
        track.segments.map((s) => s.file),
        `${track.trackId}: only the encrypted segments are on disk`,
      );
      assert.ok(files.every((f) => f.endsWith('.webm.enc')));
      await assert.rejects(probe(join(recordingDir, track.trackId, files[0]!)), 'an encrypted segment is not readable media');
      assert.ok(track.segments.length >= 3, `${track.trackId}: about six seconds in 2-second segments (${track.segments.length})`);
      const times: number[] = [];
      for (const segment of track.segments) {
        const probed = await probe(await decrypted(recordingDir, track, segment));
        assert.equal(probed.codec, track.kind === 'video' ? 'vp8' : 'opus');
        if (track.kind === 'video') assert.deepEqual([probed.width, probed.height], [320, 240]);
        assert.ok(probed.times.length > 0, `${segment.file} holds media`);
        times.push(...probed.times);
      }
      const duration = Math.max(...times) - Math.min(...times);
      // The media must cover the time its recorder ran, on the server's clock: stopping lets ffmpeg close
      // its last segment, so a track runs a little past the six seconds the test waits. The software VP8
      // sender here runs ahead of real time under load (it encodes in bursts to catch up), hence the
      // margin above.
      const ran = (Date.parse(track.endedAt!) - Date.parse(track.startedAt)) / 1000;
      assert.ok(duration > 4.5, `${track.trackId} lasts about six seconds (${duration.toFixed(2)} s)`);
      assert.ok(
        duration > ran - 1.5 && duration < ran + 1.5,
        `${track.trackId} holds ${duration.toFixed(2)} s of media while its recorder ran ${ran.toFixed(2)} s`,
      );
    }
    const segments = manifest.tracks.reduce((n, t) => n + t.segments.length, 0);
    console.log(`recorded ${segments} segments; hashing took ${(hashingMs / segments).toFixed(2)} ms per segment`);
    // Each segment's playable media, measured from the file when it was sealed, covers the track.
    for (const track of manifest.tracks) {
      const coverage = trackCoverage(track);
      console.log(`${track.trackId}: ${describeCoverage(coverage)}`);
      assert.deepEqual(coverage.holes, [], `${track.trackId} has no hole`);
      assert.ok(coverage.measured && coverage.recordedSeconds > coverage.spanSeconds - 2, `${track.trackId}: ${describeCoverage(coverage)}`);
    }
  });

  it('carries the timing to play the tracks in sync: wall-clock times per segment and the RTP to NTP mapping of the sender reports', () => {
    const starts: number[] = [];
    for (const track of manifest.tracks) {
      const timing = track.runs?.[0]?.timing;
      assert.ok(timing, `${track.trackId}: its run has timing`);
      assert.equal(timing.clockRate, track.clockRate);
      assert.ok(timing.senderReports.length >= 1, `${track.trackId}: the sender reports reached the recorder`);
      const [first, last] = [timing.senderReports[0]!, timing.senderReports.at(-1)!];
      assert.ok(
        timing.senderReports.every((r, i, all) => i === 0 || (r.ntpMs > all[i - 1]!.ntpMs && Date.parse(r.receivedAt) >= Date.parse(all[i - 1]!.receivedAt))),
        'the reports follow one clock forward',
      );
      // The tone's sender keeps real time, so its stream's clock and the SFU's advance together: the
      // mapping is one line. (The software VP8 sender here does not keep its RTP clock on real time
      // while the machine is loaded; browsers do, and the browser test aligns their tracks.)
      if (track.kind === 'audio' && last !== first) {
        const byNtp = last.ntpMs - first.ntpMs;
        const byRtp = (((last.rtpTimestamp - first.rtpTimestamp) | 0) / timing.clockRate) * 1000;
        assert.ok(Math.abs(byNtp - byRtp) < 50, `${track.trackId}: ${byNtp} ms of NTP against ${byRtp.toFixed(1)} ms of RTP`);
      }
      for (const segment of track.segments) {
        assert.ok(segment.wallStart && segment.wallEnd, `${segment.file} is placed on the server's clock`);
        assert.ok(Date.parse(segment.wallEnd) >= Date.parse(segment.wallStart));
        if (track.kind === 'audio') {
          const expected = (segment.endTime - segment.startTime) * 1000;
          const onTheClock = Date.parse(segment.wallEnd) - Date.parse(segment.wallStart);
          assert.ok(Math.abs(onTheClock - expected) < 50, `${segment.file}: ${onTheClock} ms on the server's clock for ${expected} ms of media`);
        }
      }
      starts.push(Date.parse(track.segments[0]!.wallStart!));
    }
    // Both streams were recorded from the same moment: their first media lies within a second and a half.
    assert.ok(Math.max(...starts) - Math.min(...starts) < 1500, `first media at ${starts.map((t) => new Date(t).toISOString()).join(' and ')}`);
  });

  it("verifies: every hash, each chain and the signature of the authority's key, and with the key every segment's media", async () => {
    const report = await verifyRecording(recordingDir, { publicKeyPem: authorityPublicPem });
    assert.equal(report.ok, true, JSON.stringify(report));
    assert.ok(report.ok && report.complete && report.unsigned.length === 0 && !report.decrypted);
    const withKey = await verifyRecording(recordingDir, { publicKeyPem: authorityPublicPem, recordingKey });
    assert.ok(withKey.ok && withKey.decrypted, JSON.stringify(withKey));
  });

  it('fails with another recording key, naming the first segment it cannot decrypt', async () => {
    const report = await verifyRecording(recordingDir, { publicKeyPem: authorityPublicPem, recordingKey: new RecordingKey(randomBytes(32)) });
    assert.equal(report.ok, false);
    const problem = report.ok ? undefined : report.problem;
    assert.equal(problem?.kind, 'key');
    assert.equal(problem?.index, 0);
    assert.ok(manifest.tracks.some((t) => t.trackId === problem?.trackId));
    assert.match(
      problem?.message ?? '',
      /segment 0 \(segment-00000\.webm\.enc\) cannot be decrypted — the recording's data key is wrapped by key [0-9a-f]{16}, not by the key given/,
    );
  });

  it('names the segment into which the encrypted last chunk of another segment was moved, even when its hashes were forged to match', async () => {
    // Someone holding the authority's signing key but not the data key rebuilds the manifest around a
    // segment whose last chunk comes from another segment: the stored hashes then hold, the media does not.
    const dir = join(root, 'moved-chunk');
    await cp(recordingDir, dir, { recursive: true });
    const signed = SignedManifest.parse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')));
    const track = signed.manifest.tracks.find((t) => t.kind === 'video')!;
    const [zero, one] = [join(dir, track.trackId, track.segments[0]!.file), join(dir, track.trackId, track.segments[1]!.file)];
    // The last chunk of segment 0 replaces the last chunk of segment 1 (records after the 8-byte header are 12 + 65536 + 16 bytes).
    const lastChunkAt = (bytes: Buffer) => 8 + Math.floor((bytes.length - 8 - 1) / (12 + 64 * 1024 + 16)) * (12 + 64 * 1024 + 16);
    const [a, b] = [await readFile(zero), await readFile(one)];
    await writeFile(one, Buffer.concat([b.subarray(0, lastChunkAt(b)), a.subarray(lastChunkAt(a))]));
    const bytes = await readFile(one);
    let prev = track.segments[0]!.chainHash;
    for (const segment of track.segments.slice(1)) {
      if (segment.index === 1) Object.assign(segment, { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      segment.chainHash = segmentChainHash(signed.manifest, track.trackId, segment, prev);
      prev = segment.chainHash;
    }
    // The forger cannot make the authority's timestamps match, so drops them, and their listing in the
    // manifest he signs again (with the listing left in, their removal would be named).
    delete signed.manifest.timestamps;
    signed.signature = { ...new MinutesSigner(authority).sign(signedBytes(signed.manifest)), signedAt: signed.signature.signedAt };
    await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(signed));
    await rm(join(dir, 'timestamps'), { recursive: true });
    assert.ok((await verifyRecording(dir, { publicKeyPem: authorityPublicPem })).ok, 'without the key the forgery is not seen');
    const report = await verifyRecording(dir, { publicKeyPem: authorityPublicPem, recordingKey });
    const problem = report.ok ? undefined : report.problem;
    assert.deepEqual([problem?.kind, problem?.trackId, problem?.index], ['decryption', track.trackId, 1]);
    assert.match(problem?.message ?? '', /chunk \d+ \(the last\) fails authentication/);
  });

  it('is time-stamped by the authority at checkpoints and at the end, every token verified', async () => {
    const report = await verifyRecording(recordingDir, { publicKeyPem: authorityPublicPem, tsaCaPem: tsa.caPem });
    assert.ok(report.ok, JSON.stringify(report));
    const stamps = report.timestamps;
    assert.ok(stamps, 'the recording has timestamps');
    assert.ok(stamps.checkpoints >= 1, `checkpoints were stamped (${stamps.checkpoints})`);
    assert.ok(stamps.final, 'the final manifest was stamped');
    assert.equal(stamps.caGiven, true);
    assert.ok(Math.abs(Date.parse(stamps.final) - Date.now()) < 120_000, `the authority's time is now (${stamps.final})`);
  });

  it("names a timestamp that is not this manifest's, a statement edited, or tokens of another authority", async () => {
    const moved = await tampered('final-token', async (dir) => {
      await cp(join(dir, 'timestamps', 'checkpoint-00001.tsr'), join(dir, 'timestamps', 'final.tsr'));
    });
    assert.deepEqual([moved.report?.kind, moved.report?.file], ['timestamp', 'timestamps/final.tsr']);
    assert.match(moved.report?.message ?? '', /final\.tsr is not the token timestamps\/final\.json states: it has been replaced/);

    const edited = await tampered('statement', async (dir) => {
      const file = join(dir, 'timestamps', 'checkpoint-00001.json');
      const statement = JSON.parse(await readFile(file, 'utf8')) as { tracks: { chainHash: string }[] };
      statement.tracks[0]!.chainHash = '0'.repeat(64);
      await writeFile(file, JSON.stringify(statement));
    });
    assert.equal(edited.report?.kind, 'timestamp');
    assert.match(edited.report?.message ?? '', /is not the one time-stamped in timestamps\/checkpoint-00001\.tsr/);

    const other = await startLocalTsa('Other');
    try {
      const report = await verifyRecording(recordingDir, { publicKeyPem: authorityPublicPem, tsaCaPem: other.caPem });
      assert.equal(report.ok ? undefined : report.problem.kind, 'timestamp');
    } finally {
      await other.close();
    }
  });

  it('names a timestamp token removed, with its statement: the signatures cover every token', async () => {
    const checkpoint = await tampered('checkpoint-removed', async (dir) => {
      await rm(join(dir, 'timestamps', 'checkpoint-00001.tsr'));
      await rm(join(dir, 'timestamps', 'checkpoint-00001.json'));
    });
    assert.deepEqual([checkpoint.report?.kind, checkpoint.report?.file], ['timestamp', 'timestamps/checkpoint-00001.tsr']);
    assert.match(checkpoint.report?.message ?? '', /listed in the signed manifest, has been removed/);

    const final = await tampered('final-removed', async (dir) => {
      await rm(join(dir, 'timestamps', 'final.tsr'));
    });
    assert.match(final.report?.message ?? '', /final\.tsr, stated in timestamps\/final\.json, has been removed/);

    const both = await tampered('final-and-statement-removed', async (dir) => {
      await rm(join(dir, 'timestamps', 'final.tsr'));
      await rm(join(dir, 'timestamps', 'final.json'));
    });
    assert.match(both.report?.message ?? '', /final\.json is missing: what became of the final timestamp is not stated/);

    const forged = await tampered('final-statement-forged', async (dir) => {
      const file = join(dir, 'timestamps', 'final.json');
      const signed = JSON.parse(await readFile(file, 'utf8')) as { statement: { token: unknown; failure?: string } };
      signed.statement.token = null;
      signed.statement.failure = 'the authority could not be reached';
      await writeFile(file, JSON.stringify(signed));
      await rm(join(dir, 'timestamps', 'final.tsr'));
    });
    assert.match(forged.report?.message ?? '', /final\.json is not signed by the key that signed the manifest/);
  });

  it('leaves a verifiable signed prefix when cut short, once the media left in the clear is sealed', async () => {
    // The open segment is on disk in the clear: unprotected evidence fails verification, naming it.
    const left = await verifyRecording(prefixDir, { publicKeyPem: authorityPublicPem });
    assert.ok(
      !left.ok && left.problem.kind === 'plaintext' && /segment-\d{5}\.(webm|mkv) is media in the clear/.test(left.problem.message),
      JSON.stringify(left),
    );
    const sealed = await sealLeftovers(prefixDir, recordingKey);
    assert.ok(sealed.length >= 1);
    const report = await verifyRecording(prefixDir, { publicKeyPem: authorityPublicPem, recordingKey });
    assert.ok(report.ok, JSON.stringify(report));
    assert.ok(
      report.unsigned.some((u) => u.endsWith('(sealed after a crash, listed in leftovers.json)')),
      report.unsigned.join(', '),
    );
    assert.equal(report.complete, false);
    assert.ok(
      report.tracks.some((t) => t.segments >= 1),
      'the prefix holds the segments closed before the cut',
    );
  });

  /** A fresh copy of the recording, tampered with by `change`, then verified. */
  async function tampered(name: string, change: (dir: string, video: string) => Promise<void>) {
    const dir = join(root, `tampered-${name}`);
    await cp(recordingDir, dir, { recursive: true });
    const video = manifest.tracks.find((t) => t.kind === 'video')!.trackId;
    await change(dir, join(dir, video));
    const report = await verifyRecording(dir, { publicKeyPem: authorityPublicPem });
    assert.equal(report.ok, false, `${name}: verification must fail`);
    return { report: report.ok ? undefined : report.problem, video, dir };
  }

  it('names a segment with one byte flipped', async () => {
    const { report, video } = await tampered('flip', async (_dir, track) => {
      const file = join(track, 'segment-00001.webm.enc');
      const bytes = await readFile(file);
      bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
      await writeFile(file, bytes);
    });
    assert.deepEqual([report?.kind, report?.trackId, report?.index], ['changed', video, 1]);
  });

  it('names a deleted segment', async () => {
    const { report, video } = await tampered('delete', (_dir, track) => unlink(join(track, 'segment-00001.webm.enc')));
    assert.deepEqual([report?.kind, report?.trackId, report?.index], ['removed', video, 1]);
  });

  it('names swapped segments', async () => {
    const { report, video } = await tampered('swap', async (_dir, track) => {
      await rename(join(track, 'segment-00000.webm.enc'), join(track, 'swap.tmp'));
      await rename(join(track, 'segment-00001.webm.enc'), join(track, 'segment-00000.webm.enc'));
      await rename(join(track, 'swap.tmp'), join(track, 'segment-00001.webm.enc'));
    });
    assert.deepEqual([report?.kind, report?.trackId, report?.index], ['reordered', video, 0]);
  });

  it('names an added segment', async () => {
    const videoTrack = manifest.tracks.find((t) => t.kind === 'video')!;
    const next = `segment-${String(videoTrack.segments.length).padStart(5, '0')}.webm.enc`;
    const { report, video } = await tampered('add', (_dir, track) => cp(join(track, 'segment-00000.webm.enc'), join(track, next)));
    assert.deepEqual([report?.kind, report?.trackId, report?.file], ['added', video, next]);
  });

  it('names the segment where an edited manifest departs from its chain, and refuses a re-signed or altered one', async () => {
    const read = async (dir: string) => SignedManifest.parse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')));
    const write = (dir: string, signed: SignedManifest) => writeFile(join(dir, MANIFEST_FILE), JSON.stringify(signed));

    const reordered = await tampered('manifest-order', async (dir) => {
      const signed = await read(dir);
      const track = signed.manifest.tracks.find((t) => t.kind === 'video')!;
      track.segments = [track.segments[1]!, track.segments[0]!, ...track.segments.slice(2)];
      await write(dir, signed);
    });
    assert.deepEqual([reordered.report?.kind, reordered.report?.trackId, reordered.report?.index], ['reordered', reordered.video, 0]);

    const altered = await tampered('manifest-basis', async (dir) => {
      const signed = await read(dir);
      signed.manifest.legalBasis = 'No order was given';
      await write(dir, signed);
    });
    assert.equal(altered.report?.kind, 'signature');

    // Another key signs a manifest that is otherwise perfect: it holds only against the wrong key.
    const resigned = await tampered('other-key', async (dir) => {
      const signed = await read(dir);
      const impostor = new MinutesSigner(generateKeyPairSync('ed25519').privateKey);
      signed.signature = { ...impostor.sign(signedBytes(signed.manifest)), signedAt: signed.signature.signedAt };
      await write(dir, signed);
    });
    assert.equal(resigned.report?.kind, 'key');
    assert.match(resigned.report?.message ?? '', /not with the authority's key/);
  });

  it('answers through the command with its exit status', async () => {
    const keyFile = join(root, 'authority.pem');
    await writeFile(keyFile, authorityPublicPem);
    const cli = ['--import', 'tsx', 'recording/cli.ts'];
    const ok = await run('node', [...cli, recordingDir, '--public-key', keyFile]);
    assert.match(ok.stdout, /holds \(complete\): 2 tracks/);
    const broken = join(root, 'tampered-delete');
    await assert.rejects(run('node', [...cli, broken, '--public-key', keyFile]), (error: { code?: number; stdout?: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stdout ?? '', /removed \(track .*-camera-\d+, segment 1\)/);
      return true;
    });
    await assert.rejects(run('node', [...cli]), (error: { code?: number }) => error.code === 2);
  });

  it('never records anyone in a private consultation, and a held track receives nothing', async () => {
    const person = (id: string, role: Participant['role']): Participant => ({
      id,
      hearingId: 'h',
      displayName: id,
      role,
      capacity: role === 'person_heard' ? 'witness' : null,
      createdAt: '',
    });
    const witness = person('w', 'person_heard');
    const counsel = person('c', 'counsel');
    const judge = person('j', 'presiding_judge');
    const session = new CourtSession();
    const at = new Date().toISOString();
    session.record({ type: 'lobby.admitted', at, actorId: 'j', data: { participantId: 'w' } });
    session.record({ type: 'lobby.admitted', at, actorId: 'j', data: { participantId: 'c' } });
    assert.equal(mayRecord(session.state, witness, 'audio'), true);
    session.record({ type: 'consultation.started', at, actorId: 'c', data: { consultationId: 'k', participantIds: ['w', 'c'] } });
    assert.equal(mayRecord(session.state, witness, 'audio'), false);
    assert.equal(mayRecord(session.state, counsel, 'video'), false);
    assert.equal(mayRecord(session.state, judge, 'audio'), true);

    // A live track held for a consultation: the consumer at the SFU stops sending to the recorder.
    const media = await sfu.hearing('recorded-hearing');
    const dir = join(root, 'held');
    const recording = await Recording.start(
      { dir, hearingId: 'recorded-hearing', legalBasis: 'Order of the court', segmentSeconds: SEGMENT_SECONDS },
      new MinutesSigner(authority),
      recordingKey,
    );
    await recording.addTrack({ router: media.router, producerId: producers.audio.id, participantId: 'w', role: 'person_heard', source: 'microphone' });
    await recording.enforce((participantId) => mayRecord(session.state, participantId === 'w' ? witness : judge, 'audio'));
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const manifestHeld = await recording.stop();
    const track = manifestHeld.tracks[0]!;
    const last = track.segments.at(-1);
    // Held at once after starting, the track ends about where it was held: nothing of the consultation.
    assert.ok(!last || last.endTime < 1.5, `nothing recorded while held (ends at ${last?.endTime})`);
    assert.ok((await verifyRecording(dir)).ok);
  });

  /** Waits until `check` holds of the manifest as it stands, or fails saying what was awaited. */
  async function until(recording: Recording, what: string, check: (m: Manifest) => boolean, timeoutMs = 15000): Promise<Manifest> {
    const deadline = Date.now() + timeoutMs;
    while (!check(recording.snapshot()) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    const snapshot = recording.snapshot();
    assert.ok(check(snapshot), `${what}: ${JSON.stringify(snapshot.tracks.map((t) => ({ segments: t.segments.length, runs: t.runs, gaps: t.gaps })))}`);
    return snapshot;
  }

  it('restarts a recorder that dies, in the same track, and writes the gap with its cause', async () => {
    const media = await sfu.hearing('recorded-hearing');
    const dir = join(root, 'recorder-dies');
    const recording = await Recording.start(
      { dir, hearingId: 'recorded-hearing', legalBasis: 'Order of the court', segmentSeconds: SEGMENT_SECONDS },
      new MinutesSigner(authority),
      recordingKey,
    );
    const gaps: GapReport[] = [];
    recording.on('gap', (gap) => gaps.push(gap));
    await recording.follow({ router: media.router, producerId: producers.audio.id, participantId: 'w', role: 'person_heard', source: 'microphone' });
    await until(recording, 'a first segment', (m) => (m.tracks[0]?.segments.length ?? 0) >= 1);
    const [recorder] = recording.recorders();
    assert.ok(recorder, 'a recorder process runs');
    process.kill(recorder.pid, 'SIGKILL');
    const restarted = await until(
      recording,
      'a second run after the gap',
      (m) => (m.tracks[0]?.runs?.length ?? 0) === 2 && (m.tracks[0]?.gaps?.length ?? 0) === 1,
    );
    assert.notEqual(recording.recorders()[0]?.pid, recorder.pid, 'a new recorder process');
    await until(recording, 'segments from the new run', (m) => m.tracks[0]!.segments.some((s) => s.run === 1));
    const manifest = await recording.stop();
    assert.equal(manifest.tracks.length, 1, 'still one track');
    const track = manifest.tracks[0]!;
    const gap = restarted.tracks[0]!.gaps![0]!;
    assert.match(gap.cause, /recorder exited/);
    assert.ok(Date.parse(gap.to) >= Date.parse(gap.from), 'the gap runs forward');
    assert.deepEqual(
      gaps.map((g) => [g.trackId, g.participantId, g.fault]),
      [[track.trackId, 'w', true]],
      'the gap is reported for the record',
    );
    assert.deepEqual(
      track.segments.map((s) => s.index),
      track.segments.map((_, i) => i),
      'the segments follow on in one chain',
    );
    const firstOfRun1 = track.segments.find((s) => s.run === 1)!;
    assert.ok(Date.parse(firstOfRun1.wallStart!) >= Date.parse(gap.to) - 100, 'the new run begins where the gap ends');
    assert.equal(track.runs?.[0]?.endCause, gap.cause);
    const report = await verifyRecording(dir, { publicKeyPem: authorityPublicPem, recordingKey });
    assert.ok(report.ok && report.complete, JSON.stringify(report));
    const coverage = trackCoverage(track);
    console.log(`a recorder killed once: ${describeCoverage(coverage)}`);
    assert.deepEqual(coverage.holes, [], 'the restarted recorder writes playable media at once: the gap is all that is missing');
    assert.ok(!report.holes);
  });

  it('a recorder that cannot start is not dropped in silence: the court is told, and it is tried again until it records', async () => {
    const media = await sfu.hearing('recorded-hearing');
    const dir = join(root, 'recorder-cannot-start');
    await mkdir(dir, { recursive: true });
    // The recorder's first start fails as a start under a busy machine or a passing fault does (it
    // exits before writing); the next is the real ffmpeg.
    const failedOnce = join(dir, 'failed-once');
    const ffmpegPath = join(root, 'ffmpeg-fails-once');
    await writeFile(
      ffmpegPath,
      `#!/bin/sh\nif [ ! -e '${failedOnce}' ]; then touch '${failedOnce}'; echo 'cannot start now' >&2; exit 1; fi\nexec ffmpeg "$@"\n`,
      { mode: 0o755 },
    );
    const recording = await Recording.start(
      { dir, hearingId: 'recorded-hearing', legalBasis: 'Order of the court', segmentSeconds: SEGMENT_SECONDS, ffmpegPath },
      new MinutesSigner(authority),
      recordingKey,
    );
    const told: (string | null)[] = [];
    recording.on('track-state', (state) => told.push(state.cause));
    await assert.rejects(
      recording.follow({ router: media.router, producerId: producers.audio.id, participantId: 'w', role: 'person_heard', source: 'microphone' }),
    );
    assert.deepEqual(told, ['recorder_failed'], 'the court is told at once that the track is not recorded');
    assert.ok(recording.isRecording(producers.audio.id), 'the stream stays in the recording, to be tried again');
    await until(recording, 'segments once the recorder starts', (m) => (m.tracks[0]?.segments.length ?? 0) >= 1, 20_000);
    assert.deepEqual(told, ['recorder_failed', null], 'and told when it records again');
    const manifest = await recording.stop();
    assert.equal(manifest.tracks.length, 1);
    const report = await verifyRecording(dir, { publicKeyPem: authorityPublicPem, recordingKey });
    assert.ok(report.ok, JSON.stringify(report));
  });

  it('a recorder that stalls without dying leaves a hole the verifier names, and the command does not call it complete', async () => {
    const media = await sfu.hearing('recorded-hearing');
    const dir = join(root, 'recorder-stalls');
    const recording = await Recording.start(
      { dir, hearingId: 'recorded-hearing', legalBasis: 'Order of the court', segmentSeconds: SEGMENT_SECONDS },
      new MinutesSigner(authority),
      recordingKey,
    );
    // A sender of its own: the shared ones send for a minute, and this test takes half of one.
    const camera = await ffmpegProducer(media.router, 'video', 66666666);
    senders.push(camera.ffmpeg);
    await recording.follow({ router: media.router, producerId: camera.producer.id, participantId: 'w', role: 'person_heard', source: 'camera' });
    await until(recording, 'a first segment', (m) => (m.tracks[0]?.segments.length ?? 0) >= 1);
    const [recorder] = recording.recorders();
    assert.ok(recorder, 'a recorder process runs');
    // Frozen, the recorder reads nothing; its socket holds some seconds of video, and what comes after
    // is lost. It does not exit, so no run ends and no gap is written: only the measured media can show
    // what is missing. (A frozen recorder of audio alone would lose nothing in 20 s: its socket holds it.)
    process.kill(recorder.pid, 'SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    process.kill(recorder.pid, 'SIGCONT');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const manifest = await recording.stop();
    const coverage = trackCoverage(manifest.tracks[0]!);
    console.log(`a video recorder frozen for 20 s: ${describeCoverage(coverage)}`);
    assert.equal(manifest.tracks[0]!.gaps?.length ?? 0, 0, 'nothing declared the stall');
    assert.equal(coverage.holes.length, 1, describeCoverage(coverage));
    assert.ok(
      coverage.holes[0]!.seconds > HOLE_TOLERANCE_S && coverage.holes[0]!.seconds <= 21,
      `the hole lies within the 20 s of the stall: ${coverage.holes[0]!.seconds} s`,
    );
    const report = await verifyRecording(dir, { publicKeyPem: authorityPublicPem, recordingKey });
    assert.ok(report.ok && report.holes, 'every byte checks, and the hole is reported');
    const keyFile = join(root, 'authority-stall.pem');
    await writeFile(keyFile, authorityPublicPem);
    await assert.rejects(run('node', ['--import', 'tsx', 'recording/cli.ts', dir, '--public-key', keyFile]), (error: { code?: number; stdout?: string }) => {
      assert.equal(error.code, 1, 'the command exits non-zero on a hole nothing explains');
      assert.match(error.stdout ?? '', /NOT complete/);
      assert.match(error.stdout ?? '', /1 hole\(s\) nothing explains/);
      return true;
    });
  });

  it('records an interpretation channel as a track of its own, whoever interprets: a handover is a new run in it', async () => {
    const media = await sfu.hearing('recorded-hearing');
    const dir = join(root, 'channel');
    const recording = await Recording.start(
      { dir, hearingId: 'recorded-hearing', legalBasis: 'Order of the court', segmentSeconds: SEGMENT_SECONDS },
      new MinutesSigner(authority),
      recordingKey,
    );
    const partner = await ffmpegProducer(media.router, 'audio', 55555555);
    senders.push(partner.ffmpeg);
    await recording.follow({
      router: media.router,
      producerId: producers.audio.id,
      participantId: 'interpreter-1',
      role: 'interpreter',
      source: 'interpretation',
      channel: 'fr',
    });
    await recording.follow({ router: media.router, producerId: producers.video.id, participantId: 'interpreter-1', role: 'interpreter', source: 'camera' });
    await until(recording, 'the channel writes', (m) => m.tracks.find((t) => t.language === 'fr')!.segments.length >= 1);
    // The booth partner takes over: the channel's track goes on.
    await recording.follow({
      router: media.router,
      producerId: partner.producer.id,
      participantId: 'interpreter-2',
      role: 'interpreter',
      source: 'interpretation',
      channel: 'fr',
    });
    await until(recording, 'the partner is recorded in the channel', (m) => m.tracks.find((t) => t.language === 'fr')!.segments.some((s) => s.run === 1));
    const manifest = await recording.stop();
    const channel = manifest.tracks.filter((t) => t.source === 'interpretation');
    assert.equal(channel.length, 1, 'one track for the channel');
    assert.equal(channel[0]!.language, 'fr');
    assert.deepEqual(
      channel[0]!.runs?.map((r) => r.participantId),
      ['interpreter-1', 'interpreter-2'],
    );
    assert.equal(
      manifest.tracks.filter((t) => t.participantId === 'interpreter-1' && t.source === 'camera').length,
      1,
      "the interpreter's own camera is another track",
    );
    assert.ok((await verifyRecording(dir, { publicKeyPem: authorityPublicPem, recordingKey })).ok);
  });

  it('keeps what was written when the media worker dies, and goes on in the same track on the new router', async () => {
    const own = await startSfu(1);
    try {
      const media = await own.hearing('worker-dies');
      const audio = await ffmpegProducer(media.router, 'audio', 33333333);
      senders.push(audio.ffmpeg);
      const dir = join(root, 'worker-dies');
      const recording = await Recording.start(
        { dir, hearingId: 'worker-dies', legalBasis: 'Order of the court', segmentSeconds: SEGMENT_SECONDS },
        new MinutesSigner(authority),
        recordingKey,
      );
      await recording.follow({ router: media.router, producerId: audio.producer.id, participantId: 'w', role: 'person_heard', source: 'microphone' });
      await new Promise((resolve) => setTimeout(resolve, 2 * SEGMENT_SECONDS * 1000 + 500));
      process.kill(media.slot.worker.pid, 'SIGKILL');
      const ended = await until(recording, 'the run ends when its router goes', (m) => m.tracks[0]?.runs?.[0]?.endedAt !== undefined);
      const written = ended.tracks[0]!.segments.length;
      assert.ok(written >= 2, `the segments written before the death stay listed (${written})`);
      assert.match(ended.tracks[0]!.runs![0]!.endCause ?? '', /media server restarted/);
      const prefix = await verifyRecording(dir, { publicKeyPem: authorityPublicPem });
      assert.ok(prefix.ok && !prefix.complete, JSON.stringify(prefix));

      // The participant's stream comes back on the replacement worker's router: the same track goes on.
      let again = await own.hearing('worker-dies');
      for (let i = 0; again.closed && i < 50; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        again = await own.hearing('worker-dies');
      }
      const back = await ffmpegProducer(again.router, 'audio', 44444444);
      senders.push(back.ffmpeg);
      await recording.follow({ router: again.router, producerId: back.producer.id, participantId: 'w', role: 'person_heard', source: 'microphone' });
      await until(recording, 'segments after the gap', (m) => m.tracks[0]!.segments.length > written && (m.tracks[0]?.gaps?.length ?? 0) === 1);
      const manifest = await recording.stop();
      assert.equal(manifest.tracks.length, 1);
      assert.match(manifest.tracks[0]!.gaps![0]!.cause, /media server restarted/);
      assert.equal(manifest.tracks[0]!.segments[written]!.file, `segment-${String(written).padStart(5, '0')}.webm.enc`, 'numbering goes on');
      const report = await verifyRecording(dir, { publicKeyPem: authorityPublicPem, recordingKey });
      assert.ok(report.ok && report.complete, JSON.stringify(report));
    } finally {
      own.close();
    }
  });
});
