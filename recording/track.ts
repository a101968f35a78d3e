/**
 * One track of a recording: everything one participant sends from one source (microphone, camera,
 * screen) for as long as the recording runs. The track outlives the streams that feed it: a
 * participant who reconnects, or whose media moves to a new router after a worker died, sends a new
 * stream, and the track goes on with a new run (run.ts) whose segments follow on in the same chain.
 * An interpretation channel is a track of its own, whoever interprets: a handover to the booth
 * partner is a new run in the channel's track. A recorder that dies is restarted on the same stream. Every stretch between runs is a gap in the
 * manifest with its cause; the segments' wall-clock times show where each run sits.
 */
import { freeMegabytes } from './disk-watch.js';
import { join } from 'node:path';
import type { Gap, Run, Track } from './manifest.js';
import { RecorderRun, type ClosedSegment, type RunEndCause, type RunOptions, type TrackSource } from './run.js';

/** What a track needs of its recording. */
export interface TrackHost {
  readonly dir: string;
  openTrack(track: Track): void;
  closeTrack(trackId: string, endedAt: string): void;
  setRun(trackId: string, run: Run): void;
  addGap(trackId: string, gap: Gap, fault: boolean, participantId: string): void;
  /** The track stopped reaching the disk for a fault (`cause`), or reaches it again (null). */
  setDown(trackId: string, cause: TrackDownCause | null, detail?: string): void;
  /** A stretch with nothing to record begins (`paused`) or ends, for a stated reason (see PAUSE_CAUSES). */
  setPaused(trackId: string, cause: string, paused: boolean): void;
  appendSegment(trackId: string, entry: ClosedSegment): Promise<void>;
  segmentCount(trackId: string): number;
  /** Whether the track is reported as not reaching the disk now. */
  isDown(trackId: string): boolean;
  checkpoint(): Promise<void>;
  log(message: string, error?: unknown): void;
}

/**
 * Why a track is not reaching the disk although it should: its recorder died (and is being restarted,
 * or was given up), the media server under it was lost, the disk is full, or a write failed.
 */
export type TrackDownCause = 'recorder_failed' | 'recorder_given_up' | 'media_server_lost' | 'disk_full' | 'write_failed';

/** Why a track may be given nothing to record without anything being wrong: written with each pause. */
export const PAUSE_CAUSES = {
  held: 'not to be recorded then: a private consultation, or outside the hearing room',
  sender: 'the participant paused this stream (microphone muted or camera stopped)',
} as const;

/** At most this many restarts of a dying recorder in a minute, so a recorder that cannot run is not restarted forever. */
const MAX_RESTARTS_PER_MINUTE = 5;

export class TrackRecorder {
  stopped = false;
  private current: RecorderRun | undefined;
  private runs = 0;
  private held = false;
  private opened = false;
  /** The stream the track follows, to restart on when its recorder dies. */
  private stream: TrackSource | undefined;
  /**
   * The stream whose recorder was given up: the court's rule, run again every few seconds, must not
   * start it again behind the court's back (the judge was told it is not recorded); the participant's
   * next stream (a reconnection, a new router) is followed afresh.
   */
  private givenUpOn: string | undefined;
  /** Why and when the last run ended, until the next one writes: the gap between them. */
  private lastEnd: { at: number; cause: string; fault: boolean } | undefined;
  private restarts: number[] = [];
  /** Restarts that failed in a row since the last run that wrote. */
  private failedStarts = 0;
  /** A segment could not be sealed for a full disk, and the track waits for room to check its recorder. */
  private awaitingRoom = false;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly host: TrackHost,
    readonly trackId: string,
    private readonly firstParticipantId: string,
    private readonly role: string,
    readonly source: TrackSource['source'],
    private readonly options: RunOptions,
    /** For an interpretation channel's track: the channel's language. */
    readonly channel?: string,
  ) {}

  /** Whose stream the track records now: on a channel, the live interpreter; the court's eligibility rule asks about them. */
  get participantId(): string {
    return this.stream?.participantId ?? this.firstParticipantId;
  }

  /**
   * The MIME type of the codec the track's files hold: one container holds one codec, so a stream in
   * another codec (the participant came back on another browser) is recorded in a track of its own.
   */
  codec: string | undefined;

  get kind(): 'audio' | 'video' {
    return this.source === 'microphone' || this.source === 'interpretation' ? 'audio' : 'video';
  }

  /** The recorder process now writing this track, if one is. */
  get recorderPid(): number | undefined {
    return this.current?.pid;
  }

  /** Whether this track records that stream now (or will, once its participant may be recorded again). */
  isFollowing(producerId: string): boolean {
    return !this.stopped && (this.stream?.producerId === producerId || this.givenUpOn === producerId);
  }

  /** Follows a (new) stream of this participant and source; resolves once its recorder writes, or at once while held. */
  follow(stream: TrackSource): Promise<void> {
    return this.serially(async () => {
      if (this.stopped || this.stream?.producerId === stream.producerId || this.givenUpOn === stream.producerId) return;
      if (this.current && !this.current.ended) await this.finishRun(this.current, 'stream replaced', false);
      this.stream = stream;
      // A recorder that cannot start (a busy machine, a full disk) is not given up at once, nor dropped
      // in silence: the court is told the track is not recorded, and it is tried again.
      if (!this.held) {
        await this.startRun().catch(async (error: unknown) => {
          await this.restartFailed(error);
          throw error;
        });
      }
    });
  }

  /** Holds the stream at the SFU while the participant may not be recorded (a consultation); a held track that lost its recorder restarts once allowed. */
  setAllowed(allowed: boolean): Promise<void> {
    const wasHeld = this.held;
    this.held = !allowed;
    if (this.opened) this.host.setPaused(this.trackId, PAUSE_CAUSES.held, !allowed);
    const current = this.current;
    if (current && !current.ended) return current.setAllowed(allowed);
    // Only a track coming out of being held starts its recorder here: the court's rule is applied
    // again every few seconds, and a recorder that died is restarted (or given up) by its own count.
    if (!allowed || !wasHeld || !this.stream) return Promise.resolve();
    return this.serially(async () => {
      if (!this.held && !this.stopped && this.stream && !(this.current && !this.current.ended))
        await this.startRun().catch((error: unknown) => this.host.log(`track ${this.trackId}: could not resume`, error));
    });
  }

  /** Kills the recorder at once and writes nothing more (see `Recording.abandon`). */
  abandon(): void {
    this.stopped = true;
    this.current?.abandon();
  }

  stop(): Promise<void> {
    return this.serially(async () => {
      if (this.stopped) return;
      this.stopped = true;
      // The track ends when it is told to stop; closing its last segment and sealing it take longer,
      // more so on a busy machine, and are not time that should have been recorded.
      const endedAt = Date.now();
      if (this.current && !this.current.ended) await this.finishRun(this.current, 'stopped', false);
      else if (this.lastEnd && this.opened) {
        // The track ends while no run records it (a recorder given up, a stream that ended): the stretch
        // since is a gap with its cause, not time that passes for recorded.
        this.host.addGap(
          this.trackId,
          { from: new Date(this.lastEnd.at).toISOString(), to: new Date(Math.max(endedAt, this.lastEnd.at)).toISOString(), cause: this.lastEnd.cause },
          this.lastEnd.fault,
          this.participantId,
        );
        this.lastEnd = undefined;
      }
      if (this.opened) this.host.closeTrack(this.trackId, new Date(endedAt).toISOString());
    });
  }

  private serially(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async startRun(): Promise<void> {
    const stream = this.stream!;
    const run = new RecorderRun(this.runs++, stream, join(this.host.dir, this.trackId), this.host.segmentCount(this.trackId), this.held, this.options, {
      segment: (entry) => {
        // The run's sender reports so far are signed with each segment.
        this.host.setRun(this.trackId, run.entry());
        return this.host.appendSegment(this.trackId, entry);
      },
      ended: (cause) => void this.serially(() => this.runEnded(run, cause)),
      paused: (paused) => {
        if (this.opened && run === this.current) this.host.setPaused(this.trackId, PAUSE_CAUSES.sender, paused);
      },
    });
    this.current = run;
    try {
      await run.start();
    } catch (error) {
      await run.stop('could not start');
      this.current = undefined;
      throw error;
    }
    this.codec ??= run.codec!.mimeType;
    if (!this.opened) {
      this.host.openTrack({
        trackId: this.trackId,
        participantId: this.participantId,
        role: this.role,
        source: this.source,
        ...(this.channel ? { language: this.channel } : {}),
        kind: run.kind,
        codec: run.codec!.mimeType,
        clockRate: run.codec!.clockRate,
        container: run.container,
        // When the recorder was first given media, as the track's start has always meant.
        startedAt: run.timing()?.firstPacketAt ?? new Date().toISOString(),
        segments: [],
        runs: [],
        gaps: [],
      });
      this.opened = true;
    }
    this.host.setRun(this.trackId, run.entry());
    // A new stream starts unpaused unless its sender says otherwise.
    this.host.setPaused(this.trackId, PAUSE_CAUSES.sender, run.senderPaused);
    if (this.lastEnd) {
      const to = run.wallAt(0) ?? Date.now();
      this.host.addGap(
        this.trackId,
        { from: new Date(this.lastEnd.at).toISOString(), to: new Date(Math.max(to, this.lastEnd.at)).toISOString(), cause: this.lastEnd.cause },
        this.lastEnd.fault,
        this.participantId,
      );
      this.lastEnd = undefined;
    }
    await this.host.checkpoint();
    this.failedStarts = 0;
    this.host.setDown(this.trackId, null);
    run.beginListing();
  }

  /** Ends a run and writes down where and why, so the next run's start shows the gap. */
  private async finishRun(run: RecorderRun, cause: string, fault: boolean): Promise<void> {
    await run.stop(cause);
    if (this.opened) this.host.setRun(this.trackId, run.entry());
    this.lastEnd = { at: run.lastWallEnd ?? Date.now(), cause, fault };
    if (this.current === run) this.current = undefined;
    await this.host.checkpoint();
  }

  /** A run ended by itself: a dead recorder is restarted on the same stream; a stream that ended waits for the next. */
  private async runEnded(run: RecorderRun, cause: RunEndCause): Promise<void> {
    if (run !== this.current || this.stopped) return;
    // A recorder that exits because the disk is full is not broken: it waits for room, not for a restart.
    const diskFull = cause === 'recorder exited' && (await this.diskIsFull(run.failureText));
    const described = diskFull
      ? DISK_FULL
      : cause === 'recorder exited'
        ? 'the recorder exited and was restarted'
        : cause === 'media worker lost'
          ? 'the media server restarted'
          : "the participant's stream ended";
    // Told at once, before anything is restarted: the court must never believe a track is recorded when it is not.
    if (cause !== 'stream ended')
      this.host.setDown(
        this.trackId,
        diskFull ? 'disk_full' : cause === 'recorder exited' ? 'recorder_failed' : 'media_server_lost',
        cause === 'recorder exited' ? run.failureText || 'it said nothing' : undefined,
      );
    await this.finishRun(run, described, cause !== 'stream ended');
    if (diskFull) {
      // Tried again every DISK_RETRY_MS: recording resumes by itself once there is room.
      this.retryLater(DISK_RETRY_MS);
      return;
    }
    if (cause !== 'recorder exited') {
      // The stream is gone; the participant's next one (on this router or a new one) continues the track.
      this.stream = undefined;
      return;
    }
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < 60_000);
    if (this.restarts.length >= MAX_RESTARTS_PER_MINUTE) {
      this.host.log(`track ${this.trackId}: the recorder keeps exiting; not restarted again`);
      this.host.setDown(this.trackId, 'recorder_given_up');
      this.lastEnd = { at: this.lastEnd?.at ?? Date.now(), cause: 'the recorder kept exiting and was not restarted again', fault: true };
      this.givenUpOn = this.stream?.producerId;
      this.stream = undefined;
      return;
    }
    this.restarts.push(now);
    if (this.held) return;
    await this.startRun().catch((error: unknown) => this.restartFailed(error));
  }

  /** A restart that failed: on a full disk the track waits for room; otherwise the recorder is given up. */
  private async restartFailed(error: unknown): Promise<void> {
    if (await this.diskIsFull(error)) {
      this.host.setDown(this.trackId, 'disk_full', (error as Error).message);
      if (this.lastEnd) this.lastEnd.cause = DISK_FULL;
      // Tried again every DISK_RETRY_MS: recording resumes by itself once there is room.
      this.retryLater(DISK_RETRY_MS);
      return;
    }
    this.host.log(`track ${this.trackId}: the recorder could not be restarted`, error);
    // A start can fail for a passing reason (the stream's consumer closed under it, a busy machine):
    // tried again a few times before the track is given up.
    if (++this.failedStarts < MAX_FAILED_STARTS) {
      this.host.setDown(this.trackId, 'recorder_failed', (error as Error).message);
      this.retryLater(FAILED_START_RETRY_MS);
      return;
    }
    this.host.setDown(this.trackId, 'recorder_given_up', (error as Error).message);
    if (this.lastEnd) this.lastEnd.cause = 'the recorder could not be restarted';
  }

  /**
   * A segment of this track could not be sealed because the disk is full, while its recorder runs on.
   * A recorder that met the full disk itself may go on running without ever writing again; so once
   * there is room, a track still not reaching the disk has its recorder restarted (the stretch is
   * declared with the full disk as its cause), rather than waiting on a recorder that writes nothing.
   */
  diskFilled(): void {
    if (this.awaitingRoom || this.stopped) return;
    this.awaitingRoom = true;
    const later = () =>
      setTimeout(() => {
        void this.serially(async () => {
          if (this.stopped || !this.awaitingRoom) return;
          if (await this.diskIsFull(undefined)) return void later();
          this.awaitingRoom = false;
          if (!this.host.isDown(this.trackId) || this.held || !this.stream) return;
          if (this.current && !this.current.ended) await this.finishRun(this.current, DISK_FULL, true);
          await this.startRun().catch((error: unknown) => this.restartFailed(error));
        });
      }, DISK_RETRY_MS).unref();
    later();
  }

  /**
   * Whether a recorder failed for a full disk. What it says may not name the disk (a trailer it could
   * not write, a start that timed out with nothing written), so the disk itself is asked as well: a
   * disk with almost nothing free is full for a recorder, and the track waits for room rather than
   * being given up as broken.
   */
  private async diskIsFull(failure: unknown): Promise<boolean> {
    if (isDiskFull(failure)) return true;
    const free = await freeMegabytes(this.host.dir).catch(() => undefined);
    return free !== undefined && free < NEARLY_FULL_MB;
  }

  private retryLater(ms: number): void {
    setTimeout(() => {
      void this.serially(async () => {
        if (this.stopped || this.held || !this.stream || (this.current && !this.current.ended)) return;
        await this.startRun().catch((error: unknown) => this.restartFailed(error));
      });
    }, ms).unref();
  }
}

/** Below this much free space (MiB) a recorder's failure is taken for the disk being full (a segment is a few MB at most). */
const NEARLY_FULL_MB = 16;
/** What a track records as the cause of a stretch lost to a full disk. */
const DISK_FULL = 'the recording disk was full';
/** How often a track waiting for disk space tries to record again. */
const DISK_RETRY_MS = 5000;
/** Starts that may fail in a row, a moment apart, before a track's recorder is given up. */
const MAX_FAILED_STARTS = 5;
const FAILED_START_RETRY_MS = 2000;

/** Whether a failure (an error, or what a recorder said on exiting) is the disk or the recording's quota being full. */
export function isDiskFull(error: unknown): boolean {
  if (typeof error === 'string') return /No space left on device|Disk quota exceeded/i.test(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG' || isDiskFull(String((error as Error | undefined)?.message ?? ''));
}
