/**
 * What the people in a hearing can ask the court to do, one zod schema each. Browsers send these;
 * nothing reaches the state machine unparsed.
 */
import { z } from 'zod';
import { TEXT_LANGUAGES } from './texts.js';

const Id = z.string().uuid('must be a participant id');
const Reason = z.string().trim().min(3, 'give a reason of at least a few words').max(500);
const Language = z.enum(TEXT_LANGUAGES, { message: `must be one of ${TEXT_LANGUAGES.join(', ')}` });

export const CourtCommands = {
  'court:go-live': z.object({}).strict(),
  'court:admit': z.object({ participantId: Id }).strict(),
  'court:send-back': z.object({ participantId: Id, reason: Reason.optional() }).strict(),
  'court:remove': z.object({ participantId: Id, reason: Reason }).strict(),
  /** null: everyone but the presiding judge and the officer. */
  'court:mute': z.object({ participantId: Id.nullable() }).strict(),
  /** The court never unmutes anyone: it asks them to. */
  'court:ask-unmute': z.object({ participantId: Id }).strict(),
  'court:spotlight': z.object({ participantId: Id.nullable() }).strict(),
  'court:pause': z.object({ reason: Reason.optional() }).strict(),
  'court:resume': z.object({}).strict(),
  'court:end': z.object({ reason: Reason.optional() }).strict(),
  'court:testimony': z.object({ participantId: Id, action: z.enum(['start', 'end']) }).strict(),
  'court:confirm-identity': z.object({ participantId: Id }).strict(),
  'court:protect': z
    .object({
      participantId: Id,
      pseudonym: z.string().trim().min(1).max(80).nullable(),
      hideVideoFromObservers: z.boolean(),
      audioOnly: z.boolean(),
    })
    .strict(),
  // The requested-state officer.
  'court:intervene': z.object({ action: z.enum(['pause', 'suspend', 'stop_recording', 'end']), reason: Reason }).strict(),
  'court:lift-intervention': z.object({}).strict(),
  'court:verify-identity': z
    .object({
      participantId: Id,
      method: z.enum(['identity_document', 'personal_knowledge', 'official_record']),
      documentType: z.enum(['passport', 'national_id', 'residence_permit', 'driving_licence', 'other']).optional(),
      issuingCountry: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as FR').optional(),
      /** Sent once, hashed on arrival, never stored or logged as given. */
      documentNumber: z.string().trim().min(4, 'is too short').max(40).optional(),
      match: z.boolean(),
      photoCompared: z.boolean(),
    })
    .strict()
    .refine((c) => c.method !== 'identity_document' || (c.documentType && c.issuingCountry && c.documentNumber), {
      message: 'a document check needs the document type, issuing country and number',
      path: ['documentNumber'],
    }),
  'court:show-rights': z.object({ participantId: Id, language: Language }).strict(),
  'court:record-consent': z
    .object({
      participantId: Id,
      language: Language,
      method: z.enum(['oral_on_record', 'signature', 'electronic_signature']),
      interpreterPresent: z.boolean(),
      lawyerPresent: z.boolean(),
    })
    .strict(),
  'court:record-oath': z.object({ participantId: Id, form: z.enum(['oath', 'affirmation']), language: Language }).strict(),
  // Counsel and the person they assist (and an interpreter): the private consultation.
  'court:consult': z.object({ withParticipantIds: z.array(Id).min(1).max(3) }).strict(),
  'court:end-consultation': z.object({ consultationId: z.string().uuid() }).strict(),
  // The person heard.
  'court:acknowledge-rights': z.object({}).strict(),
  'court:withdraw-consent': z.object({}).strict(),
  'court:claim-privilege': z.object({ basis: z.string().trim().min(3).max(500) }).strict(),
} as const;

export type CourtCommandName = keyof typeof CourtCommands;
export type CourtCommand<N extends CourtCommandName> = z.infer<(typeof CourtCommands)[N]>;
