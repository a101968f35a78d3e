/**
 * A cross-border hearing request as the two coordinators exchange it (safeguards rows 1, 2 and 15):
 * its legal basis, reasons, who conducts it, the person heard and their status, languages, the
 * proposed windows, and how far it has come. Free of runtime dependencies.
 */
import type { Capacity, Role, Vulnerability } from '../model/roles.js';
import type { HearingStatus } from '../model/hearing.js';

export const REQUEST_STAGES = [
  'draft',
  'requested',
  'counter_proposed',
  'accepted',
  'refused',
  'slot_proposed',
  'slot_agreed',
  'test_booked',
  'test_failed',
  'test_passed',
  'scheduled',
  'adjourned',
  'held',
  'closed',
  'cancelled',
] as const;
export type RequestStage = (typeof REQUEST_STAGES)[number];

export const STAGE_LABELS: Record<RequestStage, string> = {
  draft: 'Draft',
  requested: 'Sent, awaiting decision',
  counter_proposed: 'Other times proposed',
  accepted: 'Accepted',
  refused: 'Refused',
  slot_proposed: 'Slot proposed',
  slot_agreed: 'Slot agreed',
  test_booked: 'Test connection booked',
  test_failed: 'Test connection: no-go',
  test_passed: 'Test connection: go',
  scheduled: 'Scheduled',
  adjourned: 'Adjourned: a new date to fix',
  held: 'Held',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** The hearing status (the courtroom's view) that each stage of the request corresponds to. */
export const HEARING_STATUS_OF_STAGE: Record<RequestStage, HearingStatus> = {
  draft: 'requested',
  requested: 'requested',
  counter_proposed: 'requested',
  accepted: 'accepted',
  refused: 'refused',
  slot_proposed: 'accepted',
  slot_agreed: 'accepted',
  test_booked: 'accepted',
  test_failed: 'accepted',
  test_passed: 'test_passed',
  scheduled: 'scheduled',
  adjourned: 'adjourned',
  held: 'closed',
  closed: 'closed',
  cancelled: 'closed',
};

/** Grounds on which the requested authority may refuse (MLA 2000 Art. 10(2), EIO Art. 24(2)). */
export const REFUSAL_GROUNDS = ['fundamental_principles', 'no_technical_means', 'suspect_refuses', 'other'] as const;
export type RefusalGround = (typeof REFUSAL_GROUNDS)[number];

export const REFUSAL_GROUND_LABELS: Record<RefusalGround, string> = {
  fundamental_principles: 'Contrary to the fundamental principles of the law of the requested state',
  no_technical_means: 'The requested state does not have the technical means',
  suspect_refuses: 'The suspect or accused person does not consent',
  other: 'Other ground (explained)',
};

export interface LegalBasis {
  instrument: string;
  article: string;
}

export interface ConductingPerson {
  name: string;
  function: string;
  /** The role, so that every reader sees the function in her own language; absent in requests stored before it was kept. */
  role?: Role | undefined;
}

export interface PersonHeard {
  name: string;
  nationality: string | null;
  capacity: Capacity;
  /** BCP 47 (it, pt-BR, pl…): the language the summons and rights notice are written in, where there are texts in it. */
  language: string;
  /** Where she is a vulnerable person, and the support person invited to be beside her (absent otherwise). */
  vulnerability?: Vulnerability | undefined;
  supportPerson?: string | null | undefined;
}

export interface TimeWindow {
  start: string;
  end: string;
}

export interface TestResult {
  result: 'go' | 'no_go';
  audio: boolean;
  video: boolean;
  network: string;
  encryption: string;
  contacts: { requesting: string; requested: string };
  notes: string;
  recordedBy: string;
  recordedAt: string;
}

export interface Decision {
  by: string;
  at: string;
  outcome: 'accepted' | 'refused';
  ground: RefusalGround | null;
  explanation: string;
}

export interface RequestDetails {
  legalBasis: LegalBasis;
  reasonsNotInPerson: string;
  conductedBy: ConductingPerson[];
  person: PersonHeard;
  /** The language the hearing is conducted in (BCP 47). */
  hearingLanguage: string;
  interpretation: string;
}

export interface HearingRequest {
  hearingId: string;
  title: string;
  caseReference: string;
  requestingAuthorityId: string;
  requestedAuthorityId: string;
  stage: RequestStage;
  details: RequestDetails;
  proposedWindows: TimeWindow[];
  /** Who last proposed the windows (an authority id). */
  windowsProposedBy: string;
  durationMinutes: number;
  resourceIds: string[];
  slot: TimeWindow | null;
  slotProposedBy: string | null;
  test: TimeWindow | null;
  testResult: TestResult | null;
  decision: Decision | null;
  cancellationReason: string | null;
  /** iCalendar SEQUENCE of the invitations: raised by every reschedule and by a cancellation. */
  icsSequence: number;
  /** Optimistic concurrency: raised by every change, so two coordinators never overwrite each other. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The interpreter's language pair the hearing needs, or null when the person speaks the hearing's language. */
export function languagePair(details: RequestDetails): [string, string] | null {
  return details.person.language === details.hearingLanguage ? null : [details.hearingLanguage, details.person.language];
}
