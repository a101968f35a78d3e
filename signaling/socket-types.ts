import type { Server, Socket } from 'socket.io';
import type { Hearing, Participant } from '../scheduling/index.js';
import type { ClientRequestName, ServerEvents } from './protocol.js';

/** Browsers' messages arrive untyped: each is parsed by its zod schema before anything reads it. */
export type UntrustedClientEvents = Record<ClientRequestName, (...args: unknown[]) => void>;

export interface SocketData {
  hearing: Hearing;
  participant: Participant;
  tokenId: string;
  expiresAt: Date;
  /**
   * Set when the court has ended this session (an adjournment) before the connection closes: every
   * request from then on is refused with the message, and the departure is recorded with the reason.
   */
  ended?: { reason: 'adjourned'; message: string };
}

/**
 * What one server of the service tells the others (through the socket.io adapter): untrusted like
 * any other input, each is parsed before it is acted on.
 */
export type BetweenServers = {
  /** A person's links were withdrawn (re-issued, the hearing cancelled): whichever server holds their session ends it. */
  'sessions:end': (notice: unknown) => void;
};

export type HearingServer = Server<UntrustedClientEvents, ServerEvents, BetweenServers, SocketData>;
export type HearingSocket = Socket<UntrustedClientEvents, ServerEvents, BetweenServers, SocketData>;
