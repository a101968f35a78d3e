/**
 * Finding a slot: the earliest starts, on a quarter-hour grid, when both sites are open (working hours,
 * off holidays), inside the agreed windows, and every required resource is free including the buffers
 * around it. Pure and synchronous: the caller loads the busy times once, so a search over a month
 * against 100,000 bookings stays in milliseconds.
 *
 * Occupation is counted in quarter-hour buckets, the same unit the store's unique constraint uses to
 * make double-booking impossible: a booking occupies [floor(start − buffer), ceil(end + buffer)).
 */
import { intersect, openIntervals, type Interval } from './calendar.js';
import type { Authority } from './authority.js';

export const BUCKET_MINUTES = 15;

/** The quarter hours a booking holds, buffers included, in epoch minutes [from, to). */
export function occupation(startMin: number, endMin: number, bufferMinutes: number): Interval {
  const from = Math.floor((startMin - bufferMinutes) / BUCKET_MINUTES) * BUCKET_MINUTES;
  const to = Math.ceil((endMin + bufferMinutes) / BUCKET_MINUTES) * BUCKET_MINUTES;
  return [from, to];
}

/** Busy occupations of one resource, sorted by start and not overlapping (the store guarantees it). */
export type BusyList = readonly Interval[];

/** The first busy occupation that overlaps [from, to), by binary search; null when free. */
export function firstOverlap(busy: BusyList, from: number, to: number): Interval | null {
  let lo = 0;
  let hi = busy.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (busy[mid]![1] <= from) lo = mid + 1;
    else hi = mid;
  }
  const candidate = busy[lo];
  return candidate && candidate[0] < to ? candidate : null;
}

export interface SlotQuery {
  sites: readonly [Pick<Authority, 'timeZone' | 'workingHours' | 'holidays'>, Pick<Authority, 'timeZone' | 'workingHours' | 'holidays'>];
  durationMinutes: number;
  bufferMinutes: number;
  /** Where to look, epoch minutes; several windows are searched in order. */
  windows: readonly Interval[];
  /** Resources that must all be free. */
  required: readonly string[];
  /** Groups of which one member must be free (e.g. any interpreter for the pair); the first free is chosen. */
  anyOf?: readonly { label: string; candidates: readonly string[] }[];
  busy: ReadonlyMap<string, BusyList>;
  limit: number;
}

export interface FoundSlot {
  startMin: number;
  endMin: number;
  /** For each anyOf group, the resource chosen. */
  chosen: Record<string, string>;
}

export function findSlots(query: SlotQuery): FoundSlot[] {
  const found: FoundSlot[] = [];
  const { durationMinutes: duration, bufferMinutes: buffer } = query;
  const busyOf = (id: string): BusyList => query.busy.get(id) ?? [];
  for (const [windowFrom, windowTo] of [...query.windows].sort((a, b) => a[0] - b[0])) {
    const open = intersect(openIntervals(query.sites[0], windowFrom, windowTo), openIntervals(query.sites[1], windowFrom, windowTo));
    for (const [openFrom, openTo] of open) {
      let start = Math.ceil(openFrom / BUCKET_MINUTES) * BUCKET_MINUTES;
      while (start + duration <= openTo && found.length < query.limit) {
        const [occFrom, occTo] = occupation(start, start + duration, buffer);
        // The latest end among the conflicts tells how far to jump: no start before it can work.
        let blockedUntil: number | null = null;
        for (const id of query.required) {
          const hit = firstOverlap(busyOf(id), occFrom, occTo);
          if (hit) blockedUntil = Math.max(blockedUntil ?? 0, hit[1]);
        }
        const chosen: Record<string, string> = {};
        if (blockedUntil === null) {
          for (const group of query.anyOf ?? []) {
            let groupFreeAt: number | null = null;
            for (const id of group.candidates) {
              const hit = firstOverlap(busyOf(id), occFrom, occTo);
              if (!hit) {
                chosen[group.label] = id;
                break;
              }
              groupFreeAt = Math.min(groupFreeAt ?? Infinity, hit[1]);
            }
            if (!(group.label in chosen)) {
              blockedUntil = groupFreeAt ?? openTo;
              break;
            }
          }
        }
        if (blockedUntil === null) {
          found.push({ startMin: start, endMin: start + duration, chosen });
          start += duration + 2 * buffer;
        } else {
          start = Math.max(start + BUCKET_MINUTES, Math.ceil((blockedUntil + buffer) / BUCKET_MINUTES) * BUCKET_MINUTES);
        }
        start = Math.ceil(start / BUCKET_MINUTES) * BUCKET_MINUTES;
      }
      if (found.length >= query.limit) return found;
    }
  }
  return found;
}
