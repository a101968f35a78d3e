/**
 * The entries the minutes cover, each with its data as the catalogue reads it. An entry the
 * catalogue cannot read (written by another version, or altered) is said to be unreadable in the
 * chronology, and nothing else in the minutes rests on it.
 */
import type { z } from 'zod';
import { HEARING_EVENTS } from '../courtroom/index.js';
import type { HearingEvent } from '../store/index.js';

export type ReadEntry = { event: HearingEvent; readable: true; data: unknown } | { event: HearingEvent; readable: false };

export function readEntries(events: readonly HearingEvent[]): ReadEntry[] {
  return events.map((event) => {
    const schema = (HEARING_EVENTS as Record<string, z.ZodType | undefined>)[event.type];
    const parsed = schema?.safeParse(event.data);
    return parsed?.success ? { event, readable: true, data: parsed.data } : { event, readable: false };
  });
}
