/**
 * What stands against holding a hearing or its test at a given time, in words a coordinator can act
 * on: the past, a site closed or on holiday, a room or person booked (buffers included). Another
 * hearing is named by its case reference only to a coordinator whose authority is party to it.
 */
import type { Store } from '../store/index.js';
import { MINUTE, type Actor } from './coordinator-input.js';
import { outsideOpening } from './calendar.js';
import { SchedulingError, said, type BookingConflict, type Said } from './errors.js';
import type { HearingRequest, TimeWindow } from './request.js';
import type { Sites } from './sites.js';
import { occupation } from './slots.js';
import { epochMinutes } from './time.js';
import { describeConflict, type ConflictContext } from './words.js';

/**
 * Everything that stands against holding `purpose` at `slot`: the past, either site closed or on
 * holiday, any resource booked (buffers included). Empty when the slot works.
 */
export async function slotProblems(
  store: Store,
  now: () => Date,
  actor: Actor,
  request: HearingRequest,
  slot: TimeWindow,
  buffer: number,
  sites: Sites,
  purpose: 'hearing' | 'test',
  ignoreHearingId?: string,
): Promise<Said[]> {
  const problems: Said[] = [];
  if (Date.parse(slot.start) <= now().getTime()) problems.push(said('api.past'));
  const from = epochMinutes(slot.start);
  const to = Math.ceil(Date.parse(slot.end) / MINUTE);
  for (const site of [sites.requesting, sites.requested]) {
    const why = outsideOpening(site, from, to);
    if (why) problems.push(why);
  }
  const [occFrom, occTo] = occupation(from, to, buffer);
  const conflicts = (await store.bookings.overlapping(request.resourceIds, occFrom, occTo)).filter(
    (c) => c.hearingId !== ignoreHearingId && !(c.hearingId === request.hearingId && c.purpose === purpose),
  );
  const context = await conflictContext(
    store,
    actor,
    conflicts.map((c) => c.hearingId),
    request.resourceIds,
    sites,
  );
  problems.push(...conflicts.map((c) => describeConflict(c, context)));
  return problems;
}

/** A booking the store refused because someone else booked meanwhile, as the coordinator is told of it. */
export async function conflictError(store: Store, actor: Actor, error: BookingConflict, sites: Sites): Promise<SchedulingError> {
  if (error.conflicts.length === 0) {
    return new SchedulingError('slot_conflict', said('api.bookedMeanwhile'));
  }
  const context = await conflictContext(
    store,
    actor,
    error.conflicts.map((c) => c.hearingId),
    error.conflicts.map((c) => c.resourceId),
    sites,
  );
  return new SchedulingError(
    'slot_conflict',
    said('api.noLongerFree'),
    undefined,
    error.conflicts.map((c) => describeConflict(c, context)),
  );
}

/** What the words of a conflict may say to this coordinator: the resources' names, the cases they may see, the times in both zones, theirs first. */
async function conflictContext(
  store: Store,
  actor: Actor,
  hearingIds: readonly string[],
  resourceIds: readonly string[],
  sites: Sites,
): Promise<ConflictContext> {
  const resources = await store.authorities.resources(resourceIds);
  const visibleCases = new Map<string, string>();
  for (const id of new Set(hearingIds)) {
    const other = await store.requests.get(id);
    if (other && (other.requestingAuthorityId === actor.authorityId || other.requestedAuthorityId === actor.authorityId))
      visibleCases.set(id, other.caseReference);
  }
  const viewerFirst = actor.authorityId === sites.requested.id ? [sites.requested, sites.requesting] : [sites.requesting, sites.requested];
  return {
    resources: new Map(resources.map((r) => [r.id, r])),
    authorities: new Map([sites.requesting, sites.requested].map((a) => [a.id, a])),
    visibleCases,
    zones: viewerFirst.map((a) => a.timeZone),
  };
}
