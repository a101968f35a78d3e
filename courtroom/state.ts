/**
 * The state of a hearing in session, derived from its record and nothing else: replaying the
 * events gives the same state, so a server restart or a judge's reconnection loses nothing.
 */
import type { z } from 'zod';
import type { Gate } from './gates.js';
import { applyExtradition, type ExtraditionState } from './extradition-record.js';
import type { AudioOnlyCause, HearingEventData, HearingEventType, PauseCause, TextReference, Understanding } from '../model/events.js';
import type { SourceMasking } from '../model/media.js';

export type Phase = 'awaiting_judge' | 'open' | 'live' | 'ended';
type Cause = z.infer<typeof PauseCause>;
export type AudioOnlyReason = z.infer<typeof AudioOnlyCause>;

/** One reason a participant receives no video, as the record gives it. */
export interface AudioOnlyHold {
  since: string;
  /** Who chose or ordered it; for `link`, the participant whose link it is. */
  by: string | null;
  cameraOff: boolean;
  /** For `link`: the figures that decided it, in words. */
  reason?: string;
}

export interface Protection {
  pseudonym: string | null;
  hideVideoFromObservers: boolean;
  audioOnly: boolean;
  /** What her browser must do to her voice and picture before they leave her device. */
  masking: SourceMasking;
  hideLocation: boolean;
  restrictRecording: boolean;
}

export type InterpretationMode = 'simultaneous' | 'consecutive';

export interface InterpretationState {
  mode: InterpretationMode;
  /** Channel (the language interpreted into) → its live interpreter. A channel absent here is silent. */
  live: Map<string, string>;
  /** Interpreter → the channel they relay from. An interpreter absent here interprets the floor. */
  relay: Map<string, string>;
  /** The latest requests to slow down, newest last (the judge's console shows them). */
  slowDowns: { participantId: string; channel: string; at: string }[];
  /** Every problem flagged, in order. */
  problems: { participantId: string; channel: string | null; text: string; at: string }[];
  /** Per person heard, the latest sound check with the interpreter into her language. */
  soundChecks: Map<string, { interpreterId: string; result: 'go' | 'no_go'; at: string }>;
}

export interface CourtroomState {
  phase: Phase;
  /** Every cause that holds the hearing paused now; it runs when this is empty. */
  pauses: Map<Cause, { since: string; reason?: string }>;
  /**
   * The latest adjournment, until the court opens its next sitting: meanwhile the hearing awaits its
   * judge again, and everyone comes back through the waiting room.
   */
  adjourned: { at: string; reason: string } | null;
  /** How many sittings the court has opened (an adjourned hearing continues in the next). */
  sittings: number;
  /** The public gallery while it is open. */
  gallery: { openedAt: string } | null;
  /** The court's order to sit in private, while it holds. */
  privateOrder: { reason: string; since: string } | null;
  /** The latest lines of the live captions (the record keeps every line). */
  captions: { at: string; participantId: string; language: string; text: string }[];
  /** Since when the hearing has run live without a pause (null while it does not): a vulnerable person's next break counts from it. */
  runningSince: string | null;
  admitted: Set<string>;
  /** Connected and waiting to be admitted. */
  waiting: Set<string>;
  removed: Set<string>;
  /** Gate → time it was passed, per person heard. Consent withdrawn removes its gate. */
  gates: Map<string, Map<Gate, string>>;
  rightsShown: Map<string, z.infer<typeof TextReference>>;
  /** How the person heard understood the rights now before her, where the record says. */
  rightsUnderstanding: Map<string, z.infer<typeof Understanding>>;
  /** How each gate a person passed was understood, where the record says. */
  understood: Map<string, Partial<Record<Gate, z.infer<typeof Understanding>>>>;
  /** Participants whose pages are shown in another language than theirs: language → shown in. */
  languageFallbacks: Map<string, { language: string; shownIn: string }>;
  consentWithdrawn: Set<string>;
  testimony: string | null;
  spotlight: string | null;
  mutedByCourt: Set<string>;
  officerIntervention: { action: string; reason: string } | null;
  protections: Map<string, Protection>;
  consultations: Map<string, string[]>;
  /** People whose name and function were confirmed for the minutes. */
  identified: Set<string>;
  interpretation: InterpretationState;
  /** Who receives no video now, and every reason that holds (video returns once none is left). */
  audioOnly: Map<string, Map<AudioOnlyReason, AudioOnlyHold>>;
  /** The recording running now, if any: from `recording.started` to `recording.stopped`. */
  recording: {
    recordingId: string;
    legalBasis: string;
    since: string;
    interrupted: Map<string, RecordingInterruption>;
    diskLow: RecordingDiskLow | null;
    /** Resumed by the server after it restarted: when the recording it continues was cut short. */
    /** `moved`: the recording was cut short by the hearing moving to another server, not by the server stopping. */
    resumedAfter: { recordingId: string; cutAt: string; moved: boolean } | null;
  } | null;
  /** The document the presiding judge shows now, and to whom (null: everyone in the courtroom). */
  exhibit: { id: string; title: string; sha256: string; pages: number; to: string[] | null; since: string } | null;
  /** Consent to surrender and renunciation of speciality, per person sought (extradition.ts). */
  extradition: ExtraditionState;
  /** A recording a fault ended (it failed, or the server stopped under it), until one is started again: the judge must know nothing is recorded. */
  recordingCutShort: { cause: 'failed' | 'server_stopped' | 'server_failed' | 'server_moved'; at: string; legalBasis: string } | null;
}

/** The recording disk running out: what was free when the court was warned, and how long it would last then. */
export interface RecordingDiskLow {
  freeMb: number;
  minutesLeft: number | null;
  since: string;
}

/** A track of the running recording that is not reaching the disk, since when and why. */
export interface RecordingInterruption {
  participantId: string;
  source: 'microphone' | 'camera' | 'screen' | 'interpretation';
  cause: 'recorder_failed' | 'recorder_given_up' | 'media_server_lost' | 'disk_full' | 'write_failed';
  since: string;
}

/** How many slow-down requests the state keeps for the judge's console; the record keeps them all. */
const SLOW_DOWNS_KEPT = 20;

/**
 * The sitting ends and the hearing waits for its next: what held in the room (who was admitted, pauses,
 * the floor, the captions) ends with it; what the court established (formalities passed, protective
 * measures, removals, a private order) stands. Testimony, consultations, channels, a document shown,
 * the recording and the gallery end by entries of their own, recorded with the adjournment (decide.ts).
 */
function adjourn(state: CourtroomState, at: string, reason: string): void {
  state.phase = 'awaiting_judge';
  state.adjourned = { at, reason };
  state.pauses.clear();
  state.runningSince = null;
  state.admitted.clear();
  state.waiting.clear();
  state.spotlight = null;
  state.captions = [];
  state.officerIntervention = null;
}

export function emptyState(): CourtroomState {
  return {
    phase: 'awaiting_judge',
    adjourned: null,
    sittings: 0,
    pauses: new Map(),
    runningSince: null,
    captions: [],
    gallery: null,
    privateOrder: null,
    admitted: new Set(),
    waiting: new Set(),
    removed: new Set(),
    gates: new Map(),
    rightsShown: new Map(),
    rightsUnderstanding: new Map(),
    languageFallbacks: new Map(),
    understood: new Map(),
    consentWithdrawn: new Set(),
    testimony: null,
    spotlight: null,
    mutedByCourt: new Set(),
    officerIntervention: null,
    protections: new Map(),
    consultations: new Map(),
    identified: new Set(),
    interpretation: { mode: 'simultaneous', live: new Map(), relay: new Map(), slowDowns: [], problems: [], soundChecks: new Map() },
    audioOnly: new Map(),
    recording: null,
    recordingCutShort: null,
    extradition: new Map(),
    exhibit: null,
  };
}

export interface RecordedEvent {
  type: string;
  at: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

function noteUnderstood(state: CourtroomState, participantId: string, gate: Gate, understanding: z.infer<typeof Understanding> | undefined): void {
  if (!understanding) return;
  state.understood.set(participantId, { ...state.understood.get(participantId), [gate]: understanding });
}

function passGate(state: CourtroomState, participantId: string, gate: Gate, at: string): void {
  let gates = state.gates.get(participantId);
  if (!gates) state.gates.set(participantId, (gates = new Map()));
  gates.set(gate, at);
}

/** How many lines of the live captions the pages are shown: the last few, as under a television picture. */
const CAPTIONS_KEPT = 6;

/** Applies one recorded event. Unknown types are ignored: the state only reads what it needs. */
export function apply(state: CourtroomState, event: RecordedEvent): void {
  const data = event.data as never;
  const on = <T extends HearingEventType>(type: T, handle: (d: HearingEventData<T>) => void) => {
    if (event.type === type) handle(data);
  };
  if (event.type.startsWith('extradition.')) applyExtradition(state, event.type, event.data, event.at, event.actorId);
  on('hearing.opened', () => {
    if (state.phase !== 'awaiting_judge') return;
    state.phase = 'open';
    state.adjourned = null;
    state.sittings += 1;
  });
  on('hearing.adjourned', (d) => adjourn(state, event.at, d.reason));
  on('hearing.live', () => {
    state.phase = 'live';
    if (state.pauses.size === 0) state.runningSince = event.at;
  });
  on('hearing.ended', () => {
    state.phase = 'ended';
    state.runningSince = null;
    state.testimony = null;
    state.exhibit = null;
  });
  on('exhibit.shown', (d) => (state.exhibit = { id: d.exhibitId, title: d.title, sha256: d.sha256, pages: d.pages, to: d.to, since: event.at }));
  on('exhibit.withdrawn', (d) => {
    if (state.exhibit?.id === d.exhibitId) state.exhibit = null;
  });
  on('gallery.opened', () => (state.gallery = { openedAt: event.at }));
  on('gallery.closed', () => (state.gallery = null));
  on('hearing.private_ordered', (d) => (state.privateOrder = { reason: d.reason, since: event.at }));
  on('hearing.private_lifted', () => (state.privateOrder = null));
  on('caption.line', (d) => {
    state.captions.push({ at: event.at, participantId: d.participantId, language: d.language, text: d.text });
    if (state.captions.length > CAPTIONS_KEPT) state.captions.shift();
  });
  on('hearing.paused', (d) => {
    state.pauses.set(d.cause, d.reason === undefined ? { since: event.at } : { since: event.at, reason: d.reason });
    state.runningSince = null;
  });
  on('hearing.resumed', (d) => {
    state.pauses.delete(d.cause);
    if (d.cause === 'officer') state.officerIntervention = null;
    if (state.pauses.size === 0 && state.phase === 'live') state.runningSince = event.at;
  });
  on('lobby.waiting', (d) => state.waiting.add(d.participantId));
  on('lobby.admitted', (d) => {
    state.waiting.delete(d.participantId);
    state.admitted.add(d.participantId);
  });
  on('lobby.sent_back', (d) => {
    state.admitted.delete(d.participantId);
    state.waiting.add(d.participantId);
    if (state.testimony === d.participantId) state.testimony = null;
  });
  on('participant.removed', (d) => {
    state.admitted.delete(d.participantId);
    state.waiting.delete(d.participantId);
    state.removed.add(d.participantId);
    if (state.testimony === d.participantId) state.testimony = null;
  });
  on('participant.left', () => {
    if (!event.actorId) return;
    state.waiting.delete(event.actorId);
    // A link's verdict does not outlive the connection it was measured on; choices and orders do.
    const holds = state.audioOnly.get(event.actorId);
    holds?.delete('link');
    if (holds?.size === 0) state.audioOnly.delete(event.actorId);
  });
  on('participant.identity_confirmed', (d) => state.identified.add(d.participantId));
  on('identity.verified', (d) => {
    if (d.match) passGate(state, d.participantId, 'identity', event.at);
    state.identified.add(d.participantId);
  });
  on('rights.shown', (d) => {
    state.rightsShown.set(d.participantId, d.notice);
    if (d.understanding) state.rightsUnderstanding.set(d.participantId, d.understanding);
    else state.rightsUnderstanding.delete(d.participantId);
  });
  on('language.fallback', (d) => state.languageFallbacks.set(d.participantId, { language: d.language, shownIn: d.shownIn }));
  on('rights.acknowledged', (d) => {
    passGate(state, d.participantId, 'rights', event.at);
    noteUnderstood(state, d.participantId, 'rights', d.understanding);
  });
  on('consent.given', (d) => {
    passGate(state, d.participantId, 'consent', event.at);
    noteUnderstood(state, d.participantId, 'consent', d.understanding);
    state.consentWithdrawn.delete(d.participantId);
  });
  on('consent.withdrawn', (d) => {
    state.gates.get(d.participantId)?.delete('consent');
    state.consentWithdrawn.add(d.participantId);
    if (state.testimony === d.participantId) state.testimony = null;
  });
  on('oath.taken', (d) => {
    passGate(state, d.participantId, 'oath', event.at);
    noteUnderstood(state, d.participantId, 'oath', d.understanding);
  });
  on('testimony.started', (d) => (state.testimony = d.participantId));
  on('testimony.ended', () => (state.testimony = null));
  on('control.muted', (d) => {
    if (d.participantId) state.mutedByCourt.add(d.participantId);
  });
  on('control.spotlight', (d) => (state.spotlight = d.participantId));
  on('officer.intervened', (d) => (state.officerIntervention = { action: d.action, reason: d.reason }));
  on('protection.set', (d) =>
    state.protections.set(d.participantId, {
      pseudonym: d.pseudonym,
      hideVideoFromObservers: d.hideVideoFromObservers,
      audioOnly: d.audioOnly,
      masking: { voice: d.voiceMasking ?? false, face: d.faceMasking ?? 'none' },
      hideLocation: d.hideLocation ?? false,
      restrictRecording: d.restrictRecording ?? false,
    }),
  );
  on('media.audio_only', (d) => {
    let holds = state.audioOnly.get(d.participantId);
    if (d.active) {
      if (!holds) state.audioOnly.set(d.participantId, (holds = new Map()));
      holds.set(d.cause, { since: event.at, by: event.actorId, cameraOff: d.cameraOff ?? false, ...(d.reason ? { reason: d.reason } : {}) });
    } else {
      holds?.delete(d.cause);
      if (holds?.size === 0) state.audioOnly.delete(d.participantId);
    }
  });
  on('consultation.started', (d) => state.consultations.set(d.consultationId, d.participantIds));
  on('consultation.ended', (d) => state.consultations.delete(d.consultationId));
  const interpretation = state.interpretation;
  const setRelay = (participantId: string, relayFrom: string | null) =>
    relayFrom === null ? interpretation.relay.delete(participantId) : interpretation.relay.set(participantId, relayFrom);
  on('interpretation.mode_set', (d) => (interpretation.mode = d.mode));
  on('interpretation.live', (d) => {
    interpretation.live.set(d.channel, d.participantId);
    setRelay(d.participantId, d.relayFrom);
  });
  on('interpretation.handover', (d) => {
    interpretation.live.set(d.channel, d.to);
    setRelay(d.to, d.relayFrom);
  });
  on('interpretation.released', (d) => {
    if (interpretation.live.get(d.channel) === d.participantId) interpretation.live.delete(d.channel);
  });
  on('interpretation.source_set', (d) => setRelay(d.participantId, d.relayFrom));
  on('interpretation.slow_down', (d) => {
    interpretation.slowDowns.push({ participantId: d.participantId, channel: d.channel, at: event.at });
    interpretation.slowDowns.splice(0, Math.max(0, interpretation.slowDowns.length - SLOW_DOWNS_KEPT));
  });
  on('interpretation.sound_checked', (d) =>
    interpretation.soundChecks.set(d.participantId, { interpreterId: d.interpreterId, result: d.result, at: event.at }),
  );
  on('interpretation.problem', (d) => interpretation.problems.push({ participantId: d.participantId, channel: d.channel, text: d.text, at: event.at }));
  on('recording.started', (d) => {
    const resumedAfter = d.continues
      ? { recordingId: d.continues.recordingId, cutAt: d.continues.cutAt, moved: state.recordingCutShort?.cause === 'server_moved' }
      : null;
    state.recording = { recordingId: d.recordingId, legalBasis: d.legalBasis, since: event.at, interrupted: new Map(), diskLow: null, resumedAfter };
    state.recordingCutShort = null;
  });
  on('recording.interrupted', (d) => {
    if (state.recording?.recordingId !== d.recordingId) return;
    const since = state.recording.interrupted.get(d.trackId)?.since ?? event.at;
    state.recording.interrupted.set(d.trackId, { participantId: d.participantId, source: d.source, cause: d.cause, since });
  });
  on('recording.disk_low', (d) => {
    if (state.recording?.recordingId === d.recordingId) state.recording.diskLow = { freeMb: d.freeMb, minutesLeft: d.minutesLeft, since: event.at };
  });
  on('recording.disk_ok', (d) => {
    if (state.recording?.recordingId === d.recordingId) state.recording.diskLow = null;
  });
  on('recording.resumed', (d) => {
    if (state.recording?.recordingId === d.recordingId) state.recording.interrupted.delete(d.trackId);
  });
  on('recording.stopped', (d) => {
    if (state.recording?.recordingId !== d.recordingId) return;
    if (d.cause === 'failed' || d.cause === 'server_stopped' || d.cause === 'server_failed' || d.cause === 'server_moved')
      state.recordingCutShort = { cause: d.cause, at: event.at, legalBasis: state.recording.legalBasis };
    state.recording = null;
  });
}

export function isRunning(state: CourtroomState): boolean {
  return state.phase === 'live' && state.pauses.size === 0;
}

/**
 * The state written out in full (maps and sets as arrays in their order, objects with their keys
 * sorted, as the record stores them), so that two states can be compared: the live one and the one
 * rebuilt from the record must be the same.
 */
export function stateFingerprint(state: CourtroomState): string {
  return JSON.stringify(state, (_key, value: unknown) => {
    if (value instanceof Map) return [...value];
    if (value instanceof Set) return [...value];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    }
    return value;
  });
}
