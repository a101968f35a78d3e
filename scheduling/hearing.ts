/**
 * The hearing as the coordinators and the court know it: what is heard, by whom, when, and how far it
 * has come. The full cross-border request workflow grows here; the states already name every step so
 * that stored hearings never need renaming.
 */
import type { Capacity, Role } from './roles.js';

export const HEARING_STATUSES = [
  'requested',
  'accepted',
  'refused',
  'test_passed',
  'scheduled',
  'live',
  'closed',
  'minutes_transmitted',
] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];

export interface Hearing {
  id: string;
  title: string;
  caseReference: string;
  status: HearingStatus;
  /** UTC instants, ISO 8601. */
  scheduledStart: string;
  scheduledEnd: string;
  createdAt: string;
}

export interface Participant {
  id: string;
  hearingId: string;
  displayName: string;
  role: Role;
  /** Only for the person heard. */
  capacity: Capacity | null;
  createdAt: string;
}

/** A hearing can be joined by video only between being scheduled and being closed. */
export function isJoinable(status: HearingStatus): boolean {
  return status === 'scheduled' || status === 'test_passed' || status === 'live';
}
