/**
 * Errors a participant can act on: a stable code for programs and a sentence for people. Every
 * refusal, from the handshake to a media request, reaches the browser in this one shape.
 */
import type { z } from 'zod';
import { CourtError } from '../courtroom/index.js';
import { MediaError } from '../sfu/index.js';
import { storeOutage, type StoreOutage } from '../store/index.js';

export interface ErrorBody {
  code: string;
  message: string;
  /** The offending field, as a path such as `rtpParameters.codecs`. */
  field?: string;
  /** For `hearing_elsewhere`: the address of the server that holds the hearing, where the page connects instead. */
  server?: string;
}

export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }

  toBody(): ErrorBody {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }
}

/** The hearing is held by another server of the service: the page connects to it (`server`), with no action by the person. */
export class HeldElsewhere extends UserError {
  constructor(readonly server: string) {
    super('hearing_elsewhere', `This hearing is held by another server of the court (${server}). Your page connects there by itself.`);
  }

  override toBody(): ErrorBody {
    return { ...super.toBody(), server: this.server };
  }
}

/** The first problem zod found, named by its field. */
export function invalidInput(error: z.ZodError, what = 'message'): UserError {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.join('.') : undefined;
  const detail = issue?.message ?? 'is malformed';
  return new UserError('invalid_input', field ? `${what} field "${field}": ${detail}` : `${what}: ${detail}`, field ?? '');
}

/**
 * What the court is told when the record cannot be written: the cause, that nothing was changed, and
 * that trying again later works. The same words for every page and the scheduling API.
 */
export const OUTAGE_BODIES: Record<StoreOutage, ErrorBody> = {
  disk_full: {
    code: 'record_disk_full',
    message: 'The court record cannot be written: the server’s disk is full. Nothing was changed. The operator must free space; then try again.',
  },
  unreachable: {
    code: 'record_unavailable',
    message: 'The court record cannot be reached just now (the database is not answering). Nothing was changed. Try again in a moment.',
  },
};

/** Maps anything thrown inside a handler to what the participant is told. Unknown errors say nothing internal. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof UserError) return error.toBody();
  if (error instanceof MediaError || error instanceof CourtError) return { code: error.code, message: error.message };
  const outage = storeOutage(error);
  if (outage) return OUTAGE_BODIES[outage];
  return { code: 'internal_error', message: 'Something went wrong on the server. Try again; the court has been told.' };
}
