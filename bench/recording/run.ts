/**
 * bench/recording — what recording costs, and how fast a recording is verified.
 *
 * 1. CPU per recorded track: a real mediasoup worker carries TRACKS streams (half VP8 video at
 *    300 kbit/s, half Opus) sent by ffmpeg over plain RTP; the recorder takes each out into its own
 *    ffmpeg for SECONDS seconds in 2-second segments, encrypted and hashed as they close. CPU time is
 *    read from /proc (utime + stime) for the recorder processes and for this process, which is the
 *    server's part (manifest, hashing, encryption, signing); the mediasoup worker is shown apart.
 * 2. Overhead of hashing and encryption: the CPU this process spends hashing and encrypting the very
 *    segments recorded (each decrypted back to its plaintext first, then put through the recorder's
 *    own `encryptFile`, several times for a stable figure), as a ratio of recording with them to
 *    recording without them (recorders + server − that work).
 * 3. Verification throughput: a synthetic recording of SYNTH_MB of encrypted segments, verified
 *    without the key (every stored hash, chain, signature), with the key (every segment decrypted and
 *    its media hashed), and `sha256sum` on the same files, in MB/s.
 *
 * Usage: ./hearing-room bench recording [tracks=4] [seconds=20] [synthMb=128]
 */
import { execFile, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { GENESIS, MinutesSigner } from '../../record/index.js';
import {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  Recording,
  RecordingKey,
  SEGMENT_ENCRYPTION,
  decryptFile,
  encryptFile,
  segmentChainHash,
  signedBytes,
  verifyRecording,
  type Manifest,
} from '../../recording/index.js';
import { ffmpegProducer } from '../../test/support/rtp-producer.js';
import { startSfu } from '../../test/support/sfu.js';

const run = promisify(execFile);
const TRACKS = Number(process.argv[2] ?? 4);
const SECONDS = Number(process.argv[3] ?? 20);
const SYNTH_MB = Number(process.argv[4] ?? 128);
const CLOCK_TICKS = 100; // USER_HZ on Linux

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; 0 once it is gone. */
function cpuSeconds(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

/** Child processes of this one whose command line contains `marker`. */
async function childrenWith(marker: string): Promise<number[]> {
  const pids: number[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').includes(marker)) pids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);

async function recordTracks(root: string, recordingKey: RecordingKey, signer: MinutesSigner) {
  const sfu = await startSfu(1);
  const senders: ChildProcess[] = [];
  try {
    const media = await sfu.hearing('bench-recording');
    const producers = [];
    for (let i = 0; i < TRACKS; i++) {
      const kind = i % 2 === 0 ? 'video' : 'audio';
      const sender = await ffmpegProducer(media.router, kind, 70000000 + i);
      senders.push(sender.ffmpeg);
      producers.push({ producer: sender.producer, kind });
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const dir = join(root, 'recorded');
    const recording = await Recording.start(
      { dir, hearingId: 'bench-recording', legalBasis: 'Benchmark of the recorder', segmentSeconds: 2 },
      signer,
      recordingKey,
    );
    await Promise.all(
      producers.map((p, i) =>
        recording.addTrack({
          router: media.router,
          producerId: p.producer.id,
          participantId: `p${i}`,
          role: 'person_heard',
          source: p.kind === 'video' ? 'camera' : 'microphone',
        }),
      ),
    );
    const recorders = await childrenWith('-segment_list');
    const workerPid = media.slot.worker.pid;
    const before = { recorders: recorders.map(cpuSeconds), server: process.cpuUsage(), worker: cpuSeconds(workerPid), at: performance.now() };
    await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
    // Read before stopping: a recorder that has exited has no /proc entry.
    const recorderCpu = recorders.map(cpuSeconds).reduce((sum, cpu, i) => sum + cpu - before.recorders[i]!, 0);
    const serverUsage = process.cpuUsage(before.server);
    const workerCpu = cpuSeconds(workerPid) - before.worker;
    const elapsed = (performance.now() - before.at) / 1000;
    const manifest = await recording.stop();
    return { dir, manifest, recorderCpu, serverCpu: (serverUsage.user + serverUsage.system) / 1e6, workerCpu, elapsed, hashingMs: recording.hashingMs };
  } finally {
    for (const sender of senders) sender.kill('SIGKILL');
    sfu.close();
  }
}

/** CPU seconds this process spends hashing and encrypting the recorded segments once, averaged over several rounds. */
async function protectionCpu(root: string, dir: string, manifest: Manifest, recordingKey: RecordingKey): Promise<{ cpu: number; bytes: number }> {
  const dataKey = recordingKey.unwrap(manifest.encryption.dataKey, manifest.recordingId);
  const plain = join(root, 'plain');
  await mkdir(plain, { recursive: true });
  const files: { path: string; identity: { recordingId: string; trackId: string; index: number } }[] = [];
  let bytes = 0;
  for (const track of manifest.tracks) {
    for (const segment of track.segments) {
      const identity = { recordingId: manifest.recordingId, trackId: track.trackId, index: segment.index };
      const parts: Buffer[] = [];
      await decryptFile(join(dir, track.trackId, segment.file), dataKey, identity, manifest.encryption.chunkBytes, (c) => {
        parts.push(c);
      });
      const path = join(plain, `${track.trackId}-${segment.index}`);
      await writeFile(path, Buffer.concat(parts));
      bytes += segment.plaintext.size;
      files.push({ path, identity });
    }
  }
  const rounds = 5;
  const start = process.cpuUsage();
  for (let round = 0; round < rounds; round++) {
    for (const [i, f] of files.entries()) await encryptFile(f.path, join(plain, `out-${round}-${i}.enc`), dataKey, f.identity);
  }
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1e6 / rounds, bytes };
}

/** A valid recording of `mb` megabytes of random segments, built with the recorder's own functions. */
async function syntheticRecording(root: string, mb: number, recordingKey: RecordingKey, signer: MinutesSigner): Promise<string> {
  const dir = join(root, 'synthetic');
  const segmentBytes = 8 * 1024 * 1024;
  const count = Math.max(1, Math.round((mb * 1024 * 1024) / segmentBytes));
  const recordingId = 'synthetic-recording';
  const { dataKey, wrapped } = recordingKey.newDataKey(recordingId);
  const manifest: Manifest = {
    format: MANIFEST_FORMAT,
    recordingId,
    hearingId: 'bench-recording',
    legalBasis: 'Benchmark of the verifier',
    segmentSeconds: 10,
    encryption: { format: SEGMENT_ENCRYPTION, chunkBytes: 64 * 1024, dataKey: wrapped },
    startedAt: new Date().toISOString(),
    status: 'complete',
    endedAt: new Date().toISOString(),
    tracks: [],
  };
  const trackId = 'synthetic-camera-0';
  await mkdir(join(dir, trackId), { recursive: true });
  const segments: Manifest['tracks'][number]['segments'] = [];
  let prev = GENESIS;
  for (let index = 0; index < count; index++) {
    const plainPath = join(root, `synthetic-${index}.webm`);
    await writeFile(plainPath, randomBytes(segmentBytes));
    const file = `segment-${String(index).padStart(5, '0')}.webm.enc`;
    const { plaintext, stored } = await encryptFile(plainPath, join(dir, trackId, file), dataKey, { recordingId, trackId, index });
    await rm(plainPath);
    const content = { index, file, startTime: index * 10, endTime: index * 10 + 10, size: stored.size, sha256: stored.sha256, plaintext };
    const chainHash = segmentChainHash(manifest, trackId, content, prev);
    segments.push({ ...content, closedAt: new Date().toISOString(), chainHash });
    prev = chainHash;
  }
  manifest.tracks.push({
    trackId,
    participantId: 'p',
    role: 'person_heard',
    source: 'camera',
    kind: 'video',
    codec: 'video/VP8',
    clockRate: 90000,
    container: 'webm',
    startedAt: manifest.startedAt,
    endedAt: manifest.endedAt,
    segments,
  });
  const signature = signer.sign(signedBytes(manifest));
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify({ manifest, signature: { ...signature, signedAt: new Date().toISOString() } }));
  return dir;
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const start = performance.now();
  const result = await work();
  return { seconds: (performance.now() - start) / 1000, result };
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'hearing-room-bench-recording-'));
  try {
    const recordingKey = new RecordingKey(randomBytes(32));
    const signer = new MinutesSigner(generateKeyPairSync('ed25519').privateKey);

    const recorded = await recordTracks(root, recordingKey, signer);
    const segments = recorded.manifest.tracks.reduce((n, t) => n + t.segments.length, 0);
    const protect = await protectionCpu(root, recorded.dir, recorded.manifest, recordingKey);
    const withIt = recorded.recorderCpu + recorded.serverCpu;
    const withoutIt = withIt - protect.cpu;
    const pct = (cpu: number) => (100 * cpu) / recorded.elapsed;

    const synthetic = await syntheticRecording(root, SYNTH_MB, recordingKey, signer);
    const stored = (await readdir(join(synthetic, 'synthetic-camera-0'))).map((f) => join(synthetic, 'synthetic-camera-0', f));
    const bytes = (await Promise.all(stored.map((f) => readFile(f).then((b) => b.length)))).reduce((a, b) => a + b, 0);
    // Warm the page cache for every contender alike.
    await run('cat', stored, { maxBuffer: 1024 * 1024 * 1024 }).catch(() => undefined);
    const sha256sum = await timed(() => run('sha256sum', stored));
    const hashes = await timed(() => verifyRecording(synthetic));
    const decrypting = await timed(() => verifyRecording(synthetic, { recordingKey }));
    if (!hashes.result.ok || !decrypting.result.ok) throw new Error('the synthetic recording does not verify');
    const mbps = (seconds: number) => bytes / 1e6 / seconds;

    console.log(
      `\nbench/recording — ${TRACKS} tracks (${Math.ceil(TRACKS / 2)} VP8 300 kbit/s, ${Math.floor(TRACKS / 2)} Opus 64 kbit/s) for ${fmt(recorded.elapsed)} s, 2-s segments, ${segments} segments`,
    );
    console.log('CPU (% of one core)                         | total | per track');
    console.log(
      `recorder processes (ffmpeg, stream copy)     | ${fmt(pct(recorded.recorderCpu)).padStart(5)} | ${fmt(pct(recorded.recorderCpu) / TRACKS, 2).padStart(9)}`,
    );
    console.log(
      `server (manifest, hashing, encryption, sign) | ${fmt(pct(recorded.serverCpu)).padStart(5)} | ${fmt(pct(recorded.serverCpu) / TRACKS, 2).padStart(9)}`,
    );
    console.log(`recorders + server                           | ${fmt(pct(withIt)).padStart(5)} | ${fmt(pct(withIt) / TRACKS, 2).padStart(9)}`);
    console.log(
      `mediasoup worker (all media, shown apart)    | ${fmt(pct(recorded.workerCpu)).padStart(5)} | ${fmt(pct(recorded.workerCpu) / TRACKS, 2).padStart(9)}`,
    );
    console.log(
      `\nhashing + encryption of the ${fmt(protect.bytes / 1e6, 2)} MB recorded: ${fmt(protect.cpu * 1000)} ms CPU (${fmt(protect.bytes / 1e6 / protect.cpu, 0)} MB/s); recorder wall time in it: ${fmt(recorded.hashingMs)} ms`,
    );
    console.log(`overhead: recording with hashing and encryption / without = ${fmt(withIt, 3)} s / ${fmt(withoutIt, 3)} s CPU = ${fmt(withIt / withoutIt, 3)}`);
    console.log(`\nverification of ${fmt(bytes / 1e6, 0)} MB in ${stored.length} encrypted segments (page cache warm)   | seconds | MB/s`);
    console.log(
      `sha256sum on the same files                                        | ${fmt(sha256sum.seconds, 2).padStart(7)} | ${fmt(mbps(sha256sum.seconds), 0).padStart(4)}`,
    );
    console.log(
      `verify-recording: stored hashes, chain, signature                  | ${fmt(hashes.seconds, 2).padStart(7)} | ${fmt(mbps(hashes.seconds), 0).padStart(4)}`,
    );
    console.log(
      `verify-recording with the key: also decrypt and hash every segment | ${fmt(decrypting.seconds, 2).padStart(7)} | ${fmt(mbps(decrypting.seconds), 0).padStart(4)}`,
    );
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
