/**
 * A participant's signalling connection without media, following its hearing across the service as
 * the page does (web/src/server-follower.ts): it opens at its front door, goes where the refusal
 * names (`hearing_elsewhere`), and when its server goes away asks the front door again, then the
 * servers it was told of, not trying again for a while a server that did not answer.
 */
import { io, type Socket } from 'socket.io-client';

const UNREACHABLE_FOR_MS = 6_000;
const RETRY_MS = 500;

type Attempt = { kind: 'in' } | { kind: 'elsewhere'; server: string } | { kind: 'unreachable' } | { kind: 'refused'; code: string };

export class FollowingClient {
  participantId: string | undefined;
  /** Once told to expect a move: how long after it the client was back in its hearing. */
  movedAfterMs: number | undefined;
  private socket: Socket | undefined;
  private moveStartedAt: number | undefined;
  private others: string[] = [];
  private readonly failedAt = new Map<string, number>();
  private closed = false;

  constructor(private readonly link: { hearingId: string; token: string; name: string; frontDoor: string }) {}

  /** Resolves once the client is in its hearing. */
  enter(): Promise<void> {
    return this.connectAndEnter(this.link.frontDoor);
  }

  expectMove(at: number): void {
    this.moveStartedAt = at;
  }

  /** The judge's own audio-only, on or off: the time to its acknowledgement, or undefined if it was not acknowledged. */
  async control(on: boolean): Promise<number | undefined> {
    const socket = this.socket;
    if (!socket?.connected) return undefined;
    const sent = performance.now();
    const answer = (await socket
      .timeout(5_000)
      .emitWithAck('court:audio-only', { on })
      .catch(() => undefined)) as { ok: boolean } | undefined;
    return answer?.ok ? performance.now() - sent : undefined;
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private answers(url: string): boolean {
    return Date.now() - (this.failedAt.get(url) ?? 0) > UNREACHABLE_FOR_MS;
  }

  private async connectAndEnter(start: string): Promise<void> {
    let url = start;
    while (!this.closed) {
      const attempt = await this.tryAt(url);
      if (attempt.kind === 'in') return;
      if (attempt.kind === 'elsewhere' && this.answers(attempt.server)) {
        url = attempt.server;
        continue;
      }
      if (attempt.kind === 'unreachable') this.failedAt.set(url, Date.now());
      url = [this.link.frontDoor, ...this.others].find((candidate) => this.answers(candidate)) ?? this.link.frontDoor;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS * (0.75 + Math.random() / 2)));
    }
  }

  private tryAt(url: string): Promise<Attempt> {
    const socket = io(url, {
      auth: { token: this.link.token, hearingId: this.link.hearingId },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 5_000,
    });
    return new Promise((resolve) => {
      socket.once('connect_error', (error: Error & { data?: { code: string; server?: string } }) => {
        socket.close();
        const refusal = error.data;
        if (refusal?.code === 'hearing_elsewhere' && refusal.server) resolve({ kind: 'elsewhere', server: refusal.server });
        else if (refusal) resolve({ kind: 'refused', code: refusal.code });
        else resolve({ kind: 'unreachable' });
      });
      socket.once('session:welcome', (welcome: { self: { id: string }; servers: string[] }) => {
        this.participantId = welcome.self.id;
        this.others = welcome.servers;
        void (
          socket
            .timeout(10_000)
            .emitWithAck('hearing:enter', { rtpCapabilities: { codecs: [], headerExtensions: [] } })
            .catch(() => undefined) as Promise<{ ok: boolean } | undefined>
        ).then((entered) => {
          if (!entered?.ok) {
            socket.close();
            return resolve({ kind: 'unreachable' });
          }
          this.socket = socket;
          this.follow(socket);
          if (this.moveStartedAt !== undefined && this.movedAfterMs === undefined) this.movedAfterMs = Date.now() - this.moveStartedAt;
          resolve({ kind: 'in' });
        });
      });
    });
  }

  private follow(socket: Socket): void {
    socket.on('session:moved', ({ servers }: { servers: string[] }) => {
      this.others = servers;
    });
    socket.on('disconnect', () => {
      if (this.closed || this.socket !== socket) return;
      this.socket = undefined;
      void this.connectAndEnter(this.others[0] ?? this.link.frontDoor);
    });
  }
}
