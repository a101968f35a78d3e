/**
 * iCalendar invitations and feeds (RFC 5545 / 5546) built with ical-generator. Each participant gets
 * one in their own time zone, with the VTIMEZONE, their personal join link, the organiser and a UID
 * that stays the same for the life of the hearing, so a calendar updates the event on a reschedule
 * (higher SEQUENCE) and removes it on a CANCEL. An invitation's words are the invitation message's
 * (summons/invitation-message.ts), in the attendee's language, which its LANGUAGE parameters name.
 */
import ical, { ICalCalendarMethod, ICalEventStatus, foldLines } from 'ical-generator';
import { DateTime } from 'luxon';
import { vtimezoneGenerator } from './vtimezone.js';

const PRODUCT = { company: 'Hearing Room', product: 'Scheduling', language: 'EN' };
const UID_DOMAIN = 'hearing-room';

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
  attendee: { name: string; email: string | null; timeZone: string };
  joinUrl: string | null;
  /** What the event says, in the attendee's language (a BCP 47 tag): the invitation message's calendar words. */
  words: { language: string; summary: string; description: string; location: string };
}

/** Stable for a participant and a hearing: how calendars recognise an update or a cancellation. */
export function invitationUid(hearingId: string, participantId: string): string {
  return `${hearingId}.${participantId}@${UID_DOMAIN}`;
}

function at(utc: string, zone: string): DateTime {
  return DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
}

/** Names the language of the event's words (RFC 5545 LANGUAGE), which ical-generator cannot; lines are folded again after. */
function withLanguage(ics: string, language: string): string {
  const unfolded = ics.replace(/\r\n[ \t]/g, '');
  return foldLines(unfolded.replace(/^(SUMMARY|DESCRIPTION|LOCATION)(?=[:;])/gm, `$1;LANGUAGE=${language}`));
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
  const event = calendar.createEvent({
    id: invitationUid(input.hearingId, input.participantId),
    sequence: input.sequence,
    start: at(input.start, zone),
    end: at(input.end, zone),
    timezone: zone,
    stamp: new Date(),
    summary: input.words.summary,
    description: input.words.description,
    location: input.words.location,
    organizer: { name: input.organizer.name, email: input.organizer.email },
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  if (input.joinUrl && !input.cancelled) event.url(input.joinUrl);
  if (input.attendee.email) event.createAttendee({ name: input.attendee.name, email: input.attendee.email, rsvp: true });
  return withLanguage(calendar.toString(), input.words.language);
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
