import type { Logger } from 'pino';
import type { CourtSession } from '../courtroom/index.js';
import type { Sfu } from '../sfu/index.js';
import type { Store } from '../store/index.js';
import type { Recording } from '../recording/index.js';
import type { Presence } from './presence.js';
import type { AudioOnlyTracker } from './audio-only-policy.js';
import type { MinutesSigner } from '../record/index.js';
import type { RecordingKey, TimestampAuthority } from '../recording/index.js';
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
  /** Run once when a hearing's court is first loaded from its record: closes what a restart left open (a recording cut short). */
  recoverCourt?: (hearingId: string, session: CourtSession, lastEntryAt: string | undefined) => Promise<void>;
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

/** Where and how the court's recordings are made, from the server's configuration. */
export interface RecordingSetup {
  /** Each recording is written to `<dir>/<recording id>`. */
  dir: string;
  segmentSeconds: number;
  /** The requested authority's key: it signs every manifest, as it signs the minutes. */
  signer: MinutesSigner;
  /** Wraps each recording's own data key: segments are encrypted at rest. */
  recordingKey: RecordingKey;
  /** Time-stamps each manifest, when the court has an RFC 3161 authority. */
  timestampAuthority?: TimestampAuthority;
  ffmpegPath?: string;
  /** The free space `/readyz` requires; the court is warned below twice that (see watchDisk). */
  minimumFreeMb: number;
  /** How often the recording disk's free space is checked while a recording runs. */
  diskCheckSeconds: number;
}
