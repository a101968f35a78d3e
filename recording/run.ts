/**
 * One run of a track's recorder: one stream (producer) taken out of the hearing's router into one
 * ffmpeg process, until the stream ends, the recorder is stopped, or something dies under it.
 *
 * The stream is tapped paused (stream-tap.ts) and written by ffmpeg into segments (segmenter.ts),
 * which the run reports to its track as ffmpeg lists them (segment-list.ts), each with its time on
 * the server's clock (run-timing.ts). The consumer is resumed once ffmpeg listens, and keyframes are
 * requested until ffmpeg writes media and then once per segment length, because ffmpeg cuts a video
 * segment only at a keyframe and browsers send them rarely.
 */
import { mkdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { types } from 'mediasoup';
import type { Run, RunTiming } from './manifest.js';
import { portInUse, type PortRange } from './ports.js';
import { runTiming, wallClockAt } from './run-timing.js';
import { finishedLines, holdsMedia, lastListedEnd, parseListed, removeEmptySegments, segmentFile } from './segment-list.js';
import { Segmenter } from './segmenter.js';
import { LISTEN_IP, StreamTap } from './stream-tap.js';

export interface TrackSource {
  router: types.Router;
  producerId: string;
  participantId: string;
  role: string;
  source: 'microphone' | 'camera' | 'screen' | 'interpretation';
  /** For an interpretation channel: its language. The track is the channel's, whoever interprets. */
  channel?: string;
  /** The MIME type of the stream's codec, as the SFU knows it: a track holds one codec. */
  codec?: string;
}

export interface RunOptions {
  segmentSeconds: number;
  ports: PortRange;
  ffmpegPath: string;
  startTimeoutMs: number;
}

/** A segment ffmpeg has closed, as the run reports it to its track. */
export interface ClosedSegment {
  file: string;
  startTime: number;
  endTime: number;
  run: number;
  wallStart?: string;
  wallEnd?: string;
}

export interface RunEvents {
  /** Called in order for each segment closed. */
  segment(entry: ClosedSegment): Promise<void>;
  /** The run ended by itself: its recorder exited, its stream ended, or the router went with its worker. */
  ended(cause: RunEndCause): void;
  /** The participant paused or resumed the stream: nothing to record meanwhile, and nothing wrong. */
  paused(paused: boolean): void;
}

export type RunEndCause = 'recorder exited' | 'stream ended' | 'media worker lost';

const KEYFRAME_RETRY_MS = 500;

export class RecorderRun {
  ended = false;
  endCause: string | undefined;
  readonly startedAt = new Date().toISOString();
  endedAt: string | undefined;
  codec: types.RtpCodecParameters | undefined;
  container: 'webm' | 'matroska' = 'webm';
  kind: types.MediaKind = 'audio';
  /** The segments this run has reported, the last one's wall end among them. */
  listedSegments = 0;
  lastWallEnd: number | undefined;
  private readonly tap = new StreamTap();
  private segmenter: Segmenter | undefined;
  private polling: NodeJS.Timeout | undefined;
  /** Segment list reads in order, so segments are appended in the order ffmpeg closed them. */
  private reading: Promise<void> = Promise.resolve();
  private keyframes: NodeJS.Timeout | undefined;
  private writing = false;
  private stopping = false;
  private extension = 'webm';

  constructor(
    readonly number: number,
    readonly source: TrackSource,
    private readonly dir: string,
    /** The number of the first segment file this run writes. */
    readonly firstSegment: number,
    private held: boolean,
    private readonly options: RunOptions,
    private readonly events: RunEvents,
  ) {}

  get producerId(): string {
    return this.source.producerId;
  }

  /** What the recorder last said on its error output: why it exited, when it did. */
  get failureText(): string {
    return this.segmenter?.failureText ?? '';
  }

  /** Whether the participant has paused the stream this run records. */
  get senderPaused(): boolean {
    return this.tap.consumer?.producerPaused ?? false;
  }

  /** The recorder process, while it runs. */
  get pid(): number | undefined {
    return this.ended || !this.segmenter ? undefined : this.segmenter.pid;
  }

  /** The run as the manifest lists it. */
  entry(): Run {
    const timing = this.timing();
    return {
      run: this.number,
      producerId: this.producerId,
      participantId: this.source.participantId,
      firstSegment: this.firstSegment,
      startedAt: this.startedAt,
      ...(this.endedAt ? { endedAt: this.endedAt } : {}),
      ...(this.endCause ? { endCause: this.endCause } : {}),
      ...(timing ? { timing } : {}),
    };
  }

  /** RTP base and sender reports, once the first packet has gone to ffmpeg. */
  timing(): RunTiming | undefined {
    return runTiming(this.tap.relay, this.codec?.clockRate);
  }

  /** Server time (ms since the epoch) of file time `t`: from the latest sender report, else from the first packet's arrival. */
  wallAt(t: number): number | undefined {
    return wallClockAt(t, this.tap.relay, this.codec?.clockRate);
  }

  /** Pauses the consumer at the SFU while the participant may not be recorded; a keyframe on resuming. */
  async setAllowed(allowed: boolean): Promise<void> {
    this.held = !allowed;
    const consumer = this.tap.consumer;
    if (!consumer || consumer.closed || this.stopping) return;
    if (!allowed && !consumer.paused) await consumer.pause();
    if (allowed && consumer.paused) {
      await consumer.resume();
      if (consumer.kind === 'video') await consumer.requestKeyFrame().catch(() => undefined);
    }
  }

  /** Starts the recorder; resolves once it writes media. */
  async start(): Promise<void> {
    const { router, producerId } = this.source;
    await mkdir(this.dir, { recursive: true });
    const sdpFile = join(this.dir, `run-${this.number}.sdp`);
    const { transport, consumer, codec, relay, recorderPort } = await this.tap.open(router, producerId, this.options.ports, sdpFile);
    this.kind = consumer.kind;
    this.codec = codec;
    this.container = /\/(VP8|VP9|AV1|opus|vorbis)$/i.test(codec.mimeType) ? 'webm' : 'matroska';
    this.extension = this.container === 'webm' ? 'webm' : 'mkv';
    const segmenter = new Segmenter({
      ffmpegPath: this.options.ffmpegPath,
      sdpFile,
      dir: this.dir,
      run: this.number,
      firstSegment: this.firstSegment,
      segmentSeconds: this.options.segmentSeconds,
      container: this.container,
      extension: this.extension,
      producerId,
    });
    this.segmenter = segmenter;
    const writing = segmenter.writing;

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`the recorder for ${producerId} wrote nothing within ${this.options.startTimeoutMs} ms: ${segmenter.failureText}`)),
        this.options.startTimeoutMs,
      );
    });
    deadline.catch(() => undefined);
    const askKeyframe = () => {
      if (consumer.kind === 'video' && !consumer.closed) consumer.requestKeyFrame().catch(() => undefined);
    };
    let waitingForSender = false;
    try {
      // Nothing is passed on before ffmpeg has bound its port: its time 0 must be the relay's first packet.
      await Promise.race([this.listening(recorderPort), writing, deadline]);
      relay.start();
      if (!this.held) await consumer.resume();
      askKeyframe();
      this.keyframes = setInterval(askKeyframe, KEYFRAME_RETRY_MS);
      // A stream its sender has paused (an interpreter's floor microphone while she interprets) has
      // nothing to write: that is a pause, not a failure, and the run is started without waiting.
      waitingForSender = consumer.producerPaused;
      if (!waitingForSender) await Promise.race([writing, deadline]);
    } finally {
      clearTimeout(timer);
      clearInterval(this.keyframes);
    }
    const writes = () => {
      this.writing = true;
      // From now on one keyframe per segment length, so video segments are cut as configured.
      this.keyframes = setInterval(askKeyframe, this.options.segmentSeconds * 1000);
    };
    if (waitingForSender) this.awaitSender(consumer, writing, writes);
    else writes();
    // A recorder that dies, a stream that ends, or a worker that takes the router with it ends the run
    // where it is; the track decides what follows.
    segmenter.onExit(() => this.endedBy('recorder exited'));
    consumer.on('producerclose', () => this.endedBy('stream ended'));
    consumer.on('producerpause', () => this.events.paused(true));
    consumer.on('producerresume', () => this.events.paused(false));
    transport.observer.once('close', () => this.endedBy(router.closed ? 'media worker lost' : 'stream ended'));
  }

  /**
   * A run started on a paused stream: it writes once the sender resumes. From each resumption its
   * recorder has the start's time limit to write; one that does not is stopped, which ends the run
   * as a recorder that exited, and the track restarts it.
   */
  private awaitSender(consumer: types.Consumer, writing: Promise<void>, writes: () => void): void {
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (!this.writing && !this.ended && !this.stopping) this.segmenter?.kill();
      }, this.options.startTimeoutMs);
      timer.unref();
      if (consumer.kind === 'video') consumer.requestKeyFrame().catch(() => undefined);
    };
    consumer.on('producerresume', () => !this.writing && arm());
    consumer.on('producerpause', () => clearTimeout(timer));
    writing.then(
      () => {
        clearTimeout(timer);
        if (!this.ended && !this.stopping) writes();
      },
      () => clearTimeout(timer),
    );
  }

  /** Starts appending what ffmpeg lists; called once the track is in the manifest. */
  beginListing(): void {
    this.polling ??= setInterval(() => void this.readList().catch(() => undefined), 250);
  }

  private endedBy(cause: RunEndCause): void {
    if (this.stopping || this.ended) return;
    this.events.ended(cause);
  }

  private async listening(port: number): Promise<void> {
    // Given up once the recorder has exited (killed before it bound its port), or the run stopped:
    // otherwise this would poll for ever and keep the process alive.
    while (!(await portInUse(LISTEN_IP, port))) {
      if (this.stopping || this.ended || (this.segmenter && !this.segmenter.running)) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Appends every segment ffmpeg has listed since the last read. */
  private readList(): Promise<void> {
    const next = this.reading.then(async () => {
      if (!this.writing) return;
      const lines = await finishedLines(this.dir, this.number);
      for (const line of lines.slice(this.listedSegments)) {
        const [file, startTime, endTime] = parseListed(line, this.number);
        await this.report(file, startTime, endTime);
      }
    });
    this.reading = next.catch(() => undefined);
    return next;
  }

  private async report(file: string, startTime: number, endTime: number): Promise<void> {
    const wallStart = this.wallAt(startTime);
    const wallEnd = this.wallAt(endTime);
    await this.events.segment({
      file,
      startTime,
      endTime,
      run: this.number,
      ...(wallStart !== undefined ? { wallStart: new Date(wallStart).toISOString() } : {}),
      ...(wallEnd !== undefined ? { wallEnd: new Date(wallEnd).toISOString() } : {}),
    });
    this.listedSegments++;
    if (wallEnd !== undefined) this.lastWallEnd = wallEnd;
  }

  /**
   * Stops the stream, lets ffmpeg close its last segment (SIGINT finishes the file), and lists it.
   * A recorder already dead has its open segment taken as it is on disk.
   */
  /** Kills the recorder where it is and writes nothing more: the recording is another server's now. */
  abandon(): void {
    this.stopping = true;
    this.ended = true;
    clearInterval(this.keyframes);
    clearInterval(this.polling);
    this.segmenter?.kill();
    this.tap.close();
  }

  async stop(cause = 'stopped'): Promise<void> {
    if (this.stopping) return this.reading;
    this.stopping = true;
    clearInterval(this.keyframes);
    clearInterval(this.polling);
    // The stream keeps flowing until ffmpeg has stopped: its last packets end the last segment.
    await this.segmenter?.stop();
    this.tap.close();
    if (this.writing) {
      await this.readList();
      await this.takeUnlisted();
    } else {
      await this.dropIfNoMedia();
    }
    await removeEmptySegments(this.dir);
    this.ended = true;
    this.endCause ??= cause;
    this.endedAt = new Date().toISOString();
  }

  /**
   * A run that never reported writing (its stream was paused throughout, or it stopped at once) may
   * still have opened its first file, holding a header and no media: it is removed, since left on disk
   * it would read as media in the clear added to the recording. One that holds media after all (it
   * arrived between two progress reports) is listed like any last segment.
   */
  private async dropIfNoMedia(): Promise<void> {
    const file = join(this.dir, segmentFile(this.firstSegment, this.extension));
    const media = await holdsMedia(file);
    if (media === undefined) return;
    if (media) {
      this.writing = true;
      await this.readList();
      await this.takeUnlisted();
      return;
    }
    await unlink(file);
  }

  /** The one segment a stopped or killed ffmpeg left open and unlisted, if it holds anything, ends at the last progress report. */
  private async takeUnlisted(): Promise<void> {
    const file = segmentFile(this.firstSegment + this.listedSegments, this.extension);
    const info = await stat(join(this.dir, file)).catch(() => undefined);
    if (!info || info.size === 0) return;
    const startTime = await lastListedEnd(this.dir, this.number);
    await this.report(file, startTime, Math.max(startTime, this.segmenter?.lastOutTime ?? 0));
  }
}
