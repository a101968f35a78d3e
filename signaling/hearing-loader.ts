/**
 * How a hearing comes into session on this server: its court rebuilt from its record, its media
 * reconciler set up, and what a restart left open recovered (`recoverAfterRestart`) — before anyone
 * is shown its state.
 */
import { settleAdjournment } from './adjournment.js';
import { dropClosedConsultationDocuments } from './consultation-documents.js';
import type { SignalingContext } from './context.js';
import { enforceRecording } from './court-recording.js';
import { dateUndatedRulings } from './extradition-timestamp.js';
import { recoverAfterRestart } from './recording-recovery.js';
import { courtFromRecord } from './courts.js';
import { HeldElsewhere, UserError } from './errors.js';
import { LiveHearing } from './live-hearing.js';
import { MediaReconciler } from './media-reconciler.js';

/**
 * Refuses a hearing another server holds, naming that server: the page connects there by itself.
 * With one server alone, every hearing is held here.
 */
export async function refuseHearingHeldElsewhere(ctx: SignalingContext, hearingId: string): Promise<void> {
  if (!ctx.placement) return;
  const holder = await ctx.placement.place(hearingId).catch((err: unknown) => {
    // No server takes hearings this moment, or Redis does not answer: the page asks again shortly.
    ctx.log.warn({ err, hearingId }, 'the hearing could not be placed');
    throw new UserError('service_busy', 'No server of the court can take this hearing this moment. Your page tries again by itself.');
  });
  if (holder.nodeId !== ctx.nodeId) throw new HeldElsewhere(holder.url);
}

export async function loadHearing(ctx: SignalingContext, hearingId: string): Promise<LiveHearing> {
  await refuseHearingHeldElsewhere(ctx, hearingId);
  // The lease before the record: whatever the previous holder appended is in what is read, and
  // nothing it tries to append afterwards is accepted.
  const previous = await ctx.store.leases.current(hearingId);
  const fence = await ctx.store.leases.take(hearingId, ctx.nodeId);
  const { court, lastEntryAt, entries } = await courtFromRecord(ctx, hearingId);
  const media: MediaReconciler = new MediaReconciler({
    hearingId,
    sfu: ctx.sfu,
    presence: ctx.presence,
    log: ctx.log,
    state: () => court.state,
    followRecording: (): Promise<void> => enforceRecording(ctx, live),
  });
  const live: LiveHearing = new LiveHearing(hearingId, fence, court, media);
  // Loaded after this server started on a hearing in session: the record says the server stopped,
  // and a recording it was writing is closed as cut short — before anyone is shown the state.
  // Taken from another server of the service: it handed the hearing over (a drain, marked in Redis)
  // or it died. One server alone names itself afresh at each start, and is only ever restarted.
  const movedFrom =
    ctx.placement && previous && previous.holder !== ctx.nodeId
      ? { server: previous.holder, planned: (await ctx.placement.handedOverBy(hearingId)) === previous.holder }
      : undefined;
  await recoverAfterRestart(ctx, live, lastEntryAt, movedFrom);
  // Documents of consultations that ended while no server held the hearing go now.
  await dropClosedConsultationDocuments(ctx, hearingId, court.state);
  // An adjournment whose effects outside the court did not all happen is made good now.
  const adjourned = court.state.adjourned;
  if (adjourned) await settleAdjournment(ctx, hearingId, adjourned);
  // A ruling the authority had not dated when the last server stopped is dated now.
  void dateUndatedRulings(ctx, live, entries);
  return live;
}
