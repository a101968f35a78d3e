/**
 * Conflicts and times put into words for coordinators: which resource is taken, by what, when, at
 * both sites. Another authority's case reference is named only to coordinators who are party to it.
 */
import type { Authority, Resource } from './authority.js';
import { said, type ConflictingBooking, type Said } from './errors.js';
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

export function describeConflict(conflict: ConflictingBooking, context: ConflictContext): Said {
  const resource = context.resources.get(conflict.resourceId);
  const owner = resource ? context.authorities.get(resource.authorityId) : undefined;
  const what = resource
    ? said('api.conflict.resource', { kind: said(`coord.kind.${resource.kind}`), name: resource.name, owner: owner?.name ?? '—' })
    : said('api.conflict.unknownResource');
  const caseReference = context.visibleCases.get(conflict.hearingId);
  const test = conflict.purpose === 'test';
  const purpose = caseReference
    ? said(test ? 'api.conflict.testIn' : 'api.conflict.hearingIn', { caseReference })
    : said(test ? 'api.conflict.testOther' : 'api.conflict.hearingOther');
  return said('api.conflict', { what, purpose, when: (language) => intervalAtSites(conflict.start, conflict.end, context.zones, language) });
}
