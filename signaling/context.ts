import type { Logger } from 'pino';
import type { Sfu } from '../sfu/index.js';
import type { Store } from '../store/index.js';
import type { Presence } from './presence.js';
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
  iceServers: RTCIceServerView[];
  emptyHearingGraceMs: number;
}

/** The socket.io room of everyone who has entered a hearing. */
export function hearingRoom(hearingId: string): string {
  return `hearing:${hearingId}`;
}
