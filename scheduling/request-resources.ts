/**
 * What a request books: the rooms, judges, interpreters and the person heard it names, each only by the
 * authority that has it, and the bookings that hold them (buffers included) for the hearing or its
 * test. An interpreter is booked only for the request's language pair, and then invited under it.
 */
import type { NewBooking, NewInvitedParticipant, Store } from '../store/index.js';
import { coversPair, type Resource } from './authority.js';
import { MINUTE, type Actor } from './coordinator-input.js';
import { SchedulingError, said } from './errors.js';
import { languagePair, type HearingRequest, type TimeWindow } from './request.js';
import { authorityOf } from './sites.js';
import { occupation } from './slots.js';
import { epochMinutes } from './time.js';

/** The resources, each refused unless the actor's authority has it and has not retired it. */
export async function ownResources(store: Store, actor: Actor, ids: readonly string[], field: string): Promise<Resource[]> {
  const resources = await store.authorities.resources(ids);
  for (const id of ids) {
    const resource = resources.find((r) => r.id === id);
    if (!resource || resource.authorityId !== actor.authorityId) {
      throw new SchedulingError('invalid_input', said('api.notYourResource', { field, id }), field);
    }
    // Retired: no longer booked, though the hearings that had it still name it.
    if (resource.retiredAt !== null) throw new SchedulingError('invalid_input', said('api.resourceRetired', { field, name: resource.name }), field);
  }
  return resources;
}

export function bookingsFor(resourceIds: readonly string[], slot: TimeWindow, buffer: number, purpose: 'hearing' | 'test'): NewBooking[] {
  const [occupiedFrom, occupiedTo] = occupation(epochMinutes(slot.start), Math.ceil(Date.parse(slot.end) / MINUTE), buffer);
  return resourceIds.map((resourceId) => ({ resourceId, purpose, start: slot.start, end: slot.end, occupiedFrom, occupiedTo }));
}

/** The test connection needs the rooms and the interpreters, not the judge or the person heard. */
export async function testResources(store: Store, request: HearingRequest): Promise<string[]> {
  const resources = await store.authorities.resources(request.resourceIds);
  return resources.filter((r) => r.kind === 'room' || r.kind === 'interpreter').map((r) => r.id);
}

/** The interpreter proposed with a slot, refused unless a party to the request has them and they cover its language pair. */
export async function interpreterFor(store: Store, request: HearingRequest, interpreterId: string): Promise<string> {
  const [interpreter] = await store.authorities.resources([interpreterId]);
  const pair = languagePair(request.details);
  const party = interpreter && (interpreter.authorityId === request.requestingAuthorityId || interpreter.authorityId === request.requestedAuthorityId);
  if (!interpreter || !party || !pair || !coversPair(interpreter, pair)) {
    throw new SchedulingError(
      'invalid_input',
      pair ? said('api.notInterpreterFor', { field: 'interpreterId', pair: pair.join('–') }) : said('api.notInterpreter', { field: 'interpreterId' }),
      'interpreterId',
    );
  }
  return interpreter.id;
}

/** The booked interpreters not yet among the hearing's participants, as they are to be invited. */
export async function interpreterPeople(store: Store, request: HearingRequest): Promise<NewInvitedParticipant[]> {
  const present = new Set((await store.requests.people(request.hearingId)).filter((p) => p.role === 'interpreter').map((p) => p.displayName));
  const interpreters = (await store.authorities.resources(request.resourceIds)).filter((r) => r.kind === 'interpreter' && !present.has(r.name));
  const zones = new Map(
    (await Promise.all([request.requestingAuthorityId, request.requestedAuthorityId].map((id) => authorityOf(store, id)))).map((a) => [a.id, a.timeZone]),
  );
  // In the hearing the interpreter renders the court's language into the person's: their channel.
  const pair = languagePair(request.details);
  return interpreters.map((r) => ({
    displayName: r.name,
    role: 'interpreter' as const,
    capacity: null,
    authorityId: r.authorityId,
    email: r.email,
    timeZone: zones.get(r.authorityId) ?? 'UTC',
    language: request.details.hearingLanguage,
    interprets: pair ? { from: pair[0], into: pair[1] } : null,
  }));
}
