/**
 * The two sites of a cross-border hearing: the requesting court and the requested authority, as the
 * store keeps them. Each has its own zone, working hours and holidays; between two bookings of the
 * same room or person the longer of their two buffers is kept.
 */
import type { Store } from '../store/index.js';
import type { Authority } from './authority.js';
import { SchedulingError, said } from './errors.js';
import type { HearingRequest } from './request.js';

export interface Sites {
  requesting: Authority;
  requested: Authority;
}

export async function authorityOf(store: Store, id: string): Promise<Authority> {
  const authority = await store.authorities.get(id);
  if (!authority) throw new SchedulingError('not_found', said('api.noAuthority'));
  return authority;
}

export async function sitesOf(store: Store, request: HearingRequest): Promise<Sites> {
  const [requesting, requested] = await Promise.all([authorityOf(store, request.requestingAuthorityId), authorityOf(store, request.requestedAuthorityId)]);
  return { requesting, requested };
}

/** Minutes kept free around each booking: whichever site asks for more. */
export function bufferOf(sites: Sites): number {
  return Math.max(sites.requesting.bufferMinutes, sites.requested.bufferMinutes);
}
