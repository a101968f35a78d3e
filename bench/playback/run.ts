/**
 * bench/playback — what one request for a recorded track's media costs the server.
 *
 * A media element asks for byte ranges: one to start and one for each seek. The track's playable file
 * is made once (decrypted segments remuxed) and kept encrypted under an in-memory key
 * (server/playback-cache.ts); each range then decrypts only the 64 KiB chunks that hold it. Here a
 * playable file of MB megabytes (an hour of a 450 kbit/s camera is about 200 MB) is encrypted as the
 * cache keeps it, and the time to serve a 256 KiB range at random places is set against decrypting the
 * whole file, which is what each request cost when every request decrypted the whole track (before
 * its remux, which comes on top).
 *
 * Usage: ./hearing-room bench playback [mb=200] [ranges=50]
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHUNK_BYTES, decryptFile, decryptRange, encryptFile } from '../../recording/index.js';

const mb = Number(process.argv[2] ?? 200);
const ranges = Number(process.argv[3] ?? 50);
const RANGE_BYTES = 256 * 1024;

const dir = await mkdtemp(join(tmpdir(), 'hearing-room-bench-playback-'));
try {
  const clear = join(dir, 'track.webm');
  const kept = join(dir, 'track.enc');
  await writeFile(clear, randomBytes(mb * 1024 * 1024));
  const key = randomBytes(32);
  const identity = { recordingId: 'bench', trackId: 'camera', index: 0 };
  await encryptFile(clear, kept, key, identity, CHUNK_BYTES);
  const size = mb * 1024 * 1024;

  let start = performance.now();
  await decryptFile(kept, key, identity, CHUNK_BYTES, () => undefined);
  const wholeMs = performance.now() - start;

  const times: number[] = [];
  for (let i = 0; i < ranges; i++) {
    const from = Math.floor(Math.random() * (size - RANGE_BYTES));
    start = performance.now();
    let served = 0;
    await decryptRange(kept, key, identity, CHUNK_BYTES, from, from + RANGE_BYTES - 1, (bytes) => void (served += bytes.length));
    times.push(performance.now() - start);
    if (served !== RANGE_BYTES) throw new Error(`served ${served} bytes for a range of ${RANGE_BYTES}`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  const p95 = times[Math.floor(times.length * 0.95)]!;
  console.log(`playable file: ${mb} MB, kept encrypted in ${CHUNK_BYTES / 1024} KiB chunks`);
  console.log(`whole file decrypted (each request, before): ${wholeMs.toFixed(0)} ms`);
  console.log(`256 KiB range (each request, now): median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms over ${ranges} ranges`);
  console.log(`a seek costs ${(wholeMs / median).toFixed(0)}× less`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
