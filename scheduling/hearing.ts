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
  /**
   * The language the person speaks and listens in (ISO 639-1, such as it or pt-BR), where known: they
   * start on the interpretation channel into it, if the hearing has one.
   */
  language?: string | null;
  /** Only for an interpreter: the pair they interpret. They serve the channel of `into`. */
  interprets?: LanguagePair | null;
  createdAt: string;
}

/** An interpreter's direction of work: they listen in `from` and speak in `into`. */
export interface LanguagePair {
  from: string;
  into: string;
}

/** A language code as the hearing stores it: ISO 639-1 (or -3), with an optional region (pt-BR). */
export const LANGUAGE_CODE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

/** A hearing can be joined by video only between being scheduled and being closed. */
export function isJoinable(status: HearingStatus): boolean {
  return status === 'scheduled' || status === 'test_passed' || status === 'live';
}
