/**
 * The court's recording, carried out: `recording.started` creates the hearing's `Recording` and
 * follows every stream there is and every one that appears later; after every decision of the court
 * each track is held or let through by `mayRecord` (never a private consultation, never the waiting
 * room); `recording.stopped` finalises the manifest and writes its hash into the record
 * (`recording.sealed`), so the recording is anchored in the hash-chained record and the minutes.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { mayRecord } from '../courtroom/index.js';
import { closeCutShort, DiskWatch, freeMegabytes, isCutShort, Recording, trackCoverage, type TrackCoverage } from '../recording/index.js';
import { readdir, rm } from 'node:fs/promises';
import type { Decided } from '../courtroom/index.js';
import type { Hearing } from '../scheduling/index.js';
import type { ProducerInfo } from '../sfu/index.js';
import type { SignalingContext } from './context.js';

export type { RecordingSetup } from './context.js';
import { broadcastState } from './court-broadcast.js';
import { hearingOf, participantsOf } from './courts.js';
import type { LiveHearing } from './live-hearing.js';
import { writeInQueue, writeToRecord } from './record-writer.js';

/** Starts the recording the court has just recorded as started, and follows what the hearing sends. */
export async function startRecording(ctx: SignalingContext, hearing: Hearing, recordingId: string, legalBasis: string): Promise<void> {
  const live = await hearingOf(ctx, hearing.id);
  try {
    await openRecording(ctx, live, recordingId, legalBasis);
  } catch (error) {
    // The court ordered a recording that cannot be made: the record says so, and nobody sees an indicator that lies.
    await recordBySystem(ctx, hearing.id, [{ type: 'recording.stopped', data: { recordingId, cause: 'failed' } }]);
    throw error;
  }
  await enforceRecording(ctx, live);
}

/**
 * Creates the hearing's `Recording` (its folder and first signed manifest) and connects what it
 * reports to the record: gaps, tracks that stop or start reaching the disk, and the disk filling up.
 * Tracks follow the hearing's streams once `enforceRecording` runs.
 */
async function openRecording(
  ctx: SignalingContext,
  live: LiveHearing,
  recordingId: string,
  legalBasis: string,
  continues?: { recordingId: string; manifestSha256: string },
): Promise<Recording> {
  const setup = ctx.recordingSetup;
  const hearingId = live.id;
  if (!setup) throw new Error('this server has no recording set up');
  const recording = await Recording.start(
    {
      dir: join(setup.dir, recordingId),
      hearingId,
      recordingId,
      legalBasis,
      segmentSeconds: setup.segmentSeconds,
      ...(setup.ffmpegPath ? { ffmpegPath: setup.ffmpegPath } : {}),
      ...(continues ? { continues } : {}),
    },
    setup.signer,
    setup.recordingKey,
    setup.timestampAuthority,
  );
  if (ctx.placement) {
    // With several servers: nothing more is written here once another server has taken the hearing
    // (its database lease is the proof; a database that does not answer is no proof of that).
    recording.fenceWith(async () => {
      const current = await ctx.store.leases.current(hearingId).catch(() => undefined);
      return current === undefined || (current.holder === live.fence.holder && current.epoch === live.fence.epoch);
    });
  }
  if (live.leaving) {
    // The hearing left this server while its recording was being set up: the next holder records.
    recording.abandon();
    throw new Error('the hearing left this server while its recording was starting');
  }
  live.recording = recording;
  // A recorder or media server that died leaves a gap: it goes into the record, and so into the minutes.
  recording.on('gap', (gap) => {
    if (!gap.fault) return;
    void recordBySystem(ctx, hearingId, [
      { type: 'recording.gap', data: { recordingId, trackId: gap.trackId, participantId: gap.participantId, from: gap.from, to: gap.to, cause: gap.cause } },
    ]).catch((err: unknown) => ctx.log.error({ err, hearingId }, 'could not record a gap in the recording'));
  });
  recording.on('problem', (message, err) => ctx.log.warn({ err, hearingId }, message));
  recording.on('segment', (segment) => ctx.meter?.segmentWritten(segment));
  // A track that stops reaching the disk is in the record at once, and so on every page's mark and
  // the judge's console; the cause in the log carries the error, the record only its kind.
  recording.on('track-state', (report) => {
    if (report.cause)
      ctx.log.error(
        { hearingId, trackId: report.trackId, source: report.source, cause: report.cause, detail: report.detail },
        'a recorded track is not reaching the disk',
      );
    else ctx.log.info({ hearingId, trackId: report.trackId }, 'a recorded track reaches the disk again');
    const entry: Decided = report.cause
      ? {
          type: 'recording.interrupted',
          data: { recordingId, trackId: report.trackId, participantId: report.participantId, source: report.source, cause: report.cause },
        }
      : { type: 'recording.resumed', data: { recordingId, trackId: report.trackId } };
    void recordBySystem(ctx, hearingId, [entry]).catch((err: unknown) => ctx.log.error({ err, hearingId }, 'could not record a recording interruption'));
  });
  watchDisk(ctx, live, recordingId);
  return recording;
}

/**
 * Checks the recording disk while this recording runs and warns the court, through the record, before
 * it is full: below twice the readiness minimum, or with less than WARN_MINUTES_LEFT at the rate it
 * fills (a full disk stops every track at once). Ends by itself with the recording.
 */
function watchDisk(ctx: SignalingContext, live: LiveHearing, recordingId: string): void {
  const setup = ctx.recordingSetup!;
  const hearingId = live.id;
  const recording = live.recording;
  const watch = new DiskWatch(setup.minimumFreeMb * 2);
  const timer = setInterval(() => {
    if (live.recording !== recording) return void clearInterval(timer);
    void freeMegabytes(setup.dir)
      .then(async (freeMb) => {
        const change = watch.check(freeMb);
        if (!change) return;
        if (change.low) ctx.log.warn({ hearingId, freeMb: change.freeMb, minutesLeft: change.minutesLeft }, 'the recording disk is running out');
        await recordBySystem(ctx, hearingId, [
          change.low
            ? { type: 'recording.disk_low', data: { recordingId, freeMb: change.freeMb, minutesLeft: change.minutesLeft } }
            : { type: 'recording.disk_ok', data: { recordingId, freeMb: change.freeMb } },
        ]);
      })
      .catch((err: unknown) => ctx.log.error({ err, hearingId }, 'could not check the recording disk'));
  }, setup.diskCheckSeconds * 1000);
  timer.unref();
}

/**
 * Holds every track whose participant may not be recorded now, lets the others through, and starts
 * a track for every stream that may be recorded and is not yet. Run after every decision of the court
 * and for every new stream, before anyone is shown the court's new state.
 */
export async function enforceRecording(ctx: SignalingContext, live: LiveHearing): Promise<void> {
  const { recording, court, id: hearingId } = live;
  if (!recording) return;
  const allowed = (participantId: string, kind: 'audio' | 'video') => {
    const participant = ctx.presence.get(hearingId, participantId)?.participant;
    return participant !== undefined && mayRecord(court.state, participant, kind);
  };
  await recording.enforce(allowed);
  const media = await ctx.sfu.existing(hearingId);
  if (!media) return;
  for (const producer of media.producers()) {
    const source = producer.source;
    // The floor's streams; an interpreter's channel and booth line are not a participant's own track.
    if (source !== 'microphone' && source !== 'camera' && source !== 'screen') continue;
    if (!recording.isRecording(producer.producerId) && allowed(producer.participantId, producer.kind))
      follow(ctx, recording, media.router, { ...producer, source });
  }
  // Each interpretation channel is a track of its own, following whichever interpreter is live in it.
  for (const channel of media.channels()) {
    const live = channel.producers.find((p) => p.live);
    if (live && !recording.isRecording(live.producerId) && allowed(live.participantId, 'audio')) {
      follow(ctx, recording, media.router, {
        producerId: live.producerId,
        participantId: live.participantId,
        source: 'interpretation',
        channel: channel.channel,
        codec: live.codec,
      });
    }
  }
}

/** Records a stream in its participant's track for that source (the same track across reconnections and new routers). */
function follow(
  ctx: SignalingContext,
  recording: Recording,
  router: Parameters<Recording['follow']>[0]['router'],
  producer: Pick<ProducerInfo, 'producerId' | 'participantId' | 'codec'> & { source: 'microphone' | 'camera' | 'screen' | 'interpretation'; channel?: string },
): void {
  const participant = ctx.presence.get(recording.snapshot().hearingId, producer.participantId)?.participant;
  if (!participant) return;
  recording
    .follow({
      router,
      producerId: producer.producerId,
      participantId: participant.id,
      role: participant.role,
      source: producer.source,
      codec: producer.codec,
      ...(producer.channel ? { channel: producer.channel } : {}),
    })
    .catch((err: unknown) =>
      ctx.log.error({ err, hearingId: participant.hearingId, participantId: participant.id, source: producer.source }, 'a stream could not be recorded'),
    );
}

/** Stops the hearing's recording, signs its final manifest, and anchors that manifest's hash in the record. */
export async function stopRecording(ctx: SignalingContext, hearingId: string): Promise<void> {
  const live = ctx.hearings.get(hearingId);
  const recording = live?.recording;
  if (!live || !recording) return;
  live.recording = undefined;
  const manifest = await recording.stop();
  const signature = recording.lastSignature!;
  await recordBySystem(ctx, hearingId, [
    {
      type: 'recording.sealed',
      data: {
        recordingId: manifest.recordingId,
        manifestSha256: signature.sha256,
        keyId: signature.keyId,
        complete: manifest.status === 'complete',
        tracks: manifest.tracks.length,
        segments: manifest.tracks.reduce((n, t) => n + t.segments.length, 0),
        coverage: sealedCoverage(
          manifest.tracks,
          manifest.tracks.map((track) => trackCoverage(track)),
        ),
      },
    },
  ]);
}

/** The coverage of each track as `recording.sealed` carries it. */
function sealedCoverage(
  tracks: readonly { trackId: string; participantId: string; source: 'microphone' | 'camera' | 'screen' | 'interpretation' }[],
  coverage: readonly TrackCoverage[],
) {
  return tracks.map((track, i) => {
    const c = coverage[i]!;
    return {
      trackId: track.trackId,
      participantId: track.participantId,
      source: track.source,
      recordedSeconds: c.recordedSeconds,
      spanSeconds: c.spanSeconds,
      declaredSeconds: c.declaredSeconds,
      holeSeconds: Math.round(c.holes.reduce((sum, h) => sum + h.seconds, 0) * 1000) / 1000,
    };
  });
}

/**
 * How long the server may have been down for it to resume a recording by itself: within it, the
 * hearing is still going on and its people come back by themselves; after it, nobody is left to
 * record, and the judge starts again if the hearing goes on.
 */
const RESUME_WITHIN_MS = 15 * 60_000;

/**
 * A hearing loaded after this server started, whose record shows it in session: the server stopped
 * under it. The record says so (`server.restarted`, from its last entry to this start); a recording
 * the record shows running, with no recorder in this process, was cut short: its orphaned recorders
 * are stopped, its leftovers sealed, and the record says it stopped (`server_failed`) and anchors
 * its last signed manifest with what it holds. The court ordered a recording and no court decision
 * ended it, so the server then resumes it on the same legal basis in a new recording whose signed
 * manifest names the one cut short; where it cannot (the server was down too long, the disk has no
 * room, the recording cannot start), the judge is told nothing is recorded and may start it again.
 * Written straight into the record, in order, while the court is being loaded, so nobody is ever
 * shown "Recording" over nothing.
 */
export async function recoverAfterRestart(
  ctx: SignalingContext,
  live: LiveHearing,
  lastEntryAt: string | undefined,
  movedFrom?: { server: string; planned: boolean },
): Promise<void> {
  const { state, id: hearingId } = live;
  const inSession = state.phase === 'live' || state.phase === 'open';
  const cutShort = state.recording !== null && !live.recording ? state.recording : null;
  const moved = inSession && lastEntryAt !== undefined && movedFrom !== undefined;
  const restarted = !moved && inSession && lastEntryAt !== undefined && lastEntryAt < ctx.startedAt;
  if (!cutShort && !moved && !restarted) return;
  const events: Decided[] = [];
  if (moved) {
    events.push({
      type: 'hearing.moved',
      data: {
        fromServer: movedFrom.server,
        toServer: ctx.nodeId,
        epoch: live.fence.epoch,
        planned: movedFrom.planned,
        lastEntryAt,
        movedAt: new Date().toISOString(),
      },
    });
  }
  if (restarted) events.push({ type: 'server.restarted', data: { lastEntryAt, restartedAt: ctx.startedAt } });
  if (cutShort) {
    events.push({ type: 'recording.stopped', data: { recordingId: cutShort.recordingId, cause: movedFrom ? 'server_moved' : 'server_failed' } });
    const setup = ctx.recordingSetup;
    const dir = setup ? join(setup.dir, cutShort.recordingId) : undefined;
    const closed =
      setup && dir && (await isCutShort(dir))
        ? await closeCutShort(dir, setup.recordingKey).catch((err: unknown) => {
            ctx.log.error({ err, hearingId, recordingId: cutShort.recordingId }, 'a recording cut short could not be closed');
            return undefined;
          })
        : undefined;
    if (closed) {
      ctx.log.warn(
        { hearingId, recordingId: cutShort.recordingId, reaped: closed.reaped, sealed: closed.sealed },
        'a recording cut short by the server stopping was closed',
      );
      events.push({
        type: 'recording.sealed',
        data: {
          recordingId: cutShort.recordingId,
          manifestSha256: closed.manifestSha256,
          keyId: closed.keyId,
          complete: false,
          tracks: closed.manifest.tracks.length,
          segments: closed.manifest.tracks.reduce((n, t) => n + t.segments.length, 0),
          coverage: sealedCoverage(closed.manifest.tracks, closed.coverage),
        },
      });
      // Cut when the last of its media was signed, or the record last heard from the hearing, whichever is later.
      const lastMedia = closed.manifest.tracks
        .flatMap((t) => t.segments.flatMap((seg) => (seg.wallEnd ? [seg.wallEnd] : [])))
        .sort()
        .at(-1);
      const cutAt =
        [lastEntryAt, lastMedia]
          .filter((t): t is string => t !== undefined)
          .sort()
          .at(-1) ?? ctx.startedAt;
      const resumed = await resumeCutShort(ctx, live, cutShort, closed.manifestSha256, cutAt);
      if (resumed) events.push(resumed);
    }
  }
  try {
    await writeInQueue(ctx, live, null, events);
  } catch (error) {
    // Not in the record, so not running: the next load finds the recording cut short again and retries.
    // Nothing of it was recorded yet (no one is back), and a folder the record does not know would read as a recording.
    const resumed = live.recording;
    live.recording = undefined;
    if (resumed) {
      await resumed.stop().catch(() => undefined);
      await rm(resumed.dir, { recursive: true, force: true }).catch(() => undefined);
    }
    throw error;
  }
}

/**
 * Starts the recording that continues one cut short, if it may and can be: the entry that says so, or
 * undefined (and why in the log) when the judge must decide. The recording exists before its entry is
 * written, so the record never shows one running that could not start.
 */
async function resumeCutShort(
  ctx: SignalingContext,
  live: LiveHearing,
  cutShort: { recordingId: string; legalBasis: string },
  manifestSha256: string,
  cutAt: string,
): Promise<Decided | undefined> {
  const setup = ctx.recordingSetup!;
  const hearingId = live.id;
  const downMs = Date.parse(ctx.startedAt) - Date.parse(cutAt);
  const refuse = (reason: string, extra: Record<string, unknown> = {}) => {
    ctx.log.warn(
      { hearingId, recordingId: cutShort.recordingId, ...extra },
      `a recording cut short was not resumed: ${reason}; the judge is told to start it again`,
    );
    return undefined;
  };
  if (!(downMs <= RESUME_WITHIN_MS)) return refuse('the server was down too long', { downSeconds: Math.round(downMs / 1000) });
  const freeMb = await freeMegabytes(setup.dir).catch(() => undefined);
  if (freeMb === undefined || freeMb < setup.minimumFreeMb) return refuse('the recording disk has no room', { freeMb });
  const recordingId = randomUUID();
  try {
    await openRecording(ctx, live, recordingId, cutShort.legalBasis, { recordingId: cutShort.recordingId, manifestSha256 });
  } catch (err) {
    await rm(join(setup.dir, recordingId), { recursive: true, force: true }).catch(() => undefined);
    return refuse('it could not start', { err });
  }
  ctx.log.warn({ hearingId, recordingId, continues: cutShort.recordingId }, 'a recording cut short by the server stopping was resumed');
  return {
    type: 'recording.started',
    data: { recordingId, legalBasis: cutShort.legalBasis, continues: { recordingId: cutShort.recordingId, manifestSha256, cutAt } },
  };
}

/**
 * At start: every recording folder whose manifest is still marked as recording belongs to a hearing
 * the server was recording when it stopped. Its court is loaded now, which closes it (above), rather
 * than when someone next connects.
 */
export async function recoverCutShortRecordings(ctx: SignalingContext, load: (hearingId: string) => Promise<unknown>): Promise<void> {
  const setup = ctx.recordingSetup;
  if (!setup) return;
  for (const name of await readdir(setup.dir).catch(() => [] as string[])) {
    const manifest = await isCutShort(join(setup.dir, name)).catch(() => undefined);
    if (!manifest) continue;
    await load(manifest.hearingId).catch((err: unknown) => ctx.log.error({ err, recordingId: name }, 'a recording cut short could not be recovered'));
  }
}

/** What the recorder itself reports goes into the record in the court's queue, so no decision races it. */
export async function recordBySystem(ctx: SignalingContext, hearingId: string, events: Decided[]): Promise<void> {
  const live = await hearingOf(ctx, hearingId);
  await writeToRecord(ctx, live, null, events);
  // What the recorder reports changes the court's state (the recording's mark, the judge's notices): shown like any decision.
  broadcastState(ctx, hearingId, live.state, await participantsOf(ctx, hearingId));
}
