/**
 * A recording of one hearing: one folder, one signed manifest, one track per recorded stream.
 *
 * Each track takes its stream out of the hearing's router over plain RTP: a PlainTransport on
 * 127.0.0.1 (no rtcp-mux, since ffmpeg has none; comedia off, since the recorder never sends first)
 * connected to a port pair from the recorders' own range, and a consumer that starts paused. ffmpeg
 * reads the SDP of that consumer and copies the stream, without decoding, into WebM (Matroska when
 * the codec has no WebM mapping) segments: a Matroska file cut off by a crash is still readable up to
 * its last cluster, which MP4 is not, and ffmpeg cannot put Opus into MP4 anyway. The consumer is
 * resumed only once ffmpeg listens, and keyframes are requested until ffmpeg writes media (a VP8
 * stream cannot be read before one) and then once per segment length, because ffmpeg cuts a video
 * segment only at a keyframe and browsers send them rarely.
 *
 * ffmpeg lists each segment as it closes it (`-segment_list_flags live`); the recording encrypts the
 * file with the recording's data key (encryption.ts), hashing the plaintext and the stored bytes in the
 * same pass, removes the plaintext, chains the segment, and signs and rewrites the manifest.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { types } from 'mediasoup';
import { z } from 'zod';
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
  type Segment,
  type SignedManifest,
  type Track,
} from './manifest.js';
import { allocatePorts, releasePorts } from './ports.js';
import { RecordingTimestamps, type TimestampAuthority } from './timestamp.js';
import { mainCodec, recorderSdp } from './sdp.js';

export const RecordingOptions = z.object({
  /** Folder that will hold this recording (created; must not already hold a manifest). */
  dir: z.string().min(1, 'dir: give the folder the recording is written to'),
  hearingId: z.string().min(1, 'hearingId: give the hearing'),
  /** The id the court's record gives this recording (`recording.started`); a fresh one otherwise. */
  recordingId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'recordingId: letters, digits, - or _').optional(),
  legalBasis: z.string().trim().min(3, 'legalBasis: give the legal basis for recording, at least a few words').max(500),
  segmentSeconds: z.number().min(1, 'segmentSeconds: at least 1 second').max(3600, 'segmentSeconds: at most an hour').default(10),
  ports: z
    .object({ min: z.number().int().min(1024).max(65534), max: z.number().int().min(1025).max(65535) })
    .refine((r) => r.max > r.min, 'ports: max must be above min')
    .default({ min: 50000, max: 50999 }),
  ffmpegPath: z.string().min(1).default('ffmpeg'),
  /** How long a track may take to write its first media before it is given up. */
  startTimeoutMs: z.number().int().positive().default(15000),
});
export type RecordingOptions = z.input<typeof RecordingOptions>;

export interface TrackSource {
  router: types.Router;
  producerId: string;
  participantId: string;
  role: string;
  source: 'microphone' | 'camera' | 'screen';
}

const LISTEN_IP = '127.0.0.1';
const KEYFRAME_RETRY_MS = 500;
/** How long a stopped ffmpeg has to close its last segment before it is killed. */
const STOP_GRACE_MS = 1500;

export class Recording {
  private readonly options: z.output<typeof RecordingOptions>;
  private readonly manifest: Manifest;
  private readonly tracks = new Map<string, TrackRecorder>();
  /** Manifest writes in order: each one signs everything appended before it. */
  private writing: Promise<void> = Promise.resolve();
  private ended = false;
  /** Time spent hashing and encrypting segment files, for the figures a court's operator may ask for. */
  hashingMs = 0;
  /** This recording's data key; only its wrapped form is ever written. */
  private readonly dataKey: Buffer;
  /** RFC 3161 timestamps on the manifest, when an authority is configured. */
  readonly timestamps: RecordingTimestamps | undefined;
  /** The signature of the manifest as last written: after `stop()`, the final one, which the record anchors. */
  lastSignature: ManifestSignature | undefined;

  private constructor(options: RecordingOptions, private readonly signer: MinutesSigner, recordingKey: RecordingKey, authority: TimestampAuthority | undefined) {
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

  isRecording(producerId: string): boolean {
    return [...this.tracks.values()].some((t) => t.producerId === producerId && !t.stopped);
  }

  /** Starts recording one producer as a new track; resolves once the recorder writes its media. */
  async addTrack(source: TrackSource): Promise<string> {
    if (this.ended) throw new Error('the recording has ended');
    const trackId = `${source.participantId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 60)}-${source.source}-${this.tracks.size}`;
    const recorder = new TrackRecorder(this, trackId, source, this.options);
    this.tracks.set(trackId, recorder);
    try {
      await recorder.start();
    } catch (error) {
      this.tracks.delete(trackId);
      await recorder.stop();
      throw error;
    }
    return trackId;
  }

  /**
   * Holds back the stream of every track whose participant `allowed` refuses (a private consultation
   * begins) and lets it through again when allowed (it ends): the track goes on, with a gap where
   * nothing was recorded, and never a packet of the consultation reaches the recorder.
   */
  async enforce(allowed: (participantId: string, kind: 'audio' | 'video') => boolean): Promise<void> {
    await Promise.all([...this.tracks.values()].map((t) => t.setAllowed(allowed(t.participantId, t.kind))));
  }

  async stopTrack(trackId: string): Promise<void> {
    await this.tracks.get(trackId)?.stop();
    await this.checkpoint();
  }

  /** Stops every track, waits for their last segments, and signs the final manifest. */
  async stop(): Promise<Manifest> {
    this.ended = true;
    await Promise.all([...this.tracks.values()].map((t) => t.stop()));
    this.manifest.status = 'complete';
    this.manifest.endedAt = new Date().toISOString();
    await this.checkpoint();
    await this.timestamps?.final(sha256Hex(signedBytes(Manifest.parse(this.manifest))));
    return this.snapshot();
  }

  /** @internal called by a track once ffmpeg writes its first media. */
  openTrack(track: Track): void {
    this.manifest.tracks.push(track);
  }

  /** @internal called by a track once its recorder has exited; the next checkpoint signs the end time. */
  closeTrack(trackId: string): void {
    const track = this.manifest.tracks.find((t) => t.trackId === trackId);
    if (track) track.endedAt = new Date().toISOString();
  }

  /** @internal called by a track, in order, for each segment ffmpeg has closed. */
  async appendSegment(trackId: string, entry: { file: string; startTime: number; endTime: number }): Promise<void> {
    const track = this.manifest.tracks.find((t) => t.trackId === trackId);
    if (!track) throw new Error(`track ${trackId} is not in the manifest`);
    const path = join(this.dir, trackId, entry.file);
    const index = track.segments.length;
    const file = `${entry.file}.enc`;
    const started = performance.now();
    const { plaintext, stored } = await encryptFile(path, join(this.dir, trackId, file), this.dataKey, { recordingId: this.manifest.recordingId, trackId, index });
    await unlink(path);
    this.hashingMs += performance.now() - started;
    const content = { index, file, startTime: entry.startTime, endTime: entry.endTime, size: stored.size, sha256: stored.sha256, plaintext };
    const segment: Segment = {
      ...content,
      closedAt: new Date().toISOString(),
      chainHash: segmentChainHash(this.manifest, trackId, content, previousChainHash(track)),
    };
    track.segments.push(segment);
    await this.checkpoint();
  }

  /** Signs the manifest as it stands and replaces the file by rename, so a reader never sees half of it. */
  checkpoint(): Promise<void> {
    const next = this.writing.then(async () => {
      const manifest = Manifest.parse(this.manifest);
      const signature = this.signer.sign(signedBytes(manifest));
      const signed: SignedManifest = { manifest, signature: { ...signature, algorithm: 'Ed25519', signedAt: new Date().toISOString() } };
      this.lastSignature = signed.signature;
      const file = join(this.dir, MANIFEST_FILE);
      await writeFile(`${file}.tmp`, `${JSON.stringify(signed, null, 2)}\n`, { mode: 0o640 });
      await rename(`${file}.tmp`, file);
      this.timestamps?.checkpointed(manifest);
    });
    this.writing = next.catch(() => undefined);
    return next;
  }
}

const SEGMENT_NAME = /^segment-\d{5}\.(webm|mkv)$/;

const SegmentListLine = z.tuple([
  z.string().regex(SEGMENT_NAME),
  z.coerce.number().min(0),
  z.coerce.number().min(0),
]);

class TrackRecorder {
  stopped = false;
  private transport: types.PlainTransport | undefined;
  private consumer: types.Consumer | undefined;
  private ffmpeg: ChildProcessWithoutNullStreams | undefined;
  private exited: Promise<void> = Promise.resolve();
  private rtpPort: number | undefined;
  private listed = 0;
  private polling: NodeJS.Timeout | undefined;
  /** Segment list reads in order, so segments are appended in the order ffmpeg closed them. */
  private reading: Promise<void> = Promise.resolve();
  private keyframes: NodeJS.Timeout | undefined;
  private stderrTail = '';
  private opened = false;
  private extension = 'webm';
  /** The media time ffmpeg last reported writing, in seconds. */
  private lastOutTime = 0;
  /** Set while the participant may not be recorded: the consumer stays paused. */
  private held = false;

  constructor(
    private readonly recording: Recording,
    readonly trackId: string,
    private readonly source: TrackSource,
    private readonly options: z.output<typeof RecordingOptions>,
  ) {}

  get producerId(): string {
    return this.source.producerId;
  }

  get participantId(): string {
    return this.source.participantId;
  }

  get kind(): 'audio' | 'video' {
    return this.consumer?.kind ?? 'audio';
  }

  /** Pauses the consumer at the SFU while the participant may not be recorded; a keyframe on resuming. */
  async setAllowed(allowed: boolean): Promise<void> {
    this.held = !allowed;
    const consumer = this.consumer;
    if (!consumer || consumer.closed || this.stopped) return;
    if (!allowed && !consumer.paused) await consumer.pause();
    if (allowed && consumer.paused) {
      await consumer.resume();
      if (consumer.kind === 'video') await consumer.requestKeyFrame().catch(() => undefined);
    }
  }

  private get dir(): string {
    return join(this.recording.dir, this.trackId);
  }

  async start(): Promise<void> {
    const { router, producerId } = this.source;
    await mkdir(this.dir, { recursive: true });
    const { rtpPort, rtcpPort } = await allocatePorts(LISTEN_IP, this.options.ports);
    this.rtpPort = rtpPort;
    const transport = await router.createPlainTransport({ listenIp: LISTEN_IP, rtcpMux: false, comedia: false, appData: { recorder: this.trackId } });
    this.transport = transport;
    await transport.connect({ ip: LISTEN_IP, port: rtpPort, rtcpPort });
    this.consumer = await transport.consume({ producerId, rtpCapabilities: router.rtpCapabilities, paused: true, appData: { recorder: this.trackId } });
    const consumer = this.consumer;
    const codec = mainCodec(consumer.rtpParameters);
    const container = /\/(VP8|VP9|AV1|opus|vorbis)$/i.test(codec.mimeType) ? 'webm' : 'matroska';
    const extension = container === 'webm' ? 'webm' : 'mkv';
    this.extension = extension;
    const sdpFile = join(this.dir, 'track.sdp');
    await writeFile(sdpFile, recorderSdp({ kind: consumer.kind, rtpParameters: consumer.rtpParameters, ip: LISTEN_IP, rtpPort, rtcpPort }));

    const args = [
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-nostats', '-progress', 'pipe:1',
      '-protocol_whitelist', 'file,udp,rtp',
      // Enough reordering room for a loopback hop; probing ends at the first keyframe.
      '-reorder_queue_size', '500',
      '-i', sdpFile,
      '-map', '0', '-c', 'copy',
      '-f', 'segment', '-segment_time', String(this.options.segmentSeconds), '-segment_format', container,
      // Timestamps run on across segments, so the segments of a track play back to back in sync.
      '-reset_timestamps', '0',
      // Clusters of at most a second reach the disk as they close: a recorder killed mid-segment loses no more.
      '-segment_format_options', 'cluster_time_limit=1000',
      '-segment_list', join(this.dir, 'segments.csv'), '-segment_list_type', 'csv', '-segment_list_flags', 'live',
      join(this.dir, `segment-%05d.${extension}`),
    ];
    const ffmpeg = spawn(this.options.ffmpegPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.ffmpeg = ffmpeg;
    this.exited = new Promise((resolve) => ffmpeg.once('close', () => resolve()));
    ffmpeg.stderr.setEncoding('utf8').on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-2000);
    });
    const writing = new Promise<void>((resolve, reject) => {
      let buffered = '';
      ffmpeg.stdout.setEncoding('utf8').on('data', (text: string) => {
        buffered += text;
        const match = /out_time_us=(\d+)/g;
        for (const m of buffered.matchAll(match)) {
          const us = Number(m[1]);
          if (us > 0) {
            this.lastOutTime = Math.max(this.lastOutTime, us / 1e6);
            resolve();
          }
        }
        buffered = buffered.slice(-200);
      });
      ffmpeg.once('error', reject);
      ffmpeg.once('close', (code) => reject(new Error(`the recorder for ${this.trackId} exited (${code ?? 'signal'}) before writing: ${this.stderrTail.trim()}`)));
    });

    // ffmpeg binds its ports while it starts; what is sent before is lost, and keyframes are re-asked.
    if (!this.held) await consumer.resume();
    const askKeyframe = () => {
      if (consumer.kind === 'video' && !consumer.closed) consumer.requestKeyFrame().catch(() => undefined);
    };
    askKeyframe();
    this.keyframes = setInterval(askKeyframe, KEYFRAME_RETRY_MS);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        writing,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the recorder for ${this.trackId} wrote nothing within ${this.options.startTimeoutMs} ms: ${this.stderrTail.trim()}`)), this.options.startTimeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      clearInterval(this.keyframes);
    }
    // From now on one keyframe per segment length, so video segments are cut as configured.
    this.keyframes = setInterval(askKeyframe, this.options.segmentSeconds * 1000);
    this.recording.openTrack({
      trackId: this.trackId,
      participantId: this.source.participantId,
      role: this.source.role,
      source: this.source.source,
      kind: consumer.kind,
      codec: codec.mimeType,
      clockRate: codec.clockRate,
      container,
      startedAt: new Date().toISOString(),
      segments: [],
    });
    this.opened = true;
    this.polling = setInterval(() => void this.readList(), 250);
    // A recorder that dies, or a worker that takes the router with it, ends the track where it is: what
    // was written stays listed and signed, and the recorder no longer waits on a stream that is gone.
    const endHere = () => {
      if (!this.stopped) void this.stop().then(() => this.recording.checkpoint()).catch(() => undefined);
    };
    ffmpeg.once('close', endHere);
    transport.observer.once('close', endHere);
  }

  /** The one segment a killed ffmpeg left open and unlisted, if it holds anything, ends at the last progress report. */
  private async takeUnlisted(): Promise<void> {
    const segments = this.recording.snapshot().tracks.find((t) => t.trackId === this.trackId)?.segments ?? [];
    const file = `segment-${String(segments.length).padStart(5, '0')}.${this.extension}`;
    const info = await stat(join(this.dir, file)).catch(() => undefined);
    if (!info || info.size === 0) return;
    const startTime = segments.at(-1)?.endTime ?? 0;
    await this.recording.appendSegment(this.trackId, { file, startTime, endTime: Math.max(startTime, this.lastOutTime) });
  }

  /** Appends every segment ffmpeg has listed since the last read. */
  private readList(): Promise<void> {
    const next = this.reading.then(async () => {
      if (!this.opened) return;
      const text = await readFile(join(this.dir, 'segments.csv'), 'utf8').catch(() => '');
      // Only whole lines: ffmpeg may be writing the next one.
      const lines = text.split('\n').slice(0, -1).filter((l) => l.trim() !== '');
      for (const line of lines.slice(this.listed)) {
        const parsed = SegmentListLine.safeParse(line.trim().split(','));
        if (!parsed.success) throw new Error(`segments.csv of ${this.trackId}: unreadable line "${line}"`);
        const [file, startTime, endTime] = parsed.data;
        await this.recording.appendSegment(this.trackId, { file, startTime, endTime });
        this.listed++;
      }
    });
    this.reading = next.catch(() => undefined);
    return next;
  }

  /** Stops the stream, lets ffmpeg close its last segment (SIGINT finishes the file), and lists it. */
  async stop(): Promise<void> {
    if (this.stopped) return this.reading;
    this.stopped = true;
    clearInterval(this.keyframes);
    clearInterval(this.polling);
    this.consumer?.close();
    if (this.ffmpeg && this.ffmpeg.exitCode === null && this.ffmpeg.signalCode === null) {
      const ffmpeg = this.ffmpeg;
      // SIGINT makes ffmpeg close and list its last segment, but only once a read returns: a stream held
      // for a consultation (or gone) sends nothing, and a second signal would abort the file's trailer
      // as well. So it gets a moment, then is killed; the open segment is then taken as it is on disk,
      // readable up to its last cluster (a second at most, see cluster_time_limit).
      ffmpeg.kill('SIGINT');
      const killer = setTimeout(() => ffmpeg.kill('SIGKILL'), STOP_GRACE_MS);
      await this.exited;
      clearTimeout(killer);
    }
    this.transport?.close();
    if (this.rtpPort !== undefined) releasePorts(this.rtpPort);
    await this.readList();
    if (this.opened) await this.takeUnlisted();
    // Stopped on a segment boundary, ffmpeg leaves the next file open and empty: it holds nothing,
    // and left on disk it would read as a segment added to the recording.
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      if (!SEGMENT_NAME.test(name)) continue;
      if ((await stat(join(this.dir, name))).size === 0) await unlink(join(this.dir, name));
    }
    if (this.opened) this.recording.closeTrack(this.trackId);
  }
}
