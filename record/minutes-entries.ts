/**
 * The entries the minutes cover, each with its data as the catalogue reads it. An entry the
 * catalogue cannot read (written by another version, or altered) is said to be unreadable in the
 * chronology, and nothing else in the minutes rests on it.
 */
import type { z } from 'zod';
import { HEARING_EVENTS } from '../courtroom/index.js';
import { isErased } from '../model/events.js';
import type { HearingEvent } from '../store/index.js';

export type ReadEntry = { event: HearingEvent; readable: true; data: unknown } | { event: HearingEvent; readable: false };

export function readEntries(events: readonly HearingEvent[]): ReadEntry[] {
  return events.map((event) => {
    const schema = (HEARING_EVENTS as Record<string, z.ZodType | undefined>)[event.type];
    const parsed = schema ? readWithErasures(schema, event.data) : undefined;
    return parsed ? { event, readable: true, data: parsed } : { event, readable: false };
  });
}

/**
 * The catalogue's reading of an entry whose personal values the retention rules may have erased: the
 * entry stays readable, and each erased value stays marked erased for the sections that name it.
 */
function readWithErasures(schema: z.ZodType, data: Record<string, unknown>): unknown {
  const erased = Object.keys(data).filter((field) => isErased(data[field]));
  if (erased.length === 0) return schema.safeParse(data).data;
  const marks = Object.fromEntries(erased.map((field) => [field, data[field]]));
  // Erased fields left out (an optional one), or read as empty text (a required one).
  for (const filler of [undefined, '']) {
    const parsed = schema.safeParse({ ...data, ...Object.fromEntries(erased.map((field) => [field, filler])) });
    if (parsed.success) return { ...(parsed.data as Record<string, unknown>), ...marks };
  }
  return undefined;
}
