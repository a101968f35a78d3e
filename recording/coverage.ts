/**
 * How much of a track reached the disk, on the server's clock: the stretches of playable media each
 * segment holds (media-probe.ts), placed on the wall clock from the segment's own wall start, against
 * the track's span (its first media to its end). What is not covered is either declared — a gap
 * between runs with its cause, or a pause (the participant stopped sending, or the court held the
 * stream for a private consultation) — or a hole, which nothing in the recording explains. The
 * verifier reports both; a hole is never called complete.
 */
import type { Track } from './manifest.js';

/** A stretch shorter than this is not a hole: a keyframe awaited at a run's start, the last packets at its stop. */
export const HOLE_TOLERANCE_S = 3;

export interface Stretch {
  from: string;
  to: string;
  seconds: number;
}

export interface TrackCoverage {
  trackId: string;
  /** From the track's first media to its end (or its last segment, while it records). */
  spanSeconds: number;
  /** Seconds of playable media that reached the disk. */
  recordedSeconds: number;
  /** Seconds not recorded for a stated reason: gaps between runs, pauses. */
  declaredSeconds: number;
  /** Stretches that hold no media and no reason: never complete. */
  holes: Stretch[];
  /** Whether every segment's media was measured from the file (older recordings list times only). */
  measured: boolean;
}

type Interval = [number, number];

/** The union of intervals, sorted and merged. */
function union(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const merged: Interval[] = [];
  for (const [a, b] of sorted) {
    const last = merged.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

const within = (intervals: Interval[], [from, to]: Interval): Interval[] =>
  intervals.map(([a, b]): Interval => [Math.max(a, from), Math.min(b, to)]).filter(([a, b]) => b > a);
const total = (intervals: Interval[]) => intervals.reduce((sum, [a, b]) => sum + (b - a), 0);
const seconds = (ms: number) => Math.round(ms) / 1000;

export function trackCoverage(track: Track, now = Date.now()): TrackCoverage {
  let measured = true;
  const recorded: Interval[] = [];
  for (const segment of track.segments) {
    if (!segment.wallStart) continue;
    const base = Date.parse(segment.wallStart) - segment.startTime * 1000;
    if (segment.media) {
      for (const [a, b] of segment.media.stretches) recorded.push([base + a * 1000, base + b * 1000]);
    } else {
      measured = false;
      recorded.push([Date.parse(segment.wallStart), Date.parse(segment.wallEnd ?? segment.wallStart)]);
    }
  }
  const declared = [...(track.gaps ?? []), ...(track.pauses ?? [])].map((g): Interval => [Date.parse(g.from), Date.parse(g.to ?? new Date(now).toISOString())]);
  const start = Date.parse(track.startedAt);
  const lastMedia = Math.max(start, ...recorded.map(([, b]) => b));
  const end = track.endedAt ? Date.parse(track.endedAt) : lastMedia;
  const span: Interval = [start, Math.max(start, end)];
  const recordedIn = union(within(recorded, span));
  const declaredIn = within(union(declared), span);
  // Declared time that media also covers is counted once, as recorded.
  const explained = union([...recordedIn, ...declaredIn]);
  const holes: Stretch[] = [];
  let cursor = span[0];
  for (const [a, b] of [...explained, [span[1], span[1]] as Interval]) {
    if (a - cursor > HOLE_TOLERANCE_S * 1000) holes.push({ from: new Date(cursor).toISOString(), to: new Date(a).toISOString(), seconds: seconds(a - cursor) });
    cursor = Math.max(cursor, b);
  }
  return {
    trackId: track.trackId,
    spanSeconds: seconds(span[1] - span[0]),
    recordedSeconds: seconds(total(recordedIn)),
    declaredSeconds: seconds(total(explained) - total(recordedIn)),
    holes,
    measured,
  };
}

/** A coverage in words: "28.1 of 30.0 s recorded, 1.5 s declared, holes: none". */
export function describeCoverage(c: TrackCoverage): string {
  const holes =
    c.holes.length === 0
      ? 'no hole'
      : `${c.holes.length} hole(s) nothing explains: ${c.holes.map((h) => `${h.from} to ${h.to} (${h.seconds.toFixed(1)} s)`).join(', ')}`;
  return `${c.recordedSeconds.toFixed(1)} of ${c.spanSeconds.toFixed(1)} s recorded, ${c.declaredSeconds.toFixed(1)} s not recorded for a stated reason, ${holes}${c.measured ? '' : ' (times as listed; the media was not measured)'}`;
}
