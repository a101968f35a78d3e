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
}

export type HearingServer = Server<UntrustedClientEvents, ServerEvents, Record<string, never>, SocketData>;
export type HearingSocket = Socket<UntrustedClientEvents, ServerEvents, Record<string, never>, SocketData>;
