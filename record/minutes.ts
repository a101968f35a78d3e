/**
 * The minutes of a hearing, generated from its record and nothing else (plus the hearing's and the
 * participants' rows, and the places of the two sites). Every field the minutes state can be traced
 * to an entry of the record by its number (`chronology[].seq`), and the minutes name the last entry
 * they cover with its hash, so that a signed copy anchors the record itself.
 *
 * The minutes cover the record up to the first `minutes.signed` entry: what the record says about
 * the minutes themselves (signing, countersigning, transmission) comes after them. Generating them again from the
 * same record gives the same bytes, which is what lets a signature be checked at any time.
 *
 * Protective measures: a person heard with a pseudonym is named by it everywhere, their real name
 * is replaced by it in every free text (reasons typed during the hearing included), and the details
 * of their identity document are left out; the minutes say only how the identity was verified.
 */
import { languageDisplayName } from '../language/index.js';
import type { z } from 'zod';
import { HEARING_EVENTS, type HearingEventType } from '../courtroom/index.js';
import { CAPACITY_LABELS, ROLE_LABELS, functionLabel, type Hearing, type Participant } from '../scheduling/index.js';
import type { HearingEvent } from '../store/index.js';
import { canonicalJson, GENESIS } from './chain.js';
import { emptyInterpretationMinutes, readInterpretation, type InterpretationMinutes } from './minutes-interpretation.js';

export type { InterpretationMinutes } from './minutes-interpretation.js';

export const MINUTES_FORMAT = 'hearing-room/minutes@1';

export interface Site {
  /** The authority at that site, e.g. "Landgericht Berlin". */
  authority: string;
  /** The place, e.g. "Berlin, Germany". */
  place: string;
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: string;
}

export interface Sites {
  requesting?: Site;
  requested?: Site;
  /** The side each participant was at, by the authority that summoned them, where the request says so. */
  of?: Readonly<Record<string, SiteSide>>;
}

export type SiteSide = 'requesting' | 'requested';

export interface MinutesPerson {
  participantId: string;
  /** The name as the minutes give it: a pseudonym where a protective measure orders one. */
  name: string;
  function: string;
  role: Participant['role'];
  /**
   * Where the person was: the side of the authority that summoned them, else where the procedure
   * fixes it (the judge in the requesting state; the officer and the person heard in the requested state).
   */
  site: SiteSide | null;
  /** When the person confirmed their name and function for the minutes. */
  identityConfirmedAt: string | null;
  attendance: { entered: string; left: string | null; leftBecause: string | null }[];
  removed: { at: string; reason: string } | null;
}

export interface PersonHeard extends MinutesPerson {
  capacity: string | null;
  /** True when a pseudonym replaces the real name throughout these minutes. */
  realNameWithheld: boolean;
  protectiveMeasures: { at: string; orderedBy: string | null; measures: string[] }[];
}

export type GateName = 'identity' | 'rights' | 'consent' | 'oath';

export interface GatePassed {
  gate: GateName;
  participantId: string;
  name: string;
  at: string;
  /** Who recorded it: the officer for identity, the person heard for their own acknowledgement. */
  by: string | null;
  details: string;
  seq: number;
}

export interface Minutes {
  format: typeof MINUTES_FORMAT;
  /** "final" once the record holds the end of the hearing; until then the minutes are a draft. */
  status: 'final' | 'draft';
  hearing: { id: string; title: string; caseReference: string; scheduledStart: string; scheduledEnd: string };
  /** Calendar dates (UTC) on which the hearing sat, from its opening to its end. */
  dates: string[];
  times: { opened: string | null; inSession: string | null; ended: string | null; endReason: string | null; endedBy: string | null };
  sites: { requesting: Site | null; requested: Site | null };
  personsHeard: PersonHeard[];
  participants: MinutesPerson[];
  gates: GatePassed[];
  /**
   * Each oath or affirmation: the language it was taken in, the formula's exact text, and whether she
   * read it in her language or an interpreter rendered it (and who).
   */
  oaths: {
    participantId: string;
    name: string;
    at: string;
    form: 'oath' | 'affirmation';
    language: string;
    text: { id: string; version: string; language: string; sha256: string; source: 'model' | 'authority' | null } | null;
    via: 'text' | 'interpreter' | null;
    interpreter: string | null;
    seq: number;
  }[];
  consent: { given: { participantId: string; name: string; at: string; method: string; seq: number }[]; withdrawn: { participantId: string; name: string; at: string; seq: number }[] };
  testimony: { participantId: string; name: string; started: string; ended: string | null }[];
  interventions: { at: string; by: string | null; action: string; reason: string; seq: number }[];
  /** The requested-state officer's statement (MLA 2000 Art. 10(5)(a)): her latest before the minutes were signed. */
  officerStatement: { by: string | null; at: string; identityEstablished: boolean; principlesRespected: boolean; remarks: string | null; seq: number } | null;
  /**
   * Every interpreter summoned, and what each did: the stretches they interpreted (channel and times),
   * or that they never connected, or connected and did not interpret.
   */
  interpreters: { participantId: string; name: string; pair: string | null; site: SiteSide | null; connected: boolean; interpreted: { channel: string; from: string; to: string | null }[] }[];
  privilegeClaims: { at: string; participantId: string; name: string; basis: string; seq: number }[];
  pauses: { cause: string; reason: string | null; from: string; to: string | null }[];
  consultations: { consultationId: string; participants: string[]; started: string; ended: string | null }[];
  /** The channels and their interpreters, who interpreted which channel when and from what, handovers, modes, slow-downs, problems. */
  interpretation: InterpretationMinutes;
  recording: {
    made: boolean;
    /** Per-segment hashes live in the recording's signed manifest, which `runs[].manifestSha256` anchors. */
    segments: { index: number; sha256: string; start: string; end: string }[];
    statement: string;
    /** Each time the court recorded: from, to, on which legal basis, and the hash of the final signed manifest. */
    runs: RecordingRun[];
    /** Stretches a track was not recorded because its recorder died and was restarted. */
    gaps: { recordingId: string; participantId: string; name: string; trackId: string; from: string; to: string; cause: string; seq: number }[];
  };
  technical: {
    endpoints: { participantId: string; name: string; at: string; browser: string | null; os: string | null; codecs: string[]; bitrateKbps: { sendAudio?: number; sendVideo?: number; receive?: number }; encryption: string; roundTripMs: number | null; packetLossPercent: number | null }[];
    incidents: { at: string; participantId: string; name: string; metric: string; value: number; threshold: number; seq: number }[];
    interruptions: { at: string; restoredAt: string | null; participantId: string | null; name: string | null; cause: string; seq: number }[];
    /** Periods in which a participant received no video (audio-only), each with its cause and who decided it. */
    audioOnly: { participantId: string; name: string; from: string; to: string | null; cause: string; decidedBy: string | null; reason: string | null; cameraOff: boolean; seq: number }[];
  };
  /** What happened, in order, in sentences: each names the record entry it comes from. */
  chronology: { seq: number; at: string; text: string }[];
  /** The last entry these minutes cover: a signed copy of the minutes anchors the record there. */
  record: { hearingId: string; entries: number; throughSeq: number; hashThrough: string };
}

export interface RecordingRun {
  recordingId: string;
  legalBasis: string;
  started: string;
  startedBy: string | null;
  stopped: string | null;
  stoppedBecause: string | null;
  manifestSha256: string | null;
  keyId: string | null;
  complete: boolean | null;
  tracks: number | null;
  segments: number | null;
  /** Per track, what reached the disk: from the sealed manifest, measured from its files. */
  coverage: { name: string; source: string; recordedSeconds: number; spanSeconds: number; declaredSeconds: number; holeSeconds: number }[];
  /** Resumed by the server after it restarted: the recording this one continues, as its signed manifest names it. */
  continues: { recordingId: string; manifestSha256: string; cutAt: string } | null;
  seq: number;
}

const RECORDING_STOPS: Record<string, string> = {
  judge: 'stopped by the presiding judge',
  officer: 'stopped by the intervention of the requested-state officer',
  hearing_ended: 'stopped with the end of the hearing',
  failed: 'could not be made',
  server_stopped: 'stopped because the server was shut down',
  server_failed: 'cut short because the server stopped unexpectedly; what it had written was sealed when the server started again',
};

const RECORDING_INTERRUPTIONS: Record<string, string> = {
  recorder_failed: 'the recorder failed and was being restarted',
  recorder_given_up: 'the recorder failed and could not be restarted',
  media_server_lost: 'the media server restarted',
  disk_full: 'the recording disk was full',
  write_failed: 'the recording could not be written to disk',
};

const PAUSE_CAUSES: Record<string, string> = {
  judge: 'paused by the presiding judge',
  officer: 'intervention of the requested-state officer',
  judge_absent: 'no presiding judge connected',
  officer_absent: 'the requested-state officer not connected',
  consent_withdrawn: 'consent withdrawn by the person heard',
};

const INTERVENTIONS: Record<string, string> = {
  pause: 'paused the hearing',
  suspend: 'suspended the hearing',
  stop_recording: 'stopped the recording',
  end: 'ended the hearing',
};

const IDENTITY_METHODS: Record<string, string> = {
  identity_document: 'an identity document',
  personal_knowledge: 'personal knowledge',
  official_record: 'an official record',
};

const DOCUMENTS: Record<string, string> = {
  passport: 'passport',
  national_id: 'national identity card',
  residence_permit: 'residence permit',
  driving_licence: 'driving licence',
  other: 'document',
};

const CONSENT_METHODS: Record<string, string> = {
  oral_on_record: 'orally, on the record',
  signature: 'by signature',
  electronic_signature: 'by electronic signature',
};

const AUDIO_ONLY_CAUSES: Record<'link' | 'participant' | 'court', string> = {
  link: 'the connection could not carry video (automatic)',
  participant: 'chosen by the participant',
  court: 'ordered by the court',
};

const METRICS: Record<string, [string, string]> = {
  packet_loss: ['packet loss', '%'],
  round_trip_time: ['round-trip time', ' ms'],
  jitter: ['jitter', ' ms'],
  video_frozen: ['video frozen', ' s'],
  disconnected: ['disconnected', ' s'],
};

const LANGUAGES: Record<string, string> = {
  bg: 'Bulgarian', cs: 'Czech', da: 'Danish', de: 'German', el: 'Greek', en: 'English', es: 'Spanish', et: 'Estonian',
  fi: 'Finnish', fr: 'French', ga: 'Irish', hr: 'Croatian', hu: 'Hungarian', it: 'Italian', lt: 'Lithuanian', lv: 'Latvian',
  mt: 'Maltese', nl: 'Dutch', pl: 'Polish', pt: 'Portuguese', ro: 'Romanian', sk: 'Slovak', sl: 'Slovenian', sv: 'Swedish',
  ar: 'Arabic', ru: 'Russian', tr: 'Turkish', uk: 'Ukrainian', sq: 'Albanian', sr: 'Serbian',
};

export function languageName(code: string): string {
  const base = code.split('-')[0] ?? code;
  if (LANGUAGES[base]) return `${LANGUAGES[base]}${code.includes('-') ? ` (${code})` : ''}`;
  // Any other language by its English name, with the tag the record holds.
  const name = languageDisplayName(code, 'en');
  return name === code ? code : `${name} (${code})`;
}

/** How the person heard understood a text, as the minutes say it: read in her language, or through a named interpreter. */
function understood(u: { language: string; via: 'text' | 'interpreter'; interpreterId?: string } | undefined, nameOf: (id: string) => string): string {
  if (!u) return '';
  return u.via === 'interpreter'
    ? `; understood in ${languageName(u.language)} through the interpreter ${u.interpreterId ? nameOf(u.interpreterId) : 'on duty'}`
    : `; read in ${languageName(u.language)}, the person's own language`;
}

/**
 * Whose text it is — a model text of Hearing Room is said to be one, since no authority approved it —
 * and the SHA-256 that names its exact words.
 */
function textSource(text: { source?: 'model' | 'authority' | undefined; sha256: string }): string {
  const whose = text.source === 'model' ? ', model text' : text.source === 'authority' ? ', the authority’s approved text' : '';
  return `${whose}, SHA-256 ${text.sha256}`;
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** The officer's statement as a clause: what she established and whether the principles of her law were respected. */
export function officerStatementText(d: { identityEstablished: boolean; principlesRespected: boolean; remarks: string | null }): string {
  const identity = d.identityEstablished ? 'the identity of the person heard was established' : 'the identity of the person heard could NOT be established';
  const principles = d.principlesRespected
    ? 'the fundamental principles of the law of the requested state were respected'
    : 'the fundamental principles of the law of the requested state were NOT respected';
  return `${identity}, and that ${principles}${d.remarks ? ` (${d.remarks})` : ''}`;
}

type Data<T extends HearingEventType> = z.infer<(typeof HEARING_EVENTS)[T]>;

/** The courtroom's sites by role, where the procedure fixes them. */
function siteOf(role: Participant['role']): SiteSide | null {
  if (role === 'presiding_judge') return 'requesting';
  if (role === 'requested_officer' || role === 'person_heard') return 'requested';
  return null;
}

/**
 * Builds the minutes. `events` is the hearing's record in number order (as `store.events.list`
 * gives it); entries from the first `minutes.signed` on are not part of the minutes.
 */
export function generateMinutes(hearing: Hearing, participants: readonly Participant[], events: readonly HearingEvent[], sites: Sites = {}): Minutes {
  const firstSigned = events.findIndex((e) => e.type === 'minutes.signed' || e.type === 'minutes.countersigned' || e.type === 'minutes.transmitted');
  const covered = firstSigned === -1 ? [...events] : events.slice(0, firstSigned);

  // Protective measures first: they decide how a person is named everywhere else.
  const pseudonyms = new Map<string, string>();
  for (const event of covered) {
    if (event.type !== 'protection.set') continue;
    const parsed = HEARING_EVENTS['protection.set'].safeParse(event.data);
    if (!parsed.success) continue;
    if (parsed.data.pseudonym) pseudonyms.set(parsed.data.participantId, parsed.data.pseudonym);
    else pseudonyms.delete(parsed.data.participantId);
  }
  const byId = new Map(participants.map((p) => [p.id, p]));
  // The name a participant confirmed for the minutes is their name throughout them.
  const confirmedNames = new Map<string, string>();
  for (const event of covered) {
    if (event.type !== 'participant.identity_confirmed') continue;
    const parsed = HEARING_EVENTS['participant.identity_confirmed'].safeParse(event.data);
    if (!parsed.success) continue;
    const { participantId, displayName } = parsed.data;
    if (!pseudonyms.has(participantId) && byId.get(participantId)?.role !== 'person_heard') confirmedNames.set(participantId, displayName);
  }
  const nameOf = (id: string | null | undefined): string => {
    if (!id) return 'the system';
    const pseudonym = pseudonyms.get(id);
    if (pseudonym) return pseudonym;
    const p = byId.get(id);
    if (!p) return `an unknown participant (${id})`;
    return confirmedNames.get(id) ?? p.displayName;
  };
  const functionOf = (id: string): string => {
    const p = byId.get(id);
    return p ? functionLabel(p.role, p.capacity) : 'unknown function';
  };
  const who = (id: string | null | undefined): string => (id && byId.has(id) ? `${nameOf(id)} (${functionOf(id)})` : nameOf(id));

  const people = new Map<string, MinutesPerson>();
  for (const p of participants) {
    people.set(p.id, { participantId: p.id, name: '', function: functionLabel(p.role, p.capacity), role: p.role, site: sites.of?.[p.id] ?? siteOf(p.role), identityConfirmedAt: null, attendance: [], removed: null });
  }
  const protections = new Map<string, PersonHeard['protectiveMeasures']>();

  const minutes: Minutes = {
    format: MINUTES_FORMAT,
    status: 'draft',
    hearing: { id: hearing.id, title: hearing.title, caseReference: hearing.caseReference, scheduledStart: hearing.scheduledStart, scheduledEnd: hearing.scheduledEnd },
    dates: [],
    times: { opened: null, inSession: null, ended: null, endReason: null, endedBy: null },
    sites: { requesting: sites.requesting ?? null, requested: sites.requested ?? null },
    personsHeard: [],
    participants: [],
    gates: [],
    oaths: [],
    consent: { given: [], withdrawn: [] },
    testimony: [],
    interventions: [],
    officerStatement: null,
    interpreters: [],
    privilegeClaims: [],
    pauses: [],
    consultations: [],
    interpretation: emptyInterpretationMinutes(participants, nameOf, languageName),
    recording: { made: false, segments: [], statement: 'No recording was made.', runs: [], gaps: [] },
    technical: { endpoints: [], incidents: [], interruptions: [], audioOnly: [] },
    chronology: [],
    record: { hearingId: hearing.id, entries: covered.length, throughSeq: covered.at(-1)?.seq ?? 0, hashThrough: covered.at(-1)?.hash ?? GENESIS },
  };
  const say = (event: HearingEvent, text: string) => minutes.chronology.push({ seq: event.seq, at: event.at, text });

  /** Whose track each recording interruption concerns, to name it again when it reaches the recording again. */
  const interruptedTracks = new Map<string, string>();
  for (const event of covered) {
    const schema = (HEARING_EVENTS as Record<string, z.ZodType | undefined>)[event.type];
    const parsed = schema?.safeParse(event.data);
    if (!parsed?.success) {
      say(event, `Entry of type "${event.type}" that these minutes cannot read.`);
      continue;
    }
    const actor = who(event.actorId);
    const on = <T extends HearingEventType>(type: T, handle: (d: Data<T>) => void) => {
      if (event.type === type) handle(parsed.data as Data<T>);
    };

    readInterpretation(minutes.interpretation, event, parsed.data, { say: (text) => say(event, text), who, nameOf, languageName });
    on('hearing.created', (d) => say(event, `The hearing was entered in the system (${d.source}).`));
    on('participant.entered', () => {
      people.get(event.actorId ?? '')?.attendance.push({ entered: event.at, left: null, leftBecause: null });
      const interrupted = minutes.technical.interruptions.findLast((i) => i.participantId === event.actorId && i.restoredAt === null);
      if (interrupted) interrupted.restoredAt = event.at;
      say(event, interrupted ? `${actor} reconnected.` : `${actor} connected.`);
    });
    on('participant.left', (d) => {
      const stay = people.get(event.actorId ?? '')?.attendance.findLast((a) => a.left === null);
      if (stay) {
        stay.left = event.at;
        stay.leftBecause = d.reason;
      }
      // The link's verdict ends with the connection it was measured on.
      const linkVerdict = minutes.technical.audioOnly.findLast((a) => a.participantId === event.actorId && a.cause === AUDIO_ONLY_CAUSES.link && a.to === null);
      if (linkVerdict) linkVerdict.to = event.at;
      if (d.reason === 'disconnected') {
        minutes.technical.interruptions.push({ at: event.at, restoredAt: null, participantId: event.actorId, name: event.actorId ? nameOf(event.actorId) : null, cause: 'connection lost', seq: event.seq });
        say(event, `${actor} lost the connection.`);
      } else {
        say(event, `${actor} left (${d.reason}).`);
      }
    });
    on('lobby.waiting', (d) => say(event, `${who(d.participantId)} was waiting to be admitted.`));
    on('lobby.admitted', (d) => say(event, `${actor} admitted ${who(d.participantId)} to the hearing.`));
    on('lobby.sent_back', (d) => say(event, `${actor} sent ${who(d.participantId)} back to the waiting room${d.reason ? `: ${d.reason}` : ''}.`));
    on('participant.removed', (d) => {
      const person = people.get(d.participantId);
      if (person) person.removed = { at: event.at, reason: d.reason };
      say(event, `${actor} removed ${who(d.participantId)} from the hearing: ${d.reason}.`);
    });
    on('participant.identity_confirmed', (d) => {
      const person = people.get(d.participantId);
      if (person) person.identityConfirmedAt = event.at;
      // The one who pressed is the one who records it: the confirmation is theirs to vouch for.
      say(event, event.actorId === d.participantId
        ? `${who(d.participantId)} confirmed their name and function for the minutes.`
        : `${actor} recorded that ${who(d.participantId)} confirmed their name and function for the minutes.`);
    });
    on('officer.statement', (d) => {
      minutes.officerStatement = { by: event.actorId ? nameOf(event.actorId) : null, at: event.at, identityEstablished: d.identityEstablished, principlesRespected: d.principlesRespected, remarks: d.remarks, seq: event.seq };
      say(event, `${actor} stated for the minutes that ${officerStatementText(d)}.`);
    });
    on('hearing.opened', () => {
      minutes.times.opened ??= event.at;
      say(event, `${actor} opened the hearing.`);
    });
    on('hearing.live', () => {
      minutes.times.inSession ??= event.at;
      say(event, `${actor} declared the hearing in session.`);
    });
    on('hearing.paused', (d) => {
      minutes.pauses.push({ cause: PAUSE_CAUSES[d.cause] ?? d.cause, reason: d.reason ?? null, from: event.at, to: null });
      say(event, `The hearing was paused (${PAUSE_CAUSES[d.cause] ?? d.cause})${d.reason ? `: ${d.reason}` : ''}.`);
    });
    on('hearing.resumed', (d) => {
      const pause = minutes.pauses.findLast((p) => p.cause === (PAUSE_CAUSES[d.cause] ?? d.cause) && p.to === null);
      if (pause) pause.to = event.at;
      const stillPaused = minutes.pauses.some((p) => p.to === null);
      say(event, `The pause (${PAUSE_CAUSES[d.cause] ?? d.cause}) was lifted${stillPaused ? '; the hearing remained paused for another cause' : '; the hearing resumed'}.`);
    });
    on('rights.shown', (d) => say(event, `${actor} put the rights notice and caution before ${who(d.participantId)} (${d.notice.id}, version ${d.notice.version}${textSource(d.notice)}, in ${languageName(d.notice.language)}${understood(d.understanding, nameOf)}).`));
    on('rights.acknowledged', (d) => {
      const details = `notice ${d.notice.id}, version ${d.notice.version}${textSource(d.notice)}, in ${languageName(d.notice.language)}${understood(d.understanding, nameOf)}`;
      minutes.gates.push({ gate: 'rights', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by: event.actorId ? nameOf(event.actorId) : null, details, seq: event.seq });
      say(event, `${who(d.participantId)} acknowledged the rights notice and caution (${details}).`);
    });
    on('hearing.ended', (d) => {
      minutes.times.ended = event.at;
      minutes.times.endReason = d.reason ?? null;
      minutes.times.endedBy = event.actorId ? nameOf(event.actorId) : null;
      for (const pause of minutes.pauses) pause.to ??= event.at;
      say(event, `${actor} ended the hearing${d.reason ? `: ${d.reason}` : ''}.`);
    });
    on('testimony.started', (d) => {
      minutes.testimony.push({ participantId: d.participantId, name: nameOf(d.participantId), started: event.at, ended: null });
      say(event, `${who(d.participantId)} began giving evidence.`);
    });
    on('testimony.ended', (d) => {
      const t = minutes.testimony.findLast((x) => x.participantId === d.participantId && x.ended === null);
      if (t) t.ended = event.at;
      say(event, `${who(d.participantId)} finished giving evidence.`);
    });
    on('identity.verified', (d) => {
      const protectedPerson = pseudonyms.has(d.participantId);
      const document = d.documentType && !protectedPerson
        ? `, ${DOCUMENTS[d.documentType] ?? d.documentType}${d.issuingCountry ? ` issued by ${d.issuingCountry}` : ''}${d.documentNumberLast ? ` with a number ending ${d.documentNumberLast}` : ''}`
        : '';
      const details = `by ${IDENTITY_METHODS[d.method] ?? d.method}${document}; matches the person: ${yesNo(d.match)}; photograph compared: ${yesNo(d.photoCompared)}${protectedPerson ? '; document details withheld under the protective measures' : ''}`;
      minutes.gates.push({ gate: 'identity', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by: event.actorId ? nameOf(event.actorId) : null, details, seq: event.seq });
      say(event, `${actor} verified the identity of ${who(d.participantId)} ${details}.`);
    });
    on('consent.given', (d) => {
      const details = `${CONSENT_METHODS[d.method] ?? d.method}; texts: ${d.texts.map((t) => `${t.id} version ${t.version}${textSource(t)} in ${languageName(t.language)}`).join(', ')}${understood(d.understanding, nameOf)}; interpreter present: ${yesNo(d.interpreterPresent)}; lawyer present: ${yesNo(d.lawyerPresent)}`;
      minutes.gates.push({ gate: 'consent', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by: event.actorId ? nameOf(event.actorId) : null, details, seq: event.seq });
      minutes.consent.given.push({ participantId: d.participantId, name: nameOf(d.participantId), at: event.at, method: d.method, seq: event.seq });
      say(event, `${who(d.participantId)} consented to being heard by video (${details}).`);
    });
    on('consent.withdrawn', (d) => {
      minutes.consent.withdrawn.push({ participantId: d.participantId, name: nameOf(d.participantId), at: event.at, seq: event.seq });
      say(event, `${who(d.participantId)} withdrew consent to being heard by video.`);
    });
    on('language.fallback', (d) => say(event, `The pages of ${who(d.participantId)}, who speaks ${languageName(d.language)}, were shown in ${languageName(d.shownIn)}: no translation of the pages into ${languageName(d.language)} exists.`));
    on('oath.taken', (d) => {
      const formula = d.text ? `; formula ${d.text.id} version ${d.text.version}${textSource(d.text)} in ${languageName(d.text.language)}` : '';
      const details = `${d.form === 'oath' ? 'oath' : 'affirmation'} in ${languageName(d.language)}${formula}${understood(d.understanding, nameOf)}`;
      minutes.oaths.push({
        participantId: d.participantId,
        name: nameOf(d.participantId),
        at: event.at,
        form: d.form,
        language: d.language,
        text: d.text ? { id: d.text.id, version: d.text.version, language: d.text.language, sha256: d.text.sha256, source: d.text.source ?? null } : null,
        via: d.understanding?.via ?? null,
        interpreter: d.understanding?.interpreterId ? nameOf(d.understanding.interpreterId) : null,
        seq: event.seq,
      });
      minutes.gates.push({ gate: 'oath', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by: event.actorId ? nameOf(event.actorId) : null, details, seq: event.seq });
      say(event, `${who(d.participantId)} ${d.form === 'oath' ? 'took the oath' : 'made an affirmation'} in ${languageName(d.language)}${understood(d.understanding, nameOf)}.`);
    });
    on('privilege.claimed', (d) => {
      minutes.privilegeClaims.push({ at: event.at, participantId: d.participantId, name: nameOf(d.participantId), basis: d.basis, seq: event.seq });
      say(event, `${who(d.participantId)} claimed a privilege: ${d.basis}.`);
    });
    on('control.muted', (d) => say(event, `${actor} muted ${d.participantId ? who(d.participantId) : 'everyone'}.`));
    on('control.unmute_requested', (d) => say(event, `${actor} asked ${who(d.participantId)} to unmute.`));
    on('control.spotlight', (d) => say(event, d.participantId ? `${actor} gave the main view to ${who(d.participantId)}.` : `${actor} cleared the main view.`));
    on('officer.intervened', (d) => {
      minutes.interventions.push({ at: event.at, by: event.actorId ? nameOf(event.actorId) : null, action: INTERVENTIONS[d.action] ?? d.action, reason: d.reason, seq: event.seq });
      say(event, `${actor} intervened and ${INTERVENTIONS[d.action] ?? d.action}: ${d.reason}.`);
    });
    on('consultation.started', (d) => {
      minutes.consultations.push({ consultationId: d.consultationId, participants: d.participantIds.map(nameOf), started: event.at, ended: null });
      say(event, `A private consultation between ${d.participantIds.map(who).join(' and ')} began (its content is not recorded).`);
    });
    on('consultation.ended', (d) => {
      const c = minutes.consultations.findLast((x) => x.consultationId === d.consultationId && x.ended === null);
      if (c) c.ended = event.at;
      say(event, 'The private consultation ended.');
    });
    on('protection.set', (d) => {
      const measures = [
        ...(d.pseudonym ? [`named by the pseudonym "${d.pseudonym}"`] : []),
        ...(d.hideVideoFromObservers ? ['video hidden from observers'] : []),
        ...(d.audioOnly ? ['heard by audio only'] : []),
      ];
      if (measures.length === 0) measures.push('earlier protective measures lifted');
      let list = protections.get(d.participantId);
      if (!list) protections.set(d.participantId, (list = []));
      list.push({ at: event.at, orderedBy: event.actorId ? nameOf(event.actorId) : null, measures });
      say(event, `${actor} ordered protective measures for ${who(d.participantId)}: ${measures.join('; ')}.`);
    });
    on('recording.started', (d) => {
      minutes.recording.runs.push({
        recordingId: d.recordingId, legalBasis: d.legalBasis, started: event.at, startedBy: event.actorId ? nameOf(event.actorId) : null,
        stopped: null, stoppedBecause: null, manifestSha256: null, keyId: null, complete: null, tracks: null, segments: null, coverage: [],
        continues: d.continues ? { ...d.continues } : null, seq: event.seq,
      });
      say(event, d.continues
        ? `The server resumed the recording by itself after it started again, on the same legal basis, in a new recording whose signed manifest names the one cut short (manifest SHA-256 ${d.continues.manifestSha256}): no signed recording covers ${d.continues.cutAt.slice(11, 19)} to ${event.at.slice(11, 19)} UTC.`
        : `${actor} started recording the hearing on this legal basis: ${d.legalBasis}.`);
    });
    on('recording.stopped', (d) => {
      const run = minutes.recording.runs.findLast((r) => r.recordingId === d.recordingId);
      if (run) Object.assign(run, { stopped: event.at, stoppedBecause: RECORDING_STOPS[d.cause] ?? d.cause });
      say(event, `The recording ${RECORDING_STOPS[d.cause] ?? d.cause}.`);
    });
    on('recording.sealed', (d) => {
      const run = minutes.recording.runs.findLast((r) => r.recordingId === d.recordingId);
      const coverage = (d.coverage ?? []).map((c) => ({ name: nameOf(c.participantId), source: c.source, recordedSeconds: c.recordedSeconds, spanSeconds: c.spanSeconds, declaredSeconds: c.declaredSeconds, holeSeconds: c.holeSeconds }));
      if (run) Object.assign(run, { manifestSha256: d.manifestSha256, keyId: d.keyId, complete: d.complete, tracks: d.tracks, segments: d.segments, coverage });
      const missing = coverage.filter((c) => c.holeSeconds > 0);
      const holes = missing.length === 0 ? '' : ` Media is missing that nothing in the recording explains: ${missing.map((c) => `${c.holeSeconds.toFixed(1)} s of the ${c.source} of ${c.name}`).join('; ')}.`;
      say(event, `The recording's manifest was signed${d.complete ? '' : ' as a recording cut short'}: ${d.tracks} tracks, ${d.segments} segments, manifest SHA-256 ${d.manifestSha256}.${holes}`);
    });
    on('recording.interrupted', (d) => {
      interruptedTracks.set(d.trackId, `the ${d.source} of ${who(d.participantId)}`);
      say(event, `The ${d.source} of ${who(d.participantId)} stopped reaching the recording: ${RECORDING_INTERRUPTIONS[d.cause] ?? d.cause}. Every page showed the recording as interrupted.`);
    });
    on('recording.disk_low', (d) => {
      say(event, `The court was warned that the recording disk was running out: ${d.freeMb} MB free${d.minutesLeft === null ? '' : `, about ${d.minutesLeft} minutes at the rate it was filling`}.`);
    });
    on('recording.disk_ok', (d) => {
      say(event, `The recording disk had room again (${d.freeMb} MB free).`);
    });
    on('recording.resumed', (d) => {
      say(event, `${capitalised(interruptedTracks.get(d.trackId) ?? 'the interrupted track')} reached the recording again.`);
    });
    on('recording.gap', (d) => {
      minutes.recording.gaps.push({ recordingId: d.recordingId, participantId: d.participantId, name: nameOf(d.participantId), trackId: d.trackId, from: d.from, to: d.to, cause: d.cause, seq: event.seq });
      say(event, `The recording of ${who(d.participantId)} has a gap from ${d.from.slice(11, 19)} to ${d.to.slice(11, 19)} UTC (${d.cause}).`);
    });
    on('server.restarted', (d) => {
      minutes.technical.interruptions.push({ at: d.lastEntryAt, restoredAt: d.restartedAt, participantId: null, name: null, cause: 'the server stopped and started again', seq: event.seq });
      say(event, `The server stopped during the hearing and started again: nothing reached the hearing from ${d.lastEntryAt.slice(11, 19)} to ${d.restartedAt.slice(11, 19)} UTC.`);
    });
    on('media.interrupted', (d) => {
      minutes.technical.interruptions.push({ at: event.at, restoredAt: null, participantId: null, name: null, cause: d.cause, seq: event.seq });
      say(event, `The media connection was interrupted (${d.cause}).`);
    });
    on('quality.incident', (d) => {
      const [label, unit] = METRICS[d.metric] ?? [d.metric, ''];
      minutes.technical.incidents.push({ at: event.at, participantId: d.participantId, name: nameOf(d.participantId), metric: label, value: d.value, threshold: d.threshold, seq: event.seq });
      say(event, `Connection of ${who(d.participantId)}: ${label} ${d.value}${unit} (threshold ${d.threshold}${unit}).`);
    });
    on('media.audio_only', (d) => {
      const cause = AUDIO_ONLY_CAUSES[d.cause];
      const subject = who(d.participantId);
      if (!d.active) {
        const open = minutes.technical.audioOnly.findLast((a) => a.participantId === d.participantId && a.cause === cause && a.to === null);
        if (open) open.to = event.at;
        say(event, d.cause === 'link'
          ? `The connection of ${subject} could carry video again${d.reason ? ` (${d.reason})` : ''}: their video was restored.`
          : d.cause === 'court' ? `${actor} restored the video of ${subject}.` : `${subject} resumed receiving video.`);
        return;
      }
      const decidedBy = d.cause === 'link' ? null : event.actorId ? nameOf(event.actorId) : null;
      minutes.technical.audioOnly.push({
        participantId: d.participantId, name: nameOf(d.participantId), from: event.at, to: null, cause, decidedBy,
        reason: d.reason ?? null, cameraOff: d.cameraOff ?? false, seq: event.seq,
      });
      const camera = d.cameraOff ? ', and their camera was stopped' : '';
      say(event, d.cause === 'link'
        ? `The connection of ${subject} could not carry video${d.reason ? ` (${d.reason})` : ''}: they were switched to audio-only${camera}.`
        : d.cause === 'court' ? `${actor} ordered audio-only for ${subject}${camera}.` : `${subject} chose audio-only${camera}.`);
    });
    on('quality.summary', (d) => {
      minutes.technical.endpoints.push({
        participantId: d.participantId, name: nameOf(d.participantId), at: event.at,
        browser: d.endpoint.browser ?? null, os: d.endpoint.os ?? null, codecs: d.codecs, bitrateKbps: d.bitrateKbps,
        encryption: d.encryption, roundTripMs: d.roundTripMs ?? null, packetLossPercent: d.packetLossPercent ?? null,
      });
      say(event, `Connection figures were recorded for ${who(d.participantId)}.`);
    });
  }

  minutes.status = minutes.times.ended ? 'final' : 'draft';
  const runs = minutes.recording.runs.filter((r) => r.stoppedBecause !== RECORDING_STOPS.failed);
  if (runs.length > 0) {
    minutes.recording.made = true;
    minutes.recording.statement = runs
      .map((r) => `${r.continues ? 'Resumed by the server after it started again, the' : 'The'} hearing was recorded from ${r.started.slice(11, 19)} to ${r.stopped ? `${r.stopped.slice(11, 19)} UTC (${r.stoppedBecause})` : 'the end of these minutes'} on this legal basis: ${r.legalBasis}.${r.manifestSha256 ? ` Its signed manifest has SHA-256 ${r.manifestSha256}.` : ''}`)
      .join(' ');
  } else if (minutes.recording.runs.length > 0) {
    minutes.recording.statement = 'Recording was ordered but could not be made.';
  }
  const from = minutes.times.opened ?? minutes.times.inSession;
  if (from) minutes.dates = datesBetween(from, minutes.times.ended ?? covered.at(-1)?.at ?? from);

  for (const p of participants) {
    const person = people.get(p.id) as MinutesPerson;
    person.name = nameOf(p.id);
    if (p.role === 'person_heard') {
      minutes.personsHeard.push({
        ...person,
        capacity: p.capacity ? CAPACITY_LABELS[p.capacity] : null,
        realNameWithheld: pseudonyms.has(p.id),
        protectiveMeasures: protections.get(p.id) ?? [],
      });
    } else {
      minutes.participants.push(person);
    }
  }
  minutes.participants.sort((a, b) => roleOrder(a.role) - roleOrder(b.role));
  const assigned = minutes.interpretation.channels.flatMap((c) => c.interpreters);
  minutes.interpreters = participants
    .filter((p) => p.role === 'interpreter')
    .map((p) => ({
      participantId: p.id,
      name: nameOf(p.id),
      pair: assigned.find((a) => a.participantId === p.id)?.pair ?? null,
      site: people.get(p.id)?.site ?? null,
      connected: (people.get(p.id)?.attendance.length ?? 0) > 0,
      interpreted: minutes.interpretation.periods.filter((x) => x.participantId === p.id).map((x) => ({ channel: x.channel, from: x.from, to: x.to })),
    }));
  return withheldNames(minutes, participants, pseudonyms);
}

function roleOrder(role: Participant['role']): number {
  return Object.keys(ROLE_LABELS).indexOf(role);
}

function datesBetween(fromIso: string, toIso: string): string[] {
  const dates: string[] = [];
  const day = new Date(`${fromIso.slice(0, 10)}T00:00:00.000Z`);
  const last = toIso.slice(0, 10);
  while (dates.length < 31) {
    const iso = day.toISOString().slice(0, 10);
    dates.push(iso);
    if (iso >= last) break;
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return dates;
}

/**
 * Replaces, in every string of the minutes, the real name of each person heard who has a pseudonym
 * (the full name, then each part of it of three letters or more) by the pseudonym: reasons and
 * claims are typed during the hearing, and a name slipped into one must not reach the minutes.
 */
/** Ids and hashes are not text: a name part must never be found inside one. */
const IDENTIFIER = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{64})$/i;

function withheldNames(minutes: Minutes, participants: readonly Participant[], pseudonyms: ReadonlyMap<string, string>): Minutes {
  const rules: [RegExp, string][] = [];
  for (const p of participants) {
    const pseudonym = pseudonyms.get(p.id);
    if (!pseudonym) continue;
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    rules.push([new RegExp(escape(p.displayName.trim()), 'giu'), pseudonym]);
    for (const part of p.displayName.split(/\s+/).filter((w) => w.length >= 3)) {
      rules.push([new RegExp(`(?<![\\p{L}\\p{N}])${escape(part)}(?![\\p{L}\\p{N}])`, 'giu'), pseudonym]);
    }
  }
  if (rules.length === 0) return minutes;
  const scrub = (value: unknown): unknown => {
    if (typeof value === 'string' && IDENTIFIER.test(value)) return value;
    if (typeof value === 'string') return rules.reduce((text, [pattern, pseudonym]) => text.replace(pattern, pseudonym), value);
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v)]));
    return value;
  };
  return scrub(minutes) as Minutes;
}

/** The exact bytes that are signed, served and hashed: the canonical JSON of the minutes. */
export function minutesJson(minutes: Minutes): string {
  return canonicalJson(minutes);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
