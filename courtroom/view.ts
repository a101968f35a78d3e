/**
 * What each person is shown of the court's state. Everyone learns the phase, pauses and who has
 * the floor; only the two judicial authorities see the waiting room and every gate; the person
 * heard sees their own gates and the texts put before them.
 */
import { sameLanguage } from '../language/index.js';
import { isSignLanguage } from '../language/tags.js';
import type { Participant } from '../model/hearing.js';
import { functionLabel } from '../model/roles.js';
import { consultationOf, missingGates } from './decide.js';
import { extraditionView, type ExtraditionView } from './extradition.js';
import { GATES, requiredGates, type Gate } from './gates.js';
import type { AudioOnlyHold, AudioOnlyReason, CourtroomState, Protection } from './state.js';
import type { SourceMasking } from '../model/media.js';
import type { Vulnerability } from '../model/roles.js';
import { breakDueAt } from './vulnerable.js';
import { galleryBlockedBy } from './gallery.js';

import type { HearingLanguages } from './session.js';
import { MODEL_TEXT_BOOK } from './texts.js';
import { understandingNow } from './understanding.js';

export type AudioOnlyView = { cause: AudioOnlyReason } & AudioOnlyHold;

export interface PersonHeardView {
  id: string;
  displayName: string;
  functionLabel: string;
  capacity: Participant['capacity'];
  required: Gate[];
  passed: Partial<Record<Gate, string>>;
  missing: string[];
  rightsShown: boolean;
  /**
   * Her language and what the gates can rely on now: a text in it, an interpreter live into it. The
   * officer sees before pressing a button whether a gate will hold.
   */
  understanding: { language: string; text: boolean; interpreterId: string | null };
  /** How each gate passed was understood: in her language's text, or through the interpreter named. */
  understood: Partial<Record<Gate, { language: string; via: 'text' | 'interpreter'; interpreterId?: string }>>;
  /** The last sound check between her and the interpreter into her language (a no-go holds her testimony). */
  soundCheck: { result: 'go' | 'no_go'; at: string; interpreterId: string } | null;
  /** The protective measures in force for her, as the judge set them last (null: none ever set). */
  protection: Protection | null;
  /**
   * Where she is a vulnerable person: why, the support persons of the hearing and whether each is in
   * it, and when the next break is due while the hearing runs (null when it does not).
   */
  vulnerable: { vulnerability: Vulnerability; support: { id: string; displayName: string; inHearing: boolean }[]; breakDueAt: string | null } | null;
}

export interface CourtView {
  phase: CourtroomState['phase'];
  paused: boolean;
  pauses: { cause: string; since: string; reason?: string }[];
  testimony: string | null;
  spotlight: string | null;
  officerIntervention: { action: string; reason: string } | null;
  you: {
    inCourtroom: boolean;
    waiting: boolean;
    removed: boolean;
    mutedByCourt: boolean;
    consultationId: string | null;
    /** Why this person receives no video now (empty: they do). */
    audioOnly: AudioOnlyView[];
    /**
     * For a person whose language is a sign language: the interpreter into it (the one live on it, else
     * the first of its booth), whom her stage keeps large whoever speaks. Null for everyone else.
     */
    signInterpreter: string | null;
    /**
     * What this person's own page must do to her voice and picture before they leave her device (a
     * protective measure); the server refuses her streams without it. Null when nothing is ordered.
     */
    masking: SourceMasking | null;
  };
  /** Only for the presiding judge and the requested-state officer: who is on audio-only, and why. */
  audioOnly: { participantId: string; displayName: string; holds: AudioOnlyView[] }[] | null;
  /** The recording running now, shown to everyone (with its legal basis) so nobody is recorded unawares. */
  recording: {
    since: string;
    legalBasis: string;
    /** Tracks not reaching the disk now: while any is, the mark says the recording is interrupted. */
    interrupted: { participantId: string; source: string; cause: string; since: string }[];
    /** Only for the presiding judge and the requested-state officer: the recording disk is running out. */
    diskLow: { freeMb: number; minutesLeft: number | null; since: string } | null;
    /** Only for the presiding judge and the requested-state officer: resumed by the server after it restarted, when the one before was cut short. */
    resumedAfter: { cutAt: string; moved: boolean } | null;
  } | null;
  /** Only for the presiding judge and the requested-state officer: a recording a fault ended, until one is started again. */
  recordingCutShort: { cause: string; at: string; legalBasis: string } | null;
  /** Who is in private consultation now: the court sees that they are, never what is said. */
  consultations: { id: string; participantIds: string[] }[];
  /** Only for the presiding judge and the requested-state officer. */
  lobby: { id: string; displayName: string; functionLabel: string; role: Participant['role']; capacity: Participant['capacity'] }[] | null;
  personsHeard: PersonHeardView[];
  /** For the person heard while a rights notice awaits their acknowledgement (with the interpreter rendering it, where one does). */
  rightsNotice: { title: string; body: string; language: string; version: string; model: boolean; interpreted: boolean } | null;
  /** The court's language: the floor's. */
  courtLanguage: string;
  /** The languages a text of rights, consent or oath exists in, for the officer's choice; null for others. */
  textLanguages: string[] | null;
  /** The document shown now, to those it is shown to (and to the two judicial authorities, who always see what the court shows). */
  exhibit: {
    id: string;
    title: string;
    pages: number;
    toEveryone: boolean;
    /** Only for the presiding judge and the requested-state officer: whom the court shows it to, when not to everyone. */
    shownTo: string[] | null;
  } | null;
  /** Consent to surrender and renunciation of speciality: for the judges, counsel and interpreters all; for the person sought her own. */
  extradition: ExtraditionView[];
  /**
   * The latest lines of the live captions, for those in the courtroom (not in the waiting room nor in
   * a private consultation, where the floor is not heard); null where the hearing has no captioner.
   */
  captions: { at: string; language: string; text: string }[] | null;
  /**
   * Only for the two judicial authorities: the public gallery (open since when), what keeps it closed
   * if anything, and the order to sit in private with its reason.
   */
  publicity: { galleryOpenSince: string | null; blockedBy: 'private' | 'protection' | null; privateOrder: { reason: string; since: string } | null } | null;
  /** Only for the two judicial authorities: whose pages are in another language than theirs. */
  languageFallbacks: { participantId: string; displayName: string; language: string; shownIn: string }[] | null;
}

export const JUDICIAL_ROLES: ReadonlySet<Participant['role']> = new Set(['presiding_judge', 'requested_officer']);

export function isInCourtroom(state: CourtroomState, participant: Participant): boolean {
  return JUDICIAL_ROLES.has(participant.role) || state.admitted.has(participant.id);
}

/** The name others see: a pseudonym where a protective measure gives one. */
export function shownName(state: CourtroomState, participant: Participant): string {
  return state.protections.get(participant.id)?.pseudonym ?? participant.displayName;
}

export function courtView(
  state: CourtroomState,
  viewer: Participant,
  participants: ReadonlyMap<string, Participant>,
  languages: HearingLanguages = { courtLanguage: 'en', texts: MODEL_TEXT_BOOK },
): CourtView {
  const judicial = JUDICIAL_ROLES.has(viewer.role);
  const heard = [...participants.values()].filter((p) => p.role === 'person_heard' && (judicial || p.id === viewer.id));
  const notice = state.rightsShown.get(viewer.id);
  const acknowledged = state.gates.get(viewer.id)?.has('rights') ?? false;
  return {
    phase: state.phase,
    paused: state.pauses.size > 0,
    pauses: [...state.pauses].map(([cause, p]) => ({ cause, ...p })),
    testimony: state.testimony,
    spotlight: state.spotlight,
    officerIntervention: state.officerIntervention,
    you: {
      inCourtroom: isInCourtroom(state, viewer),
      waiting: state.waiting.has(viewer.id),
      removed: state.removed.has(viewer.id),
      mutedByCourt: state.mutedByCourt.has(viewer.id),
      consultationId: consultationOf(state, viewer.id) ?? null,
      audioOnly: holdsOf(state, viewer.id),
      signInterpreter: signInterpreterFor(state, viewer, participants),
      masking: maskingOf(state, viewer.id),
    },
    audioOnly: judicial
      ? [...state.audioOnly.keys()].flatMap((id) => {
          const p = participants.get(id);
          return p ? [{ participantId: id, displayName: shownName(state, p), holds: holdsOf(state, id) }] : [];
        })
      : null,
    recording: state.recording
      ? {
          since: state.recording.since,
          legalBasis: state.recording.legalBasis,
          interrupted: [...state.recording.interrupted.values()].map((i) => ({
            participantId: i.participantId,
            source: i.source,
            cause: i.cause,
            since: i.since,
          })),
          diskLow: judicial && state.recording.diskLow ? { ...state.recording.diskLow } : null,
          resumedAfter:
            judicial && state.recording.resumedAfter ? { cutAt: state.recording.resumedAfter.cutAt, moved: state.recording.resumedAfter.moved } : null,
        }
      : null,
    recordingCutShort: judicial && state.recordingCutShort ? { ...state.recordingCutShort } : null,
    consultations: [...state.consultations].map(([id, participantIds]) => ({ id, participantIds })),
    lobby: judicial
      ? [...state.waiting].flatMap((id) => {
          const p = participants.get(id);
          return p ? [{ id, displayName: shownName(state, p), functionLabel: functionLabel(p.role, p.capacity), role: p.role, capacity: p.capacity }] : [];
        })
      : null,
    personsHeard: heard.map((p) => ({
      id: p.id,
      displayName: shownName(state, p),
      functionLabel: functionLabel(p.role, p.capacity),
      capacity: p.capacity,
      required: [...requiredGates(p.capacity)],
      passed: Object.fromEntries(GATES.flatMap((g) => (state.gates.get(p.id)?.has(g) ? [[g, state.gates.get(p.id)!.get(g)!]] : []))),
      missing: missingGates(state, p),
      rightsShown: state.rightsShown.has(p.id),
      understanding: understandingNow(state, languages, p),
      understood: state.understood.get(p.id) ?? {},
      soundCheck: state.interpretation.soundChecks.get(p.id) ?? null,
      protection: state.protections.get(p.id) ?? null,
      vulnerable: p.vulnerability
        ? {
            vulnerability: p.vulnerability,
            support: [...participants.values()]
              .filter((s) => s.role === 'support_person')
              .map((s) => ({ id: s.id, displayName: s.displayName, inHearing: state.admitted.has(s.id) })),
            breakDueAt: breakDueAt(state, p),
          }
        : null,
    })),
    rightsNotice: notice && !acknowledged && viewer.role === 'person_heard' ? rightsNoticeOf(state, viewer, languages) : null,
    courtLanguage: languages.courtLanguage,
    textLanguages: judicial ? languages.texts.languages() : null,
    extradition: extraditionView(state, viewer, languages.texts),
    exhibit:
      state.exhibit && seesExhibit(state, viewer)
        ? {
            id: state.exhibit.id,
            title: state.exhibit.title,
            pages: state.exhibit.pages,
            toEveryone: state.exhibit.to === null,
            shownTo: judicial && state.exhibit.to ? [...state.exhibit.to] : null,
          }
        : null,
    captions:
      [...participants.values()].some((p) => p.role === 'captioner') && isInCourtroom(state, viewer) && consultationOf(state, viewer.id) === undefined
        ? state.captions.map(({ at, language, text }) => ({ at, language, text }))
        : null,
    publicity: judicial
      ? {
          galleryOpenSince: state.gallery?.openedAt ?? null,
          blockedBy: galleryBlockedBy(state),
          privateOrder: state.privateOrder ? { ...state.privateOrder } : null,
        }
      : null,
    languageFallbacks: judicial
      ? [...state.languageFallbacks].flatMap(([id, f]) => {
          const p = participants.get(id);
          return p ? [{ participantId: id, displayName: shownName(state, p), ...f }] : [];
        })
      : null,
  };
}

/**
 * Whether this person is shown the document now: the two judicial authorities always; anyone else
 * only while in the courtroom and not in a private consultation — everyone there, or those named.
 */
export function seesExhibit(state: CourtroomState, viewer: Participant): boolean {
  const shown = state.exhibit;
  if (!shown) return false;
  if (JUDICIAL_ROLES.has(viewer.role)) return true;
  // Never from the waiting room or a private consultation, named or not.
  if (!isInCourtroom(state, viewer) || consultationOf(state, viewer.id) !== undefined) return false;
  return shown.to === null || shown.to.includes(viewer.id);
}

function maskingOf(state: CourtroomState, participantId: string): SourceMasking | null {
  const masking = state.protections.get(participantId)?.masking;
  return masking && (masking.voice || masking.face !== 'none') ? masking : null;
}

/** Whom a person who reads sign language keeps large: the interpreter into her sign language. */
function signInterpreterFor(state: CourtroomState, viewer: Participant, participants: ReadonlyMap<string, Participant>): string | null {
  if (!viewer.language || !isSignLanguage(viewer.language)) return null;
  const booth = [...participants.values()].filter(
    (p) => p.role === 'interpreter' && p.interprets && sameLanguage(p.interprets.into, viewer.language!) && !state.removed.has(p.id),
  );
  const live = booth.find((p) => [...state.interpretation.live.values()].includes(p.id));
  return (live ?? booth[0])?.id ?? null;
}

function holdsOf(state: CourtroomState, participantId: string): AudioOnlyView[] {
  return [...(state.audioOnly.get(participantId) ?? [])].map(([cause, hold]) => ({ cause, ...hold }));
}

/** The exact words the record names, found by their hash (an authority's text, or a model text of any version). */
function rightsNoticeOf(state: CourtroomState, viewer: Participant, languages: HearingLanguages): CourtView['rightsNotice'] {
  const notice = state.rightsShown.get(viewer.id);
  const text = notice ? languages.texts.byHash(notice.sha256) : null;
  if (!notice || !text) return null;
  const interpreted = state.rightsUnderstanding.get(viewer.id)?.via === 'interpreter';
  return { title: text.title, body: text.body, language: text.language, version: text.version, model: text.source === 'model', interpreted };
}
