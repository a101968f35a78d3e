import type { Logger } from 'pino';
import type { CourtSession } from '../courtroom/index.js';
import type { Sfu } from '../sfu/index.js';
import type { Store } from '../store/index.js';
import type { Recording } from '../recording/index.js';
import type { Presence } from './presence.js';
import type { AudioOnlyTracker } from './audio-only-policy.js';
import type { RecordingSetup } from './recording-handlers.js';
import type { QualityMonitor } from './quality.js';
import type { RTCIceServerView } from './protocol.js';
import type { HearingServer } from './socket-types.js';
import type { JoinTokens } from './tokens.js';

/** What every handler of the signalling layer works with; built once per server. */
export interface SignalingContext {
  io: HearingServer;
  store: Store;
  sfu: Sfu;
  tokens: JoinTokens;
  presence: Presence;
  log: Logger;
  /** STUN/TURN servers for a participant's transports; TURN credentials are their own and short-lived. */
  iceServersFor(participantId: string): RTCIceServerView[];
  emptyHearingGraceMs: number;
  /** Hearings in session, loaded from their record on first use. */
  courts: Map<string, Promise<CourtSession>>;
  /** The same sessions once loaded, for decisions that must not wait (media eligibility). */
  loadedCourts: Map<string, CourtSession>;
  /** Keyed hash of an identity document number. */
  hashDocumentNumber(normalised: string): string;
  /** Each participant's connection as their browser reports it. */
  quality: QualityMonitor;
  /** Each participant's link as the audio-only rule reads it. */
  audioOnly: AudioOnlyTracker;
  /** Where and how hearings are recorded; without it the court cannot start a recording. */
  recordingSetup: RecordingSetup | undefined;
  /** The recording running in each hearing, while it runs. */
  recordings: Map<string, Recording>;
  /** When this server started: a hearing in session whose record ends before it was interrupted by a restart. */
  startedAt: string;
}

/** Everyone connected to a hearing, admitted or waiting: the court's state goes to them all. */
export function everyoneRoom(hearingId: string): string {
  return `hearing:${hearingId}:everyone`;
}

/** The socket.io room of everyone who has entered a hearing. */
export function hearingRoom(hearingId: string): string {
  return `hearing:${hearingId}`;
}
