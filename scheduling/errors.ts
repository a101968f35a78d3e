/**
 * Refusals a coordinator can act on: a stable code for programs, a sentence for people, and the field
 * at fault when there is one. The HTTP API maps each code to its status once (server/scheduling-api.ts).
 * The sentence is a message of the page catalogues with its values (`Said`), so that the API answers
 * each coordinator in her language; `message` is its English, for logs and programs.
 */
import type { z } from 'zod';
import { en } from '../language/catalogues/en.js';
import { Translator, type MessageKey } from '../language/index.js';

/**
 * A sentence yet to be put in words: a catalogue message and its values. A value may itself be a
 * sentence, a list of sentences (joined with "or"), or words that depend on the language (a date).
 */
export interface Said {
  key: MessageKey;
  values?: Readonly<Record<string, SaidValue>>;
}
export type SaidValue = string | number | Said | { or: readonly Said[] } | ((language: string) => string);

export const said = (key: MessageKey, values?: Said['values']): Said => (values ? { key, values } : { key });

const english = new Translator('en', 'en', en);

/** A sentence in the words of `words` (English when none is given). */
export function sayIn(text: Said | string, words: Translator = english): string {
  if (typeof text === 'string') return text;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(text.values ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') values[name] = value;
    else if (typeof value === 'function') values[name] = value(words.language);
    else if ('or' in value) values[name] = new Intl.ListFormat(words.language, { type: 'disjunction' }).format(value.or.map((v) => sayIn(v, words)));
    else values[name] = sayIn(value, words);
  }
  return words.t(text.key, values);
}

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
  /** The sentence, to be put in the reader's words. */
  readonly said: Said | string;
  /** Extra facts for the screen, e.g. each conflict in words. */
  readonly facts?: readonly (Said | string)[];

  constructor(
    readonly code: SchedulingErrorCode,
    message: Said | string,
    readonly field?: string,
    details?: readonly (Said | string)[],
  ) {
    super(sayIn(message));
    this.said = message;
    if (details !== undefined) this.facts = details;
    this.name = 'SchedulingError';
  }

  /** The answer's body, in the words of `words` (English when none is given). */
  toBody(words?: Translator): { code: string; message: string; field?: string; details?: readonly string[] } {
    return {
      code: this.code,
      message: sayIn(this.said, words),
      ...(this.field === undefined ? {} : { field: this.field }),
      ...(this.facts === undefined ? {} : { details: this.facts.map((fact) => sayIn(fact, words)) }),
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
