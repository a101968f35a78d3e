/**
 * What the court learns of connections besides the incidents: each participant's connection figures
 * over their whole stay written to the record when they leave (the minutes' technical conditions),
 * and each connection's level for every tile (with its figures for the court), sent at most once per
 * interval while reports arrive.
 */
import type { Decided } from '../courtroom/index.js';
import type { Hearing, Participant } from '../scheduling/index.js';
import type { SignalingContext } from './context.js';
import { hearingOf } from './courts.js';
import { forgetLink } from './link-verdicts.js';
import { can } from './permissions.js';
import type { Attendee } from './presence.js';
import { writeToRecord } from './record-writer.js';

/** The court is told of connections: whoever conducts the hearing, and whoever may intervene in it. */
export function watchesQuality(participant: Participant): boolean {
  return can(participant.role, 'court.preside') || can(participant.role, 'court.intervene');
}

export function courtWatchers(ctx: SignalingContext, hearingId: string): Attendee[] {
  return ctx.presence.connected(hearingId).filter((a) => watchesQuality(a.participant));
}

/**
 * The participant is leaving: their connection figures over the whole stay go to the record, and
 * they leave the court's view. Called by `leave()` before the departure itself is recorded.
 */
export async function recordQualityOnLeaving(ctx: SignalingContext, hearing: Hearing, participant: Participant): Promise<void> {
  forgetLink(ctx, hearing.id, participant.id);
  const summary = ctx.quality.finish(hearing.id, participant.id);
  if (!summary) return;
  scheduleGlance(ctx, hearing.id);
  try {
    await writeToRecord(ctx, await hearingOf(ctx, hearing.id), participant.id, [{ type: 'quality.summary', data: summary } as Decided]);
  } catch (err) {
    // The departure itself must still be recorded: losing the figures is the lesser harm.
    ctx.log.error({ err, hearingId: hearing.id, participantId: participant.id }, 'could not record the connection figures');
  }
}

const pendingGlances = new WeakMap<SignalingContext, Set<string>>();

/** At most one view per hearing per interval, sent at its end with the latest figures. */
export function scheduleGlance(ctx: SignalingContext, hearingId: string): void {
  let pending = pendingGlances.get(ctx);
  if (!pending) pendingGlances.set(ctx, (pending = new Set()));
  if (pending.has(hearingId)) return;
  pending.add(hearingId);
  setTimeout(() => {
    pending.delete(hearingId);
    const participants = ctx.quality.glance(hearingId);
    const levels = Object.fromEntries(Object.entries(participants).map(([id, glance]) => [id, { level: glance.level }]));
    // Everyone sees how each connection looks on its tile; only the court sees the figures behind it.
    for (const attendee of ctx.presence.connected(hearingId)) {
      attendee.socket.emit('quality:state', { participants: watchesQuality(attendee.participant) ? participants : levels });
    }
  }, ctx.quality.policy.stateIntervalMs).unref();
}
