/**
 * With several servers, each hearing is held by one at a time, and the page follows it there by
 * itself. The address the page was opened at (the service's front door) answers for any hearing:
 * it either holds it or names the server that does (`hearing_elsewhere`), and the page connects
 * there. When that server stops answering (it died, or the network to it failed), the page asks the
 * front door again, then the service's other servers it was told of, until one places the hearing;
 * and when a server lets a hearing go (`session:moved`: drained, or it lost the lease) the page asks
 * at once one of the servers it names, which may not be the front door (that may be the very server
 * being stopped). The person does nothing; the court state is rebuilt from the record.
 *
 * socket.io keeps the page's listeners on this one socket across reconnections, and its manager
 * reads its address (`uri`) afresh at every (re)connection: that address is the one thing changed.
 */
import type { Socket } from 'socket.io-client';
import type { ServerEvents } from '../../signaling/protocol.js';

/**
 * A server that did not answer is not tried again for this long: longer than the service takes to
 * notice a server died (4 s), so that the page does not bounce between a dead server and the front
 * door that still names it.
 */
const UNREACHABLE_FOR_MS = 6_000;
/** How long to wait before asking again while the service still names a server that does not answer. */
const ASK_AGAIN_MS = 1_000;
/** How long to wait when no server can take the hearing just now, or the move was refused again at once. */
const BUSY_MS = 2_000;

/** Only a server's web address is followed: anything else named as a server is not one. */
const isServerAddress = (url: string) => /^https?:\/\/[^\s/?#]+\/?$/.test(url);

// biome-ignore lint/suspicious/noExplicitAny: whatever the page sends, the follower only reads the server's events
export function followTheHearing(socket: Socket<ServerEvents, any>): void {
  const manager = socket.io as unknown as { uri: string };
  const frontDoor = manager.uri;
  let others: string[] = [];
  const failedAt = new Map<string, number>();
  const answers = (url: string) => Date.now() - (failedAt.get(url) ?? 0) > UNREACHABLE_FOR_MS;
  const reconnectTo = (url: string, afterMs: number) => {
    // A refusal by the server ends the connection attempt, and a live one has to be closed for the
    // manager to open a new one at the new address.
    socket.disconnect();
    manager.uri = url;
    setTimeout(() => socket.connect(), afterMs);
  };

  let lastMovedAt = 0;
  socket.on('session:welcome', ({ servers }) => {
    others = servers.filter(isServerAddress);
    failedAt.clear();
  });
  socket.on('session:moved', ({ servers }) => {
    // The server that let the hearing go names those that take hearings now; the front door may be itself.
    const named = servers.filter(isServerAddress);
    if (named.length > 0) others = named;
    // Sent on again at once: the service is not settled yet, so ask a little later.
    const again = Date.now() - lastMovedAt < 5_000;
    lastMovedAt = Date.now();
    reconnectTo(named[0] ?? frontDoor, again ? BUSY_MS : 0);
  });
  socket.on('connect_error', (error: Error & { data?: { code?: string; server?: string } }) => {
    const refusal = error.data;
    if (refusal?.code === 'hearing_elsewhere' && refusal.server && isServerAddress(refusal.server)) {
      // Named, but it just failed to answer (the service has not yet noticed it is gone), or it is
      // this very address (a server restarted under another name): ask again a little later.
      if (answers(refusal.server) && refusal.server !== manager.uri) reconnectTo(refusal.server, 0);
      else reconnectTo(manager.uri, ASK_AGAIN_MS);
      return;
    }
    if (refusal?.code === 'service_busy') {
      reconnectTo(frontDoor, BUSY_MS);
      return;
    }
    // Any other refusal is about the link itself: the page says why.
    if (refusal) return;
    failedAt.set(manager.uri, Date.now());
    const next = [frontDoor, ...others].find((url) => url !== manager.uri && answers(url));
    // The manager's own next attempt, at its back-off, goes there.
    if (next) manager.uri = next;
  });
}
