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
import type { z } from 'zod';
import { HEARING_EVENTS, type HearingEventType } from '../courtroom/index.js';
import type { CatalogueLanguage } from '../language/index.js';
import { courtLanguageOf, ROLE_LABELS, type Hearing, type Participant } from '../scheduling/index.js';
import type { HearingEvent } from '../store/index.js';
import { canonicalJson, GENESIS } from './chain.js';
import { emptyInterpretationMinutes, readInterpretation, type InterpretationMinutes } from './minutes-interpretation.js';
import { MinutesWords, minutesWordsFor } from './minutes-words.js';

export type { InterpretationMinutes } from './minutes-interpretation.js';

export const MINUTES_FORMAT = 'hearing-room/minutes@2';

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
  /** The language every word of this version is written in. */
  language: CatalogueLanguage;
  /** The language of the court and that of the requested state (its officer's), as BCP 47 tags. */
  languages: { court: string; requested: string };
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
  officerStatement: { by: string | null; at: string; identityEstablished: boolean; principlesRespected: boolean; remarks: string | null; text: string; seq: number } | null;
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
  /**
   * The same minutes in the requested state's language, drawn from the same entries, where it is
   * not the court's and the minutes have words for it; null otherwise. Signed with them.
   */
  translation: Minutes | null;
}

export interface RecordingRun {
  recordingId: string;
  legalBasis: string;
  started: string;
  startedBy: string | null;
  stopped: string | null;
  stoppedBecause: string | null;
  /** Why it stopped, as the record says it (`failed`: it could not be made). */
  stopCause: string | null;
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

const METRIC_UNITS: Record<string, string> = { packet_loss: '%', round_trip_time: ' ms', jitter: ' ms', video_frozen: ' s', disconnected: ' s' };

/** How the person heard understood a text, as the minutes say it: read in her language, or through a named interpreter. */
function understood(w: MinutesWords, u: { language: string; via: 'text' | 'interpreter'; interpreterId?: string } | undefined, nameOf: (id: string) => string): string {
  if (!u) return '';
  return u.via === 'interpreter'
    ? w.t('understood.interpreter', { language: w.languageName(u.language), interpreter: u.interpreterId ? nameOf(u.interpreterId) : w.t('understood.interpreterOnDuty') })
    : w.t('understood.text', { language: w.languageName(u.language) });
}

/**
 * Whose text it is — a model text of Hearing Room is said to be one, since no authority approved it —
 * and the SHA-256 that names its exact words.
 */
function textSource(w: MinutesWords, text: { source?: 'model' | 'authority' | undefined; sha256: string }): string {
  const whose = text.source === 'model' ? w.t('text.model') : text.source === 'authority' ? w.t('text.authority') : '';
  return w.t('text.hash', { whose, sha256: text.sha256 });
}

/** The officer's statement as a clause: what she established and whether the principles of her law were respected. */
export function officerStatementText(w: MinutesWords, d: { identityEstablished: boolean; principlesRespected: boolean; remarks: string | null }): string {
  const clause = w.t('statement.clause', {
    identity: w.t(d.identityEstablished ? 'statement.identityEstablished' : 'statement.identityNotEstablished'),
    principles: w.t(d.principlesRespected ? 'statement.principlesRespected' : 'statement.principlesNotRespected'),
  });
  return d.remarks ? w.t('statement.remarks', { clause, remarks: d.remarks }) : clause;
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
 *
 * They are written in the court's language and, where the requested state's officer speaks
 * another language the minutes have words for, again in hers (`translation`): both versions are
 * drawn from the same entries, and the judge signs and the officer countersigns both at once.
 */
export function generateMinutes(hearing: Hearing, participants: readonly Participant[], events: readonly HearingEvent[], sites: Sites = {}): Minutes {
  const firstSigned = events.findIndex((e) => e.type === 'minutes.signed' || e.type === 'minutes.countersigned' || e.type === 'minutes.transmitted');
  const covered = firstSigned === -1 ? [...events] : events.slice(0, firstSigned);
  const languages = { court: courtLanguageOf(hearing, participants), requested: requestedLanguageOf(hearing, participants) };
  // A court whose language has no catalogue reads English minutes, which say so (`languages` keeps the tag).
  const courtWords = minutesWordsFor(languages.court) ?? new MinutesWords('en');
  const requestedWords = minutesWordsFor(languages.requested);
  const minutes = minutesIn(courtWords, languages, hearing, participants, covered, sites);
  if (requestedWords && requestedWords.language !== courtWords.language) {
    minutes.translation = minutesIn(requestedWords, languages, hearing, participants, covered, sites);
  }
  return minutes;
}

/** The requested state's language: its officer's, else the court's (then one version serves both). */
function requestedLanguageOf(hearing: Hearing, participants: readonly Participant[]): string {
  return participants.find((p) => p.role === 'requested_officer' && p.language)?.language ?? courtLanguageOf(hearing, participants);
}

/** One version of the minutes, every word of it in `w`'s language. */
function minutesIn(w: MinutesWords, languages: Minutes['languages'], hearing: Hearing, participants: readonly Participant[], covered: readonly HearingEvent[], sites: Sites): Minutes {
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
    if (!id) return w.t('person.system');
    const pseudonym = pseudonyms.get(id);
    if (pseudonym) return pseudonym;
    const p = byId.get(id);
    if (!p) return w.t('person.unknown', { id });
    return confirmedNames.get(id) ?? p.displayName;
  };
  const functionIn = (p: Participant): string => w.functionOf(p.role, p.capacity);
  const functionOf = (id: string): string => {
    const p = byId.get(id);
    return p ? functionIn(p) : w.t('person.unknownFunction');
  };
  const who = (id: string | null | undefined): string => (id && byId.has(id) ? w.t('person', { name: nameOf(id), function: functionOf(id) }) : nameOf(id));
  const at = (iso: string) => iso.slice(11, 19);
  const yesNo = (b: boolean) => w.t(b ? 'yes' : 'no');

  const people = new Map<string, MinutesPerson>();
  for (const p of participants) {
    people.set(p.id, { participantId: p.id, name: '', function: functionIn(p), role: p.role, site: sites.of?.[p.id] ?? siteOf(p.role), identityConfirmedAt: null, attendance: [], removed: null });
  }
  const protections = new Map<string, PersonHeard['protectiveMeasures']>();

  const minutes: Minutes = {
    format: MINUTES_FORMAT,
    language: w.language,
    languages,
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
    interpretation: emptyInterpretationMinutes(participants, nameOf, w),
    recording: { made: false, segments: [], statement: w.t('recording.none'), runs: [], gaps: [] },
    technical: { endpoints: [], incidents: [], interruptions: [], audioOnly: [] },
    chronology: [],
    record: { hearingId: hearing.id, entries: covered.length, throughSeq: covered.at(-1)?.seq ?? 0, hashThrough: covered.at(-1)?.hash ?? GENESIS },
    translation: null,
  };
  const say = (event: HearingEvent, text: string) => minutes.chronology.push({ seq: event.seq, at: event.at, text });

  /** Whose track each recording interruption concerns, to name it again when it reaches the recording again. */
  const interruptedTracks = new Map<string, string>();
  for (const event of covered) {
    const schema = (HEARING_EVENTS as Record<string, z.ZodType | undefined>)[event.type];
    const parsed = schema?.safeParse(event.data);
    if (!parsed?.success) {
      say(event, w.t('chron.unreadable', { type: event.type }));
      continue;
    }
    const actor = who(event.actorId);
    const on = <T extends HearingEventType>(type: T, handle: (d: Data<T>) => void) => {
      if (event.type === type) handle(parsed.data as Data<T>);
    };

    readInterpretation(minutes.interpretation, event, parsed.data, { say: (text) => say(event, text), who, nameOf, w });
    on('hearing.created', (d) => say(event, w.t('chron.created', { source: d.source })));
    on('participant.entered', () => {
      people.get(event.actorId ?? '')?.attendance.push({ entered: event.at, left: null, leftBecause: null });
      const interrupted = minutes.technical.interruptions.findLast((i) => i.participantId === event.actorId && i.restoredAt === null);
      if (interrupted) interrupted.restoredAt = event.at;
      say(event, w.t(interrupted ? 'chron.reconnected' : 'chron.connected', { actor }));
    });
    on('participant.left', (d) => {
      const stay = people.get(event.actorId ?? '')?.attendance.findLast((a) => a.left === null);
      if (stay) {
        stay.left = event.at;
        stay.leftBecause = d.reason;
      }
      // The link's verdict ends with the connection it was measured on.
      const linkVerdict = minutes.technical.audioOnly.findLast((a) => a.participantId === event.actorId && a.cause === w.t('audioOnly.link') && a.to === null);
      if (linkVerdict) linkVerdict.to = event.at;
      if (d.reason === 'disconnected') {
        minutes.technical.interruptions.push({ at: event.at, restoredAt: null, participantId: event.actorId, name: event.actorId ? nameOf(event.actorId) : null, cause: w.t('interruption.connectionLost'), seq: event.seq });
        say(event, w.t('chron.lostConnection', { actor }));
      } else {
        say(event, w.t('chron.left', { actor, reason: d.reason }));
      }
    });
    on('lobby.waiting', (d) => say(event, w.t('chron.waiting', { person: who(d.participantId) })));
    on('lobby.admitted', (d) => say(event, w.t('chron.admitted', { actor, person: who(d.participantId) })));
    on('lobby.sent_back', (d) => say(event, d.reason ? w.t('chron.sentBackBecause', { actor, person: who(d.participantId), reason: d.reason }) : w.t('chron.sentBack', { actor, person: who(d.participantId) })));
    on('participant.removed', (d) => {
      const person = people.get(d.participantId);
      if (person) person.removed = { at: event.at, reason: d.reason };
      say(event, w.t('chron.removed', { actor, person: who(d.participantId), reason: d.reason }));
    });
    on('participant.identity_confirmed', (d) => {
      const person = people.get(d.participantId);
      if (person) person.identityConfirmedAt = event.at;
      // The one who pressed is the one who records it: the confirmation is theirs to vouch for.
      say(event, event.actorId === d.participantId
        ? w.t('chron.confirmedOwn', { person: who(d.participantId) })
        : w.t('chron.confirmedFor', { actor, person: who(d.participantId) }));
    });
    on('officer.statement', (d) => {
      minutes.officerStatement = { by: event.actorId ? nameOf(event.actorId) : null, at: event.at, identityEstablished: d.identityEstablished, principlesRespected: d.principlesRespected, remarks: d.remarks, text: officerStatementText(w, d), seq: event.seq };
      say(event, w.t('chron.officerStatement', { actor, statement: officerStatementText(w, d) }));
    });
    on('hearing.opened', () => {
      minutes.times.opened ??= event.at;
      say(event, w.t('chron.opened', { actor }));
    });
    on('hearing.live', () => {
      minutes.times.inSession ??= event.at;
      say(event, w.t('chron.live', { actor }));
    });
    on('hearing.paused', (d) => {
      const cause = w.phrase('pause', d.cause);
      minutes.pauses.push({ cause, reason: d.reason ?? null, from: event.at, to: null });
      say(event, d.reason ? w.t('chron.pausedBecause', { cause, reason: d.reason }) : w.t('chron.paused', { cause }));
    });
    on('hearing.resumed', (d) => {
      const cause = w.phrase('pause', d.cause);
      const pause = minutes.pauses.findLast((p) => p.cause === cause && p.to === null);
      if (pause) pause.to = event.at;
      const stillPaused = minutes.pauses.some((p) => p.to === null);
      say(event, w.t(stillPaused ? 'chron.pauseLiftedStillPaused' : 'chron.pauseLifted', { cause }));
    });
    const noticeDetails = (key: 'notice.details' | 'notice.shownDetails', notice: { id: string; version: string; language: string; sha256: string; source?: 'model' | 'authority' | undefined }, u: Parameters<typeof understood>[1]) =>
      w.t(key, { id: notice.id, version: notice.version, source: textSource(w, notice), language: w.languageName(notice.language), understood: understood(w, u, nameOf) });
    on('rights.shown', (d) => say(event, w.t('chron.rightsShown', { actor, person: who(d.participantId), details: noticeDetails('notice.shownDetails', d.notice, d.understanding) })));
    on('rights.acknowledged', (d) => {
      const details = noticeDetails('notice.details', d.notice, d.understanding);
      minutes.gates.push({ gate: 'rights', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by: event.actorId ? nameOf(event.actorId) : null, details, seq: event.seq });
      say(event, w.t('chron.rightsAcknowledged', { person: who(d.participantId), details }));
    });
    on('hearing.ended', (d) => {
      minutes.times.ended = event.at;
      minutes.times.endReason = d.reason ?? null;
      minutes.times.endedBy = event.actorId ? nameOf(event.actorId) : null;
      for (const pause of minutes.pauses) pause.to ??= event.at;
      say(event, d.reason ? w.t('chron.endedBecause', { actor, reason: d.reason }) : w.t('chron.ended', { actor }));
    });
    on('testimony.started', (d) => {
      minutes.testimony.push({ participantId: d.participantId, name: nameOf(d.participantId), started: event.at, ended: null });
      say(event, w.t('chron.testimonyStarted', { person: who(d.participantId) }));
    });
    on('testimony.ended', (d) => {
      const t = minutes.testimony.findLast((x) => x.participantId === d.participantId && x.ended === null);
      if (t) t.ended = event.at;
      say(event, w.t('chron.testimonyEnded', { person: who(d.participantId) }));
    });
    on('identity.verified', (d) => {
      const protectedPerson = pseudonyms.has(d.participantId);
      const document = d.documentType && !protectedPerson
        ? w.t('identity.document', { document: w.phrase('document', d.documentType) })
          + (d.issuingCountry ? w.t('identity.issuedBy', { country: d.issuingCountry }) : '')
          + (d.documentNumberLast ? w.t('identity.numberEnding', { digits: d.documentNumberLast }) : '')
        : '';
      const details = w.t('identity.details', {
        method: w.phrase('identityMethod', d.method), document, match: yesNo(d.match), photo: yesNo(d.photoCompared),
        withheld: protectedPerson ? w.t('identity.withheld') : '',
      });
      minutes.gates.push({ gate: 'identity', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by: event.actorId ? nameOf(event.actorId) : null, details, seq: event.seq });
      say(event, w.t('chron.identityVerified', { actor, person: who(d.participantId), details }));
    });
    on('consent.given', (d) => {
      const texts = w.list(d.texts.map((t) => w.t('consent.text', { id: t.id, version: t.version, source: textSource(w, t), language: w.languageName(t.language) })));
      const details = w.t('consent.details', {
        method: w.phrase('consentMethod', d.method), texts, understood: understood(w, d.understanding, nameOf),
        interpreter: yesNo(d.interpreterPresent), lawyer: yesNo(d.lawyerPresent),
      });
      minutes.gates.push({ gate: 'consent', participantId: d.participantId, name: nameOf(d.participantId), at: event.at, by: event.actorId ? nameOf(event.actorId) : null, details, seq: event.seq });
      minutes.consent.given.push({ participantId: d.participantId, name: nameOf(d.participantId), at: event.at, method: w.phrase('consentMethod', d.method), seq: event.seq });
      say(event, w.t('chron.consentGiven', { person: who(d.participantId), details }));
    });
    on('consent.withdrawn', (d) => {
      minutes.consent.withdrawn.push({ participantId: d.participantId, name: nameOf(d.participantId), at: event.at, seq: event.seq });
      say(event, w.t('chron.consentWithdrawn', { person: who(d.participantId) }));
    });
    on('language.fallback', (d) => say(event, w.t('chron.languageFallback', { person: who(d.participantId), language: w.languageName(d.language), shownIn: w.languageName(d.shownIn) })));
    on('oath.taken', (d) => {
      const formula = d.text ? w.t('oath.formula', { id: d.text.id, version: d.text.version, source: textSource(w, d.text), language: w.languageName(d.text.language) }) : '';
      const language = w.languageName(d.language);
      const details = w.t(d.form === 'oath' ? 'oath.details.oath' : 'oath.details.affirmation', { language, formula, understood: understood(w, d.understanding, nameOf) });
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
      say(event, w.t(d.form === 'oath' ? 'chron.oath' : 'chron.affirmation', { person: who(d.participantId), language, understood: understood(w, d.understanding, nameOf) }));
    });
    on('privilege.claimed', (d) => {
      minutes.privilegeClaims.push({ at: event.at, participantId: d.participantId, name: nameOf(d.participantId), basis: d.basis, seq: event.seq });
      say(event, w.t('chron.privilege', { person: who(d.participantId), basis: d.basis }));
    });
    on('control.muted', (d) => say(event, w.t('chron.muted', { actor, person: d.participantId ? who(d.participantId) : w.t('person.everyone') })));
    on('control.unmute_requested', (d) => say(event, w.t('chron.unmuteRequested', { actor, person: who(d.participantId) })));
    on('control.spotlight', (d) => say(event, d.participantId ? w.t('chron.spotlight', { actor, person: who(d.participantId) }) : w.t('chron.spotlightCleared', { actor })));
    on('officer.intervened', (d) => {
      const action = w.phrase('intervention', d.action);
      minutes.interventions.push({ at: event.at, by: event.actorId ? nameOf(event.actorId) : null, action, reason: d.reason, seq: event.seq });
      say(event, w.t('chron.intervened', { actor, action, reason: d.reason }));
    });
    on('consultation.started', (d) => {
      minutes.consultations.push({ consultationId: d.consultationId, participants: d.participantIds.map(nameOf), started: event.at, ended: null });
      say(event, w.t('chron.consultationStarted', { people: w.list(d.participantIds.map(who)) }));
    });
    on('consultation.ended', (d) => {
      const c = minutes.consultations.findLast((x) => x.consultationId === d.consultationId && x.ended === null);
      if (c) c.ended = event.at;
      say(event, w.t('chron.consultationEnded'));
    });
    on('protection.set', (d) => {
      const measures = [
        ...(d.pseudonym ? [w.t('protection.pseudonym', { pseudonym: d.pseudonym })] : []),
        ...(d.hideVideoFromObservers ? [w.t('protection.hideVideo')] : []),
        ...(d.audioOnly ? [w.t('protection.audioOnly')] : []),
      ];
      if (measures.length === 0) measures.push(w.t('protection.lifted'));
      let list = protections.get(d.participantId);
      if (!list) protections.set(d.participantId, (list = []));
      list.push({ at: event.at, orderedBy: event.actorId ? nameOf(event.actorId) : null, measures });
      say(event, w.t('chron.protection', { actor, person: who(d.participantId), measures: measures.join('; ') }));
    });
    on('recording.started', (d) => {
      minutes.recording.runs.push({
        recordingId: d.recordingId, legalBasis: d.legalBasis, started: event.at, startedBy: event.actorId ? nameOf(event.actorId) : null,
        stopped: null, stoppedBecause: null, stopCause: null, manifestSha256: null, keyId: null, complete: null, tracks: null, segments: null, coverage: [],
        continues: d.continues ? { ...d.continues } : null, seq: event.seq,
      });
      say(event, d.continues
        ? w.t('chron.recordingResumedByServer', { sha256: d.continues.manifestSha256, from: at(d.continues.cutAt), to: at(event.at) })
        : w.t('chron.recordingStarted', { actor, basis: d.legalBasis }));
    });
    on('recording.stopped', (d) => {
      const run = minutes.recording.runs.findLast((r) => r.recordingId === d.recordingId);
      if (run) Object.assign(run, { stopped: event.at, stoppedBecause: w.phrase('stop', d.cause), stopCause: d.cause });
      say(event, w.t('chron.recordingStopped', { how: w.phrase('stop', d.cause) }));
    });
    on('recording.sealed', (d) => {
      const run = minutes.recording.runs.findLast((r) => r.recordingId === d.recordingId);
      const coverage = (d.coverage ?? []).map((c) => ({ name: nameOf(c.participantId), source: w.phrase('source', c.source), recordedSeconds: c.recordedSeconds, spanSeconds: c.spanSeconds, declaredSeconds: c.declaredSeconds, holeSeconds: c.holeSeconds }));
      if (run) Object.assign(run, { manifestSha256: d.manifestSha256, keyId: d.keyId, complete: d.complete, tracks: d.tracks, segments: d.segments, coverage });
      const missing = coverage.filter((c) => c.holeSeconds > 0);
      const sealed = w.t(d.complete ? 'chron.recordingSealed' : 'chron.recordingSealedShort', { tracks: d.tracks, segments: d.segments, sha256: d.manifestSha256 });
      const holes = missing.length === 0 ? '' : ` ${w.t('chron.recordingHoles', { holes: missing.map((c) => w.t('chron.recordingHole', { seconds: c.holeSeconds.toFixed(1), source: c.source, name: c.name })).join('; ') })}`;
      say(event, `${sealed}${holes}`);
    });
    on('recording.interrupted', (d) => {
      interruptedTracks.set(d.trackId, w.t('chron.trackOf', { source: w.phrase('source', d.source), person: who(d.participantId) }));
      say(event, w.t('chron.trackInterrupted', { source: w.phrase('source', d.source), person: who(d.participantId), cause: w.phrase('interruption', d.cause) }));
    });
    on('recording.disk_low', (d) => {
      say(event, d.minutesLeft === null ? w.t('chron.diskLow', { freeMb: d.freeMb }) : w.t('chron.diskLowRate', { freeMb: d.freeMb, minutes: d.minutesLeft }));
    });
    on('recording.disk_ok', (d) => say(event, w.t('chron.diskOk', { freeMb: d.freeMb })));
    on('recording.resumed', (d) => {
      const track = interruptedTracks.get(d.trackId);
      say(event, track ? capitalised(w.t('chron.trackResumed', { track })) : w.t('chron.trackResumedUnknown'));
    });
    on('recording.gap', (d) => {
      minutes.recording.gaps.push({ recordingId: d.recordingId, participantId: d.participantId, name: nameOf(d.participantId), trackId: d.trackId, from: d.from, to: d.to, cause: d.cause, seq: event.seq });
      say(event, w.t('chron.recordingGap', { person: who(d.participantId), from: at(d.from), to: at(d.to), cause: d.cause }));
    });
    on('server.restarted', (d) => {
      minutes.technical.interruptions.push({ at: d.lastEntryAt, restoredAt: d.restartedAt, participantId: null, name: null, cause: w.t('interruption.serverRestarted'), seq: event.seq });
      say(event, w.t('chron.serverRestarted', { from: at(d.lastEntryAt), to: at(d.restartedAt) }));
    });
    on('media.interrupted', (d) => {
      minutes.technical.interruptions.push({ at: event.at, restoredAt: null, participantId: null, name: null, cause: d.cause, seq: event.seq });
      say(event, w.t('chron.mediaInterrupted', { cause: d.cause }));
    });
    on('quality.incident', (d) => {
      const label = w.phrase('metric', d.metric);
      const unit = METRIC_UNITS[d.metric] ?? '';
      minutes.technical.incidents.push({ at: event.at, participantId: d.participantId, name: nameOf(d.participantId), metric: label, value: d.value, threshold: d.threshold, seq: event.seq });
      say(event, w.t('chron.qualityIncident', { person: who(d.participantId), metric: label, value: `${d.value}${unit}`, threshold: `${d.threshold}${unit}` }));
    });
    on('media.audio_only', (d) => {
      const cause = w.phrase('audioOnly', d.cause);
      const person = who(d.participantId);
      if (!d.active) {
        const open = minutes.technical.audioOnly.findLast((a) => a.participantId === d.participantId && a.cause === cause && a.to === null);
        if (open) open.to = event.at;
        say(event, d.cause === 'link'
          ? (d.reason ? w.t('chron.videoRestoredLinkBecause', { person, reason: d.reason }) : w.t('chron.videoRestoredLink', { person }))
          : d.cause === 'court' ? w.t('chron.videoRestoredCourt', { actor, person }) : w.t('chron.videoRestoredOwn', { person }));
        return;
      }
      const decidedBy = d.cause === 'link' ? null : event.actorId ? nameOf(event.actorId) : null;
      minutes.technical.audioOnly.push({
        participantId: d.participantId, name: nameOf(d.participantId), from: event.at, to: null, cause, decidedBy,
        reason: d.reason ?? null, cameraOff: d.cameraOff ?? false, seq: event.seq,
      });
      const camera = d.cameraOff ? w.t('chron.cameraStopped') : '';
      say(event, d.cause === 'link'
        ? (d.reason ? w.t('chron.audioOnlyLinkBecause', { person, reason: d.reason, camera }) : w.t('chron.audioOnlyLink', { person, camera }))
        : d.cause === 'court' ? w.t('chron.audioOnlyCourt', { actor, person, camera }) : w.t('chron.audioOnlyOwn', { person, camera }));
    });
    on('quality.summary', (d) => {
      minutes.technical.endpoints.push({
        participantId: d.participantId, name: nameOf(d.participantId), at: event.at,
        browser: d.endpoint.browser ?? null, os: d.endpoint.os ?? null, codecs: d.codecs, bitrateKbps: d.bitrateKbps,
        encryption: d.encryption, roundTripMs: d.roundTripMs ?? null, packetLossPercent: d.packetLossPercent ?? null,
      });
      say(event, w.t('chron.qualitySummary', { person: who(d.participantId) }));
    });
  }

  minutes.status = minutes.times.ended ? 'final' : 'draft';
  const runs = minutes.recording.runs.filter((r) => r.stopCause !== 'failed');
  if (runs.length > 0) {
    minutes.recording.made = true;
    minutes.recording.statement = runs
      .map((r) => {
        const values = { from: at(r.started), to: r.stopped ? at(r.stopped) : '', how: r.stoppedBecause ?? '', basis: r.legalBasis };
        const run = r.continues
          ? w.t(r.stopped ? 'recording.runResumed' : 'recording.runResumedOpen', values)
          : w.t(r.stopped ? 'recording.run' : 'recording.runOpen', values);
        return r.manifestSha256 ? `${run} ${w.t('recording.manifest', { sha256: r.manifestSha256 })}` : run;
      })
      .join(' ');
  } else if (minutes.recording.runs.length > 0) {
    minutes.recording.statement = w.t('recording.failed');
  }
  const from = minutes.times.opened ?? minutes.times.inSession;
  if (from) minutes.dates = datesBetween(from, minutes.times.ended ?? covered.at(-1)?.at ?? from);

  for (const p of participants) {
    const person = people.get(p.id) as MinutesPerson;
    person.name = nameOf(p.id);
    if (p.role === 'person_heard') {
      minutes.personsHeard.push({
        ...person,
        capacity: p.capacity ? w.functionOf(p.role, p.capacity) : null,
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
