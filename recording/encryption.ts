/**
 * Encryption at rest of a recording's segments.
 *
 * Each recording has its own random 256-bit data key. The data key is never stored in the clear: it
 * is wrapped (AES-256-GCM, the recording's id as associated data) by the installation's
 * key-encryption key (`HEARING_ROOM_RECORDING_KEY`), and the wrapped key with that key's id goes into
 * the signed manifest. Losing the manifest's signature or the key-encryption key therefore loses
 * nothing but access; changing the wrapped key breaks the signature.
 *
 * A segment is encrypted as it is closed, in chunks, so that no segment is ever held in memory whole:
 *
 *   file   = MAGIC || record*
 *   record = nonce (12 random bytes) || AES-256-GCM ciphertext of one chunk || tag (16 bytes)
 *
 * Every chunk but the last holds exactly `chunkBytes` of plaintext; the last holds the rest (possibly
 * nothing, for an empty segment). Each chunk's associated data is the canonical JSON of
 *   { chunk, final, format, index, recordingId, trackId }
 * — the segment's identity, the chunk's position and whether it is the last — so a chunk moved to
 * another place in its segment, into another segment or another recording, or a segment cut short at
 * a chunk boundary, fails authentication.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, unlink } from 'node:fs/promises';
import { z } from 'zod';
import { canonicalJson } from '../record/index.js';

export const SEGMENT_ENCRYPTION = 'hearing-room.segment-aes-256-gcm/1';
const MAGIC = Buffer.from('HRSEG\u00001\n', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const CHUNK_BYTES = 64 * 1024;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const KeyId = z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex characters');

/** The data key as the manifest holds it: wrapped by the key-encryption key named by `keyId`. */
export const WrappedKey = z.object({
  algorithm: z.literal('AES-256-GCM'),
  keyId: KeyId,
  nonce: Base64,
  ciphertext: Base64,
  tag: Base64,
});
export type WrappedKey = z.infer<typeof WrappedKey>;

export const SegmentEncryption = z.object({
  format: z.literal(SEGMENT_ENCRYPTION),
  chunkBytes: z
    .number()
    .int()
    .min(1024)
    .max(16 * 1024 * 1024),
  dataKey: WrappedKey,
});
export type SegmentEncryption = z.infer<typeof SegmentEncryption>;

/** Where a segment sits: its chunks are bound to exactly this. */
export interface SegmentIdentity {
  recordingId: string;
  trackId: string;
  index: number;
}

export class DecryptionError extends Error {
  override name = 'DecryptionError';
}

/**
 * The installation's key-encryption key: 32 bytes, given as base64 or base64url (43 or 44
 * characters) or as 64 hex characters. Its id names it without revealing it.
 */
export class RecordingKey {
  readonly id: string;
  private readonly key: Buffer;

  constructor(text: string | Buffer) {
    this.key = typeof text === 'string' ? parseRecordingKey(text) : Buffer.from(text);
    if (this.key.length !== 32) throw new Error('must be 32 bytes');
    this.id = keyIdOfSecret(this.key, 'hearing-room.recording-key/1');
  }

  /** A fresh data key for a new recording, and that key wrapped for its manifest. */
  newDataKey(recordingId: string): { dataKey: Buffer; wrapped: WrappedKey } {
    const dataKey = randomBytes(32);
    return { dataKey, wrapped: wrapKey(this.key, this.id, dataKey, recordingId) };
  }

  /** The recording's data key; throws a sentence naming both keys when this is not the key that wrapped it. */
  unwrap(wrapped: WrappedKey, recordingId: string): Buffer {
    if (wrapped.keyId !== this.id) {
      throw new DecryptionError(`the recording's data key is wrapped by key ${wrapped.keyId}, not by the key given (${this.id})`);
    }
    return unwrapKey(this.key, wrapped, recordingId);
  }
}

/** 32 bytes from base64, base64url or hex; throws a sentence saying what is wrong. */
export function parseRecordingKey(text: string): Buffer {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : /^[A-Za-z0-9+/_-]{43}=?$/.test(trimmed)
      ? Buffer.from(trimmed, 'base64url')
      : undefined;
  if (bytes?.length !== 32) throw new Error('must be 32 random bytes, as base64 (44 characters), base64url (43) or hex (64)');
  return bytes;
}

function keyIdOfSecret(key: Buffer, label: string): string {
  return createHash('sha256').update(label).update(key).digest('hex').slice(0, 16);
}

export function wrapKey(kek: Buffer, keyId: string, dataKey: Buffer, recordingId: string): WrappedKey {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(Buffer.from(canonicalJson({ recordingId, purpose: 'data-key' }), 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    algorithm: 'AES-256-GCM',
    keyId,
    nonce: nonce.toString('base64'),
    ciphertext: ciphertext.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
  };
}

export function unwrapKey(kek: Buffer, wrapped: WrappedKey, recordingId: string): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(wrapped.nonce, 'base64'));
    decipher.setAAD(Buffer.from(canonicalJson({ recordingId, purpose: 'data-key' }), 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(wrapped.ciphertext, 'base64')), decipher.final()]);
    if (key.length !== 32) throw new Error('not 32 bytes');
    return key;
  } catch {
    throw new DecryptionError(`key ${wrapped.keyId} does not unwrap the data key of recording ${recordingId}: the key or the wrapped key is not the original`);
  }
}

function chunkAad(identity: SegmentIdentity, chunk: number, final: boolean): Buffer {
  const { recordingId, trackId, index } = identity;
  return Buffer.from(canonicalJson({ format: SEGMENT_ENCRYPTION, recordingId, trackId, index, chunk, final }), 'utf8');
}

function sealChunk(dataKey: Buffer, identity: SegmentIdentity, chunk: number, final: boolean, plaintext: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, nonce);
  cipher.setAAD(chunkAad(identity, chunk, final));
  return Buffer.concat([nonce, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

function openChunk(dataKey: Buffer, identity: SegmentIdentity, chunk: number, final: boolean, record: Buffer): Buffer {
  if (record.length < NONCE_BYTES + TAG_BYTES) throw new DecryptionError(`chunk ${chunk} is cut short`);
  try {
    const decipher = createDecipheriv('aes-256-gcm', dataKey, record.subarray(0, NONCE_BYTES));
    decipher.setAAD(chunkAad(identity, chunk, final));
    decipher.setAuthTag(record.subarray(record.length - TAG_BYTES));
    return Buffer.concat([decipher.update(record.subarray(NONCE_BYTES, record.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError(`chunk ${chunk}${final ? ' (the last)' : ''} fails authentication: wrong key, or the chunk was changed, moved or cut`);
  }
}

export interface FileDigest {
  size: number;
  sha256: string;
}

/**
 * Encrypts `source` into `target`, streaming, and returns the size and SHA-256 of both the plaintext
 * and the stored (encrypted) bytes, computed in the same pass.
 */
export async function encryptFile(
  source: string,
  target: string,
  dataKey: Buffer,
  identity: SegmentIdentity,
  chunkBytes = CHUNK_BYTES,
): Promise<{ plaintext: FileDigest; stored: FileDigest }> {
  const plainHash = createHash('sha256');
  const storedHash = createHash('sha256');
  let plainSize = 0;
  let storedSize = 0;
  // A file handle, not a stream: a failed write (a full or failing disk) rejects here instead of
  // being emitted as an 'error' no one listens to, which would end the process.
  const out = await open(target, 'wx', 0o640);
  const write = async (bytes: Buffer) => {
    storedHash.update(bytes);
    storedSize += bytes.length;
    await out.writeFile(bytes);
  };
  try {
    await write(MAGIC);
    let pending: Buffer = Buffer.alloc(0);
    let chunk = 0;
    for await (const data of createReadStream(source)) {
      const bytes = data as Buffer;
      plainHash.update(bytes);
      plainSize += bytes.length;
      pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
      // Strictly more than a chunk: only then is it known that this chunk is not the last.
      while (pending.length > chunkBytes) {
        await write(sealChunk(dataKey, identity, chunk++, false, pending.subarray(0, chunkBytes)));
        pending = pending.subarray(chunkBytes);
      }
    }
    await write(sealChunk(dataKey, identity, chunk, true, pending));
    // On disk before the caller removes the plaintext.
    await out.sync();
    await out.close();
  } catch (error) {
    // The partial ciphertext goes, so that a retry can write it afresh ('wx' refuses an existing file).
    await out.close().catch(() => undefined);
    await unlink(target).catch(() => undefined);
    throw error;
  }
  return { plaintext: { size: plainSize, sha256: plainHash.digest('hex') }, stored: { size: storedSize, sha256: storedHash.digest('hex') } };
}

/**
 * Decrypts a stored segment chunk by chunk, handing each plaintext chunk to `sink` (nothing is
 * handed on before it has been authenticated), and returns the plaintext's size and SHA-256. Throws a
 * DecryptionError naming the chunk that fails.
 */
export async function decryptFile(
  source: string,
  dataKey: Buffer,
  identity: SegmentIdentity,
  chunkBytes: number,
  sink?: (plaintext: Buffer) => void | Promise<void>,
): Promise<FileDigest> {
  const recordBytes = NONCE_BYTES + chunkBytes + TAG_BYTES;
  const hash = createHash('sha256');
  let size = 0;
  let chunk = 0;
  let pending: Buffer = Buffer.alloc(0);
  let header = false;
  const emit = async (plaintext: Buffer) => {
    hash.update(plaintext);
    size += plaintext.length;
    if (sink) await sink(plaintext);
  };
  for await (const data of createReadStream(source)) {
    pending = pending.length === 0 ? (data as Buffer) : Buffer.concat([pending, data as Buffer]);
    if (!header) {
      if (pending.length < MAGIC.length) continue;
      if (!pending.subarray(0, MAGIC.length).equals(MAGIC)) throw new DecryptionError("it is not an encrypted segment (its first bytes are not the format's)");
      pending = pending.subarray(MAGIC.length);
      header = true;
    }
    while (pending.length > recordBytes) {
      await emit(openChunk(dataKey, identity, chunk++, false, pending.subarray(0, recordBytes)));
      pending = pending.subarray(recordBytes);
    }
  }
  if (!header) throw new DecryptionError('it is too short to be an encrypted segment');
  await emit(openChunk(dataKey, identity, chunk, true, pending));
  return { size, sha256: hash.digest('hex') };
}

/**
 * Where an encrypted file's chunks lie, from its size alone: every record but the last is full, so
 * chunk i begins at MAGIC + i × (nonce + chunkBytes + tag). What random access needs.
 */
function layoutOf(storedSize: number, chunkBytes: number): { fullChunks: number; lastBytes: number; plaintextSize: number } {
  const recordBytes = NONCE_BYTES + chunkBytes + TAG_BYTES;
  const body = storedSize - MAGIC.length - NONCE_BYTES - TAG_BYTES;
  if (body < 0) throw new DecryptionError('it is too short to be an encrypted segment');
  const fullChunks = Math.floor(body / recordBytes);
  const lastBytes = body - fullChunks * recordBytes;
  return { fullChunks, lastBytes, plaintextSize: fullChunks * chunkBytes + lastBytes };
}

/** The size of the plaintext an encrypted file holds, from its stored size. */
export async function plaintextSizeOf(source: string, chunkBytes: number): Promise<number> {
  const handle = await open(source, 'r');
  try {
    return layoutOf((await handle.stat()).size, chunkBytes).plaintextSize;
  } finally {
    await handle.close();
  }
}

/**
 * Decrypts only the chunks that hold plaintext bytes `start` to `end` (inclusive) of an encrypted
 * file, and hands `sink` the authenticated bytes of that range, in order: what serving a byte range
 * of a large file needs, without decrypting the rest. A sink that throws stops it (a client gone).
 */
export async function decryptRange(
  source: string,
  dataKey: Buffer,
  identity: SegmentIdentity,
  chunkBytes: number,
  start: number,
  end: number,
  sink: (plaintext: Buffer) => void | Promise<void>,
): Promise<void> {
  const recordBytes = NONCE_BYTES + chunkBytes + TAG_BYTES;
  const handle = await open(source, 'r');
  try {
    const { fullChunks, lastBytes, plaintextSize } = layoutOf((await handle.stat()).size, chunkBytes);
    if (!(start >= 0 && start <= end && end < plaintextSize))
      throw new RangeError(`bytes ${start}-${end} are outside the ${plaintextSize} bytes the file holds`);
    const magic = Buffer.alloc(MAGIC.length);
    await handle.read(magic, 0, MAGIC.length, 0);
    if (!magic.equals(MAGIC)) throw new DecryptionError("it is not an encrypted segment (its first bytes are not the format's)");
    for (let chunk = Math.floor(start / chunkBytes); chunk <= Math.floor(end / chunkBytes); chunk++) {
      const final = chunk === fullChunks;
      const record = Buffer.alloc(final ? NONCE_BYTES + lastBytes + TAG_BYTES : recordBytes);
      const { bytesRead } = await handle.read(record, 0, record.length, MAGIC.length + chunk * recordBytes);
      const plaintext = openChunk(dataKey, identity, chunk, final, record.subarray(0, bytesRead));
      const from = chunk * chunkBytes;
      await sink(plaintext.subarray(Math.max(0, start - from), Math.min(plaintext.length, end - from + 1)));
    }
  } finally {
    await handle.close();
  }
}
