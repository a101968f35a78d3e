/**
 * What the people in a hearing can ask the court to do, one zod schema each. Browsers send these;
 * nothing reaches the state machine unparsed.
 */
import { z } from 'zod';
import { LanguageTag } from '../language/tags.js';
import { ExtraditionDeclaration as Declaration, SignatureStrokes } from '../model/events.js';
import { FACE_MASKINGS } from '../model/media.js';

const Id = z.string().uuid('must be a participant id');
const Reason = z.string().trim().min(3, 'give a reason of at least a few words').max(500);
/** The language of a text put before the person heard: any language; without one, hers (see understanding.ts). */
const Language = LanguageTag;
/** An interpretation channel, named by the language it is interpreted into. */
export const ChannelLanguage = LanguageTag;
/**
 * What a person writes about a problem with the interpretation: one paragraph of printable text.
 * Control characters (other than line breaks) are refused rather than stored in the record.
 */
const ProblemText = z
  .string()
  .trim()
  .min(3, 'say in a few words what the problem is')
  .max(500, 'keep it under 500 characters')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters, so it names them.
  .regex(/^[^\u0000-\u0009\u000b-\u001f\u007f-\u009f]*$/, 'must be plain text (line breaks allowed, no control characters)');

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
  /** The presiding judge opens or closes the public gallery. */
  'court:gallery': z.object({ open: z.boolean() }).strict(),
  /** The presiding judge orders the court to sit in private (with the reason), or lifts the order. */
  'court:private': z.object({ on: z.boolean(), reason: Reason.optional() }).strict(),
  /** A break for a vulnerable person heard: the hearing pauses until the judge resumes it. */
  'court:break': z.object({ minutes: z.number().int().min(5).max(60) }).strict(),
  'court:end': z.object({ reason: Reason.optional() }).strict(),
  /** The presiding judge adjourns to a new date, with the reason: the coordinators then fix the date from the same request. */
  'court:adjourn': z.object({ reason: Reason }).strict(),
  /** Recording is off until the presiding judge starts it, naming the legal basis (kept in the record and the manifest). */
  'court:start-recording': z.object({ legalBasis: z.string().trim().min(3, 'give the legal basis for recording, at least a few words').max(500) }).strict(),
  'court:stop-recording': z.object({}).strict(),
  'court:testimony': z.object({ participantId: Id, action: z.enum(['start', 'end']) }).strict(),
  'court:confirm-identity': z.object({ participantId: Id }).strict(),
  'court:protect': z
    .object({
      participantId: Id,
      pseudonym: z.string().trim().min(1).max(80).nullable(),
      hideVideoFromObservers: z.boolean(),
      audioOnly: z.boolean(),
      voiceMasking: z.boolean().default(false),
      faceMasking: z.enum(FACE_MASKINGS).default('none'),
      hideLocation: z.boolean().default(false),
      restrictRecording: z.boolean().default(false),
    })
    .strict(),
  /** The presiding judge switches the person heard's incoming video off (or back on), and her camera with it if asked. */
  'court:order-audio-only': z.object({ participantId: Id, on: z.boolean(), cameraOff: z.boolean().optional() }).strict(),
  // The requested-state officer.
  'court:intervene': z.object({ action: z.enum(['pause', 'suspend', 'stop_recording', 'end']), reason: Reason }).strict(),
  'court:lift-intervention': z.object({}).strict(),
  'court:verify-identity': z
    .object({
      participantId: Id,
      method: z.enum(['identity_document', 'personal_knowledge', 'official_record']),
      documentType: z.enum(['passport', 'national_id', 'residence_permit', 'driving_licence', 'other']).optional(),
      issuingCountry: z
        .string()
        .regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as FR')
        .optional(),
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
  'court:show-rights': z.object({ participantId: Id, language: Language.optional() }).strict(),
  'court:record-consent': z
    .object({
      participantId: Id,
      language: Language.optional(),
      method: z.enum(['oral_on_record', 'signature', 'electronic_signature']),
      interpreterPresent: z.boolean(),
      lawyerPresent: z.boolean(),
    })
    .strict(),
  'court:record-oath': z.object({ participantId: Id, form: z.enum(['oath', 'affirmation']), language: Language.optional() }).strict(),
  // Counsel and the person they assist (and an interpreter): the private consultation.
  'court:consult': z.object({ withParticipantIds: z.array(Id).min(1).max(3) }).strict(),
  'court:end-consultation': z.object({ consultationId: z.string().uuid() }).strict(),
  // Anyone who receives the hearing: audio-only for themselves, their own camera stopped too if they wish.
  'court:audio-only': z.object({ on: z.boolean(), cameraOff: z.boolean().optional() }).strict(),
  // The person heard.
  'court:acknowledge-rights': z.object({}).strict(),
  'court:withdraw-consent': z.object({}).strict(),
  'court:claim-privilege': z.object({ basis: z.string().trim().min(3).max(500) }).strict(),
  /** The presiding judge shows a document of the bundle to everyone in the courtroom (null) or to the people named. */
  'court:show-exhibit': z.object({ exhibitId: z.string().uuid('must be a document of this hearing'), to: z.array(Id).min(1).max(50).nullable() }).strict(),
  'court:stop-exhibit': z.object({}).strict(),
  // Extradition (CETS 209 Arts 3–4): the requested state's judge informs and confirms, counsel and the interpreter attest, the person declares.
  'extradition:inform': z
    .object({
      participantId: Id,
      declaration: Declaration,
      language: Language.optional(),
      revocable: z.boolean(),
      revocationBasis: z.string().trim().min(3, 'name the provision of your law that allows revocation').max(300).optional(),
      signatureRequired: z.boolean(),
      counselWaived: z.boolean(),
    })
    .strict()
    .refine((c) => !c.revocable || c.revocationBasis !== undefined, {
      message: 'name the provision of your law that allows revocation',
      path: ['revocationBasis'],
    }),
  'extradition:attest': z.object({ participantId: Id, declaration: Declaration }).strict(),
  'extradition:declare': z
    .object({
      declaration: Declaration,
      answer: z.enum(['given', 'refused']),
      /** The SHA-256 of the text on her screen: her answer is to those words. */
      textSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the text shown'),
      signature: z.object({ strokes: SignatureStrokes }).strict().optional(),
    })
    .strict(),
  'extradition:confirm': z
    .object({ participantId: Id, declaration: Declaration, accepted: z.boolean(), reason: Reason.optional() })
    .strict()
    .refine((c) => c.accepted || c.reason !== undefined, { message: 'say why the declaration cannot be accepted', path: ['reason'] }),
  'extradition:revoke': z.object({ declaration: Declaration }).strict(),
  // Interpretation: the presiding judge's mode, the interpreters' booth, anyone's problem flag.
  /** Simultaneous: each channel carries its live interpreter. Consecutive: channels are silent, the interpreter speaks on the floor. */
  'interpretation:mode': z.object({ mode: z.enum(['simultaneous', 'consecutive']) }).strict(),
  /** The interpreter goes live on their channel, which nobody else is live on. */
  'interpretation:take': z.object({}).strict(),
  /** The live interpreter hands the channel to a booth partner (named when the booth has more than one). */
  'interpretation:hand-over': z.object({ to: Id.optional() }).strict(),
  /** The live interpreter goes off the air; the channel is silent until someone takes it. */
  'interpretation:release': z.object({}).strict(),
  /** What the interpreter interprets from: the floor (null), or another channel as a relay (pivot). */
  'interpretation:source': z.object({ relay: ChannelLanguage.nullable() }).strict(),
  /** The interpreter asks the court to slow down: shown to the presiding judge and recorded. */
  'interpretation:slow-down': z.object({}).strict(),
  /** The interpreter into the person heard's language records whether they hear each other well enough to interpret her testimony. */
  'interpretation:sound-check': z.object({ participantId: Id, result: z.enum(['go', 'no_go']), note: ProblemText.optional() }).strict(),
  /** Anyone who relies on the interpretation flags a problem with it, for the record. */
  'interpretation:problem': z.object({ channel: ChannelLanguage.nullable(), text: ProblemText }).strict(),
  /** The captioner's next line of what is said on the floor. */
  'captions:line': z.object({ text: z.string().trim().min(1, 'write the words said').max(500) }).strict(),
} as const;

export type CourtCommandName = keyof typeof CourtCommands;
export type CourtCommand<N extends CourtCommandName> = z.infer<(typeof CourtCommands)[N]>;
