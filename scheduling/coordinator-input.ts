/**
 * What a coordinator sends the scheduling service — who acts, the draft of a request, each step of the
 * workflow — and how the moments in it are read: a UTC instant as it is, a wall-clock time in the zone
 * it names (time.ts), every proposed window long enough for the hearing and not yet over.
 */
import type { Capacity, Role, Vulnerability } from '../model/roles.js';
import { SchedulingError, said } from './errors.js';
import type { RefusalGround, TestResult, TimeWindow } from './request.js';
import { localToUtc, utcIso, type Disambiguation } from './time.js';

export interface Actor {
  coordinatorId: string;
  authorityId: string;
}

/** A moment as a coordinator gives it: a UTC instant, or a wall-clock time in a named zone. */
export type InstantInput = { utc: string } | { local: string; zone: string; disambiguation?: Disambiguation | undefined };

export interface DraftInput {
  title: string;
  caseReference: string;
  requestedAuthorityId: string;
  legalBasis: { instrument: string; article: string };
  reasonsNotInPerson: string;
  conductedBy: { name: string; role: Exclude<Role, 'person_heard' | 'requested_officer' | 'interpreter'>; email?: string | undefined }[];
  person: {
    name: string;
    nationality?: string | undefined;
    capacity: Capacity;
    language: string;
    email?: string | undefined;
    /** Where she is a vulnerable person: she is heard only with a support person, invited with her. */
    vulnerability?: Vulnerability | undefined;
    supportPerson?: { name: string; email?: string | undefined; language?: string | undefined } | undefined;
  };
  hearingLanguage: string;
  interpretation: string;
  durationMinutes: number;
  proposedWindows: { start: InstantInput; end: InstantInput }[];
  resourceIds: string[];
}

export type ActionInput =
  | { type: 'send' }
  | { type: 'accept'; resourceIds: string[]; officer: { name: string; email?: string | undefined }; note?: string | undefined }
  | { type: 'refuse'; ground: RefusalGround; explanation: string }
  | { type: 'propose_times'; windows: { start: InstantInput; end: InstantInput }[] }
  | { type: 'propose_slot'; start: InstantInput; interpreterId?: string | undefined }
  | { type: 'agree_slot' }
  | { type: 'book_test'; start: InstantInput; durationMinutes: number }
  | ({ type: 'record_test' } & Omit<TestResult, 'recordedBy' | 'recordedAt'>)
  | { type: 'schedule' }
  | { type: 'reschedule'; start: InstantInput }
  | { type: 'cancel'; reason: string }
  | { type: 'record_held' }
  | { type: 'close' };

export const MINUTE = 60_000;

/** The moment as a UTC ISO string; `field` names it in the refusal when it is no moment at all. */
export function resolveInstant(input: InstantInput, field: string): string {
  if ('utc' in input) {
    const ms = Date.parse(input.utc);
    if (!Number.isFinite(ms)) throw new SchedulingError('invalid_input', said('api.notInstant', { field }), field);
    return utcIso(ms);
  }
  return localToUtc(input.local, input.zone, input.disambiguation, field);
}

/** Proposed windows in UTC, each refused if the hearing does not fit in it or it is already over. */
export function resolveWindows(windows: { start: InstantInput; end: InstantInput }[], durationMinutes: number, field: string, now: () => Date): TimeWindow[] {
  return windows.map((w, i) => {
    const start = resolveInstant(w.start, `${field}.${i}.start`);
    const end = resolveInstant(w.end, `${field}.${i}.end`);
    if (Date.parse(end) - Date.parse(start) < durationMinutes * MINUTE) {
      throw new SchedulingError('invalid_input', said('api.windowShort', { field: `${field}.${i}`, minutes: durationMinutes }), `${field}.${i}`);
    }
    if (Date.parse(end) <= now().getTime()) throw new SchedulingError('invalid_input', said('api.windowPast', { field: `${field}.${i}` }), `${field}.${i}`);
    return { start, end };
  });
}

/** The time a hearing (or test) of `minutes` takes from `start`, a UTC ISO string. */
export function lasting(start: string, minutes: number): TimeWindow {
  return { start, end: utcIso(Date.parse(start) + minutes * MINUTE) };
}
