/**
 * What each person is shown of the court's state. Everyone learns the phase, pauses and who has
 * the floor; only the two judicial authorities see the waiting room and every gate; the person
 * heard sees their own gates and the texts put before them.
 */
import { functionLabel, type Participant } from '../scheduling/index.js';
import { consultationOf, missingGates } from './decide.js';
import { GATES, requiredGates, type Gate } from './gates.js';
import type { AudioOnlyHold, AudioOnlyReason, CourtroomState } from './state.js';

export type AudioOnlyView = { cause: AudioOnlyReason } & AudioOnlyHold;
import { courtText, type TextLanguage } from './texts.js';

export interface PersonHeardView {
  id: string;
  displayName: string;
  functionLabel: string;
  required: Gate[];
  passed: Partial<Record<Gate, string>>;
  missing: string[];
  rightsShown: boolean;
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
  };
  /** Only for the presiding judge and the requested-state officer: who is on audio-only, and why. */
  audioOnly: { participantId: string; displayName: string; holds: AudioOnlyView[] }[] | null;
  /** The recording running now, shown to everyone (with its legal basis) so nobody is recorded unawares. */
  recording: { since: string; legalBasis: string } | null;
  /** Who is in private consultation now: the court sees that they are, never what is said. */
  consultations: { id: string; participantIds: string[] }[];
  /** Only for the presiding judge and the requested-state officer. */
  lobby: { id: string; displayName: string; functionLabel: string }[] | null;
  personsHeard: PersonHeardView[];
  /** For the person heard while a rights notice awaits their acknowledgement. */
  rightsNotice: { title: string; body: string; language: TextLanguage; version: string } | null;
}

export const JUDICIAL_ROLES: ReadonlySet<Participant['role']> = new Set(['presiding_judge', 'requested_officer']);

export function isInCourtroom(state: CourtroomState, participant: Participant): boolean {
  return JUDICIAL_ROLES.has(participant.role) || state.admitted.has(participant.id);
}

/** The name others see: a pseudonym where a protective measure gives one. */
export function shownName(state: CourtroomState, participant: Participant): string {
  return state.protections.get(participant.id)?.pseudonym ?? participant.displayName;
}

export function courtView(state: CourtroomState, viewer: Participant, participants: ReadonlyMap<string, Participant>): CourtView {
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
    },
    audioOnly: judicial
      ? [...state.audioOnly.keys()].flatMap((id) => {
          const p = participants.get(id);
          return p ? [{ participantId: id, displayName: shownName(state, p), holds: holdsOf(state, id) }] : [];
        })
      : null,
    recording: state.recording ? { since: state.recording.since, legalBasis: state.recording.legalBasis } : null,
    consultations: [...state.consultations].map(([id, participantIds]) => ({ id, participantIds })),
    lobby: judicial
      ? [...state.waiting].flatMap((id) => {
          const p = participants.get(id);
          return p ? [{ id, displayName: shownName(state, p), functionLabel: functionLabel(p.role, p.capacity) }] : [];
        })
      : null,
    personsHeard: heard.map((p) => ({
      id: p.id,
      displayName: shownName(state, p),
      functionLabel: functionLabel(p.role, p.capacity),
      required: [...requiredGates(p.capacity)],
      passed: Object.fromEntries(GATES.flatMap((g) => (state.gates.get(p.id)?.has(g) ? [[g, state.gates.get(p.id)!.get(g)!]] : []))),
      missing: missingGates(state, p),
      rightsShown: state.rightsShown.has(p.id),
    })),
    rightsNotice:
      notice && !acknowledged && viewer.role === 'person_heard'
        ? (({ title, body, version }) => ({ title, body, language: notice.language as TextLanguage, version }))(courtText('rights-and-caution', notice.language as TextLanguage))
        : null,
  };
}

function holdsOf(state: CourtroomState, participantId: string): AudioOnlyView[] {
  return [...(state.audioOnly.get(participantId) ?? [])].map(([cause, hold]) => ({ cause, ...hold }));
}
