/**
 * What the record's HTTP routes (the minutes, the recordings) share: an error with its status and the
 * field it names, every input parsed by its schema into one, and the hearing's id in the path.
 */
import { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The input parsed by its schema, or a 400 naming the field and what is wrong with it. */
export function parsed<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = [where, ...(issue?.path ?? []).map(String)].join('.');
  throw new HttpError(400, 'invalid_input', `${field}: ${issue?.message ?? 'is malformed'}`, field);
}

export const Params = z.object({ id: z.uuid('must be a hearing id') });
