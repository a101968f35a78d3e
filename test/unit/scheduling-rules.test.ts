/**
 * The scheduling rules without a server: the workflow's order and sides, local times across
 * daylight-saving changes, the slot finder's working hours, holidays and buffers, and invitations whose
 * VTIMEZONE components an independent parser reads back to the same instants (the letters' words in
 * each language: letters.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ICAL from 'ical.js';
import {
  DEFAULT_WORKING_HOURS,
  type SchedulingError,
  assertAllowed,
  availableActions,
  findSlots,
  invitationIcs,
  invitationMessage,
  localToUtc,
  occupation,
  type HearingRequest,
} from '../../scheduling/index.js';

const request = (stage: HearingRequest['stage'], slotProposedBy: string | null = null) =>
  ({ stage, requestingAuthorityId: 'paris', requestedAuthorityId: 'montreal', slotProposedBy }) as HearingRequest;

const code = (work: () => unknown) => {
  try {
    work();
    return 'allowed';
  } catch (error) {
    return (error as SchedulingError).code;
  }
};

describe('the request workflow', () => {
  it('a request cannot be scheduled before the requested authority accepts it', () => {
    for (const stage of ['draft', 'requested', 'counter_proposed'] as const) {
      assert.throws(() => assertAllowed(request(stage), 'schedule', 'paris'), /cannot be scheduled before the requested authority accepts/);
    }
    assert.equal(
      code(() => assertAllowed(request('slot_agreed'), 'schedule', 'paris')),
      'illegal_transition',
    );
    assert.equal(
      code(() => assertAllowed(request('test_passed'), 'schedule', 'paris')),
      'allowed',
    );
  });

  it('only the requested authority decides on a request, and only the other side agrees a proposed slot', () => {
    assert.equal(
      code(() => assertAllowed(request('requested'), 'accept', 'paris')),
      'forbidden',
    );
    assert.equal(
      code(() => assertAllowed(request('requested'), 'accept', 'montreal')),
      'allowed',
    );
    assert.equal(
      code(() => assertAllowed(request('slot_proposed', 'montreal'), 'agree_slot', 'montreal')),
      'forbidden',
    );
    assert.equal(
      code(() => assertAllowed(request('slot_proposed', 'montreal'), 'agree_slot', 'paris')),
      'allowed',
    );
    assert.equal(
      code(() => assertAllowed(request('requested'), 'accept', 'berlin')),
      'not_found',
    );
  });

  it('offers each side exactly the steps open to it', () => {
    assert.deepEqual(availableActions(request('draft'), 'paris'), ['send']);
    assert.deepEqual(availableActions(request('requested'), 'montreal'), ['accept', 'refuse', 'propose_times', 'cancel']);
    assert.deepEqual(availableActions(request('closed'), 'paris'), []);
  });
});

describe('local times', () => {
  it('a time the clocks skip is refused, never shifted', () => {
    assert.equal(
      code(() => localToUtc('2027-03-28T02:30', 'Europe/Paris')),
      'nonexistent_local_time',
    );
    assert.equal(
      code(() => localToUtc('2027-03-14T02:30', 'America/Toronto')),
      'nonexistent_local_time',
    );
  });

  it('a time that happens twice needs the coordinator to say which', () => {
    assert.equal(
      code(() => localToUtc('2027-10-31T02:30', 'Europe/Paris')),
      'ambiguous_local_time',
    );
    assert.equal(localToUtc('2027-10-31T02:30', 'Europe/Paris', 'earlier'), '2027-10-31T00:30:00.000Z');
    assert.equal(localToUtc('2027-10-31T02:30', 'Europe/Paris', 'later'), '2027-10-31T01:30:00.000Z');
  });

  it('an ordinary time uses the offset of that day from the zone database', () => {
    assert.equal(localToUtc('2027-01-12T15:00', 'Europe/Paris'), '2027-01-12T14:00:00.000Z');
    assert.equal(localToUtc('2027-07-13T15:00', 'Europe/Paris'), '2027-07-13T13:00:00.000Z');
    assert.equal(localToUtc('2027-07-13T15:00', 'Asia/Kolkata'), '2027-07-13T09:30:00.000Z');
  });
});

describe('the slot finder', () => {
  const paris = { timeZone: 'Europe/Paris', workingHours: DEFAULT_WORKING_HOURS, holidays: [] as string[] };
  const montreal = { timeZone: 'America/Toronto', workingHours: DEFAULT_WORKING_HOURS, holidays: [] as string[] };
  const minutes = (iso: string) => Date.parse(iso) / 60_000;
  const window: [number, number] = [minutes('2027-01-11T00:00:00Z'), minutes('2027-01-16T00:00:00Z')];
  const iso = (m: number) => new Date(m * 60_000).toISOString();

  it('proposes the earliest time inside both sites’ working hours', () => {
    const [first] = findSlots({
      sites: [paris, montreal],
      durationMinutes: 90,
      bufferMinutes: 15,
      windows: [window],
      required: ['room'],
      busy: new Map(),
      limit: 3,
    });
    assert.equal(iso(first!.startMin), '2027-01-11T14:00:00.000Z', '15:00 in Paris, 09:00 in Montréal, Monday');
  });

  it('skips a public holiday of either site', () => {
    const [first] = findSlots({
      sites: [paris, { ...montreal, holidays: ['2027-01-11'] }],
      durationMinutes: 90,
      bufferMinutes: 15,
      windows: [window],
      required: [],
      busy: new Map(),
      limit: 1,
    });
    assert.equal(iso(first!.startMin), '2027-01-12T14:00:00.000Z');
  });

  it('keeps the buffers around an existing booking of any required resource', () => {
    const existing = occupation(minutes('2027-01-11T14:00:00Z'), minutes('2027-01-11T15:00:00Z'), 15);
    const [first] = findSlots({
      sites: [paris, montreal],
      durationMinutes: 30,
      bufferMinutes: 15,
      windows: [window],
      required: ['room', 'judge'],
      busy: new Map([['judge', [existing]]]),
      limit: 1,
    });
    assert.equal(iso(first!.startMin), '2027-01-11T15:30:00.000Z', '16:30 in Paris: the 15:00–16:00 booking plus both buffers');
    const [longer] = findSlots({
      sites: [paris, montreal],
      durationMinutes: 60,
      bufferMinutes: 15,
      windows: [window],
      required: ['judge'],
      busy: new Map([['judge', [existing]]]),
      limit: 1,
    });
    assert.equal(iso(longer!.startMin), '2027-01-12T14:00:00.000Z', 'an hour no longer fits before 17:00 in Paris: the next day');
  });

  it('chooses a free interpreter for the language pair', () => {
    const taken = occupation(minutes('2027-01-11T14:00:00Z'), minutes('2027-01-11T16:00:00Z'), 15);
    const [first] = findSlots({
      sites: [paris, montreal],
      durationMinutes: 60,
      bufferMinutes: 15,
      windows: [window],
      required: [],
      anyOf: [{ label: 'interpreter', candidates: ['nadia', 'omar'] }],
      busy: new Map([['nadia', [taken]]]),
      limit: 1,
    });
    assert.equal(first!.chosen.interpreter, 'omar');
    assert.equal(iso(first!.startMin), '2027-01-11T14:00:00.000Z');
  });
});

describe('invitations', () => {
  it('an invitation across a daylight-saving change reads back to the same instant in an independent parser', () => {
    // 31 October 2027: Paris is already on winter time, Montréal not yet (until 7 November).
    const slot = { start: '2027-11-02T14:00:00.000Z', end: '2027-11-02T15:30:00.000Z' };
    const message = invitationMessage({
      language: 'fr-CA',
      recipient: { name: 'Y', role: 'person_heard', capacity: 'witness', timeZone: 'America/Toronto' },
      caseReference: 'X',
      title: 'Hearing',
      court: { name: 'Paris', zone: 'Europe/Paris' },
      requestedAuthority: { name: 'Montréal', zone: 'America/Toronto' },
      slot,
      cancelled: false,
      joinUrl: 'https://example.org/join/h#token=t',
      contact: { name: 'Claire Martin', email: 'claire@justice.fr' },
    });
    const ics = invitationIcs({
      hearingId: 'h',
      participantId: 'p',
      title: 'Hearing',
      caseReference: 'X',
      ...slot,
      sequence: 0,
      cancelled: false,
      organizer: { name: 'Claire Martin', email: 'claire@justice.fr' },
      attendee: { name: 'Y', email: null, timeZone: 'America/Toronto' },
      joinUrl: 'https://example.org/join/h#token=t',
      words: { language: message.language, ...message.calendar },
    });
    const calendar = new ICAL.Component(ICAL.parse(ics));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    assert.equal(event.startDate.toString(), '2027-11-02T10:00:00', 'EDT, UTC−4, until 7 November');
    assert.equal(event.startDate.toJSDate().toISOString(), '2027-11-02T14:00:00.000Z');
    assert.match(ics, /DTSTAMP:\d{8}T\d{6}Z/);
    // The words are the message's, in French, and say so; a calendar reads them back whole.
    assert.equal(event.component.getFirstProperty('summary')!.getParameter('language'), 'fr');
    assert.equal(event.component.getFirstProperty('description')!.getParameter('language'), 'fr');
    assert.equal(event.summary, message.subject);
    assert.equal(event.description, message.calendar.description);
    assert.ok(
      ics.split('\r\n').every((line) => Buffer.byteLength(line) <= 75),
      'lines stay folded at 75 octets',
    );
  });
});
