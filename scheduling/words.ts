/**
 * Conflicts and times put into words for coordinators: which resource is taken, by what, when, at
 * both sites. Another authority's case reference is named only to coordinators who are party to it.
 */
import type { Authority, Resource } from './authority.js';
import { RESOURCE_KIND_LABELS } from './authority.js';
import type { ConflictingBooking } from './errors.js';
import { clockInZone, formatInZone } from './time.js';

export function intervalAtSites(start: string, end: string, zones: readonly string[], locale = 'en-GB'): string {
  return zones.map((zone) => `${formatInZone(start, zone, locale)}–${clockInZone(end, zone)} ${zone}`).join(' = ');
}

export interface ConflictContext {
  resources: ReadonlyMap<string, Resource>;
  authorities: ReadonlyMap<string, Authority>;
  /** Case references of the hearings the viewer may know about. */
  visibleCases: ReadonlyMap<string, string>;
  zones: readonly string[];
}

export function describeConflict(conflict: ConflictingBooking, context: ConflictContext): string {
  const resource = context.resources.get(conflict.resourceId);
  const owner = resource ? context.authorities.get(resource.authorityId) : undefined;
  const what = resource ? `${RESOURCE_KIND_LABELS[resource.kind]} "${resource.name}"${owner ? ` (${owner.name})` : ''}` : 'A required resource';
  const caseReference = context.visibleCases.get(conflict.hearingId);
  const purpose = conflict.purpose === 'test' ? 'a test connection' : 'a hearing';
  const of = caseReference ? `${purpose} in case ${caseReference}` : `${purpose} of another case`;
  return `${what} is already booked for ${of}: ${intervalAtSites(conflict.start, conflict.end, context.zones)} (buffers around it included).`;
}
