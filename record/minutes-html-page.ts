/**
 * What every section of the printed minutes is built with, in one version's language: each value
 * escaped, times of day in UTC, names kept in their own writing direction, durations, the sites with
 * their offsets from UTC, and tables that say so when they are empty.
 */
import type { Minutes, Site } from './minutes-types.js';
import type { MinutesKey, MinutesWords } from './minutes-words.js';

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const e = escapeHtml;

/** A time of day in UTC, to the second; a dash where there is none. */
export function time(iso: string | null): string {
  if (!iso) return '—';
  return `${iso.slice(11, 19)}`;
}

/** A site's offset from UTC at that moment ("UTC+1"), or null where its time zone is unknown. */
function offset(site: Site, iso: string): string | null {
  try {
    const part = new Intl.DateTimeFormat('en-GB', { timeZone: site.timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(new Date(iso))
      .find((p) => p.type === 'timeZoneName')?.value;
    return !part || part === 'GMT' ? 'UTC+0' : part.replace('GMT', 'UTC');
  } catch {
    return null;
  }
}

export const table = (head: string[], rows: string[][], empty: string) =>
  rows.length === 0
    ? `<p class="none">${e(empty)}</p>`
    : `<table><thead><tr>${head.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;

/** Parts of a section, each under its own heading (given as HTML), one after the other. */
export const subsections = (parts: readonly (readonly [heading: string, body: string])[]): string =>
  parts.map(([heading, body]) => `<h3>${heading}</h3>\n${body}`).join('\n');

export interface Page {
  m: Minutes;
  w: MinutesWords;
  /** A text of the catalogue, escaped. */
  t(key: MinutesKey, values?: Record<string, string | number>): string;
  /** A time of day, said to be in UTC. */
  utc(iso: string | null): string;
  /** A moment in full: its date in words and its time in UTC. */
  moment(iso: string): string;
  muted(text: string): string;
  /** A name, isolated so that it keeps its own writing direction. */
  name(value: string): string;
  duration(from: string | null, to: string | null): string;
  /** The side a person was at, with its authority and place where the minutes know them. */
  siteName(side: 'requesting' | 'requested' | null): string;
  /** A site with its authority, place and offset from UTC on the day of the hearing. */
  siteLine(side: 'requesting' | 'requested'): string;
  /** When a person was connected, stay by stay. */
  attendance(a: Minutes['participants'][number]['attendance']): string;
}

export function pageOf(m: Minutes, w: MinutesWords): Page {
  const t = (key: MinutesKey, values?: Record<string, string | number>) => e(w.t(key, values));
  const utc = (iso: string | null) => (iso ? t('html.utc', { time: time(iso) }) : '—');
  const moment = (iso: string) => w.t('html.dateTime', { date: w.date(iso), time: time(iso) });
  const muted = (text: string) => `<span class="muted">${text}</span>`;
  const name = (value: string) => `<bdi>${e(value)}</bdi>`;
  const duration = (from: string | null, to: string | null): string => {
    if (!from || !to) return '';
    const minutes = Math.round((Date.parse(to) - Date.parse(from)) / 60_000);
    return minutes < 60
      ? t('html.duration.minutes', { minutes })
      : t('html.duration.hours', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
  };
  const when = m.times.inSession ?? m.times.opened ?? m.hearing.scheduledStart;
  const siteName = (side: 'requesting' | 'requested' | null) => {
    if (!side) return muted(t('html.notRecorded'));
    const site = m.sites[side];
    const label = w.t(side === 'requesting' ? 'html.site.requesting' : 'html.site.requested');
    return site ? e(w.t('html.siteOf', { side: label, authority: site.authority, place: site.place })) : e(label);
  };
  const siteLine = (side: 'requesting' | 'requested') => {
    const site = m.sites[side];
    if (!site) return muted(t('html.notRecorded'));
    const shift = offset(site, when);
    return `${e(site.authority)}, ${e(site.place)} ${muted(`(${shift ? t('html.offset', { timeZone: site.timeZone, offset: shift }) : `${e(site.timeZone)}, ${t('html.offsetUnknown')}`})`)}`;
  };
  const attendance = (a: Minutes['participants'][number]['attendance']) =>
    a.length === 0
      ? muted(t('html.didNotConnect'))
      : a
          .map((s) =>
            t(s.leftBecause === 'disconnected' ? 'html.stayConnectionLost' : 'html.stay', {
              from: time(s.entered),
              to: s.left ? time(s.left) : w.t('html.end'),
            }),
          )
          .join(', ');

  return { m, w, t, utc, moment, muted, name, duration, siteName, siteLine, attendance };
}
