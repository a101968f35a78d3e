/**
 * iCalendar invitations and feeds (RFC 5545 / 5546) built with ical-generator. Each participant gets
 * one in their own time zone, with the VTIMEZONE, their personal join link, the organiser and a UID
 * that stays the same for the life of the hearing, so a calendar updates the event on a reschedule
 * (higher SEQUENCE) and removes it on a CANCEL.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { vtimezoneGenerator } from './vtimezone.js';
import { formatInZone, clockInZone } from './time.js';

const PRODUCT = { company: 'Hearing Room', product: 'Scheduling', language: 'EN' };
const UID_DOMAIN = 'hearing-room';

export interface Site {
  authorityName: string;
  timeZone: string;
}

export interface InvitationInput {
  hearingId: string;
  participantId: string;
  title: string;
  caseReference: string;
  start: string;
  end: string;
  sequence: number;
  cancelled: boolean;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string | null; timeZone: string; functionLabel: string };
  joinUrl: string | null;
  /** The attendee's own site first, then the other one. */
  sites: readonly [Site, Site];
}

/** Stable for a participant and a hearing: how calendars recognise an update or a cancellation. */
export function invitationUid(hearingId: string, participantId: string): string {
  return `${hearingId}.${participantId}@${UID_DOMAIN}`;
}

function atSites(start: string, end: string, sites: readonly Site[]): string {
  return sites.map((s) => `${formatInZone(start, s.timeZone)} – ${clockInZone(end, s.timeZone)} (${s.authorityName}, ${s.timeZone})`).join('\n');
}

function at(utc: string, zone: string): DateTime {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
}

export function invitationIcs(input: InvitationInput): string {
  const zone = input.attendee.timeZone;
  const year = at(input.start, zone).year;
  const calendar = ical({
    prodId: PRODUCT,
    method: input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
    name: `${input.caseReference} – ${input.title}`,
  });
  // No calendar-wide zone name: DTSTAMP stays in UTC as RFC 5545 requires; each event names its zone.
  calendar.timezone({ name: '', generator: vtimezoneGenerator(year) });
  const lines = [
    input.cancelled ? 'This hearing has been CANCELLED.' : `Hearing by video. You take part as: ${input.attendee.functionLabel}.`,
    '',
    'Time at each site:',
    atSites(input.start, input.end, input.sites),
  ];
  if (input.joinUrl && !input.cancelled) {
    lines.push('', 'Your personal link (it opens 30 minutes before the start; do not share it, it identifies you):', input.joinUrl);
  }
  const event = calendar.createEvent({
    id: invitationUid(input.hearingId, input.participantId),
    sequence: input.sequence,
    start: at(input.start, zone),
    end: at(input.end, zone),
    timezone: zone,
    stamp: new Date(),
    summary: `${input.cancelled ? 'CANCELLED: ' : ''}Video hearing ${input.caseReference}: ${input.title}`,
    description: lines.join('\n'),
    location: input.joinUrl && !input.cancelled ? input.joinUrl : `Video hearing between ${input.sites[0].authorityName} and ${input.sites[1].authorityName}`,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  if (input.joinUrl && !input.cancelled) event.url(input.joinUrl);
  if (input.attendee.email) event.createAttendee({ name: input.attendee.name, email: input.attendee.email, rsvp: true });
  return calendar.toString();
}

export interface FeedEntry {
  uid: string;
  summary: string;
  description: string;
  start: string;
  end: string;
  sequence: number;
  cancelled: boolean;
}

/** A subscribable calendar (METHOD-less, like any published feed) in the owner's zone. Never carries join links. */
export function feedIcs(name: string, zone: string, entries: readonly FeedEntry[]): string {
  const calendar = ical({ prodId: PRODUCT, name, ttl: 15 * 60 });
  const years = entries.map((e) => at(e.start, zone).year);
  const now = new Date().getUTCFullYear();
  calendar.timezone({ name: '', generator: vtimezoneGenerator(Math.min(now, ...years), Math.max(now, ...years)) });
  for (const entry of entries) {
    calendar.createEvent({
      id: entry.uid,
      sequence: entry.sequence,
      start: at(entry.start, zone),
      end: at(entry.end, zone),
      timezone: zone,
      summary: entry.summary,
      description: entry.description,
      status: entry.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

export function feedUid(hearingId: string, what: 'hearing' | 'test'): string {
  return `${hearingId}.${what}@${UID_DOMAIN}`;
}
