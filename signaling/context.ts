import type { Logger } from 'pino';
import type { Sfu } from '../sfu/index.js';
import type { Store } from '../store/index.js';
import type { Presence } from './presence.js';
import type { AudioOnlyTracker } from './audio-only-policy.js';
import type { MinutesSigner } from '../record/index.js';
import type { RecordingKey, TimestampAuthority } from '../recording/index.js';
import type { QualityMonitor } from './quality.js';
import type { RTCIceServerView } from './protocol.js';
import type { HearingServer } from './socket-types.js';
import type { JoinTokens } from './tokens.js';
import type { LiveHearings } from './live-hearing.js';

/** What every handler of the signalling layer works with; built once per server. */
export interface SignalingContext {
  /**
   * A hearing's pages are all on the server that holds it: its broadcasts go out through `io.local`,
   * never through the adapter to the other servers, where a server that lost the hearing would reach
   * the pages of the one that holds it now.
   */
  io: HearingServer;
  store: Store;
  sfu: Sfu;
  tokens: JoinTokens;
  presence: Presence;
  log: Logger;
  /** STUN/TURN servers for a participant's transports; TURN credentials are their own and short-lived. */
  iceServersFor(participantId: string): RTCIceServerView[];
  emptyHearingGraceMs: number;
  /** This server's name in the hearings' leases (several servers may share one database). */
  nodeId: string;
  /** Where each hearing is held, when several servers share the hearings; undefined: this server alone holds them all. */
  placement: HearingPlacement | undefined;
  /** The operator's metrics, when the server keeps them. */
  meter: SignalingMeter | undefined;
  /** Hearings in session on this server, each loaded from its record on first use. */
  hearings: LiveHearings;
  /** Keyed hash of an identity document number. */
  hashDocumentNumber(normalised: string): string;
  /** Each participant's connection as their browser reports it. */
  quality: QualityMonitor;
  /** Each participant's link as the audio-only rule reads it. */
  audioOnly: AudioOnlyTracker;
  /** Where and how hearings are recorded; without it the court cannot start a recording. */
  recordingSetup: RecordingSetup | undefined;
  /** When this server started: a hearing in session whose record ends before it was interrupted by a restart. */
  startedAt: string;
}

/** Which server holds each hearing, when several share them (`cluster/placement.ts` behind it). */
export interface HearingPlacement {
  /** The server that holds the hearing (its live holder, or the one with the most room, which holds it from now on). */
  place(hearingId: string): Promise<{ nodeId: string; url: string }>;
  /** Renews the hearings this server holds; returns those another server holds now. */
  renew(nodeId: string, hearingIds: readonly string[]): Promise<string[]>;
  /** The server that handed the hearing over on purpose (a drain) within the last minute: a move as planned, not a death. */
  handedOverBy(hearingId: string): Promise<string | undefined>;
  /** The hearing leaves this server (it is being drained): the next placement chooses another. */
  release(nodeId: string, hearingId: string): Promise<void>;
  /** The addresses of the service's other live servers: where a page turns when the server it was on is gone. */
  otherServers(): Promise<string[]>;
}

/**
 * What the signalling tells the operator's metrics (`server/metrics.ts`) as it happens: counts and
 * times only, never a name, a hearing or a person.
 */
export interface SignalingMeter {
  /** One write of a hearing's record: how long the database took, and the type of each entry written. */
  recordWritten(seconds: number, types: readonly string[]): void;
  /** A recorded segment sealed (its bytes as stored), or one that could not be sealed. */
  segmentWritten(segment: { sealed: boolean; bytes: number; kind: 'audio' | 'video' }): void;
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
