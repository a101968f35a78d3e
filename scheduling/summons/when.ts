/**
 * The time of a hearing as a letter gives it: in the reader's own zone and in the court's (and at the
 * other site where its clock differs from both), each line labelled by place and by the zone's name
 * in force that day, every date and time written by Intl in the reader's locale.
 */
import type { TimeWindow } from '../request.js';
import type { LetterKey, Letters, LetterValues } from './letters.js';

export interface Place {
  name: string;
  /** IANA time zone. */
  zone: string;
}

export interface TimeLine {
  /** The label as a message and its values, so that a page can write it as HTML and a message as text. */
  label: [LetterKey, LetterValues];
  /** "martedì 30 marzo 2027, 10:00–11:30" in that zone. */
  when: string;
  /** The same as two lines for a narrow screen, "martedì 30 marzo 2027" and "10:00–11:30"; one line when it runs past midnight. */
  lines: string[];
}

/** "Central European Summer Time – Europe/Berlin": the name a reader knows, and the zone it is. */
export function zoneLabel(instant: string, zone: string, locale: string): string {
  const name = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'long' })
    .formatToParts(new Date(instant))
    .find((p) => p.type === 'timeZoneName')?.value;
  return name ? `${name} – ${zone}` : zone;
}

/** The interval in a zone, its date written out in full: one day shown once, a night over midnight shown with both dates. */
export function intervalIn(window: TimeWindow, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'full', timeStyle: 'short' }).formatRange(new Date(window.start), new Date(window.end));
}

/** The interval as a page shows it on a phone: the date, then the hours on a line of their own that never breaks. */
export function intervalLines(window: TimeWindow, zone: string, locale: string): string[] {
  const day = new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'full' });
  const [start, end] = [new Date(window.start), new Date(window.end)];
  if (day.format(start) !== day.format(end)) return [intervalIn(window, zone, locale)];
  return [day.format(start), new Intl.DateTimeFormat(locale, { timeZone: zone, timeStyle: 'short' }).formatRange(start, end)];
}

/** A short date and time for a subject line: "12 Jan 2027, 09:00". */
export function shortDateTime(instant: string, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(instant));
}

/**
 * The lines of one time for a reader in `readerZone`: hers first, then the court's when its zone is
 * another, then the other site's when its zone is neither.
 */
export function timeLines(letters: Letters, window: TimeWindow, readerZone: string, court: Place, otherSite: Place): TimeLine[] {
  const line = (zone: string, label: LetterKey, values: LetterValues): TimeLine => ({
    label: [label, { ...values, zone: zoneLabel(window.start, zone, letters.locale) }],
    when: intervalIn(window, zone, letters.locale),
    lines: intervalLines(window, zone, letters.locale),
  });
  const lines = [line(readerZone, 'when.yours', {})];
  if (court.zone !== readerZone) lines.push(line(court.zone, 'when.court', { court: court.name }));
  if (otherSite.zone !== readerZone && otherSite.zone !== court.zone) lines.push(line(otherSite.zone, 'when.site', { site: otherSite.name }));
  return lines;
}
