/**
 * VTIMEZONE components from the time-zone database (luxon), so that a calendar shows an invitation at
 * the right wall-clock time even where it does not know the zone's name. ical-generator asks for one
 * per zone it uses; we list the zone's actual transitions around the event (explicit observances with
 * their DTSTART, no guessed RRULE), read from the same database that placed the event.
 */
import { DateTime, IANAZone } from 'luxon';

const DAY = 86_400_000;

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** The first millisecond at which the offset differs from the one at `from` (searched within (from, to]). */
function transitionBetween(zone: IANAZone, from: number, to: number): number {
  const before = zone.offset(from);
  let lo = from;
  let hi = to;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

function observance(zoneName: string, at: number, from: number, to: number): string {
  const dt = DateTime.fromMillis(at, { zone: zoneName });
  const kind = dt.isInDST ? 'DAYLIGHT' : 'STANDARD';
  // DTSTART is the local time of the change as the clocks showed it just before (RFC 5545, 3.6.5).
  const local = DateTime.fromMillis(at + from * 60_000, { zone: 'utc' }).toFormat("yyyyLLdd'T'HHmmss");
  const name = dt.setLocale('en-US').offsetNameShort ?? offsetText(to);
  return [`BEGIN:${kind}`, `DTSTART:${local}`, `TZOFFSETFROM:${offsetText(from)}`, `TZOFFSETTO:${offsetText(to)}`, `TZNAME:${name}`, `END:${kind}`].join(
    '\r\n',
  );
}

/** The VTIMEZONE of `zoneName` covering the years from `fromYear` to `toYear` inclusive; null for an unknown zone. */
export function vtimezone(zoneName: string, fromYear: number, toYear: number): string | null {
  if (!IANAZone.isValidZone(zoneName)) return null;
  const zone = IANAZone.create(zoneName);
  const start = Date.UTC(fromYear, 0, 1);
  const end = Date.UTC(toYear + 1, 0, 1);
  const initial = zone.offset(start);
  const parts = [observance(zoneName, start, initial, initial)];
  for (let day = start; day < end; day += DAY) {
    const next = Math.min(day + DAY, end);
    const offset = zone.offset(day);
    if (zone.offset(next) !== offset) {
      const at = transitionBetween(zone, day, next);
      parts.push(observance(zoneName, at, offset, zone.offset(at)));
    }
  }
  return `${['BEGIN:VTIMEZONE', `TZID:${zoneName}`, ...parts, 'END:VTIMEZONE'].join('\r\n')}\r\n`;
}

/** The generator ical-generator calls per zone: the years of the events and one either side. */
export function vtimezoneGenerator(firstYear: number, lastYear = firstYear): (zone: string) => string | null {
  return (zone) => vtimezone(zone, firstYear - 1, lastYear + 1);
}
