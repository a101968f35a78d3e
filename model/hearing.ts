/**
 * The hearing as the coordinators and the court know it: what is heard, by whom, when, and how far it
 * has come. The full cross-border request workflow grows here; the states already name every step so
 * that stored hearings never need renaming.
 */
import type { Capacity, Role, Vulnerability } from './roles.js';

export const HEARING_STATUSES = ['requested', 'accepted', 'refused', 'test_passed', 'scheduled', 'live', 'adjourned', 'closed', 'minutes_transmitted'] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];

export interface Hearing {
  id: string;
  title: string;
  caseReference: string;
  status: HearingStatus;
  /** UTC instants, ISO 8601. */
  scheduledStart: string;
  scheduledEnd: string;
  /** The language the court conducts the hearing in (BCP 47); null for a hearing stored before it was kept. */
  courtLanguage: string | null;
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
   * The language the person speaks and listens in (BCP 47, such as it, pt-BR or zh-Hant), where known:
   * their pages, texts and documents are in it, and they start on the interpretation channel into it.
   */
  language?: string | null;
  /** Only for an interpreter: the pair they interpret. They serve the channel of `into`. */
  interprets?: LanguagePair | null;
  /** Only for the person heard: why she is a vulnerable person, where she is one (model/roles.ts). */
  vulnerability?: Vulnerability | null;
  createdAt: string;
}

/** An interpreter's direction of work: they listen in `from` and speak in `into`. */
export interface LanguagePair {
  from: string;
  into: string;
}

/** The shape of a stored language tag (BCP 47); tags are checked against the IANA registry when they come in. */
export const LANGUAGE_CODE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

/** The language the court speaks: the hearing's, else the presiding judge's, else English. */
export function courtLanguageOf(hearing: Pick<Hearing, 'courtLanguage'>, participants: Iterable<Participant>): string {
  if (hearing.courtLanguage) return hearing.courtLanguage;
  for (const p of participants) if (p.role === 'presiding_judge' && p.language) return p.language;
  return 'en';
}

/** A hearing can be joined by video only between being scheduled and being closed. */
export function isJoinable(status: HearingStatus): boolean {
  return status === 'scheduled' || status === 'test_passed' || status === 'live';
}
