/** A participant's connection driven from a test, with the same handshake the page uses. */
import { io, type Socket } from 'socket.io-client';

export interface Refusal {
  code: string;
  message: string;
}

export type TestSocket = Socket;

/** Connects and resolves on the server's welcome, or rejects with the server's refusal. */
export function join(url: string, auth: Record<string, unknown>): Promise<{ socket: TestSocket; welcome: Record<string, unknown> }> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('session:welcome', (welcome: Record<string, unknown>) => resolve({ socket, welcome }));
    socket.once('connect_error', (error: Error & { data?: Refusal }) => {
      socket.close();
      reject(error.data ?? { code: 'network', message: error.message });
    });
  });
}

/** Resolves with the refusal of a connection the test expects the server to refuse. */
export async function refusal(url: string, auth: Record<string, unknown>): Promise<Refusal> {
  try {
    const { socket } = await join(url, auth);
    socket.close();
  } catch (error) {
    return error as Refusal;
  }
  throw new Error('the server accepted a connection it should have refused');
}

/** Sends a request and resolves with the raw acknowledgement. */
export function ask(
  socket: TestSocket,
  event: string,
  ...payload: unknown[]
): Promise<{ ok: boolean; data?: any; error?: { code: string; message: string; field?: string } }> {
  return socket.timeout(5000).emitWithAck(event, ...payload);
}

/** An audio-only browser's capabilities: enough to enter a hearing from a test. */
export const AUDIO_CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };

/**
 * Connects with a participant's link and enters the hearing, keeping the socket in `sockets` for the
 * test to close; `canSeal` says the browser can seal a private consultation.
 */
export async function enterWith(url: string, link: { token: string; hearingId: string }, sockets: TestSocket[], canSeal = false): Promise<TestSocket> {
  const { socket } = await join(url, link);
  sockets.push(socket);
  const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: AUDIO_CAPS, canSeal });
  if (!entered.ok) throw new Error(`could not enter the hearing: ${JSON.stringify(entered.error)}`);
  return socket;
}
