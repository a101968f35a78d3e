/**
 * The slot finder over what the store knows: the request's windows (or the one a coordinator asks
 * about), both sites' opening hours, the bookings of every resource, and the interpreters either
 * authority has for the language pair when none is booked yet. The search itself is slots.ts's.
 */
import type { Store } from '../store/index.js';
import { coversPair } from './authority.js';
import { MINUTE } from './coordinator-input.js';
import { SchedulingError, said } from './errors.js';
import { languagePair, type HearingRequest } from './request.js';
import { bufferOf, type Sites } from './sites.js';
import { findSlots } from './slots.js';
import { epochMinutes, utcIso } from './time.js';

export interface SlotSearch {
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/**
 * The earliest slots for the request: inside its proposed windows (or the window given), both sites
 * open, every resource free with buffers, and an interpreter for the language pair when one is needed.
 */
export async function searchSlots(
  store: Store,
  now: () => Date,
  request: HearingRequest,
  sites: Sites,
  options: SlotSearch,
): Promise<{ start: string; end: string; interpreterId: string | null }[]> {
  const buffer = bufferOf(sites);
  const nowMin = Math.ceil(now().getTime() / MINUTE);
  const windows: [number, number][] =
    options.from && options.to
      ? [[epochMinutes(options.from), epochMinutes(options.to)]]
      : request.proposedWindows.map((w) => [epochMinutes(w.start), epochMinutes(w.end)]);
  const clipped = windows.map(([a, b]) => [Math.max(a, nowMin), b] as [number, number]).filter(([a, b]) => a < b);
  const pair = languagePair(request.details);
  const resources = await store.authorities.resources(request.resourceIds);
  const hasInterpreter = pair !== null && resources.some((r) => coversPair(r, pair));
  const interpreterCandidates =
    pair && !hasInterpreter
      ? [...(await store.authorities.resourcesOf(request.requestingAuthorityId)), ...(await store.authorities.resourcesOf(request.requestedAuthorityId))]
          .filter((r) => coversPair(r, pair))
          .map((r) => r.id)
      : [];
  if (pair && !hasInterpreter && interpreterCandidates.length === 0) {
    throw new SchedulingError('slot_conflict', said('api.noInterpreter', { pair: pair.join('–') }));
  }
  const span: [number, number] = [Math.min(...clipped.map((w) => w[0])) - 24 * 60, Math.max(...clipped.map((w) => w[1])) + 24 * 60];
  // Our own bookings (an agreed slot being moved) do not stand in our way.
  const busy =
    clipped.length === 0 ? new Map() : await store.bookings.busy([...request.resourceIds, ...interpreterCandidates], span[0], span[1], request.hearingId);
  const found = findSlots({
    sites: [sites.requesting, sites.requested],
    durationMinutes: request.durationMinutes,
    bufferMinutes: buffer,
    windows: clipped,
    required: request.resourceIds,
    anyOf: interpreterCandidates.length > 0 ? [{ label: 'interpreter', candidates: interpreterCandidates }] : [],
    busy,
    limit: options.limit,
  });
  return found.map((slot) => ({ start: utcIso(slot.startMin * MINUTE), end: utcIso(slot.endMin * MINUTE), interpreterId: slot.chosen.interpreter ?? null }));
}
