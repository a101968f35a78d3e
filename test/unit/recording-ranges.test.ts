/**
 * A byte range of an encrypted file, as playback serves it: exactly the bytes of the plaintext at that
 * place, across chunk boundaries and at the file's edges, for files that end on a chunk boundary or
 * not; and a chunk changed on disk is refused, not served.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DecryptionError, decryptRange, encryptFile, plaintextSizeOf } from '../../recording/index.js';

const CHUNK = 1024;
const key = randomBytes(32);
const identity = { recordingId: 'r', trackId: 't', index: 0 };

describe('byte ranges of an encrypted file', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearing-room-ranges-'));
  });
  after(async () => rm(dir, { recursive: true, force: true }));

  const encrypted = async (name: string, size: number) => {
    const plain = randomBytes(size);
    await writeFile(join(dir, `${name}.clear`), plain);
    await encryptFile(join(dir, `${name}.clear`), join(dir, name), key, identity, CHUNK);
    return { plain, file: join(dir, name) };
  };
  const read = async (file: string, start: number, end: number) => {
    const parts: Buffer[] = [];
    await decryptRange(file, key, identity, CHUNK, start, end, (b) => void parts.push(Buffer.from(b)));
    return Buffer.concat(parts);
  };

  for (const size of [1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17]) {
    it(`a file of ${size} bytes: its size is known from the stored file, and every range is the plaintext at that place`, async () => {
      const { plain, file } = await encrypted(`f${size}`, size);
      assert.equal(await plaintextSizeOf(file, CHUNK), size);
      const cases: [number, number][] = [
        [0, size - 1],
        [0, 0],
        [size - 1, size - 1],
        [Math.floor(size / 2), size - 1],
      ];
      if (size > CHUNK) cases.push([CHUNK - 3, Math.min(size - 1, CHUNK + 2)], [CHUNK, CHUNK]);
      for (const [start, end] of cases) assert.ok((await read(file, start, end)).equals(plain.subarray(start, end + 1)), `${start}-${end}`);
      await assert.rejects(read(file, 0, size), RangeError, 'a range past the end is refused');
    });
  }

  it('a chunk changed on disk is refused, and nothing of it is served', async () => {
    const { file } = await encrypted('changed', 3 * CHUNK);
    const handle = await open(file, 'r+');
    // A byte inside chunk 1: past the 8-byte header and chunk 0 (nonce, 1024 bytes, tag).
    await handle.write(Buffer.from([0xff]), 0, 1, 8 + 12 + CHUNK + 16 + 40);
    await handle.close();
    const served: Buffer[] = [];
    await assert.rejects(
      decryptRange(file, key, identity, CHUNK, CHUNK + 10, CHUNK + 20, (b) => void served.push(b)),
      DecryptionError,
    );
    assert.equal(served.length, 0);
    assert.ok((await read(file, 0, 10)).length === 11, 'the chunks before it still read');
  });
});
