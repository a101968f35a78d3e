/**
 * Time as the coordinators see it. Every instant is stored as a UTC ISO string; every local time is
 * read and shown through the time-zone database (luxon's IANA zones), never a fixed offset. A wall
 * time that a daylight-saving change skips or repeats is refused, or resolved only when the
 * coordinator says which of the two instants they mean.
 */
import { DateTime, IANAZone } from 'luxon';
import { SchedulingError, said } from './errors.js';

export type Disambiguation = 'earlier' | 'later';

export function isTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The canonical stored form: `2026-04-14T13:00:00.000Z`. */
export function utcIso(ms: number): string {
  return new Date(ms).toISOString();
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * The UTC instant of a wall-clock time in a zone. Refuses a time that does not exist there (the hour
 * skipped when clocks go forward) and one that exists twice (clocks going back) unless `choice` says
 * which; never moves a time silently.
 */
export function localToUtc(local: string, zone: string, choice?: Disambiguation, field = 'local'): string {
  const match = LOCAL.exec(local);
  if (!match) throw new SchedulingError('invalid_input', said('api.localTimeShape', { field }), field);
  if (!isTimeZone(zone)) throw new SchedulingError('invalid_input', said('api.notTimeZone', { field, zone }), field);
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const naive = Date.UTC(y, mo - 1, d, h, mi);
  const tz = IANAZone.create(zone);
  // The offsets in force around that wall time; a candidate is real when the zone agrees with it.
  const offsets = new Set([tz.offset(naive - 86_400_000), tz.offset(naive), tz.offset(naive + 86_400_000)]);
  const instants = [...offsets]
    .map((offset) => naive - offset * 60_000)
    .filter((instant) => tz.offset(instant) * 60_000 === naive - instant)
    .sort((a, b) => a - b);
  const time = local.replace('T', ' ');
  if (instants.length === 0) {
    throw new SchedulingError('nonexistent_local_time', said('api.timeSkipped', { time, zone }), field);
  }
  if (instants.length > 1) {
    if (choice === undefined) {
      const options = instants.map((ms, i) =>
        said(i === 0 ? 'api.timeEarlier' : 'api.timeLater', { local: (language) => formatInZone(utcIso(ms), zone, language), utc: utcIso(ms).slice(11, 16) }),
      );
      throw new SchedulingError('ambiguous_local_time', said('api.timeTwice', { time, zone }), field, options);
    }
    return utcIso(choice === 'earlier' ? instants[0]! : instants[instants.length - 1]!);
  }
  return utcIso(instants[0]!);
}

/** "Tue 14 Apr 2026, 15:00 UTC+2" in the given zone: the offset printed is the one in force that day. */
export function formatInZone(utc: string, zone: string, locale = 'en-GB'): string {
  const dt = DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).setLocale(locale);
  return `${dt.toFormat('ccc d LLL yyyy, HH:mm')} UTC${dt.toFormat('Z')}`;
}

/** "15:00" in the zone, for ranges on one day. */
export function clockInZone(utc: string, zone: string): string {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone).toFormat('HH:mm');
}

export interface SiteTime {
  zone: string;
  site: string;
  text: string;
}

/** An interval shown at both sites, the viewer's first: what every screen and message prints. */
export function bothSites(startUtc: string, endUtc: string, viewer: { zone: string; site: string }, other: { zone: string; site: string }): SiteTime[] {
  return [viewer, other].map(({ zone, site }) => ({
    zone,
    site,
    text: `${formatInZone(startUtc, zone)} – ${clockInZone(endUtc, zone)} (${zone})`,
  }));
}

/** Whole minutes since the epoch: the unit of bookings and of the slot finder. */
export function epochMinutes(utc: string): number {
  return Math.floor(Date.parse(utc) / 60_000);
}
