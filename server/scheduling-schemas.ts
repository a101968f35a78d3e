/**
 * Every body and query of the scheduling API, as zod schemas. The router parses with them and the
 * OpenAPI document is generated from them (server/openapi.ts), so the two cannot disagree.
 */
import { z } from 'zod';
import { LanguageTag } from '../language/tags.js';
import { CAPACITIES, REFUSAL_GROUNDS, RESOURCE_KINDS, VULNERABILITIES, isTimeZone } from '../scheduling/index.js';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const email = z.email('must be an e-mail address').max(254);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time like 09:30');
const id = z.uuid('must be an id');

export const TimeZone = z.string().refine(isTimeZone, 'must be a time zone of the IANA database, such as Europe/Paris');

export const Instant = z
  .union([
    z.object({ utc: z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant such as 2026-05-12T13:00:00Z' }) }).strict(),
    z
      .object({
        local: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'must be a local time like 2026-05-12T15:00'),
        zone: TimeZone,
        disambiguation: z.enum(['earlier', 'later']).optional(),
      })
      .strict(),
  ])
  .meta({
    description: 'A UTC instant, or a wall-clock time in an IANA zone (refused if it does not exist there, or needs `disambiguation` if it occurs twice).',
  });

const Window = z.object({ start: Instant, end: Instant }).strict();

export const Login = z.object({ email: z.string().trim().toLowerCase().pipe(email), password: z.string().min(1, 'must not be empty').max(1024) }).strict();

/** A retention period in days (a day to a century), or null to keep. */
const RetentionDays = z.number().int('must be a whole number of days').min(1, 'at least one day').max(36_500, 'at most 100 years').nullable();

export const Settings = z
  .object({
    workingHours: z.array(z.object({ weekday: z.number().int().min(1).max(7), from: hhmm, to: hhmm }).strict()).max(50),
    holidays: z.array(z.iso.date('must be a date like 2026-12-25')).max(400),
    bufferMinutes: z.number().int().min(0).max(240),
    minLeadDays: z.number().int().min(0).max(365),
    /** Left out, the authority's zone stays as it is. */
    timeZone: TimeZone.optional(),
    /** Days from a hearing's close that each kind of data is kept (null: kept); left out, the periods stay as they are. */
    retention: z
      .object({
        recordingsDays: RetentionDays,
        personalDataDays: RetentionDays,
        // A court's file is kept at least a year: a slip of the keyboard must not delete an authority's files at the next pass.
        recordDays: RetentionDays.refine((days) => days === null || days >= 365, 'a court’s file is kept at least 365 days'),
      })
      .strict()
      .refine((r) => r.recordDays === null || r.recordingsDays === null || r.recordingsDays <= r.recordDays, {
        message: 'recordings cannot be kept longer than the court’s file',
        path: ['recordingsDays'],
      })
      .refine((r) => r.recordDays === null || r.personalDataDays === null || r.personalDataDays <= r.recordDays, {
        message: 'personal data cannot be kept longer than the court’s file',
        path: ['personalDataDays'],
      })
      .optional(),
  })
  .strict();

export const NewResource = z
  .object({
    kind: z.enum(RESOURCE_KINDS.filter((k) => k !== 'person') as ['room', 'judge', 'interpreter']),
    name: text(200),
    languages: z.array(LanguageTag).max(10).default([]),
    email: email.optional(),
  })
  .strict();

/** A resource's name, languages and e-mail as changed; its kind stays what it was. */
export const ResourceChanges = z
  .object({
    name: text(200),
    languages: z.array(LanguageTag).max(10).default([]),
    email: email.nullable().default(null),
  })
  .strict();
export const ResourceParams = z.object({ id }).strict();

export const Draft = z
  .object({
    title: text(200),
    caseReference: text(100),
    requestedAuthorityId: id,
    legalBasis: z.object({ instrument: text(300), article: text(100) }).strict(),
    reasonsNotInPerson: text(4000),
    conductedBy: z
      .array(z.object({ name: text(200), role: z.enum(['presiding_judge', 'prosecutor', 'counsel', 'clerk', 'observer']), email: email.optional() }).strict())
      .min(1, 'name at least the judge who conducts the hearing')
      .max(20),
    person: z
      .object({
        name: text(200),
        nationality: z.string().trim().max(100).optional(),
        capacity: z.enum(CAPACITIES),
        language: LanguageTag,
        email: email.optional(),
        vulnerability: z.enum(VULNERABILITIES).optional(),
        /** Who will be beside her: invited with her, at the requested state's site. */
        supportPerson: z
          .object({ name: text(200), email: email.optional(), language: LanguageTag.optional() })
          .strict()
          .optional(),
      })
      .strict()
      .refine((person) => !person.vulnerability || person.supportPerson, {
        message: 'name the support person who will be beside her: a vulnerable person is heard only with one',
        path: ['supportPerson'],
      }),
    hearingLanguage: LanguageTag,
    interpretation: z.string().trim().max(1000).default(''),
    durationMinutes: z
      .number()
      .int()
      .min(15)
      .max(8 * 60),
    proposedWindows: z.array(Window).min(1, 'propose at least one time window').max(20),
    resourceIds: z.array(id).max(20).default([]),
  })
  .strict();

export const Action = z.discriminatedUnion('type', [
  z.object({ type: z.literal('send') }).strict(),
  z
    .object({
      type: z.literal('accept'),
      resourceIds: z.array(id).max(20).default([]),
      officer: z.object({ name: text(200), email: email.optional() }).strict(),
      note: z.string().max(2000).optional(),
    })
    .strict(),
  z.object({ type: z.literal('refuse'), ground: z.enum(REFUSAL_GROUNDS), explanation: text(4000) }).strict(),
  z.object({ type: z.literal('propose_times'), windows: z.array(Window).min(1).max(20) }).strict(),
  z.object({ type: z.literal('propose_slot'), start: Instant, interpreterId: id.optional() }).strict(),
  z.object({ type: z.literal('agree_slot') }).strict(),
  z.object({ type: z.literal('book_test'), start: Instant, durationMinutes: z.number().int().min(15).max(180).default(30) }).strict(),
  z
    .object({
      type: z.literal('record_test'),
      result: z.enum(['go', 'no_go']),
      audio: z.boolean(),
      video: z.boolean(),
      network: z.string().max(500).default(''),
      encryption: z.string().max(200).default(''),
      contacts: z.object({ requesting: text(300), requested: text(300) }).strict(),
      notes: z.string().max(4000).default(''),
    })
    .strict(),
  z.object({ type: z.literal('schedule') }).strict(),
  z.object({ type: z.literal('reschedule'), start: Instant }).strict(),
  z.object({ type: z.literal('cancel'), reason: text(2000) }).strict(),
  z.object({ type: z.literal('record_held') }).strict(),
  z.object({ type: z.literal('close') }).strict(),
]);

export const ActionBody = z.object({ expectedVersion: z.number().int().min(1).optional(), action: Action }).strict();

export const SlotQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(20).default(5),
  })
  .strict()
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'give both from and to, or neither', path: ['to'] });

export const SlotCheck = z.object({ start: Instant }).strict();

/** Any language: one without texts gets the English summons that says so, and the coordinator a warning. */
export const SummonsQuery = z.object({ language: LanguageTag.optional() }).strict();

/** `language`: the language the feed's entries are written in (the dashboard's); English when absent. */
export const NewFeed = z.object({ resourceId: id.optional(), language: LanguageTag.optional() }).strict();

export const HearingParams = z.object({ id }).strict();
export const InvitationParams = z.object({ id, participantId: id }).strict();
export const FeedParams = z.object({ secret: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/, 'unknown feed') }).strict();

export const ErrorBody = z.object({ code: z.string(), message: z.string(), field: z.string().optional(), details: z.array(z.string()).optional() });
