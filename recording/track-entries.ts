/**
 * How a track's entries in the manifest change as it is recorded: its stretches with nothing to
 * record (pauses), its recorder's runs, and its end.
 */
import type { Run, Track } from './manifest.js';

/** The most pauses one track lists (the manifest allows 10 000). */
const MAX_PAUSES = 9000;

/** A stretch with nothing to record begins (`paused`) or ends, for one cause. */
export function markPaused(track: Track, cause: string, paused: boolean, now: string): void {
  const pauses = (track.pauses ??= []);
  const open = pauses.find((p) => p.cause === cause && p.to === undefined);
  if (!paused && open) open.to = now;
  // A track paused and resumed without end is bounded: past the limit the last pause is reopened instead.
  else if (paused && !open) {
    const last = pauses.at(-1);
    if (pauses.length < MAX_PAUSES) pauses.push({ from: now, cause });
    else if (last?.cause === cause) delete last.to;
  }
}

/** A run of the track's recorder started, ended, or learned its timing. */
export function putRun(track: Track, run: Run): void {
  const runs = (track.runs ??= []);
  const at = runs.findIndex((r) => r.run === run.run);
  if (at === -1) runs.push(run);
  else runs[at] = run;
}

/** The track ended: so does every pause still open. */
export function endTrack(track: Track, endedAt: string): void {
  track.endedAt = endedAt;
  for (const pause of track.pauses ?? []) pause.to ??= endedAt;
}
