/**
 * A recording of one hearing: one folder, one signed manifest, one track per participant and source
 * (track.ts), each fed by runs of a recorder (run.ts) that take the participant's stream out of the
 * hearing's router over plain RTP into ffmpeg.
 *
 * ffmpeg lists each segment as it closes it (`-segment_list_flags live`); the recording encrypts the
 * file with the recording's data key (encryption.ts), hashing the plaintext and the stored bytes in the
 * same pass, removes the plaintext, chains the segment, and signs and rewrites the manifest.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdir, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { sha256Hex, type MinutesSigner } from '../record/index.js';
import { CHUNK_BYTES, SEGMENT_ENCRYPTION, encryptFile, type RecordingKey } from './encryption.js';
import {
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  Manifest,
  previousChainHash,
  segmentChainHash,
  signedBytes,
  type ManifestSignature,
  type Gap,
  type Run,
  type Segment,
  type SignedManifest,
  type Track,
} from './manifest.js';
import { probeSegment } from './media-probe.js';
import { RecordingTimestamps, type TimestampAuthority } from './timestamp.js';
import type { ClosedSegment, TrackSource } from './run.js';
import { isDiskFull, TrackRecorder, type TrackDownCause, type TrackHost } from './track.js';
import { RecordingOptions, type GapReport, type TrackStateReport } from './recording-options.js';
import { endTrack, markPaused, putRun } from './track-entries.js';

export type { TrackSource } from './run.js';
export { RecordingOptions, type GapReport, type TrackStateReport } from './recording-options.js';

export class Recording
  extends EventEmitter<{
    gap: [GapReport];
    problem: [message: string, error: unknown];
    'track-state': [TrackStateReport];
    /** A segment sealed into the recording (its bytes as stored), or one that could not be sealed. */
    segment: [{ sealed: boolean; bytes: number; kind: 'audio' | 'video' }];
  }>
  implements TrackHost
{
  private readonly options: z.output<typeof RecordingOptions>;
  private readonly manifest: Manifest;
  private readonly tracks = new Map<string, TrackRecorder>();
  /** Manifest writes in order: each one signs everything appended before it. */
  private writing: Promise<void> = Promise.resolve();
  private ended = false;
  /** Another server has the recording now: nothing more is written from here. */
  private abandoned = false;
  /**
   * Asked before every segment and every manifest written: whether this server still holds the
   * recording's hearing. A server that was frozen or cut off may wake to find another has taken the
   * hearing and sealed this folder; it must then write nothing more into it, not even its last segment.
   */
  private stillOurs: (() => Promise<boolean>) | undefined;
  /** Time spent hashing and encrypting segment files, for the figures a court's operator may ask for. */
  hashingMs = 0;
  /** Segments whose encryption failed (left in plaintext on disk, for `verify-recording --seal-leftovers`). */
  readonly sealFailures: { trackId: string; file: string; message: string }[] = [];
  /** This recording's data key; only its wrapped form is ever written. */
  private readonly dataKey: Buffer;
  /** RFC 3161 timestamps on the manifest, when an authority is configured. */
  readonly timestamps: RecordingTimestamps | undefined;
  /** Who may be recorded, as last enforced: a new track starts held if its participant may not. */
  private allowed: ((participantId: string, kind: 'audio' | 'video') => boolean) | undefined;
  /** The signature of the manifest as last written: after `stop()`, the final one, which the record anchors. */
  lastSignature: ManifestSignature | undefined;

  private constructor(
    options: RecordingOptions,
    private readonly signer: MinutesSigner,
    recordingKey: RecordingKey,
    authority: TimestampAuthority | undefined,
  ) {
    super();
    const parsed = RecordingOptions.safeParse(options);
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'options'}: ${i.message}`).join('; '));
    this.options = parsed.data;
    const recordingId = this.options.recordingId ?? randomUUID();
    const { dataKey, wrapped } = recordingKey.newDataKey(recordingId);
    this.dataKey = dataKey;
    this.timestamps = authority && new RecordingTimestamps(authority, this.options.dir, this.options.segmentSeconds * 1000);
    this.manifest = {
      format: MANIFEST_FORMAT,
      recordingId,
      hearingId: this.options.hearingId,
      legalBasis: this.options.legalBasis,
      segmentSeconds: this.options.segmentSeconds,
      encryption: { format: SEGMENT_ENCRYPTION, chunkBytes: CHUNK_BYTES, dataKey: wrapped },
      startedAt: new Date().toISOString(),
      status: 'recording',
      tracks: [],
      ...(this.options.continues ? { continues: { ...this.options.continues } } : {}),
    };
  }

  /** Creates the folder and writes the first (empty, signed) manifest; segments are encrypted under a data key wrapped by `recordingKey`. */
  static async start(options: RecordingOptions, signer: MinutesSigner, recordingKey: RecordingKey, authority?: TimestampAuthority): Promise<Recording> {
    const recording = new Recording(options, signer, recordingKey, authority);
    await mkdir(recording.dir, { recursive: true });
    const existing = await stat(join(recording.dir, MANIFEST_FILE)).catch(() => undefined);
    if (existing) throw new Error(`dir: ${recording.dir} already holds a recording`);
    await recording.timestamps?.prepare();
    await recording.checkpoint();
    return recording;
  }

  get dir(): string {
    return this.options.dir;
  }

  get id(): string {
    return this.manifest.recordingId;
  }

  /** The manifest as last built (a copy). */
  snapshot(): Manifest {
    return Manifest.parse(JSON.parse(JSON.stringify(this.manifest)));
  }

  /** The recorder process of each track now recording, for an operator's diagnostics. */
  recorders(): { trackId: string; participantId: string; source: string; pid: number }[] {
    return [...this.tracks.values()].flatMap((t) =>
      t.recorderPid === undefined ? [] : [{ trackId: t.trackId, participantId: t.participantId, source: t.source, pid: t.recorderPid }],
    );
  }

  /** Whether a track follows this stream now (or gave its recorder up: the court was told it is not recorded). */
  isRecording(producerId: string): boolean {
    return [...this.tracks.values()].some((t) => t.isFollowing(producerId));
  }

  /**
   * Records a stream in its participant's track for its source, or an interpreter's live stream in its
   * channel's track: a new track the first time, else the same track continued (a reconnection, a new
   * router or a handover in the booth gives a new stream). Resolves once the
   * recorder writes its media, or at once if the participant may not be recorded now.
   */
  async follow(stream: TrackSource): Promise<string> {
    if (this.ended) throw new Error('the recording has ended');
    // A channel's track is the channel's, whoever interprets; any other is the participant's, per source.
    const same = [...this.tracks.values()].filter(
      (t) =>
        !t.stopped &&
        (stream.channel !== undefined
          ? t.channel === stream.channel
          : t.channel === undefined && t.participantId === stream.participantId && t.source === stream.source),
    );
    // One track holds one codec: a stream in another one closes the track and begins a new one.
    const sameCodec = (t: TrackRecorder) => stream.codec === undefined || t.codec === undefined || t.codec.toLowerCase() === stream.codec.toLowerCase();
    let track = same.find(sameCodec);
    if (!track) {
      // Registered before anything is awaited, so that a second call for the same stream finds it.
      const owner = stream.channel !== undefined ? `channel-${stream.channel}` : stream.participantId;
      const trackId = `${owner.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60)}-${stream.source}-${this.tracks.size}`;
      track = new TrackRecorder(this, trackId, stream.participantId, stream.role, stream.source, this.options, stream.channel);
      if (stream.codec !== undefined) track.codec = stream.codec;
      this.tracks.set(trackId, track);
      for (const other of same.filter((t) => !sameCodec(t))) await other.stop();
      if (this.allowed) await track.setAllowed(this.allowed(stream.participantId, track.kind));
    }
    // A track whose recorder could not start is kept: it is shown as not recorded, and tried again.
    await track.follow(stream);
    return track.trackId;
  }

  /** Starts recording one stream; resolves once the recorder writes its media. */
  addTrack(stream: TrackSource): Promise<string> {
    return this.follow(stream);
  }

  /**
   * Holds back the stream of every track whose participant `allowed` refuses (a private consultation
   * begins) and lets it through again when allowed (it ends): the track goes on, with a gap where
   * nothing was recorded, and never a packet of the consultation reaches the recorder.
   */
  async enforce(allowed: (participantId: string, kind: 'audio' | 'video') => boolean): Promise<void> {
    this.allowed = allowed;
    await Promise.all([...this.tracks.values()].map((t) => t.setAllowed(allowed(t.participantId, t.kind))));
  }

  async stopTrack(trackId: string): Promise<void> {
    await this.tracks.get(trackId)?.stop();
    await this.checkpoint();
  }

  /** See `stillOurs`: set once, by the server that holds the hearing under a lease. */
  fenceWith(stillOurs: () => Promise<boolean>): void {
    this.stillOurs = stillOurs;
  }

  /** Whether this server may still write here; abandons the recording the first time it may not. */
  private async mayWrite(): Promise<boolean> {
    if (this.abandoned) return false;
    if (!this.stillOurs || (await this.stillOurs())) return !this.abandoned;
    this.log('another server holds this hearing now: this recording is abandoned here, and it writes nothing more', undefined);
    this.abandon();
    return false;
  }

  /**
   * Kills every recorder at once and writes nothing more, not even the manifest: another server has
   * taken the hearing (this one was thought dead) and seals the recording as a server that died left it.
   */
  abandon(): void {
    this.ended = true;
    this.abandoned = true;
    for (const track of this.tracks.values()) track.abandon();
  }

  /**
   * Stops every track and waits for their last segments, but leaves the recording open (not sealed):
   * its hearing is moving to another server, which seals it and continues in a new recording that
   * names this one, exactly as after a server that died — only with every segment closed cleanly.
   */
  async suspend(): Promise<Manifest> {
    this.ended = true;
    await Promise.all([...this.tracks.values()].map((t) => t.stop()));
    this.down.clear();
    await this.timestamps?.settle();
    await this.checkpoint();
    return this.snapshot();
  }

  /** Stops every track, waits for their last segments, and signs the final manifest. */
  async stop(): Promise<Manifest> {
    this.ended = true;
    await Promise.all([...this.tracks.values()].map((t) => t.stop()));
    this.down.clear();
    this.manifest.status = 'complete';
    this.manifest.endedAt = new Date().toISOString();
    await this.timestamps?.settle();
    await this.checkpoint();
    await this.timestamps?.final(this.manifest.recordingId, sha256Hex(signedBytes(Manifest.parse(this.manifest))), (bytes) => this.signer.sign(bytes));
    return this.snapshot();
  }

  /** @internal called by a track once ffmpeg writes its first media. */
  openTrack(track: Track): void {
    this.manifest.tracks.push(track);
  }

  /** @internal called by a track once it is stopped and its recorder has exited; the next checkpoint signs the end time. */
  closeTrack(trackId: string, endedAt: string): void {
    const track = this.manifest.tracks.find((t) => t.trackId === trackId);
    if (track) endTrack(track, endedAt);
  }

  /** Tracks not reaching the disk now, and why. */
  private readonly down = new Map<string, TrackDownCause>();

  /** The tracks not reaching the disk now, and why: what the court's mark must not hide. */
  downTracks(): { trackId: string; participantId: string; source: TrackSource['source']; cause: TrackDownCause }[] {
    return [...this.down].flatMap(([trackId, cause]) => {
      const track = this.tracks.get(trackId);
      return track ? [{ trackId, participantId: track.participantId, source: track.source, cause }] : [];
    });
  }

  /** @internal called by a track when it stops reaching the disk for a fault, or reaches it again; told only on a change. */
  setDown(trackId: string, cause: TrackDownCause | null, detail?: string): void {
    if ((this.down.get(trackId) ?? null) === cause) return;
    if (cause === null) this.down.delete(trackId);
    else this.down.set(trackId, cause);
    const track = this.tracks.get(trackId);
    if (!track) return;
    this.emit('track-state', { trackId, participantId: track.participantId, source: track.source, cause, ...(detail ? { detail } : {}) });
  }

  /** @internal called by a track when a stretch with nothing to record begins or ends; signed at the next checkpoint. */
  setPaused(trackId: string, cause: string, paused: boolean): void {
    const track = this.manifest.tracks.find((t) => t.trackId === trackId);
    if (track) markPaused(track, cause, paused, new Date().toISOString());
  }

  /** @internal called by a track when a run starts, ends, or learns its timing. */
  setRun(trackId: string, run: Run): void {
    const track = this.manifest.tracks.find((t) => t.trackId === trackId);
    if (track) putRun(track, run);
  }

  /** @internal called by a track when a new run begins after a gap. */
  addGap(trackId: string, gap: Gap, fault: boolean, participantId: string): void {
    const track = this.manifest.tracks.find((t) => t.trackId === trackId);
    if (!track) return;
    (track.gaps ??= []).push(gap);
    this.emit('gap', { ...gap, trackId, participantId, fault });
  }

  /**
   * @internal how many segments a track has closed so far: the next run numbers its files from here.
   * Those whose seal failed count too, so a new run never writes over the plaintext they left.
   */
  isDown(trackId: string): boolean {
    return this.down.has(trackId);
  }

  segmentCount(trackId: string): number {
    const sealed = this.manifest.tracks.find((t) => t.trackId === trackId)?.segments.length ?? 0;
    return sealed + this.sealFailures.filter((f) => f.trackId === trackId).length;
  }

  /** @internal what went wrong inside a track, for the server's log. */
  log(message: string, error?: unknown): void {
    this.emit('problem', message, error);
  }

  /** @internal called by a track, in order, for each segment ffmpeg has closed. */
  async appendSegment(trackId: string, entry: ClosedSegment): Promise<void> {
    if (!(await this.mayWrite())) return;
    const track = this.manifest.tracks.find((t) => t.trackId === trackId);
    if (!track) throw new Error(`track ${trackId} is not in the manifest`);
    const path = join(this.dir, trackId, entry.file);
    const index = track.segments.length;
    const file = `${entry.file}.enc`;
    const started = performance.now();
    // Measured before sealing, from the plaintext: what the file really holds, not what the list says.
    const media = await probeSegment(path, track.kind).catch((error: unknown) => {
      this.log(`track ${trackId}: ${entry.file} could not be measured; counted as holding no media`, error);
      return { seconds: 0, stretches: [] };
    });
    let sealed: Awaited<ReturnType<typeof encryptFile>>;
    try {
      sealed = await encryptFile(path, join(this.dir, trackId, file), this.dataKey, { recordingId: this.manifest.recordingId, trackId, index });
    } catch (error) {
      // A disk that fails while sealing must not end the hearing's recording: the plaintext stays (the
      // only copy of the media), the failure is kept, and the verifier names the file until
      // `verify-recording --seal-leftovers` seals it.
      this.sealFailures.push({ trackId, file: entry.file, message: (error as Error).message });
      this.emit('segment', { sealed: false, bytes: 0, kind: track.kind });
      this.setDown(trackId, isDiskFull(error) ? 'disk_full' : 'write_failed', (error as Error).message);
      if (isDiskFull(error)) this.tracks.get(trackId)?.diskFilled();
      // The media is on disk in the clear (a leftover to seal), not in the signed recording: its stretch
      // is declared with the cause, so it is never taken for a hole nothing explains.
      if (entry.wallStart && entry.wallEnd) {
        const cause = `${isDiskFull(error) ? 'the recording disk was full' : 'the segment could not be written'}: ${entry.file} was kept unsealed, for verify-recording --seal-leftovers`;
        (track.gaps ??= []).push({ from: entry.wallStart, to: entry.wallEnd, cause });
      }
      return;
    }
    // A segment sealed again after a failed write: the track reaches the disk again.
    if (this.down.get(trackId) === 'disk_full' || this.down.get(trackId) === 'write_failed') this.setDown(trackId, null);
    const { plaintext, stored } = sealed;
    await unlink(path);
    this.hashingMs += performance.now() - started;
    const content = { index, file, startTime: entry.startTime, endTime: entry.endTime, size: stored.size, sha256: stored.sha256, plaintext };
    const segment: Segment = {
      ...content,
      closedAt: new Date().toISOString(),
      chainHash: segmentChainHash(this.manifest, trackId, content, previousChainHash(track)),
      run: entry.run,
      ...(entry.wallStart ? { wallStart: entry.wallStart } : {}),
      ...(entry.wallEnd ? { wallEnd: entry.wallEnd } : {}),
      media,
    };
    track.segments.push(segment);
    this.emit('segment', { sealed: true, bytes: stored.size, kind: track.kind });
    await this.checkpoint();
  }

  /** Signs the manifest as it stands and replaces the file by rename, so a reader never sees half of it. */
  checkpoint(): Promise<void> {
    if (this.abandoned) return Promise.resolve();
    const next = this.writing.then(async () => {
      // Asked again here, in the queue: a write queued before the hearing was lost must not land either.
      if (!(await this.mayWrite())) return;
      // The checkpoint tokens kept so far are signed with the manifest: removing one is detected.
      if (this.timestamps) this.manifest.timestamps = { tokens: [...this.timestamps.tokens] };
      const manifest = Manifest.parse(this.manifest);
      const signature = this.signer.sign(signedBytes(manifest));
      const signed: SignedManifest = { manifest, signature: { ...signature, algorithm: 'Ed25519', signedAt: new Date().toISOString() } };
      this.lastSignature = signed.signature;
      const file = join(this.dir, MANIFEST_FILE);
      await writeFile(`${file}.tmp`, `${JSON.stringify(signed, null, 2)}\n`, { mode: 0o640 });
      await rename(`${file}.tmp`, file);
      this.timestamps?.checkpointed(manifest);
    });
    // A manifest that cannot be written (a full disk) is said in the log; the next checkpoint writes it all.
    this.writing = next.catch((error: unknown) => this.log('the manifest could not be written', error));
    return next;
  }
}
