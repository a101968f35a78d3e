/**
 * Where each recorded track is at a moment of the recording: the segment that covers the moment and
 * the position in the track's file, or a gap (camera off, recorder restarted, not yet begun, ended).
 * Pure, so the page's sync rules are the same wherever they are asked.
 */
export interface TimelineSegment {
  mediaStart: number;
  duration: number;
  at: number;
}

/** Seconds into the track's file for recording time `t`, or null when the track has nothing there. */
export function mediaTimeAt(segments: readonly TimelineSegment[], t: number): number | null {
  for (const s of segments) {
    if (t >= s.at && t < s.at + s.duration) return s.mediaStart + (t - s.at);
  }
  return null;
}

/** How far an element may wander from where it should be before it is put back (seconds). */
export const DRIFT_TOLERANCE = 0.1;

/** Whether an element at `current` must be re-seeked to be at `wanted`. */
export function drifted(current: number, wanted: number): boolean {
  return Math.abs(current - wanted) > DRIFT_TOLERANCE;
}
