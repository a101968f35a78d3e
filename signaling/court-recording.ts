import { join } from 'node:path';
import { mayRecord } from '../courtroom/index.js';
import { DiskWatch, freeMegabytes, Recording, trackCoverage, type TrackCoverage } from '../recording/index.js';
import type { Decided } from '../courtroom/index.js';
import type { Hearing } from '../scheduling/index.js';
import type { ProducerInfo } from '../sfu/index.js';
import type { SignalingContext } from './context.js';

export type { RecordingSetup } from './context.js';
import { broadcastState } from './court-broadcast.js';
import { hearingOf, participantsOf } from './courts.js';
import type { LiveHearing } from './live-hearing.js';
import { writeToRecord } from './record-writer.js';

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
export async function openRecording(
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
export function sealedCoverage(
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

/** What the recorder itself reports goes into the record in the court's queue, so no decision races it. */
export async function recordBySystem(ctx: SignalingContext, hearingId: string, events: Decided[]): Promise<void> {
  const live = await hearingOf(ctx, hearingId);
  await writeToRecord(ctx, live, null, events);
  // What the recorder reports changes the court's state (the recording's mark, the judge's notices): shown like any decision.
  broadcastState(ctx, hearingId, live.state, await participantsOf(ctx, hearingId));
}
