/**
 * A recording the server was writing when it stopped (or when another server took the hearing):
 * found when the hearing is loaded again, closed as cut short and anchored in the record, and resumed
 * on the same legal basis in a new recording that names it — or the judge told nothing is recorded.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { readdir, rm } from 'node:fs/promises';
import type { Decided } from '../courtroom/index.js';
import { closeCutShort, freeMegabytes, isCutShort } from '../recording/index.js';
import type { SignalingContext } from './context.js';
import { openRecording, sealedCoverage } from './court-recording.js';
import type { LiveHearing } from './live-hearing.js';
import { writeInQueue } from './record-writer.js';

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
