/**
 * The court's recording, carried out: `recording.started` creates the hearing's `Recording` and
 * follows every stream there is and every one that appears later; after every decision of the court
 * each track is held or let through by `mayRecord` (never a private consultation, never the waiting
 * room); `recording.stopped` finalises the manifest and writes its hash into the record
 * (`recording.sealed`), so the recording is anchored in the hash-chained record and the minutes.
 */
import { join } from 'node:path';
import type { MinutesSigner } from '../record/index.js';
import { mayRecord, Recording, type RecordingKey, type TimestampAuthority } from '../recording/index.js';
import type { Decided } from '../courtroom/index.js';
import type { Hearing } from '../scheduling/index.js';
import type { ProducerInfo } from '../sfu/index.js';
import type { SignalingContext } from './context.js';
import { courtOf } from './courtroom-handlers.js';

export interface RecordingSetup {
  /** Each recording is written to `<dir>/<recording id>`. */
  dir: string;
  segmentSeconds: number;
  /** The requested authority's key: it signs every manifest, as it signs the minutes. */
  signer: MinutesSigner;
  /** Wraps each recording's own data key: segments are encrypted at rest. */
  recordingKey: RecordingKey;
  /** Time-stamps each manifest, when the court has an RFC 3161 authority. */
  timestampAuthority?: TimestampAuthority;
  ffmpegPath?: string;
}

/** Starts the recording the court has just recorded as started, and follows what the hearing sends. */
export async function startRecording(ctx: SignalingContext, hearing: Hearing, recordingId: string, legalBasis: string): Promise<void> {
  const setup = ctx.recordingSetup;
  if (!setup) throw new Error('this server has no recording set up');
  try {
    const recording = await Recording.start(
      { dir: join(setup.dir, recordingId), hearingId: hearing.id, recordingId, legalBasis, segmentSeconds: setup.segmentSeconds, ...(setup.ffmpegPath ? { ffmpegPath: setup.ffmpegPath } : {}) },
      setup.signer,
      setup.recordingKey,
      setup.timestampAuthority,
    );
    ctx.recordings.set(hearing.id, recording);
    // A recorder or media server that died leaves a gap: it goes into the record, and so into the minutes.
    recording.on('gap', (gap) => {
      if (!gap.fault) return;
      void recordBySystem(ctx, hearing.id, [
        { type: 'recording.gap', data: { recordingId, trackId: gap.trackId, participantId: gap.participantId, from: gap.from, to: gap.to, cause: gap.cause } },
      ]).catch((err: unknown) => ctx.log.error({ err, hearingId: hearing.id }, 'could not record a gap in the recording'));
    });
    recording.on('problem', (message, err) => ctx.log.warn({ err, hearingId: hearing.id }, message));
  } catch (error) {
    // The court ordered a recording that cannot be made: the record says so, and nobody sees an indicator that lies.
    await recordBySystem(ctx, hearing.id, [{ type: 'recording.stopped', data: { recordingId, cause: 'failed' } }]);
    throw error;
  }
  await enforceRecording(ctx, hearing.id);
}

/**
 * Holds every track whose participant may not be recorded now, lets the others through, and starts
 * a track for every stream that may be recorded and is not yet. Run after every decision of the court
 * and for every new stream, before anyone is shown the court's new state.
 */
export async function enforceRecording(ctx: SignalingContext, hearingId: string): Promise<void> {
  const recording = ctx.recordings.get(hearingId);
  const court = ctx.loadedCourts.get(hearingId);
  if (!recording || !court) return;
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
    if (!recording.isRecording(producer.producerId) && allowed(producer.participantId, producer.kind)) follow(ctx, recording, media.router, { ...producer, source });
  }
  // Each interpretation channel is a track of its own, following whichever interpreter is live in it.
  for (const channel of media.channels()) {
    const live = channel.producers.find((p) => p.live);
    if (live && !recording.isRecording(live.producerId) && allowed(live.participantId, 'audio')) {
      follow(ctx, recording, media.router, { producerId: live.producerId, participantId: live.participantId, source: 'interpretation', channel: channel.channel });
    }
  }
}

/** Records a stream in its participant's track for that source (the same track across reconnections and new routers). */
function follow(ctx: SignalingContext, recording: Recording, router: Parameters<Recording['follow']>[0]['router'], producer: Pick<ProducerInfo, 'producerId' | 'participantId'> & { source: 'microphone' | 'camera' | 'screen' | 'interpretation'; channel?: string }): void {
  const participant = ctx.presence.get(recording.snapshot().hearingId, producer.participantId)?.participant;
  if (!participant) return;
  recording
    .follow({ router, producerId: producer.producerId, participantId: participant.id, role: participant.role, source: producer.source, ...(producer.channel ? { channel: producer.channel } : {}) })
    .catch((err: unknown) => ctx.log.error({ err, hearingId: participant.hearingId, participantId: participant.id, source: producer.source }, 'a stream could not be recorded'));
}

/** Stops the hearing's recording, signs its final manifest, and anchors that manifest's hash in the record. */
export async function stopRecording(ctx: SignalingContext, hearingId: string): Promise<void> {
  const recording = ctx.recordings.get(hearingId);
  if (!recording) return;
  ctx.recordings.delete(hearingId);
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
      },
    },
  ]);
}

/** What the recorder itself reports goes into the record in the court's queue, so no decision races it. */
export async function recordBySystem(ctx: SignalingContext, hearingId: string, events: Decided[]): Promise<void> {
  const session = await courtOf(ctx, hearingId);
  await session.run(async () => {
    const written = await ctx.store.events.appendAll(hearingId, events.map((e) => ({ type: e.type, actorId: null, data: e.data })));
    for (const entry of written) session.record(entry);
  });
}
