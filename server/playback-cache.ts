/**
 * Each track's playable file, made once and kept a while, so that a media element's byte-range
 * requests (one to start, one for each seek) are answered by decrypting only the chunks asked for,
 * not by decrypting and remuxing the whole track again.
 *
 * The remuxed file is kept encrypted (the segment format, encryption.ts) under a key that exists only
 * in this process's memory: no playable media rests on disk, and what a stopped server leaves in the
 * folder nobody can read (the folder is emptied at start). A file is dropped once unused for
 * `idleMs`, and the least recently used go first when the folder would hold more than `maxBytes`.
 * A track still being recorded gains segments; the file is named by the segments it holds, so a
 * request after a new segment gets a new file.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CHUNK_BYTES, decryptRange, encryptFile, type Manifest, type SegmentIdentity, type Track } from '../recording/index.js';

export interface PlayableTrack {
  /** Bytes in the playable file. */
  size: number;
  /** Hands `sink` bytes `start` to `end` (inclusive), decrypting only the chunks that hold them. */
  read(start: number, end: number, sink: (bytes: Buffer) => void | Promise<void>): Promise<void>;
}

interface Entry {
  file: string;
  identity: SegmentIdentity;
  ready: Promise<{ size: number; storedBytes: number }>;
  /** Set once the file is made: only made files are counted and evicted. */
  storedBytes?: number;
  lastUsed: number;
}

export class PlaybackCache {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, Entry>();
  private readonly viewings = new Map<string, { at: number; logged: Promise<void> }>();
  private counter = 0;
  /** How many playable files were made: each is a whole track decrypted and remuxed. */
  made = 0;

  private constructor(
    private readonly folder: string,
    private readonly limits: { maxBytes: number; idleMs: number; inUseMs: number },
  ) {}

  /** A cache in `folder`, emptied first: what an earlier process left there was under a key now gone. */
  static async open(folder: string, limits: { maxBytes?: number; idleMs?: number; inUseMs?: number } = {}): Promise<PlaybackCache> {
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true, mode: 0o700 });
    return new PlaybackCache(folder, { maxBytes: limits.maxBytes ?? 2 * 1024 ** 3, idleMs: limits.idleMs ?? 10 * 60_000, inUseMs: limits.inUseMs ?? 30_000 });
  }

  /**
   * The track's playable file; `remux` writes it in the clear at the path it is given (removed as
   * soon as it is encrypted) when it is not kept already.
   */
  async track(manifest: Manifest, track: Track, remux: (target: string) => Promise<void>): Promise<PlayableTrack> {
    const last = track.segments.at(-1);
    const name = `${manifest.recordingId}/${track.trackId}/${track.segments.length}/${last?.chainHash ?? ''}`;
    let entry = this.entries.get(name);
    if (!entry) {
      const file = join(this.folder, `track-${++this.counter}.enc`);
      const identity = { recordingId: manifest.recordingId, trackId: track.trackId, index: track.segments.length };
      const made: Entry = (entry = { file, identity, lastUsed: Date.now(), ready: this.make(file, identity, remux) });
      this.entries.set(name, made);
      made.ready.then(
        (r) => (made.storedBytes = r.storedBytes),
        () => this.entries.get(name) === made && this.entries.delete(name),
      );
    }
    const { size } = await entry.ready;
    // Used from when it is ready, so a file whose making took long is not evicted under its own request.
    entry.lastUsed = Date.now();
    await this.evict();
    const { file, identity } = entry;
    return { size, read: (start, end, sink) => decryptRange(file, this.key, identity, CHUNK_BYTES, start, end, sink) };
  }

  /**
   * Records the start of a viewing of the track by this person (`log`, the custody entry) unless one
   * was recorded in the last `idleMs`: one custody entry per viewing, not one per byte range. Every
   * request waits for it, and a failed entry is tried again by the next request, so no byte is served
   * without it.
   */
  async viewing(participantId: string, recordingId: string, trackId: string, log: () => Promise<unknown>): Promise<void> {
    const now = Date.now();
    for (const [name, v] of this.viewings) if (now - v.at > this.limits.idleMs) this.viewings.delete(name);
    const name = `${participantId}/${recordingId}/${trackId}`;
    let viewing = this.viewings.get(name);
    if (!viewing) {
      const logged = log().then(() => undefined);
      viewing = { at: now, logged };
      this.viewings.set(name, viewing);
      const mine = viewing;
      logged.catch(() => this.viewings.get(name) === mine && this.viewings.delete(name));
    }
    viewing.at = now;
    await viewing.logged;
  }

  async close(): Promise<void> {
    this.entries.clear();
    await rm(this.folder, { recursive: true, force: true });
  }

  private async make(file: string, identity: SegmentIdentity, remux: (target: string) => Promise<void>): Promise<{ size: number; storedBytes: number }> {
    const clear = `${file}.clear`;
    try {
      await remux(clear);
      const { plaintext, stored } = await encryptFile(clear, file, this.key, identity, CHUNK_BYTES);
      this.made++;
      return { size: plaintext.size, storedBytes: stored.size };
    } finally {
      await rm(clear, { force: true });
    }
  }

  /** Drops files unused for `idleMs`, then the least recently used while over `maxBytes`; a file used in the last `inUseMs` stays. */
  private async evict(): Promise<void> {
    const now = Date.now();
    const made = [...this.entries].filter(([, entry]) => entry.storedBytes !== undefined).sort((a, b) => a[1].lastUsed - b[1].lastUsed);
    let total = made.reduce((n, [, entry]) => n + entry.storedBytes!, 0);
    for (const [name, entry] of made) {
      const idle = now - entry.lastUsed;
      if (idle < this.limits.inUseMs || (idle < this.limits.idleMs && total <= this.limits.maxBytes)) continue;
      this.entries.delete(name);
      total -= entry.storedBytes!;
      await rm(entry.file, { force: true });
    }
  }

  /** How many playable files are kept now. */
  get kept(): number {
    return [...this.entries.values()].filter((e) => e.storedBytes !== undefined).length;
  }
}
