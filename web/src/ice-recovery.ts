/**
 * A transport that loses its path to the media server finds a new one by an ICE restart: the same
 * producers and consumers carry on over whatever path the checks find, where a rejoin would rebuild
 * them all.
 */
import type { types } from 'mediasoup-client';
import { request, type HearingConnection } from './connection.js';

const ICE_RESTART_DELAY_MS = 2000;

export class IceRecovery {
  private readonly pending = new WeakMap<types.Transport, ReturnType<typeof setTimeout>>();
  /** ICE restarts that completed, for support staff and tests: a dropped link heals with one, not a rejoin. */
  done = 0;

  constructor(private readonly socket: HearingConnection) {}

  /** Follows a transport's connection state: 'disconnected' often heals by itself within seconds; 'failed' never does. */
  follow(transport: types.Transport, state: types.ConnectionState): void {
    clearTimeout(this.pending.get(transport));
    if (state === 'failed') void this.restartIce(transport);
    else if (state === 'disconnected')
      this.pending.set(
        transport,
        setTimeout(() => void this.restartIce(transport), ICE_RESTART_DELAY_MS),
      );
  }

  /**
   * Asks the server for new ICE parameters and restarts ICE on this transport. Tried again every few
   * seconds while the transport stays down and the page keeps it.
   */
  private async restartIce(transport: types.Transport): Promise<void> {
    if (transport.closed || transport.connectionState === 'connected') return;
    try {
      const { iceParameters, iceServers } = await request(this.socket, 'transport:restart-ice', { transportId: transport.id });
      if (iceServers.length > 0) await transport.updateIceServers({ iceServers });
      await transport.restartIce({ iceParameters });
      this.done += 1;
    } catch {
      // The link may still be down, or the signalling connection with it: try again shortly.
      // (Read again: the state has moved on while the request was out.)
      const state = transport.connectionState as types.ConnectionState;
      if (!transport.closed && state !== 'connected') {
        this.pending.set(
          transport,
          setTimeout(() => void this.restartIce(transport), ICE_RESTART_DELAY_MS),
        );
      }
    }
  }
}
