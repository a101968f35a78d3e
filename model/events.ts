/**
 * The catalogue of what can happen in a hearing, as it is written to the hearing's record: one zod
 * schema per event type for its `data`. The courtroom state machine emits only these; the minutes
 * are generated from them; the record verifier checks their chain. Participants are named by id —
 * names, functions and protective measures are read from the participants at generation time.
 *
 * Never change the meaning of a field that has been written: add a new field or a new type.
 */
import { z } from 'zod';
import { FACE_MASKINGS } from './media.js';

const ParticipantId = z.string().min(1);
const Reason = z.string().trim().min(3, 'give a reason of at least a few words').max(500);
/** A BCP 47 tag (checked against the IANA registry where it came in; entries written earlier hold ISO 639-1 codes). */
const Language = z.string().regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as fr, pt-BR or zh-Hant');
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');

/** A text shown to the person heard (rights notice, caution, consent form), identified exactly. */
export const TextReference = z.object({
  id: z.string().min(1).max(100),
  version: z.string().min(1).max(32),
  language: Language,
  sha256: Sha256,
  /** `model`: Hearing Room's model text; `authority`: the authority's approved text. Absent in entries written before it was kept. */
  source: z.enum(['model', 'authority']).optional(),
});

/**
 * How the person heard understood a text (Dir. 2010/64): in her own language (`language`), because the
 * text was in it or because the interpreter named was live into it. Absent in entries written before it was kept.
 */
export const Understanding = z.object({
  language: Language,
  via: z.enum(['text', 'interpreter']),
  interpreterId: ParticipantId.optional(),
});

/** What the person sought may declare before the requested state's judge (CETS 209 Arts 3–4). */
export const ExtraditionDeclaration = z.enum(['consent_to_surrender', 'speciality_renunciation']);

/**
 * A signature drawn on the person's own screen: strokes of points on a 1000 × 400 pad (integers),
 * kept in the record as drawn so the minutes can show it, and named by the SHA-256 of those strokes.
 */
export const SignatureStrokes = z
  .array(
    z
      .array(z.tuple([z.number().int().min(0).max(1000), z.number().int().min(0).max(400)]))
      .min(1)
      .max(2000),
  )
  .min(1, 'draw your signature')
  .max(100, 'at most 100 strokes')
  .refine((strokes) => strokes.reduce((n, stroke) => n + stroke.length, 0) <= 6000, { message: 'at most 6000 points' })
  // A tap is not a signature.
  .refine((strokes) => strokes.reduce((n, stroke) => n + stroke.length, 0) >= 5, { message: 'draw your signature, not a dot' });
export const DrawnSignature = z.object({ strokes: SignatureStrokes, sha256: Sha256 });

export const PauseCause = z.enum([
  'judge', // the presiding judge paused
  'officer', // the requested-state officer intervened
  'judge_absent', // no presiding judge connected
  'officer_absent', // the requested-state officer is not connected
  'consent_withdrawn', // the person heard withdrew consent
  'support_absent', // a vulnerable person heard is in the hearing and no support person is
  'break', // a break the presiding judge gave a vulnerable person heard
]);

/** Why a participant receives no video: their link could not carry it, they chose it, or the court ordered it. */
export const AudioOnlyCause = z.enum(['link', 'participant', 'court']);

/** Common to every custody entry of a recording. */
const RecordingCustody = z.object({
  recordingId: z.string().min(1).max(100),
  /** How it was reached: the authorised page, or a command on the server. */
  via: z.enum(['page', 'command']),
  /** For a command: the operating-system account that ran it (the entry then has no participant as actor). */
  operator: z.string().min(1).max(100).optional(),
});

export const HEARING_EVENTS = {
  // --- arrivals, departures and the waiting room ---
  'participant.entered': z.object({ role: z.string() }),
  'participant.left': z.object({ reason: z.string() }),
  'lobby.waiting': z.object({ participantId: ParticipantId }),
  'lobby.admitted': z.object({ participantId: ParticipantId }),
  'lobby.sent_back': z.object({ participantId: ParticipantId, reason: Reason.optional() }),
  'participant.removed': z.object({ participantId: ParticipantId, reason: Reason }),
  /** A participant other than the person heard states their name and function for the minutes. */
  'participant.identity_confirmed': z.object({ participantId: ParticipantId, displayName: z.string(), function: z.string() }),

  // --- the hearing's course ---
  'hearing.opened': z.object({}),
  'hearing.live': z.object({}),
  /** One cause of a pause begins (several can hold at once: the judge absent while the officer intervenes). */
  'hearing.paused': z.object({ cause: PauseCause, reason: z.string().optional() }),
  /** One cause of a pause is lifted; the hearing runs again once no cause is left. */
  'hearing.resumed': z.object({ cause: PauseCause }),
  /** The rights notice and caution put on the person heard's screen, in their language, by the officer. */
  'rights.shown': z.object({ participantId: ParticipantId, notice: TextReference, understanding: Understanding.optional() }),
  'hearing.ended': z.object({ reason: Reason.optional() }),
  /**
   * The court adjourns to a date the two authorities will fix: this sitting ends, the record stays open,
   * and the hearing continues from it at its next sitting (everyone admitted again, formalities kept).
   */
  'hearing.adjourned': z.object({ reason: Reason }),
  /**
   * The retention rules deleted part of what was kept of the hearing after it closed, under its
   * authority's period (`ruleDays` from `closedAt`): its recordings, or the personal data gathered to
   * run it (the counts of what was erased; the record's own personal values leave their commitments).
   */
  'retention.applied': z.object({
    category: z.enum(['recordings', 'personal_data']),
    ruleDays: z.number().int().min(0),
    closedAt: z.string(),
    recordings: z.array(z.string()).optional(),
    erased: z.record(z.string(), z.number().int().min(0)).optional(),
  }),
  // --- publicity: the public gallery, and sitting in private ---
  'gallery.opened': z.object({}),
  'gallery.closed': z.object({ cause: z.enum(['judge', 'protection', 'private', 'ended', 'adjourned']) }),
  'hearing.private_ordered': z.object({ reason: Reason }),
  'hearing.private_lifted': z.object({}),
  'testimony.started': z.object({ participantId: ParticipantId }),
  'testimony.ended': z.object({ participantId: ParticipantId }),

  // --- gates before testimony (safeguards rows 3, 5, 10, 11) ---
  'identity.verified': z.object({
    participantId: ParticipantId,
    method: z.enum(['identity_document', 'personal_knowledge', 'official_record']),
    documentType: z.enum(['passport', 'national_id', 'residence_permit', 'driving_licence', 'other']).optional(),
    /** ISO 3166-1 alpha-2 */
    issuingCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    /** HMAC-SHA256 of the normalised document number under the server's identity key: comparable, not readable. */
    documentNumberHash: Sha256.optional(),
    documentNumberLast: z.string().max(4).optional(),
    match: z.boolean(),
    photoCompared: z.boolean(),
  }),
  'rights.acknowledged': z.object({ participantId: ParticipantId, notice: TextReference, understanding: Understanding.optional() }),
  'consent.given': z.object({
    participantId: ParticipantId,
    texts: z.array(TextReference).min(1),
    method: z.enum(['oral_on_record', 'signature', 'electronic_signature']),
    interpreterPresent: z.boolean(),
    lawyerPresent: z.boolean(),
    understanding: Understanding.optional(),
  }),
  'consent.withdrawn': z.object({ participantId: ParticipantId }),
  /** `language`: the language she took it in; `text`, the formula she repeated. */
  'oath.taken': z.object({
    participantId: ParticipantId,
    form: z.enum(['oath', 'affirmation']),
    language: Language,
    text: TextReference.optional(),
    understanding: Understanding.optional(),
  }),
  /**
   * A participant's pages are not available in their language and are shown in another: explicit,
   * shown to the judge, and in the minutes, so nobody can say later that she was served in her language.
   */
  'language.fallback': z.object({ participantId: ParticipantId, language: Language, shownIn: Language, what: z.enum(['pages']) }),
  'privilege.claimed': z.object({ participantId: ParticipantId, basis: z.string().min(3).max(500) }),

  // --- extradition (CETS 209 Arts 3–4): consent to surrender, renunciation of speciality ---
  /**
   * The requested state's judge put the declaration before the person sought: the text (exact
   * version and language) and how she understood it; whether the requested state's law lets her
   * revoke it (Art. 4(5), naming the provision), whether it asks for her signature, and whether she
   * declined a lawyer (Art. 4(2) gives her the right to one).
   */
  'extradition.informed': z.object({
    participantId: ParticipantId,
    declaration: ExtraditionDeclaration,
    text: TextReference,
    understanding: Understanding,
    revocable: z.boolean(),
    revocationBasis: z.string().trim().min(3).max(300).optional(),
    signatureRequired: z.boolean(),
    counselWaived: z.boolean(),
  }),
  /** Her lawyer attests that he advised her on the declaration and its consequences. */
  'extradition.counsel_attested': z.object({ participantId: ParticipantId, declaration: ExtraditionDeclaration, counselId: ParticipantId }),
  /** The interpreter attests that she interpreted the text and the exchange into the person's language. */
  'extradition.interpreter_attested': z.object({
    participantId: ParticipantId,
    declaration: ExtraditionDeclaration,
    interpreterId: ParticipantId,
    language: Language,
  }),
  /** The person sought's own answer, from her own device (the actor), on the text she was given; signed there where the law asks. */
  'extradition.declared': z.object({
    participantId: ParticipantId,
    declaration: ExtraditionDeclaration,
    answer: z.enum(['given', 'refused']),
    text: TextReference,
    signature: DrawnSignature.optional(),
  }),
  /**
   * The requested state's judge finds the declaration made voluntarily and in full knowledge of its
   * consequences (`accepted`), or does not, with the reason. Accepted and given, it is irrevocable
   * unless the information recorded that the law allows revocation.
   */
  'extradition.confirmed': z.object({
    participantId: ParticipantId,
    declaration: ExtraditionDeclaration,
    answer: z.enum(['given', 'refused']),
    accepted: z.boolean(),
    reason: Reason.optional(),
  }),
  /** A trusted time (RFC 3161) on the confirmation: the token's imprint is the confirmation entry's hash, which chains every entry before it. */
  'extradition.timestamped': z.object({
    participantId: ParticipantId,
    declaration: ExtraditionDeclaration,
    entrySha256: Sha256,
    /** When the ruling it dates was recorded: the course it belongs to (absent in entries written before it was kept). */
    rulingAt: z.string().datetime({ offset: true }).optional(),
    token: z.string().min(1).max(20000),
  }),
  /** She revoked it, where the information recorded that the law allows it. */
  'extradition.revoked': z.object({ participantId: ParticipantId, declaration: ExtraditionDeclaration }),

  // --- documents and exhibits: the bundle, and each showing with the document's hash ---
  /** A document submitted for the hearing's bundle by the actor (stored sealed; its exact bytes named by their SHA-256). */
  'exhibit.submitted': z.object({
    exhibitId: z.string().uuid(),
    title: z.string().min(1).max(200),
    mediaType: z.enum(['application/pdf', 'image/png', 'image/jpeg']),
    sha256: Sha256,
    pages: z.number().int().min(1),
    size: z.number().int().min(1),
  }),
  /** The presiding judge shows a document to everyone in the courtroom (`to` null) or to the people named. */
  'exhibit.shown': z.object({
    exhibitId: z.string().uuid(),
    title: z.string().min(1).max(200),
    sha256: Sha256,
    pages: z.number().int().min(1),
    to: z.array(ParticipantId).min(1).max(50).nullable(),
  }),
  /** The document is no longer shown. */
  'exhibit.withdrawn': z.object({ exhibitId: z.string().uuid() }),

  // --- controls ---
  'control.muted': z.object({ participantId: ParticipantId.nullable() /* null: everyone */ }),
  'control.unmute_requested': z.object({ participantId: ParticipantId }),
  'control.spotlight': z.object({ participantId: ParticipantId.nullable() }),
  /** The requested-state officer's intervention (safeguards row 6): never overridable by the requesting side. */
  'officer.intervened': z.object({ action: z.enum(['pause', 'suspend', 'stop_recording', 'end']), reason: Reason }),

  // --- private consultation: times only, never content ---
  'consultation.started': z.object({ consultationId: z.string(), participantIds: z.array(ParticipantId).min(2) }),
  'consultation.ended': z.object({ consultationId: z.string() }),

  // --- protective measures (safeguards row 8) ---
  'protection.set': z.object({
    participantId: ParticipantId,
    pseudonym: z.string().min(1).max(80).nullable(),
    hideVideoFromObservers: z.boolean(),
    audioOnly: z.boolean(),
    // Absent in records written before these measures existed: read as not ordered.
    /** Her voice is distorted in her browser before it leaves her device. */
    voiceMasking: z.boolean().optional(),
    /** Her picture is pixelated or replaced in her browser before it leaves her device. */
    faceMasking: z.enum(FACE_MASKINGS).optional(),
    /** Where she is is withheld: from the minutes and from every page. */
    hideLocation: z.boolean().optional(),
    /** Her recorded picture and voice may be played by the presiding judge only. */
    restrictRecording: z.boolean().optional(),
  }),

  // --- technical conditions ---
  'media.interrupted': z.object({ cause: z.string() }),
  'quality.incident': z.object({
    participantId: ParticipantId,
    metric: z.enum(['packet_loss', 'round_trip_time', 'jitter', 'video_frozen', 'disconnected']),
    value: z.number(),
    threshold: z.number(),
  }),
  /**
   * A participant's incoming video switched off (audio-only) or back on, and why. Causes stack: video
   * returns once none holds. `link`: decided by the server from the figures given (loss in %, the
   * SFU's bandwidth estimate in kbit/s, round trip in ms, frozen video in s, camera streams of which no
   * layer fitted); the actor is the participant whose link it is. `participant`: their own choice;
   * `court`: ordered by the actor. `cameraOff`: their own camera was stopped with it.
   */
  'media.audio_only': z.object({
    participantId: ParticipantId,
    active: z.boolean(),
    cause: AudioOnlyCause,
    cameraOff: z.boolean().optional(),
    figures: z
      .object({ lossPercent: z.number(), availableKbps: z.number(), roundTripMs: z.number(), videoFrozenSeconds: z.number(), starvedVideos: z.number().int() })
      .partial()
      .strict()
      .optional(),
    reason: z.string().max(300).optional(),
  }),
  'quality.summary': z.object({
    participantId: ParticipantId,
    endpoint: z.object({ browser: z.string().max(120), os: z.string().max(60) }).partial(),
    codecs: z.array(z.string().max(40)).max(8),
    bitrateKbps: z.object({ sendAudio: z.number(), sendVideo: z.number(), receive: z.number() }).partial(),
    encryption: z.string().max(60),
    roundTripMs: z.number().optional(),
    packetLossPercent: z.number().optional(),
  }),

  // --- interpretation (safeguards row 9): who interpreted which channel when, from what ---
  /** The presiding judge switched the hearing (or a phase of it) between simultaneous and consecutive interpretation. */
  'interpretation.mode_set': z.object({ mode: z.enum(['simultaneous', 'consecutive']) }),
  /** An interpreter went live on an idle channel (named by the language it is interpreted into). */
  'interpretation.live': z.object({ channel: Language, participantId: ParticipantId, relayFrom: Language.nullable() /* null: from the floor */ }),
  /** The live interpreter handed the channel to a booth partner, who went live at once with their own source. */
  'interpretation.handover': z.object({ channel: Language, from: ParticipantId, to: ParticipantId, relayFrom: Language.nullable() }),
  /** The live interpreter went off the air: the channel is silent until someone takes it. */
  'interpretation.released': z.object({
    channel: Language,
    participantId: ParticipantId,
    reason: z.enum(['released', 'disconnected', 'sent_back', 'removed', 'consultation', 'adjourned']),
  }),
  /** An interpreter chose what they interpret from: the floor (null), or another channel as a relay. */
  'interpretation.source_set': z.object({ channel: Language, participantId: ParticipantId, relayFrom: Language.nullable() }),
  /** An interpreter asked the court to slow down. */
  'interpretation.slow_down': z.object({ channel: Language, participantId: ParticipantId }),
  /**
   * The interpreter into the person heard's language checked, with her, that they hear each other
   * (levels and delay, before interpretation of her testimony): `go`, or `no_go` (testimony waits for
   * a new check). The figures are each one's link as their browser last measured it.
   */
  'interpretation.sound_checked': z.object({
    interpreterId: ParticipantId,
    participantId: ParticipantId,
    language: Language,
    result: z.enum(['go', 'no_go']),
    note: z.string().min(3).max(500).optional(),
    figures: z
      .object({
        interpreter: z.object({ roundTripMs: z.number(), audioLossPercent: z.number() }).partial().strict(),
        person: z.object({ roundTripMs: z.number(), audioLossPercent: z.number() }).partial().strict(),
      })
      .strict(),
  }),
  /** Someone flagged a problem with the interpretation, in their own words. */
  'interpretation.problem': z.object({ participantId: ParticipantId, channel: Language.nullable(), text: z.string().min(3).max(500) }),
  /** A line of the live captions, as the captioner wrote what was said on the floor, in the language written. */
  'caption.line': z.object({ participantId: ParticipantId, language: Language, text: z.string().min(1).max(500) }),
  // --- recording (safeguards rows 18 and 19): off until the presiding judge starts it on a legal basis ---
  /** The recording's folder and manifest bear `recordingId`; the legal basis is also in its signed manifest. */
  'recording.started': z.object({
    recordingId: z.string().min(1).max(100),
    legalBasis: z.string().trim().min(3).max(500),
    /**
     * Started by the server itself after it restarted under a running recording: the recording it
     * continues (cut short at `cutAt`, its last signed manifest anchored by `manifestSha256`), on the
     * same legal basis. Its own manifest names the same recording.
     */
    continues: z.object({ recordingId: z.string().min(1).max(100), manifestSha256: Sha256, cutAt: z.string().datetime({ offset: true }) }).optional(),
  }),
  /** Recording stopped: by the presiding judge, by the officer's intervention, with the end of the hearing, because it could not run, because the server was shut down, or because it failed (found at its next start). */
  'recording.stopped': z.object({
    recordingId: z.string().min(1).max(100),
    cause: z.enum(['judge', 'officer', 'hearing_ended', 'adjourned', 'failed', 'server_stopped', 'server_failed', 'server_moved']),
  }),
  /**
   * The server stopped while the hearing was in session and has started again: from the last entry
   * it wrote before it stopped to its new start, nothing reached the hearing. Written by the server
   * when it loads the hearing again.
   */
  'server.restarted': z.object({ lastEntryAt: z.string().datetime({ offset: true }), restartedAt: z.string().datetime({ offset: true }) }),
  /**
   * Another server of the service took the hearing over while it was in session: the one holding it
   * stopped answering (`planned` false: its lease expired) or was drained (`planned` true). From the
   * last entry the previous server wrote to the move, nothing reached the hearing. Written by the new
   * holder as it loads the hearing from its record, under the lease it took (`epoch`).
   */
  'hearing.moved': z.object({
    fromServer: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    toServer: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
    epoch: z.number().int().min(1),
    planned: z.boolean(),
    lastEntryAt: z.string().datetime({ offset: true }),
    movedAt: z.string().datetime({ offset: true }),
  }),
  /** The recording's last manifest, signed: the SHA-256 of its signed bytes anchors the recording in the record. */
  'recording.sealed': z.object({
    recordingId: z.string().min(1).max(100),
    manifestSha256: Sha256,
    keyId: z.string(),
    complete: z.boolean(),
    tracks: z.number().int().min(0),
    segments: z.number().int().min(0),
    /**
     * Per track, what reached the disk, measured from the files (recording/coverage.ts): seconds of media
     * against the track's span, seconds not recorded for a stated reason, and seconds nothing explains.
     */
    coverage: z
      .array(
        z.object({
          trackId: z.string().min(1).max(100),
          participantId: ParticipantId,
          source: z.enum(['microphone', 'camera', 'screen', 'interpretation']),
          recordedSeconds: z.number().min(0),
          spanSeconds: z.number().min(0),
          declaredSeconds: z.number().min(0),
          holeSeconds: z.number().min(0),
        }),
      )
      .max(1000)
      .optional(),
  }),
  /**
   * One track stopped reaching the disk although it should be recorded: its recorder died (being
   * restarted, or given up), the media server under it was lost, the disk is full or a write failed.
   * Until `recording.resumed`, nobody is shown "Recording" as if all were well.
   */
  'recording.interrupted': z.object({
    recordingId: z.string().min(1).max(100),
    trackId: z.string().min(1).max(100),
    participantId: ParticipantId,
    source: z.enum(['microphone', 'camera', 'screen', 'interpretation']),
    cause: z.enum(['recorder_failed', 'recorder_given_up', 'media_server_lost', 'disk_full', 'write_failed']),
  }),
  /**
   * The recording disk is running out: less than the warning margin is free, or at the rate it fills
   * it will be full within the warning time. Told before it is full, so the judge can have space freed
   * or pause; `recording.disk_ok` once there is room again.
   */
  'recording.disk_low': z.object({ recordingId: z.string().min(1).max(100), freeMb: z.number().int().min(0), minutesLeft: z.number().int().min(0).nullable() }),
  'recording.disk_ok': z.object({ recordingId: z.string().min(1).max(100), freeMb: z.number().int().min(0) }),
  /** That track reaches the disk again. */
  'recording.resumed': z.object({ recordingId: z.string().min(1).max(100), trackId: z.string().min(1).max(100) }),
  /** A stretch of one track the recorder did not write: its process died and was restarted. */
  'recording.gap': z.object({
    recordingId: z.string().min(1).max(100),
    trackId: z.string().min(1).max(100),
    participantId: ParticipantId,
    from: z.string().datetime({ offset: true }),
    to: z.string().datetime({ offset: true }),
    cause: z.string().min(1).max(200),
  }),

  // --- custody of a recording: every access to it, who (the entry's actor, or the operator account that ran a command on the server) and when ---
  /** The recording's manifest was read (the verifier page, the playback page's list). */
  'recording.accessed': RecordingCustody,
  /** A track or a language channel of the recording was played back, decrypted on the server. */
  'recording.played': RecordingCustody.extend({
    channel: z.string().min(1).max(40) /* floor, or a language code */,
    /** Which track's media was served (optional: the field came after the event type). */
    trackId: z.string().min(1).max(100).optional(),
  }),
  /** An export package was made; `recipient` names the key the data key was wrapped for, if any. */
  'recording.exported': RecordingCustody.extend({ recipient: z.string().max(200).optional(), decryptedMedia: z.boolean(), manifestSha256: Sha256 }),
  /** The recording was verified; `holds` and, when it does not, the first problem found. */
  'recording.verified': RecordingCustody.extend({ holds: z.boolean(), problem: z.string().max(500).optional(), decrypted: z.boolean() }),

  // --- the record's own life ---
  'hearing.created': z.object({ source: z.string() }),
  /**
   * The requested-state officer's statement for the minutes (MLA 2000 Art. 10(5)(a), 10(6)): that she
   * established the identity of the person heard and that the fundamental principles of her state's
   * law were respected — or, where not, why.
   */
  'officer.statement': z.object({
    identityEstablished: z.boolean(),
    principlesRespected: z.boolean(),
    remarks: z.string().max(2000).nullable(),
  }),
  /** The presiding judge signed the minutes with the court's key (the signature is in the stored copy). */
  'minutes.signed': z.object({ sha256: Sha256, keyId: z.string() }),
  /** The requested-state officer countersigned the same bytes with her authority's key. */
  'minutes.countersigned': z.object({ sha256: Sha256, keyId: z.string(), signature: z.string().min(1).max(200), publicKeyPem: z.string().min(1).max(1000) }),
  'minutes.transmitted': z.object({ to: z.string().min(1).max(200), sha256: Sha256 }),
} as const;

export type HearingEventType = keyof typeof HEARING_EVENTS;

/**
 * The personal values entries carry, by type (top-level fields), that the court's file does not need
 * once the hearing is over: the name a participant confirmed for the minutes (the minutes name them
 * as invited), an identity document's fingerprint and last digits. (A signature drawn on a
 * declaration is the declaration itself, and stays with the file.) The
 * store keeps each beside its entry and the entry holds a salted commitment in its place
 * (`PersonalCommitment`, record/chain.ts), so the retention rules can erase them and the chain still
 * verifies. Entries written before values were kept apart hold them in the clear.
 */
export const PERSONAL_FIELDS: Partial<Record<HearingEventType, readonly string[]>> = {
  'participant.identity_confirmed': ['displayName'],
  'identity.verified': ['documentNumberHash', 'documentNumberLast'],
};

/** What an entry holds in place of a personal value; `erased` once the retention rules erased the value itself. */
export const PersonalCommitment = z.object({ personal: Sha256, erased: z.literal(true).optional() }).strict();
export type PersonalCommitment = z.infer<typeof PersonalCommitment>;

/** Whether a value read from the record is a personal value the retention rules erased. */
export function isErased(value: unknown): value is PersonalCommitment & { erased: true } {
  return PersonalCommitment.safeParse(value).data?.erased === true;
}
export type HearingEventData<T extends HearingEventType> = z.infer<(typeof HEARING_EVENTS)[T]>;
