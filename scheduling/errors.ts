/**
 * Refusals a coordinator can act on: a stable code for programs, a sentence for people, and the field
 * at fault when there is one. The HTTP API maps each code to its status once (server/scheduling-api.ts).
 */
import type { z } from 'zod';

export const SCHEDULING_ERROR_CODES = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'illegal_transition',
  'slot_conflict',
  'nonexistent_local_time',
  'ambiguous_local_time',
  'changed_meanwhile',
  'too_many_attempts',
  'text_version_exists',
  'text_unchanged',
] as const;
export type SchedulingErrorCode = (typeof SCHEDULING_ERROR_CODES)[number];

export class SchedulingError extends Error {
  constructor(
    readonly code: SchedulingErrorCode,
    message: string,
    readonly field?: string,
    /** Extra facts for the screen, e.g. each conflict in words. */
    readonly details?: readonly string[],
  ) {
    super(message);
    this.name = 'SchedulingError';
  }

  toBody(): { code: string; message: string; field?: string; details?: readonly string[] } {
    return {
      code: this.code,
      message: this.message,
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

/** The first problem zod found, named by its field (same shape as signaling's invalid_input). */
export function invalidField(error: z.ZodError, what = 'request'): SchedulingError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const detail = issue?.message ?? 'is malformed';
  return new SchedulingError('invalid_input', field ? `${what} field "${field}": ${detail}` : `${what}: ${detail}`, field ?? '');
}

/** A booking that stands in the way of another, as the store found it. */
export interface ConflictingBooking {
  resourceId: string;
  hearingId: string;
  purpose: 'hearing' | 'test';
  start: string;
  end: string;
}

/**
 * Thrown by the store when a booking would overlap another of the same resource. `conflicts` is empty
 * when a concurrent booking won the race and the database's unique constraint refused this one.
 */
export class BookingConflict extends Error {
  constructor(readonly conflicts: readonly ConflictingBooking[]) {
    super('booking conflict');
    this.name = 'BookingConflict';
  }
}
