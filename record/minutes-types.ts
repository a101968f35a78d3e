/**
 * What the minutes of a hearing hold, field by field: the shape a signed copy has. Every field can
 * be traced to the record: the entries it comes from are named by their numbers (`seq`), and the
 * minutes name the last entry they cover with its hash.
 */
import type { CatalogueLanguage } from '../language/index.js';
import type { Participant } from '../scheduling/index.js';

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
  /** Present when the court withheld where she was: her site is not written in these minutes. */
  locationWithheld?: true;
  /** Present where she is a vulnerable person: why, in words. */
  vulnerability?: string;
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
  /**
   * Each sitting of a hearing the court adjourned at least once: when it opened, and when and why it
   * was adjourned (the last runs to the end). Absent for a hearing heard in one sitting.
   */
  sittings?: { opened: string; adjourned: string | null; reason: string | null; seq: number }[];
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
  consent: {
    given: { participantId: string; name: string; at: string; method: string; seq: number }[];
    withdrawn: { participantId: string; name: string; at: string; seq: number }[];
  };
  /**
   * Consent to surrender and renunciation of speciality (CETS 209 Arts 3–4), each taken as one course
   * with every step the record holds. Absent where none was taken (so the minutes of other hearings
   * keep their exact bytes).
   */
  extradition?: ExtraditionCourse[];
  /** The documents submitted and those shown (absent where there were none, so other minutes keep their bytes). */
  exhibits?: {
    bundle: { exhibitId: string; title: string; mediaType: string; pages: number; sha256: string; by: string | null; at: string; seq: number }[];
    shown: { exhibitId: string; title: string; sha256: string; to: string; by: string | null; from: string; until: string | null; seq: number }[];
  };
  testimony: { participantId: string; name: string; started: string; ended: string | null }[];
  interventions: { at: string; by: string | null; action: string; reason: string; seq: number }[];
  /** The requested-state officer's statement (MLA 2000 Art. 10(5)(a)): her latest before the minutes were signed. */
  officerStatement: {
    by: string | null;
    at: string;
    identityEstablished: boolean;
    principlesRespected: boolean;
    remarks: string | null;
    text: string;
    seq: number;
  } | null;
  /**
   * Every interpreter summoned, and what each did: the stretches they interpreted (channel and times),
   * or that they never connected, or connected and did not interpret.
   */
  interpreters: {
    participantId: string;
    name: string;
    pair: string | null;
    site: SiteSide | null;
    connected: boolean;
    interpreted: { channel: string; from: string; to: string | null }[];
  }[];
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
    endpoints: {
      participantId: string;
      name: string;
      at: string;
      browser: string | null;
      os: string | null;
      codecs: string[];
      bitrateKbps: { sendAudio?: number; sendVideo?: number; receive?: number };
      encryption: string;
      roundTripMs: number | null;
      packetLossPercent: number | null;
    }[];
    incidents: { at: string; participantId: string; name: string; metric: string; value: number; threshold: number; seq: number }[];
    interruptions: { at: string; restoredAt: string | null; participantId: string | null; name: string | null; cause: string; seq: number }[];
    /** Periods in which a participant received no video (audio-only), each with its cause and who decided it. */
    audioOnly: {
      participantId: string;
      name: string;
      from: string;
      to: string | null;
      cause: string;
      decidedBy: string | null;
      reason: string | null;
      cameraOff: boolean;
      seq: number;
    }[];
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

/** One declaration of the person sought, from the information to the ruling, as the minutes give it. */
export interface ExtraditionCourse {
  participantId: string;
  name: string;
  declaration: 'consent_to_surrender' | 'speciality_renunciation';
  informed: { at: string; by: string | null; details: string; revocable: boolean; seq: number };
  counsel: { name: string; at: string; seq: number } | null;
  interpreter: { name: string; language: string; at: string; seq: number } | null;
  answer: { given: boolean; at: string; seq: number; signature: { sha256: string; strokes: [number, number][][] } | null } | null;
  ruling: { accepted: boolean; by: string | null; at: string; reason: string | null; seq: number } | null;
  timestamp: { at: string; entrySha256: string; seq: number } | null;
  revoked: { at: string; seq: number } | null;
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

/** Who interpreted which channel when and from what, each handover, the modes, the requests to slow down and the problems flagged. */
export interface InterpretationMinutes {
  channels: { language: string; languageName: string; interpreters: { participantId: string; name: string; pair: string }[] }[];
  /** Each stretch of one interpreter live on one channel from one source; a change of source starts a new stretch. */
  periods: { channel: string; participantId: string; name: string; source: string; from: string; to: string | null; endedBy: string | null; seq: number }[];
  handovers: { channel: string; at: string; from: string; to: string; seq: number }[];
  modes: { mode: 'simultaneous' | 'consecutive'; at: string; by: string | null; seq: number }[];
  slowDowns: { channel: string; at: string; name: string; seq: number }[];
  problems: { channel: string | null; at: string; name: string; text: string; seq: number }[];
  /** Each sound check between an interpreter and the person heard, with each one's link; absent where none was made. */
  soundChecks?: { at: string; interpreter: string; person: string; go: boolean; figures: string; note: string | null; seq: number }[];
  /** The live captions, line by line, where a captioner wrote any. */
  captions?: { at: string; name: string; language: string; text: string; seq: number }[];
}
