/**
 * A hearing this server lets go goes on elsewhere. Either this server is being drained (`handOver`):
 * its recorders stop with every segment closed, then its lease is released, so the next holder finds
 * a recording cut cleanly, seals it and continues it in a new one. Or another server took the hearing
 * while this one was thought dead (`letHearingGo` after a lost lease): its recorders are killed where
 * they are and nothing more is written, the recording being the new holder's to seal. Either way its
 * media here is closed and every page of it is sent on (`session:moved`) to connect again through the
 * service, which places it with its hearing. No departure is written: nobody left the hearing.
 */
import type { SignalingContext } from './context.js';
import type { LiveHearing } from './live-hearing.js';

export const MOVED_MESSAGE = 'This hearing is now held by another server of the court. Your page connects there by itself.';
export const MOVING_MESSAGE = 'This hearing is moving to another server of the court. Your page connects there by itself; then try again.';

/** After a lost lease: nothing more from here. */
export function letHearingGo(ctx: SignalingContext, live: LiveHearing): void {
  live.leaving = true;
  ctx.hearings.forget(live);
  live.recording?.abandon();
  live.recording = undefined;
  // After the refusal of the request that found the lease lost has reached its page.
  setTimeout(() => void sendPagesOn(ctx, live, MOVED_MESSAGE), 100).unref();
}

/**
 * A planned move (a drain): the hearing stays held here (renewed, so that nobody takes it while its
 * recording is half-closed) but decides nothing more; its recording is closed cleanly; then it is
 * released, marked as handed over, and only then forgotten here.
 */
export async function handOver(ctx: SignalingContext, live: LiveHearing): Promise<void> {
  live.leaving = true;
  const recording = live.recording;
  live.recording = undefined;
  await recording?.suspend().catch((err: unknown) => ctx.log.error({ err, hearingId: live.id }, 'could not close the recording’s last segments'));
  await ctx.placement?.release(ctx.nodeId, live.id);
  ctx.hearings.forget(live);
  await sendPagesOn(
    ctx,
    live,
    'This server of the court is being taken out of service; your hearing continues on another. Your page connects there by itself.',
  );
}

async function sendPagesOn(ctx: SignalingContext, live: LiveHearing, message: string): Promise<void> {
  // Where to ask: the servers that take hearings now. The page's own address may be this server.
  const servers = (await ctx.placement?.otherServers().catch(() => [])) ?? [];
  for (const attendee of ctx.presence.connected(live.id)) {
    // Not a departure: the person goes on in the hearing on another server.
    attendee.entered = false;
    attendee.socket.emit('session:moved', { message, servers });
    attendee.socket.disconnect(true);
  }
  ctx.sfu.closeHearing(live.id);
}
