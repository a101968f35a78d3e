/**
 * The playback cache as the media route uses it: each track's playable file is made once and kept
 * encrypted; files unused for a while, or past the size limit, are dropped; and a viewing's custody
 * entry is written before any byte is served, once per viewing, and again if writing it failed.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Manifest, Track } from '../../recording/index.js';
import { PlaybackCache } from '../../server/playback-cache.js';

const manifest = { recordingId: '00000000-0000-4000-8000-000000000001' } as Manifest;
const trackOf = (trackId: string, segments = 1) =>
  ({ trackId, segments: Array.from({ length: segments }, (_, i) => ({ chainHash: `${trackId}-${i}` })) }) as unknown as Track;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the playback cache', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'hearing-room-cache-'));
  });
  after(async () => rm(root, { recursive: true, force: true }));

  const media = randomBytes(100_000);
  const remux = (made: string[]) => async (target: string) => {
    made.push(target);
    await writeFile(target, media);
  };

  it('makes a file once, serves ranges of it, and keeps only ciphertext on disk', async () => {
    const cache = await PlaybackCache.open(join(root, 'a'));
    const made: string[] = [];
    const first = await cache.track(manifest, trackOf('camera'), remux(made));
    await cache.track(manifest, trackOf('camera'), remux(made));
    assert.equal(made.length, 1, 'made once');
    const parts: Buffer[] = [];
    await first.read(70_000, 99_999, (b) => void parts.push(Buffer.from(b)));
    assert.ok(Buffer.concat(parts).equals(media.subarray(70_000)));
    const files = await readdir(join(root, 'a'));
    assert.equal(files.length, 1, files.join(', '));
    assert.equal((await readFile(join(root, 'a', files[0]!))).includes(media.subarray(0, 64)), false, 'the media is not on disk in the clear');
    await cache.track(manifest, trackOf('camera', 2), remux(made));
    assert.equal(made.length, 2, 'a track that gained a segment is made again');
    await cache.close();
  });

  it('drops files unused for its idle time, and the least recently used past its size limit', async () => {
    const idle = await PlaybackCache.open(join(root, 'b'), { idleMs: 50, inUseMs: 0 });
    const made: string[] = [];
    await idle.track(manifest, trackOf('one'), remux(made));
    await idle.track(manifest, trackOf('two'), remux(made));
    await pause(80);
    await idle.track(manifest, trackOf('three'), remux(made));
    assert.equal(idle.kept, 1, 'the two idle files are dropped');
    assert.equal((await readdir(join(root, 'b'))).length, 1);
    await idle.close();

    const small = await PlaybackCache.open(join(root, 'c'), { maxBytes: 250_000, inUseMs: 0 });
    for (const name of ['one', 'two', 'three', 'four']) await small.track(manifest, trackOf(name), remux(made));
    assert.equal(small.kept, 2, 'two files of about 100 kB fit under 250 kB');
    await small.track(manifest, trackOf('four'), remux([]));
    assert.equal((await readdir(join(root, 'c'))).length, 2);
    await small.close();
  });

  it('writes a viewing’s custody entry once before serving, and again after a failed one', async () => {
    const cache = await PlaybackCache.open(join(root, 'd'));
    let written = 0;
    let failing = true;
    const log = async () => {
      await pause(10);
      if (failing) throw new Error('the court record cannot be reached');
      written++;
    };
    await assert.rejects(cache.viewing('judge', 'r', 'camera', log), /cannot be reached/, 'nothing is served without its entry');
    failing = false;
    await Promise.all([cache.viewing('judge', 'r', 'camera', log), cache.viewing('judge', 'r', 'camera', log)]);
    await cache.viewing('judge', 'r', 'camera', log);
    assert.equal(written, 1, 'one entry for the viewing, however many ranges');
    await cache.viewing('officer', 'r', 'camera', log);
    assert.equal(written, 2, 'another person is another viewing');
    await cache.close();
  });
});
