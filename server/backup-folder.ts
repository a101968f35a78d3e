/**
 * The backup folder on disk: writing its files — owner-only, each hashed as it is written, encrypted
 * when there is a backup key — and reading them back, every file checked against backup.json before
 * anything is used, so an altered or missing file is named before the restore touches a database.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { chmod, mkdir, open, readdir, readFile, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { z } from 'zod';
import type { BackupKey } from './backup-crypto.js';
import { BackupManifest, BackupRefused, describeIssue, MANIFEST_NAME, type BackupFile } from './backup-format.js';

/** A backup holds personal data and may hold keys: only its owner reads it. */
const FOLDER_MODE = 0o700;
const FILE_MODE = 0o600;
const WRITE_CHUNK = 256 * 1024;

export class BackupFolderWriter {
  readonly files: BackupFile[] = [];

  private constructor(
    readonly root: string,
    readonly backupId: string,
    private readonly key: BackupKey | undefined,
  ) {}

  /** Creates the folder (or takes an empty one), owner-only; refuses one that holds anything. */
  static async create(root: string, backupId: string, key: BackupKey | undefined): Promise<BackupFolderWriter> {
    const existing = await readdir(root).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw new BackupRefused(`${root}: ${error.message}`);
    });
    if (existing && existing.length > 0) throw new BackupRefused(`${root} is not empty: give a new folder for each backup, so no backup is mixed with another`);
    await mkdir(root, { recursive: true, mode: FOLDER_MODE });
    await chmod(root, FOLDER_MODE);
    return new BackupFolderWriter(root, backupId, key);
  }

  /**
   * Writes a whole file; returns the path it is stored at (with `.enc` when encrypted). `clear` keeps
   * a file that holds nothing but explanations readable without the key (the README).
   */
  async write(path: string, content: string | Buffer, options: { clear?: boolean } = {}): Promise<string> {
    const file = await this.open(path, options);
    await file.write(content);
    return file.close();
  }

  /** A file written a piece at a time (a table of any size). */
  async open(path: string, options: { clear?: boolean } = {}): Promise<{ write(content: string | Buffer): Promise<void>; close(): Promise<string> }> {
    const key = options.clear ? undefined : this.key;
    const stored = key ? `${path}.enc` : path;
    await mkdir(dirname(join(this.root, stored)), { recursive: true, mode: FOLDER_MODE });
    const handle = await open(join(this.root, stored), 'wx', FILE_MODE);
    const hash = createHash('sha256');
    let size = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const cipher = key?.encryptor(this.backupId, stored);
    const put = async (bytes: Buffer) => {
      hash.update(bytes);
      size += bytes.length;
      await writeAll(handle, bytes);
    };
    const flush = async () => {
      const plain = Buffer.concat(pending);
      pending = [];
      pendingBytes = 0;
      await put(cipher ? cipher.update(plain) : plain);
    };
    if (cipher) await put(cipher.header);
    return {
      write: async (content) => {
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        pending.push(bytes);
        pendingBytes += bytes.length;
        if (pendingBytes >= WRITE_CHUNK) await flush();
      },
      close: async () => {
        try {
          await flush();
          if (cipher) await put(cipher.final());
          await handle.sync();
        } finally {
          await handle.close();
        }
        this.files.push({ path: stored, size, sha256: hash.digest('hex') });
        return stored;
      },
    };
  }

  /** backup.json, last: a folder without it is a backup that did not finish. */
  async writeManifest(manifest: BackupManifest): Promise<string> {
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    const handle = await open(join(this.root, MANIFEST_NAME), 'wx', FILE_MODE);
    try {
      await writeAll(handle, Buffer.from(text, 'utf8'));
      await handle.sync();
    } finally {
      await handle.close();
    }
    return createHash('sha256').update(text).digest('hex');
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) offset += (await handle.write(bytes, offset, bytes.length - offset)).bytesWritten;
}

export class BackupFolderReader {
  private constructor(
    readonly root: string,
    readonly manifest: BackupManifest,
    /** SHA-256 of backup.json as found, for the report. */
    readonly manifestSha256: string,
    /** backup.json as written, before parsing dropped anything: what its HMAC covers. */
    private readonly raw: Record<string, unknown>,
    private key: BackupKey | undefined = undefined,
  ) {}

  /** Reads and parses backup.json; refuses a folder without one, naming the field that is wrong. */
  static async open(root: string): Promise<BackupFolderReader> {
    let text: string;
    try {
      text = await readFile(join(root, MANIFEST_NAME), 'utf8');
    } catch (error) {
      throw new BackupRefused(
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `${join(root, MANIFEST_NAME)} is missing: this is not a backup, or one that did not finish`
          : `${MANIFEST_NAME}: ${(error as Error).message}`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new BackupRefused(`${MANIFEST_NAME} is not JSON`);
    }
    const parsed = BackupManifest.safeParse(json);
    if (!parsed.success) throw new BackupRefused(`${MANIFEST_NAME}: ${describeIssue(parsed.error)}`);
    return new BackupFolderReader(root, parsed.data, createHash('sha256').update(text).digest('hex'), json as Record<string, unknown>);
  }

  /** An encrypted backup needs its key, and its manifest must be the one written under it. */
  useKey(key: BackupKey | undefined): void {
    const { encryption, authentication } = this.manifest;
    if (encryption === null) {
      this.key = undefined;
      return;
    }
    if (!key) throw new BackupRefused(`this backup is encrypted (key ${encryption.keyId}): set HEARING_ROOM_BACKUP_KEY to the key it was written with`);
    if (key.id !== encryption.keyId) {
      throw new BackupRefused(`this backup is encrypted with key ${encryption.keyId}; HEARING_ROOM_BACKUP_KEY is another key (${key.id})`);
    }
    const { authentication: _, ...unsigned } = this.raw;
    if (!authentication || !key.macHolds(unsigned, authentication.mac)) {
      throw new BackupRefused(`${MANIFEST_NAME} has been altered since the backup was written: its HMAC does not hold under the backup key`);
    }
    this.key = key;
  }

  /** Every file the manifest lists is there with its size and SHA-256, and nothing else is; the first that is not is named. */
  async checkFiles(): Promise<void> {
    const listed = new Map(this.manifest.files.map((f) => [f.path, f]));
    for (const file of this.manifest.files) {
      const path = join(this.root, file.path);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) throw new BackupRefused(`${file.path} is missing from the backup`);
      if (info.size !== file.size) throw new BackupRefused(`${file.path} has been altered: it holds ${info.size} bytes, the manifest says ${file.size}`);
      const hash = createHash('sha256');
      for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
      const sha256 = hash.digest('hex');
      if (sha256 !== file.sha256) throw new BackupRefused(`${file.path} has been altered: its SHA-256 is ${sha256}, the manifest says ${file.sha256}`);
    }
    for (const path of await filesUnder(this.root, '')) {
      if (path !== MANIFEST_NAME && !listed.has(path)) throw new BackupRefused(`${path} is in the backup folder but not in its manifest: it was added`);
    }
  }

  /** A file's content, decrypted when the backup is encrypted. Only call after checkFiles. */
  async *chunks(stored: string): AsyncGenerator<Buffer> {
    const path = join(this.root, stored);
    // Every file of an encrypted backup is `.enc` but the README, which holds nothing but explanations.
    if (this.key && stored.endsWith('.enc')) yield* this.key.decrypt(path, this.manifest.backupId, stored);
    else for await (const chunk of createReadStream(path)) yield chunk as Buffer;
  }

  async readBytes(stored: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.chunks(stored)) parts.push(chunk);
    return Buffer.concat(parts);
  }

  async readText(stored: string): Promise<string> {
    return (await this.readBytes(stored)).toString('utf8');
  }

  /** A JSON file parsed with `schema`; refuses naming the file and the field. */
  async readJson<T>(stored: string, schema: z.ZodType<T>): Promise<T> {
    let json: unknown;
    try {
      json = JSON.parse(await this.readText(stored));
    } catch (error) {
      throw new BackupRefused(error instanceof SyntaxError ? `${stored} is not JSON` : (error as Error).message);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new BackupRefused(`${stored}: ${describeIssue(parsed.error)}`);
    return parsed.data;
  }

  /** A text file's lines, numbered from 1, without reading it whole. */
  async *lines(stored: string): AsyncGenerator<{ number: number; text: string }> {
    const decoder = new StringDecoder('utf8');
    let rest = '';
    let number = 0;
    for await (const chunk of this.chunks(stored)) {
      const parts = (rest + decoder.write(chunk)).split('\n');
      rest = parts.pop() ?? '';
      for (const text of parts) yield { number: ++number, text };
    }
    rest += decoder.end();
    if (rest !== '') yield { number: ++number, text: rest };
  }
}

async function filesUnder(root: string, prefix: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await filesUnder(root, path)));
    else found.push(path);
  }
  return found;
}
