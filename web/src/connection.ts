/**
 * The page's connection to the server: socket.io with the personal token in the handshake, and a
 * typed request helper that turns an error acknowledgement into an exception carrying the server's
 * sentence.
 */
import { io, type Socket } from 'socket.io-client';
import { followTheHearing } from './server-follower.js';
import type { Ack, ClientRequest, ClientRequestName, ClientResponses, ServerEvents } from '../../signaling/protocol.js';

type ClientEmits = {
  [E in ClientRequestName]: (payload: ClientRequest<E>, ack: (answer: Ack<ClientResponses[E]>) => void) => void;
};
export type HearingConnection = Socket<ServerEvents, ClientEmits>;

const REQUEST_TIMEOUT_MS = 15_000;

export class RequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the join link: `/join/<hearing id>#token=<token>`. The fragment never reaches a server. */
export function readJoinLink(location: Location): { token: string | null; hearingId: string | null } {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  const match = /^\/join\/([0-9a-f-]{36})\/?$/i.exec(location.pathname);
  return { token, hearingId: match?.[1] ?? null };
}

export function connect(token: string, hearingId: string | null): HearingConnection {
  const socket: HearingConnection = io({
    auth: hearingId ? { token, hearingId } : { token },
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    // Tried again after 0.5, 1, 2, 2… s: within five seconds of a server's death the service has
    // placed its hearings elsewhere, and the page should be there by then.
    reconnectionDelay: 500,
    reconnectionDelayMax: 2000,
  });
  followTheHearing(socket);
  return socket;
}

export async function request<E extends ClientRequestName>(socket: HearingConnection, event: E, payload: ClientRequest<E>): Promise<ClientResponses[E]> {
  const emit = socket.timeout(REQUEST_TIMEOUT_MS).emitWithAck as (e: E, p: ClientRequest<E>) => Promise<Ack<ClientResponses[E]>>;
  let answer: Ack<ClientResponses[E]>;
  try {
    answer = await emit.call(socket.timeout(REQUEST_TIMEOUT_MS), event, payload);
  } catch {
    throw new RequestError('timeout', 'The server did not answer in time. Check your connection.');
  }
  if (!answer.ok) throw new RequestError(answer.error.code, answer.error.message);
  return answer.data;
}
