/**
 * A backup encrypted with the key in HEARING_ROOM_BACKUP_KEY: 32 random bytes, in the same forms as
 * the recording key (`openssl rand -base64 32`). Two keys are derived from it with HKDF-SHA256, one
 * that encrypts the files and one that authenticates backup.json, so neither use weakens the other.
 *
 *   file = MAGIC || nonce (12 random bytes) || AES-256-GCM ciphertext || tag (16 bytes)
 *
 * The associated data is the backup's id and the file's path, so a file moved to another place in the
 * backup, or into another backup, does not decrypt. backup.json itself stays readable — it holds
 * versions, counts, ids and hashes, no names and no content — so anyone can check that the files are
 * whole without the key, and its HMAC proves it is the manifest written under this key.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { canonicalJson } from '../record/index.js';
import { parseRecordingKey } from '../recording/index.js';

const MAGIC = Buffer.from('HRBAK\u00001\n', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class BackupKey {
  /** Names the key without revealing it; backup.json carries it so a restore can say which key it needs. */
  readonly id: string;
  private readonly fileKey: Buffer;
  private readonly macKey: Buffer;

  /** Throws a sentence saying what is wrong with the text. */
  constructor(text: string) {
    // The recording key's parser: an operator makes both keys the same way.
    const key = parseRecordingKey(text);
    this.id = createHash('sha256').update('hearing-room.backup-key/1').update(key).digest('hex').slice(0, 16);
    this.fileKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'hearing-room.backup-files/1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'hearing-room.backup-manifest/1', 32));
  }

  /** Encrypts one file as it is written: the header first, then each chunk, then the tag. */
  encryptor(backupId: string, path: string): { header: Buffer; update(chunk: Buffer): Buffer; final(): Buffer } {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.fileKey, nonce);
    cipher.setAAD(associatedData(backupId, path));
    return {
      header: Buffer.concat([MAGIC, nonce]),
      update: (chunk) => cipher.update(chunk),
      final: () => Buffer.concat([cipher.final(), cipher.getAuthTag()]),
    };
  }

  /** The plaintext of a stored file, a chunk at a time; throws naming the file when it does not decrypt. */
  async *decrypt(file: string, backupId: string, path: string): AsyncGenerator<Buffer> {
    const handle = await open(file, 'r');
    let size: number;
    const head = Buffer.alloc(MAGIC.length + NONCE_BYTES);
    const tag = Buffer.alloc(TAG_BYTES);
    try {
      size = (await handle.stat()).size;
      if (size < head.length + TAG_BYTES) throw new Error(`${path} is too short to be an encrypted backup file`);
      await handle.read(head, 0, head.length, 0);
      await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
    } finally {
      await handle.close();
    }
    if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error(`${path} is not an encrypted backup file`);
    const decipher = createDecipheriv('aes-256-gcm', this.fileKey, head.subarray(MAGIC.length));
    decipher.setAAD(associatedData(backupId, path));
    decipher.setAuthTag(tag);
    if (size - TAG_BYTES > head.length) {
      for await (const chunk of createReadStream(file, { start: head.length, end: size - TAG_BYTES - 1 })) yield decipher.update(chunk as Buffer);
    }
    try {
      yield decipher.final();
    } catch {
      throw new Error(`${path} does not decrypt with this key: it is not the file this backup wrote`);
    }
  }

  /** HMAC-SHA256 of the manifest's canonical JSON. */
  mac(manifest: Record<string, unknown>): string {
    return createHmac('sha256', this.macKey).update(canonicalJson(manifest)).digest('hex');
  }

  macHolds(manifest: Record<string, unknown>, mac: string): boolean {
    const expected = Buffer.from(this.mac(manifest), 'hex');
    const given = Buffer.from(mac, 'hex');
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

function associatedData(backupId: string, path: string): Buffer {
  return Buffer.from(canonicalJson({ backupId, path, purpose: 'backup-file' }), 'utf8');
}
