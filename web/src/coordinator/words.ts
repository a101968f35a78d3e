/**
 * The dashboard's language: the coordinator's choice on the page (kept in this browser), else the
 * browser's own. Every word of the dashboard comes from the page catalogues; dates and times are
 * written by Intl in that language, at each site in its own zone with its offset from UTC, so that
 * nobody converts a time in their head. Names, case references and what the other coordinator
 * typed are shown as typed.
 */
import { CATALOGUE_LANGUAGES, type CatalogueLanguage, type MessageKey, type MessageValues } from '../../../language/index.js';
import { languageDisplayName } from '../../../language/names.js';
import { browserLanguage, PageLanguage } from '../page-language.js';

const STORED = 'hearing-room.coordinator.language';

export const page = new PageLanguage();

export const t = (key: MessageKey, values?: MessageValues): string => page.t(key, values);

/** The language the dashboard starts in. */
export function startingLanguage(): string {
  try {
    return localStorage.getItem(STORED) ?? browserLanguage();
  } catch {
    return browserLanguage();
  }
}

/** Switches the dashboard to `language` and remembers it in this browser. */
export async function useLanguage(language: string): Promise<void> {
  try {
    localStorage.setItem(STORED, language);
  } catch {
    // A browser that keeps nothing still switches for this visit.
  }
  await page.use(language);
}

/** The languages the dashboard is written in, each named in itself, for the picker. */
export function dashboardLanguages(): [CatalogueLanguage, string][] {
  return CATALOGUE_LANGUAGES.map((code) => [code, languageDisplayName(code, code)]);
}

/** A language in the dashboard's words, with its tag: "Italienisch (it)". */
export function languageName(tag: string): string {
  return `${languageDisplayName(tag, page.lang)} (${tag})`;
}

function offset(instant: Date, zone: string): string {
  const name =
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ??
    '';
  return !name || name === 'GMT' ? 'UTC+0' : name.replace('GMT', 'UTC');
}

const day = (instant: Date, zone: string) =>
  new Intl.DateTimeFormat(page.lang, { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(instant);
const clock = (instant: Date, zone: string) =>
  new Intl.DateTimeFormat(page.lang, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);

/** An interval in one zone: "Tue 3 Mar 2026, 09:00 UTC-4 – 10:30 (America/Toronto)", the end's date added when it falls on another day. */
export function interval(startUtc: string, endUtc: string, zone: string): string {
  const start = new Date(startUtc);
  const end = new Date(endUtc);
  const from = `${clock(start, zone)} ${offset(start, zone)}`;
  const text =
    day(start, zone) === day(end, zone)
      ? t('coord.dayTime', { date: day(start, zone), start: from, end: clock(end, zone) })
      : t('coord.time', { start: `${day(start, zone)}, ${from}`, end: `${day(end, zone)}, ${clock(end, zone)} ${offset(end, zone)}` });
  return `${text} (${zone})`;
}

/** A moment in one zone: "Tue 3 Mar 2026, 09:00 UTC-4 (America/Toronto)". */
export function moment(utc: string, zone: string): string {
  const instant = new Date(utc);
  return `${day(instant, zone)}, ${clock(instant, zone)} ${offset(instant, zone)} (${zone})`;
}
