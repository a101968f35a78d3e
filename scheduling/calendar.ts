/**
 * When a site is open: its working periods, minus its public holidays, turned into UTC intervals for
 * a range of days. Computed per local date through the zone, so a period keeps its wall-clock hours
 * across a daylight-saving change.
 */
import { DateTime } from 'luxon';
import type { Authority } from './authority.js';
import { said, type Said } from './errors.js';

/** [from, to) in epoch minutes. */
export type Interval = readonly [number, number];

function minutesOf(hhmm: string): { hour: number; minute: number } {
  const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
  return { hour, minute };
}

/** Opening intervals of one authority overlapping [fromMin, toMin), in order. */
export function openIntervals(site: Pick<Authority, 'timeZone' | 'workingHours' | 'holidays'>, fromMin: number, toMin: number): Interval[] {
  const holidays = new Set(site.holidays);
  const out: Interval[] = [];
  let day = DateTime.fromMillis(fromMin * 60_000, { zone: site.timeZone })
    .startOf('day')
    .minus({ days: 1 });
  const last = DateTime.fromMillis(toMin * 60_000, { zone: site.timeZone })
    .startOf('day')
    .plus({ days: 1 });
  while (day <= last) {
    const date = day.toISODate();
    if (date !== null && !holidays.has(date)) {
      for (const period of site.workingHours) {
        if (period.weekday !== day.weekday) continue;
        const from = day.set(minutesOf(period.from)).toMillis() / 60_000;
        const to = day.set(minutesOf(period.to)).toMillis() / 60_000;
        if (to > fromMin && from < toMin) out.push([Math.max(from, fromMin), Math.min(to, toMin)]);
      }
    }
    day = day.plus({ days: 1 });
  }
  return out.sort((a, b) => a[0] - b[0]);
}

/** The times both lists cover. */
export function intersect(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i]![0], b[j]![0]);
    const to = Math.min(a[i]![1], b[j]![1]);
    if (from < to) out.push([from, to]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

/** Why an interval is outside a site's opening, in words; null when it is inside. */
export function outsideOpening(site: Pick<Authority, 'name' | 'timeZone' | 'workingHours' | 'holidays'>, fromMin: number, toMin: number): Said | null {
  const local = DateTime.fromMillis(fromMin * 60_000, { zone: site.timeZone });
  const date = local.toISODate() ?? '';
  if (site.holidays.includes(date))
    return said('api.holiday', { date: (language) => local.setLocale(language).toLocaleString(DateTime.DATE_HUGE), site: site.name });
  const inside = openIntervals(site, fromMin, toMin).some(([from, to]) => from <= fromMin && to >= toMin);
  if (inside) return null;
  const end = DateTime.fromMillis(toMin * 60_000, { zone: site.timeZone });
  const periods = site.workingHours.filter((p) => p.weekday === local.weekday).map((p) => `${p.from}–${p.to}`);
  const values = { from: local.toFormat('HH:mm'), to: end.toFormat('HH:mm'), zone: site.timeZone, site: site.name };
  return periods.length > 0
    ? said('api.outsideHours', { ...values, hours: periods.join(', ') })
    : said('api.closedThatDay', { ...values, weekday: (language) => local.setLocale(language).toFormat('cccc') });
}
