/**
 * What each part of the minutes reads an entry of the record with: the entry and its data, the court
 * once the entry is folded in, the minutes being written with their words and names, and the
 * chronology that says the entry under its number.
 */
import type { CourtroomState, HearingEventData, HearingEventType } from '../courtroom/index.js';
import type { HearingEvent } from '../store/index.js';
import type { MinutesNames } from './minutes-names.js';
import type { Minutes } from './minutes-types.js';
import type { MinutesWords } from './minutes-words.js';

export interface MinutesReading {
  readonly event: HearingEvent;
  /** The court once this entry is folded in with the court's own fold. */
  readonly court: CourtroomState;
  readonly minutes: Minutes;
  readonly w: MinutesWords;
  readonly names: MinutesNames;
  /** Who made the entry, named with their function. */
  readonly actor: string;
  /** Who made the entry, by name alone; null where the system did. */
  readonly actorName: string | null;
  /** Says the entry in the chronology, under its number and time. */
  say(text: string): void;
  /** Calls `handle` with the entry's data where the entry is of `type`. */
  on<T extends HearingEventType>(type: T, handle: (d: HearingEventData<T>) => void): void;
}

/** `data` is the entry's data as the catalogue reads it. */
export function readingOf(event: HearingEvent, data: unknown, court: CourtroomState, minutes: Minutes, w: MinutesWords, names: MinutesNames): MinutesReading {
  return {
    event,
    court,
    minutes,
    w,
    names,
    actor: names.who(event.actorId),
    actorName: event.actorId ? names.nameOf(event.actorId) : null,
    say: (text) => minutes.chronology.push({ seq: event.seq, at: event.at, text }),
    on: <T extends HearingEventType>(type: T, handle: (d: HearingEventData<T>) => void) => {
      if (event.type === type) handle(data as HearingEventData<T>);
    },
  };
}

/** A time of day as the chronology gives it: UTC, to the second. */
export const clock = (iso: string): string => iso.slice(11, 19);

export const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
