/**
 * The week's hearings and test connections on a calendar, one column per day of the coordinator's
 * own authority (its time zone decides the day and the clock), each entry with its time at the
 * other site beneath, and a button that opens its request. On a phone the days stack.
 */
import { h } from './dom.js';
import { page, t } from './words.js';

export interface CalendarEntry {
  start: string;
  end: string;
  label: string;
  title: string;
  /** Where else it is held, and in which zone: the other site's clock is shown too. */
  otherSite: { site: string; zone: string } | null;
  open(): void;
}

const DAY_MS = 86_400_000;

/** The local date "YYYY-MM-DD" of an instant in a zone. */
export function localDate(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Monday of the week holding `date` ("YYYY-MM-DD"), as a date string. */
export function mondayOf(date: string): string {
  const day = new Date(`${date}T12:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - weekday * DAY_MS).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(new Date(`${date}T12:00:00Z`).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

const clock = (instant: Date, zone: string) =>
  new Intl.DateTimeFormat(page.lang, { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant);
const dayName = (date: string) =>
  new Intl.DateTimeFormat(page.lang, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

/** The week starting on `monday` in `zone`, with buttons to the weeks before and after. */
export function weekCalendar(entries: readonly CalendarEntry[], zone: string, monday: string, go: (monday: string) => void): HTMLElement[] {
  const today = localDate(new Date(), zone);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const byDay = new Map(days.map((d) => [d, [] as CalendarEntry[]]));
  for (const entry of entries) byDay.get(localDate(new Date(entry.start), zone))?.push(entry);
  const nav = (label: string, target: string) => {
    const button = h('button', { type: 'button' }, label);
    button.addEventListener('click', () => go(target));
    return button;
  };
  const week = h(
    'ol',
    { class: 'week', tabindex: '-1', 'aria-label': t('coord.calendar.week', { date: dayName(monday) }) },
    ...days.map((date) => {
      const list = (byDay.get(date) ?? []).sort((a, b) => a.start.localeCompare(b.start));
      return h(
        'li',
        { class: 'day', 'data-date': date, ...(date === today ? { 'aria-current': 'date' } : {}) },
        h('h2', {}, dayName(date)),
        list.length === 0
          ? h('p', { class: 'hint' }, t('coord.calendar.nothing'))
          : h(
              'ul',
              {},
              ...list.map((entry) => {
                const start = new Date(entry.start);
                const end = new Date(entry.end);
                const open = h(
                  'button',
                  { type: 'button', class: 'entry' },
                  h('span', { class: 'when' }, `${clock(start, zone)}–${clock(end, zone)}`),
                  h('strong', {}, entry.label),
                  h('span', {}, entry.title),
                  entry.otherSite
                    ? h(
                        'span',
                        { class: 'hint' },
                        t('coord.calendar.there', {
                          site: entry.otherSite.site,
                          start: clock(start, entry.otherSite.zone),
                          end: clock(end, entry.otherSite.zone),
                        }),
                      )
                    : null,
                );
                open.addEventListener('click', () => entry.open());
                return h('li', {}, open);
              }),
            ),
      );
    }),
  );
  return [
    h(
      'div',
      { class: 'button-row week-nav' },
      nav(t('coord.calendar.previous'), addDays(monday, -7)),
      nav(t('coord.calendar.thisWeek'), mondayOf(today)),
      nav(t('coord.calendar.next'), addDays(monday, 7)),
    ),
    week,
  ];
}
