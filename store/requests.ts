/**
 * Cross-border hearing requests. Each request is a hearing (the `hearings` row the courtroom uses)
 * plus the exchange between the two authorities. A workflow step is written by `apply` in one
 * transaction: the request (only if nobody changed it meanwhile), the hearing's status and times, the
 * bookings it takes or releases, new participants, and the event that records who did it and when
 * (in `request_events`, the exchange's own log; `hearing_events` is the courtroom's record).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { CAPACITIES, ROLES, VULNERABILITIES } from '../model/roles.js';
import type { Capacity, Role, Vulnerability } from '../model/roles.js';
import type { HearingStatus, LanguagePair, Participant } from '../model/hearing.js';
import { REFUSAL_GROUNDS, REQUEST_STAGES, type HearingRequest, type RequestDetails } from '../scheduling/request.js';
import { SchedulingError } from '../scheduling/errors.js';
import { insertBookings, releaseBookings, type NewBooking } from './bookings.js';
import type { SqlDriver, SqlExecutor } from './driver.js';
import type { NewHearingEvent } from './events.js';
import { queueLetters, type LetterActor, type LetterKind } from './mail-outbox.js';

const Window = z.object({ start: z.string(), end: z.string() });
const Details = z.object({
  legalBasis: z.object({ instrument: z.string(), article: z.string() }),
  reasonsNotInPerson: z.string(),
  conductedBy: z.array(z.object({ name: z.string(), function: z.string(), role: z.enum(ROLES).optional() })),
  person: z.object({
    name: z.string(),
    nationality: z.string().nullable(),
    capacity: z.enum(CAPACITIES),
    language: z.string(),
    vulnerability: z.enum(VULNERABILITIES).optional(),
    supportPerson: z.string().nullable().optional(),
  }),
  hearingLanguage: z.string(),
  interpretation: z.string(),
}) satisfies z.ZodType<RequestDetails>;
const TestResultJson = z.object({
  result: z.enum(['go', 'no_go']),
  audio: z.boolean(),
  video: z.boolean(),
  network: z.string(),
  encryption: z.string(),
  contacts: z.object({ requesting: z.string(), requested: z.string() }),
  notes: z.string(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});
const DecisionJson = z.object({
  by: z.string(),
  at: z.string(),
  outcome: z.enum(['accepted', 'refused']),
  ground: z.enum(REFUSAL_GROUNDS).nullable(),
  explanation: z.string(),
});
const json = <T extends z.ZodType>(schema: T) => z.string().transform((text) => schema.parse(JSON.parse(text)) as z.infer<T>);
const nullableJson = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .nullable()
    .transform((text) => (text === null ? null : (schema.parse(JSON.parse(text)) as z.infer<T>)));

const RequestRow = z.object({
  hearing_id: z.string(),
  title: z.string(),
  case_reference: z.string(),
  requesting_authority_id: z.string(),
  requested_authority_id: z.string(),
  stage: z.enum(REQUEST_STAGES),
  details: json(Details),
  proposed_windows: json(z.array(Window)),
  windows_proposed_by: z.string(),
  duration_minutes: z.coerce.number().int(),
  resource_ids: json(z.array(z.string())),
  slot_start: z.string().nullable(),
  slot_end: z.string().nullable(),
  slot_proposed_by: z.string().nullable(),
  test_start: z.string().nullable(),
  test_end: z.string().nullable(),
  test_result: nullableJson(TestResultJson),
  decision: nullableJson(DecisionJson),
  cancellation_reason: z.string().nullable(),
  ics_sequence: z.coerce.number().int(),
  version: z.coerce.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});

function toRequest(row: unknown): HearingRequest {
  const r = RequestRow.parse(row);
  return {
    hearingId: r.hearing_id,
    title: r.title,
    caseReference: r.case_reference,
    requestingAuthorityId: r.requesting_authority_id,
    requestedAuthorityId: r.requested_authority_id,
    stage: r.stage,
    details: r.details,
    proposedWindows: r.proposed_windows,
    windowsProposedBy: r.windows_proposed_by,
    durationMinutes: r.duration_minutes,
    resourceIds: r.resource_ids,
    slot: r.slot_start && r.slot_end ? { start: r.slot_start, end: r.slot_end } : null,
    slotProposedBy: r.slot_proposed_by,
    test: r.test_start && r.test_end ? { start: r.test_start, end: r.test_end } : null,
    testResult: r.test_result,
    decision: r.decision,
    cancellationReason: r.cancellation_reason,
    icsSequence: r.ics_sequence,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const SELECT_REQUEST = `SELECT r.*, h.title, h.case_reference FROM hearing_requests r JOIN hearings h ON h.id = r.hearing_id`;

/** A participant with what invitations need: where they are, how to reach them, their language. */
export interface InvitedParticipant extends Participant {
  authorityId: string;
  email: string | null;
  timeZone: string;
  language: string;
}

export interface NewInvitedParticipant {
  displayName: string;
  role: Role;
  capacity: Capacity | null;
  authorityId: string;
  email: string | null;
  timeZone: string;
  language: string;
  /** For an interpreter: the pair the hearing needs them for; they serve the channel into `into`. */
  interprets?: LanguagePair | null;
  /** For the person heard: why she is a vulnerable person, where she is one. */
  vulnerability?: Vulnerability | null;
}

const ContactRow = z.object({
  id: z.string(),
  hearing_id: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  capacity: z.enum(CAPACITIES).nullable(),
  created_at: z.string(),
  authority_id: z.string(),
  email: z.string().nullable(),
  time_zone: z.string(),
  language: z.string(),
});

export interface NewRequest {
  title: string;
  caseReference: string;
  requestingAuthorityId: string;
  requestedAuthorityId: string;
  details: RequestDetails;
  proposedWindows: { start: string; end: string }[];
  durationMinutes: number;
  resourceIds: string[];
  people: NewInvitedParticipant[];
}

/** One workflow step, applied atomically. `request` is the whole new state; its version is checked, not trusted. */
export interface RequestChange {
  request: HearingRequest;
  hearingStatus: HearingStatus;
  hearingTimes: { start: string; end: string } | null;
  release: ('hearing' | 'test')[];
  book: NewBooking[];
  addPeople: NewInvitedParticipant[];
  event: NewHearingEvent;
  /** Letters the step calls for, queued in its transaction (mail-outbox.ts). */
  letters?: { kinds: readonly LetterKind[]; actor: LetterActor };
}

/** One step of the exchange between the coordinators: who, when, what. */
export interface RequestEvent {
  seq: number;
  at: string;
  actorId: string | null;
  type: string;
  data: Record<string, unknown>;
}

const RequestEventRow = z.object({
  seq: z.coerce.number().int(),
  at: z.string(),
  actor_id: z.string().nullable(),
  type: z.string(),
  data: z.string().transform((text) => z.record(z.string(), z.unknown()).parse(JSON.parse(text))),
});

/**
 * Written in the same transaction as the change it records. The request row's version check has
 * already serialised writers of this request, so two entries never race for a number.
 */
async function appendEvent(tx: SqlExecutor, hearingId: string, event: NewHearingEvent): Promise<void> {
  const [last] = await tx.all('SELECT MAX(seq) AS seq FROM request_events WHERE hearing_id = ?', [hearingId]);
  await tx.run('INSERT INTO request_events (hearing_id, seq, at, actor_id, type, data) VALUES (?, ?, ?, ?, ?, ?)', [
    hearingId,
    Number(last?.seq ?? 0) + 1,
    new Date().toISOString(),
    event.actorId,
    event.type,
    JSON.stringify(event.data),
  ]);
}

async function insertPeople(tx: SqlExecutor, hearingId: string, people: readonly NewInvitedParticipant[]): Promise<void> {
  for (const person of people) {
    const id = randomUUID();
    await tx.run(
      'INSERT INTO participants (id, hearing_id, display_name, role, capacity, interprets_from, interprets_into, vulnerability, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        id,
        hearingId,
        person.displayName,
        person.role,
        person.capacity,
        person.interprets?.from ?? null,
        person.interprets?.into ?? null,
        person.vulnerability ?? null,
        new Date().toISOString(),
      ],
    );
    await tx.run('INSERT INTO participant_contacts (participant_id, authority_id, email, time_zone, language) VALUES (?, ?, ?, ?, ?)', [
      id,
      person.authorityId,
      person.email,
      person.timeZone,
      person.language,
    ]);
  }
}

export function requestRepository(db: SqlDriver) {
  return {
    /** A new draft: the hearing, the request, the people named in it, and the `request.drafted` event. */
    async create(input: NewRequest, actorId: string): Promise<HearingRequest> {
      const hearingId = randomUUID();
      const now = new Date().toISOString();
      // Until a slot is agreed, the hearing's times are the first proposed window's start and the duration.
      const first = input.proposedWindows[0]!;
      const end = new Date(Date.parse(first.start) + input.durationMinutes * 60_000).toISOString();
      await db.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO hearings (id, title, case_reference, status, scheduled_start, scheduled_end, court_language, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
          [hearingId, input.title, input.caseReference, 'requested', first.start, end, input.details.hearingLanguage, now],
        );
        await tx.run(
          `INSERT INTO hearing_requests (hearing_id, requesting_authority_id, requested_authority_id, stage, details, proposed_windows,
             windows_proposed_by, duration_minutes, resource_ids, ics_sequence, version, created_at, updated_at)
           VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, 0, 1, ?, ?)`,
          [
            hearingId,
            input.requestingAuthorityId,
            input.requestedAuthorityId,
            JSON.stringify(input.details),
            JSON.stringify(input.proposedWindows),
            input.requestingAuthorityId,
            input.durationMinutes,
            JSON.stringify(input.resourceIds),
            now,
            now,
          ],
        );
        await insertPeople(tx, hearingId, input.people);
        await appendEvent(tx, hearingId, { type: 'request.drafted', actorId, data: { requestedAuthorityId: input.requestedAuthorityId } });
      });
      return (await this.get(hearingId))!;
    },
    async get(hearingId: string): Promise<HearingRequest | null> {
      const [row] = await db.all(`${SELECT_REQUEST} WHERE r.hearing_id = ?`, [hearingId]);
      return row ? toRequest(row) : null;
    },
    /** Every request the authority is a party to, newest first. */
    async listFor(authorityId: string): Promise<HearingRequest[]> {
      const rows = await db.all(`${SELECT_REQUEST} WHERE r.requesting_authority_id = ? OR r.requested_authority_id = ? ORDER BY r.updated_at DESC`, [
        authorityId,
        authorityId,
      ]);
      return rows.map(toRequest);
    },
    async events(hearingId: string): Promise<RequestEvent[]> {
      const rows = await db.all('SELECT seq, at, actor_id, type, data FROM request_events WHERE hearing_id = ? ORDER BY seq', [hearingId]);
      return rows.map((row) => {
        const r = RequestEventRow.parse(row);
        return { seq: r.seq, at: r.at, actorId: r.actor_id, type: r.type, data: r.data };
      });
    },
    /** The people of a request with their contact details; a person's language is their own where set, else the one the coordinators recorded. */
    async people(hearingId: string): Promise<InvitedParticipant[]> {
      // The last of two columns of one name wins in a row on both drivers: here the merged language.
      const rows = await db.all(
        `SELECT p.*, c.authority_id, c.email, c.time_zone, COALESCE(p.language, c.language) AS language FROM participants p
         JOIN participant_contacts c ON c.participant_id = p.id WHERE p.hearing_id = ? ORDER BY p.created_at, p.id`,
        [hearingId],
      );
      return rows.map((row) => {
        const r = ContactRow.parse(row);
        return {
          id: r.id,
          hearingId: r.hearing_id,
          displayName: r.display_name,
          role: r.role,
          capacity: r.capacity,
          createdAt: r.created_at,
          authorityId: r.authority_id,
          email: r.email,
          timeZone: r.time_zone,
          language: r.language,
        };
      });
    },
    /** Records an event outside a state change (an invitation issued, a summons generated). */
    async note(hearingId: string, event: NewHearingEvent): Promise<void> {
      await db.transaction((tx) => appendEvent(tx, hearingId, event));
    },
    /**
     * The court adjourned the hearing (at `adjournedAt`, as its record says): its request waits for the
     * two authorities to fix the new date (workflow.ts: reschedule from `adjourned`), and the hearing
     * is not joinable meanwhile. The court is the actor, so the exchange's log names no coordinator.
     * Safe to repeat: a request already adjourned, or changed since (rescheduled), is left as it is.
     * Returns whether the request moved; a hearing without a request (the demo) keeps its status, and
     * its people come back to the next sitting with the links they have.
     */
    async adjourn(hearingId: string, reason: string, adjournedAt: string): Promise<boolean> {
      return db.transaction(async (tx) => {
        const changed = await tx.run(
          `UPDATE hearing_requests SET stage = 'adjourned', version = version + 1, updated_at = ?
           WHERE hearing_id = ? AND stage IN ('scheduled', 'test_passed') AND updated_at < ?`,
          [new Date().toISOString(), hearingId, adjournedAt],
        );
        if (changed === 0) return false;
        await tx.run("UPDATE hearings SET status = 'adjourned' WHERE id = ?", [hearingId]);
        await appendEvent(tx, hearingId, { actorId: null, type: 'court.adjourned', data: { reason } });
        return true;
      });
    },
    /** Applies one workflow step atomically; refuses it when the request changed since it was read. */
    async apply(change: RequestChange): Promise<HearingRequest> {
      const r = change.request;
      await db.transaction(async (tx) => {
        const changed = await tx.run(
          `UPDATE hearing_requests SET stage = ?, details = ?, proposed_windows = ?, windows_proposed_by = ?, duration_minutes = ?,
             resource_ids = ?, slot_start = ?, slot_end = ?, slot_proposed_by = ?, test_start = ?, test_end = ?, test_result = ?,
             decision = ?, cancellation_reason = ?, ics_sequence = ?, version = version + 1, updated_at = ?
           WHERE hearing_id = ? AND version = ?`,
          [
            r.stage,
            JSON.stringify(r.details),
            JSON.stringify(r.proposedWindows),
            r.windowsProposedBy,
            r.durationMinutes,
            JSON.stringify(r.resourceIds),
            r.slot?.start ?? null,
            r.slot?.end ?? null,
            r.slotProposedBy,
            r.test?.start ?? null,
            r.test?.end ?? null,
            r.testResult ? JSON.stringify(r.testResult) : null,
            r.decision ? JSON.stringify(r.decision) : null,
            r.cancellationReason,
            r.icsSequence,
            new Date().toISOString(),
            r.hearingId,
            r.version,
          ],
        );
        if (changed === 0) {
          throw new SchedulingError('changed_meanwhile', 'The other coordinator changed this request a moment ago. Reload it and try again.');
        }
        if (change.hearingTimes) {
          await tx.run('UPDATE hearings SET status = ?, scheduled_start = ?, scheduled_end = ? WHERE id = ?', [
            change.hearingStatus,
            change.hearingTimes.start,
            change.hearingTimes.end,
            r.hearingId,
          ]);
        } else {
          await tx.run('UPDATE hearings SET status = ? WHERE id = ?', [change.hearingStatus, r.hearingId]);
        }
        await releaseBookings(tx, r.hearingId, change.release);
        await insertBookings(tx, r.hearingId, change.book);
        await insertPeople(tx, r.hearingId, change.addPeople);
        await appendEvent(tx, r.hearingId, change.event);
        if (change.letters) await queueLetters(tx, r.hearingId, change.letters.kinds, change.letters.actor);
      });
      return (await this.get(r.hearingId))!;
    },
  };
}
export type RequestRepository = ReturnType<typeof requestRepository>;
