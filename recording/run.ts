/**
 * One run of a track's recorder: one stream (producer) taken out of the hearing's router into one
 * ffmpeg process, until the stream ends, the recorder is stopped, or something dies under it.
 *
 * The stream leaves the router over plain RTP: a PlainTransport on 127.0.0.1 (no rtcp-mux, since
 * ffmpeg has none; comedia off, since the recorder never sends first) and a consumer that starts
 * paused. It passes through the relay (relay.ts), which notes the timing ffmpeg does not write down,
 * into ffmpeg, which reads the SDP of that consumer and copies the stream, without decoding, into
 * WebM (Matroska when the codec has no WebM mapping) segments: a Matroska file cut off by a crash is
 * still readable up to its last cluster, which MP4 is not. The consumer is resumed once ffmpeg
 * listens, and keyframes are requested until ffmpeg writes media and then once per segment length,
 * because ffmpeg cuts a video segment only at a keyframe and browsers send them rarely.
 *
 * Segments are numbered across the track's runs (`-segment_start_number`), so a track's files follow
 * on from one run to the next; each run lists what it closes in its own `run-<n>.csv`.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { types } from 'mediasoup';
import { z } from 'zod';
import type { Run, RunTiming } from './manifest.js';
import { matroskaPackets } from './media-probe.js';
import { allocatePorts, portInUse, releasePorts, type PortRange } from './ports.js';
import { RtpRelay, type SenderReport } from './relay.js';
import { mainCodec, recorderSdp } from './sdp.js';

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

const LISTEN_IP = '127.0.0.1';
const KEYFRAME_RETRY_MS = 500;
/** How long a stopped ffmpeg has to close its last segment before it is killed. */
const STOP_GRACE_MS = 1500;
const SEGMENT_NAME = /^segment-\d{5}\.(webm|mkv)$/;
const SegmentListLine = z.tuple([z.string().regex(SEGMENT_NAME), z.coerce.number().min(0), z.coerce.number().min(0)]);

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
  private transport: types.PlainTransport | undefined;
  private consumer: types.Consumer | undefined;
  private relay: RtpRelay | undefined;
  private ffmpeg: ChildProcessWithoutNullStreams | undefined;
  private exited: Promise<void> = Promise.resolve();
  private ports: number[] = [];
  private polling: NodeJS.Timeout | undefined;
  /** Segment list reads in order, so segments are appended in the order ffmpeg closed them. */
  private reading: Promise<void> = Promise.resolve();
  private keyframes: NodeJS.Timeout | undefined;
  private stderrTail = '';
  private writing = false;
  private stopping = false;
  private extension = 'webm';
  /** The media time ffmpeg last reported writing, in seconds. */
  private lastOutTime = 0;

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
    return this.stderrTail.trim();
  }

  /** Whether the participant has paused the stream this run records. */
  get senderPaused(): boolean {
    return this.consumer?.producerPaused ?? false;
  }

  /** The recorder process, while it runs. */
  get pid(): number | undefined {
    return this.ended || this.ffmpeg?.exitCode !== null ? undefined : this.ffmpeg?.pid;
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
    const first = this.relay?.first;
    if (!first || !this.codec) return undefined;
    return {
      clockRate: this.codec.clockRate,
      rtpBase: first.rtpTimestamp,
      firstPacketAt: new Date(first.at).toISOString(),
      senderReports: (this.relay?.senderReports ?? []).map((r) => ({ rtpTimestamp: r.rtpTimestamp, ntpMs: r.ntpMs, receivedAt: new Date(r.receivedAt).toISOString() })),
    };
  }

  /** Server time (ms since the epoch) of file time `t`: from the latest sender report, else from the first packet's arrival. */
  wallAt(t: number): number | undefined {
    const first = this.relay?.first;
    const clockRate = this.codec?.clockRate;
    if (!first || !clockRate) return undefined;
    const rtp = (first.rtpTimestamp + Math.round(t * clockRate)) >>> 0;
    // Differences of 32-bit RTP timestamps wrap: `| 0` reads them as signed.
    const distance = (report: SenderReport) => (rtp - report.rtpTimestamp) | 0;
    // The report nearest that moment: a sender's clock may drift from the server's over a long hearing.
    const reports = this.relay?.senderReports ?? [];
    if (reports.length === 0) return first.at + t * 1000;
    const report = reports.reduce((best, r) => (Math.abs(distance(r)) < Math.abs(distance(best)) ? r : best));
    return report.receivedAt + (distance(report) / clockRate) * 1000;
  }

  /** Pauses the consumer at the SFU while the participant may not be recorded; a keyframe on resuming. */
  async setAllowed(allowed: boolean): Promise<void> {
    this.held = !allowed;
    const consumer = this.consumer;
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
    const out = await allocatePorts(LISTEN_IP, this.options.ports);
    this.ports.push(out.rtpPort);
    const relayed = await allocatePorts(LISTEN_IP, this.options.ports);
    this.ports.push(relayed.rtpPort);
    const transport = await router.createPlainTransport({ listenIp: LISTEN_IP, rtcpMux: false, comedia: false, appData: { recorder: producerId } });
    this.transport = transport;
    await transport.connect({ ip: LISTEN_IP, port: relayed.rtpPort, rtcpPort: relayed.rtcpPort });
    const consumer = await transport.consume({ producerId, rtpCapabilities: router.rtpCapabilities, paused: true, appData: { recorder: producerId } });
    this.consumer = consumer;
    this.kind = consumer.kind;
    const codec = mainCodec(consumer.rtpParameters);
    this.codec = codec;
    this.container = /\/(VP8|VP9|AV1|opus|vorbis)$/i.test(codec.mimeType) ? 'webm' : 'matroska';
    this.extension = this.container === 'webm' ? 'webm' : 'mkv';
    this.relay = await RtpRelay.open(LISTEN_IP, { in: relayed, out }, codec.mimeType);
    const sdpFile = join(this.dir, `run-${this.number}.sdp`);
    await writeFile(sdpFile, recorderSdp({ kind: consumer.kind, rtpParameters: consumer.rtpParameters, ip: LISTEN_IP, rtpPort: out.rtpPort, rtcpPort: out.rtcpPort }));

    const args = [
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-nostats', '-progress', 'pipe:1',
      '-protocol_whitelist', 'file,udp,rtp',
      // Enough reordering room for a loopback hop; probing ends at the first keyframe.
      '-reorder_queue_size', '500',
      '-i', sdpFile,
      '-map', '0', '-c', 'copy',
      '-f', 'segment', '-segment_time', String(this.options.segmentSeconds), '-segment_format', this.container,
      '-segment_start_number', String(this.firstSegment),
      // Timestamps run on across the run's segments, so they play back to back in sync.
      '-reset_timestamps', '0',
      // Clusters of at most a second reach the disk as they close: a recorder killed mid-segment loses no more.
      '-segment_format_options', 'cluster_time_limit=1000',
      '-segment_list', join(this.dir, `run-${this.number}.csv`), '-segment_list_type', 'csv', '-segment_list_flags', 'live',
      join(this.dir, `segment-%05d.${this.extension}`),
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
        for (const m of buffered.matchAll(/out_time_us=(\d+)/g)) {
          const us = Number(m[1]);
          if (us > 0) {
            this.lastOutTime = Math.max(this.lastOutTime, us / 1e6);
            resolve();
          }
        }
        buffered = buffered.slice(-200);
      });
      ffmpeg.once('error', reject);
      ffmpeg.once('close', (code) => reject(new Error(`the recorder for ${producerId} exited (${code ?? 'signal'}) before writing: ${this.stderrTail.trim()}`)));
    });
    writing.catch(() => undefined);

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the recorder for ${producerId} wrote nothing within ${this.options.startTimeoutMs} ms: ${this.stderrTail.trim()}`)), this.options.startTimeoutMs);
    });
    deadline.catch(() => undefined);
    const askKeyframe = () => {
      if (consumer.kind === 'video' && !consumer.closed) consumer.requestKeyFrame().catch(() => undefined);
    };
    let waitingForSender = false;
    try {
      // Nothing is passed on before ffmpeg has bound its port: its time 0 must be the relay's first packet.
      await Promise.race([this.listening(out.rtpPort), writing, deadline]);
      this.relay.start();
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
    ffmpeg.once('close', () => this.endedBy('recorder exited'));
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
        if (!this.writing && !this.ended && !this.stopping) this.ffmpeg?.kill('SIGKILL');
      }, this.options.startTimeoutMs);
      timer.unref();
      if (consumer.kind === 'video') consumer.requestKeyFrame().catch(() => undefined);
    };
    consumer.on('producerresume', () => !this.writing && arm());
    consumer.on('producerpause', () => clearTimeout(timer));
    writing.then(() => {
      clearTimeout(timer);
      if (!this.ended && !this.stopping) writes();
    }, () => clearTimeout(timer));
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
      if (this.stopping || this.ended || (this.ffmpeg && (this.ffmpeg.exitCode !== null || this.ffmpeg.signalCode !== null))) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  /** Appends every segment ffmpeg has listed since the last read. */
  private readList(): Promise<void> {
    const next = this.reading.then(async () => {
      if (!this.writing) return;
      const text = await readFile(join(this.dir, `run-${this.number}.csv`), 'utf8').catch(() => '');
      // Only whole lines: ffmpeg may be writing the next one.
      const lines = text.split('\n').slice(0, -1).filter((l) => l.trim() !== '');
      for (const line of lines.slice(this.listedSegments)) {
        const parsed = SegmentListLine.safeParse(line.trim().split(','));
        if (!parsed.success) throw new Error(`run-${this.number}.csv: unreadable line "${line}"`);
        const [file, startTime, endTime] = parsed.data;
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
  async stop(cause = 'stopped'): Promise<void> {
    if (this.stopping) return this.reading;
    this.stopping = true;
    clearInterval(this.keyframes);
    clearInterval(this.polling);
    // The stream keeps flowing until ffmpeg has stopped: its last packets end the last segment.
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
    this.consumer?.close();
    this.transport?.close();
    this.relay?.close();
    for (const port of this.ports) releasePorts(port);
    if (this.writing) {
      await this.readList();
      await this.takeUnlisted();
    } else {
      await this.dropIfNoMedia();
    }
    // Stopped on a segment boundary, ffmpeg leaves the next file open and empty: it holds nothing,
    // and left on disk it would read as a segment added to the recording.
    for (const name of await readdir(this.dir).catch(() => [] as string[])) {
      if (!SEGMENT_NAME.test(name)) continue;
      if ((await stat(join(this.dir, name))).size === 0) await unlink(join(this.dir, name));
    }
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
    const file = `segment-${String(this.firstSegment).padStart(5, '0')}.${this.extension}`;
    const bytes = await readFile(join(this.dir, file)).catch(() => undefined);
    if (bytes === undefined) return;
    let packets = 0;
    try {
      packets = matroskaPackets(bytes).length;
    } catch {
      packets = 0;
    }
    if (packets > 0) {
      this.writing = true;
      await this.readList();
      await this.takeUnlisted();
      return;
    }
    await unlink(join(this.dir, file));
  }

  /** The one segment a stopped or killed ffmpeg left open and unlisted, if it holds anything, ends at the last progress report. */
  private async takeUnlisted(): Promise<void> {
    const file = `segment-${String(this.firstSegment + this.listedSegments).padStart(5, '0')}.${this.extension}`;
    const info = await stat(join(this.dir, file)).catch(() => undefined);
    if (!info || info.size === 0) return;
    const startTime = await this.lastEndTime();
    await this.report(file, startTime, Math.max(startTime, this.lastOutTime));
  }

  private async lastEndTime(): Promise<number> {
    const text = await readFile(join(this.dir, `run-${this.number}.csv`), 'utf8').catch(() => '');
    const last = text.split('\n').filter((l) => l.trim() !== '').at(-1);
    const parsed = last ? SegmentListLine.safeParse(last.trim().split(',')) : undefined;
    return parsed?.success ? parsed.data[2] : 0;
  }
}
