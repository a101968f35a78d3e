/**
 * The recorder process of one run: ffmpeg reads the SDP of the tapped stream and copies the stream,
 * without decoding, into WebM (Matroska when the codec has no WebM mapping) segments. A Matroska file
 * cut off by a crash is still readable up to its last cluster, which MP4 is not. Segments are numbered
 * across the track's runs (`-segment_start_number`), so a track's files follow on from one run to the
 * next; each run lists what it closes in its own `run-<n>.csv` (segment-list.ts).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { segmentListFile, segmentPattern } from './segment-list.js';

/** How long a stopped ffmpeg has to close its last segment before it is killed. */
const STOP_GRACE_MS = 1500;

export interface SegmenterSetup {
  ffmpegPath: string;
  sdpFile: string;
  dir: string;
  run: number;
  firstSegment: number;
  segmentSeconds: number;
  container: 'webm' | 'matroska';
  extension: string;
  /** What it records, for the messages when it fails. */
  producerId: string;
}

function segmenterArgs(setup: SegmenterSetup): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-loglevel',
    'error',
    '-nostats',
    '-progress',
    'pipe:1',
    '-protocol_whitelist',
    'file,udp,rtp',
    // Enough reordering room for a loopback hop; probing ends at the first keyframe.
    '-reorder_queue_size',
    '500',
    '-i',
    setup.sdpFile,
    '-map',
    '0',
    '-c',
    'copy',
    '-f',
    'segment',
    '-segment_time',
    String(setup.segmentSeconds),
    '-segment_format',
    setup.container,
    '-segment_start_number',
    String(setup.firstSegment),
    // Timestamps run on across the run's segments, so they play back to back in sync.
    '-reset_timestamps',
    '0',
    // Clusters of at most a second reach the disk as they close: a recorder killed mid-segment loses no more.
    '-segment_format_options',
    'cluster_time_limit=1000',
    '-segment_list',
    join(setup.dir, segmentListFile(setup.run)),
    '-segment_list_type',
    'csv',
    '-segment_list_flags',
    'live',
    join(setup.dir, segmentPattern(setup.extension)),
  ];
}

export class Segmenter {
  /** Settles once ffmpeg has exited. */
  readonly exited: Promise<void>;
  /** Resolves once ffmpeg reports writing media; rejects if it cannot start or exits before. */
  readonly writing: Promise<void>;
  /** The media time ffmpeg last reported writing, in seconds. */
  lastOutTime = 0;
  private readonly ffmpeg: ChildProcessWithoutNullStreams;
  private stderrTail = '';

  constructor(setup: SegmenterSetup) {
    const ffmpeg = spawn(setup.ffmpegPath, segmenterArgs(setup), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.ffmpeg = ffmpeg;
    this.exited = new Promise((resolve) => ffmpeg.once('close', () => resolve()));
    ffmpeg.stderr.setEncoding('utf8').on('data', (text: string) => {
      this.stderrTail = (this.stderrTail + text).slice(-2000);
    });
    this.writing = new Promise<void>((resolve, reject) => {
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
      ffmpeg.once('close', (code) =>
        reject(new Error(`the recorder for ${setup.producerId} exited (${code ?? 'signal'}) before writing: ${this.failureText}`)),
      );
    });
    this.writing.catch(() => undefined);
  }

  /** What ffmpeg last said on its error output: why it exited, when it did. */
  get failureText(): string {
    return this.stderrTail.trim();
  }

  /** The process id until ffmpeg exits by itself. */
  get pid(): number | undefined {
    return this.ffmpeg.exitCode !== null ? undefined : this.ffmpeg.pid;
  }

  /** Whether ffmpeg has neither exited nor been killed. */
  get running(): boolean {
    return this.ffmpeg.exitCode === null && this.ffmpeg.signalCode === null;
  }

  onExit(listener: () => void): void {
    this.ffmpeg.once('close', listener);
  }

  kill(): void {
    this.ffmpeg.kill('SIGKILL');
  }

  /**
   * SIGINT makes ffmpeg close and list its last segment, but only once a read returns: a stream held
   * for a consultation (or gone) sends nothing, and a second signal would abort the file's trailer as
   * well. So it gets a moment, then is killed; the open segment is then taken as it is on disk,
   * readable up to its last cluster (a second at most, see cluster_time_limit).
   */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.ffmpeg.kill('SIGINT');
    const killer = setTimeout(() => this.ffmpeg.kill('SIGKILL'), STOP_GRACE_MS);
    await this.exited;
    clearTimeout(killer);
  }
}
