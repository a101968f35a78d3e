/**
 * The quality reports over the socket, and what follows from them: an incident written to the
 * hearing's record and an alert to the presiding judge and the requested-state officer when a
 * connection crosses a threshold; each participant's connection figures written once media flows
 * and again when they leave (the minutes' technical conditions); each connection's level for every
 * tile (with its figures for the court), sent every few seconds while reports arrive; and the link's
 * reading for the audio-only rule (`audio-only-handlers.ts`).
 */
import type { Logger } from 'pino';
import { shownName, type Decided } from '../courtroom/index.js';
import type { Hearing, Participant } from '../scheduling/index.js';
import type { SignalingContext } from './context.js';
import { followLink, forgetLink } from './audio-only-handlers.js';
import { courtOf } from './courts.js';
import { UserError } from './errors.js';
import { handle } from './handler.js';
import { can } from './permissions.js';
import type { Attendee } from './presence.js';
import type { QualityAlert } from './protocol.js';
import { writeToRecord } from './record-writer.js';

/** The court is told of connections: whoever conducts the hearing, and whoever may intervene in it. */
function watchesQuality(participant: Participant): boolean {
  return can(participant.role, 'court.preside') || can(participant.role, 'court.intervene');
}

function court(ctx: SignalingContext, hearingId: string): Attendee[] {
  return ctx.presence.connected(hearingId).filter((a) => watchesQuality(a.participant));
}

export function registerQualityHandlers(ctx: SignalingContext, attendee: Attendee, log: Logger): void {
  const { socket, hearing, participant } = attendee;

  handle(socket, log, 'quality:report', null, async (report) => {
    // From the waiting room on: whoever has entered has a connection worth knowing about.
    if (!attendee.entered) throw new UserError('not_in_hearing', 'Join the hearing first.');
    const at = new Date();
    const seen = ctx.quality.observe(hearing.id, participant.id, report, at.getTime());
    if (!seen) return { accepted: false };
    scheduleGlance(ctx, hearing.id);
    // Not awaited: the report is acknowledged at once; a verdict waits its turn in the hearing's queue.
    void followLink(ctx, attendee, report).catch((err: unknown) => log.error({ err }, 'could not follow the link'));
    if (!seen.summaryDue && seen.crossed.length === 0) return { accepted: true };

    const session = await courtOf(ctx, hearing.id);
    const summary = seen.summaryDue ? ctx.quality.summary(hearing.id, participant.id) : null;
    // In the hearing's queue, so the record keeps the order in which the court learnt things.
    await writeToRecord(ctx, session, hearing.id, participant.id, [
      ...(summary ? [{ type: 'quality.summary', data: summary } as Decided] : []),
      ...seen.crossed.map((crossing) => ({ type: 'quality.incident', data: { participantId: participant.id, metric: crossing.metric, value: crossing.value, threshold: crossing.threshold } }) as Decided),
    ]);
    const name = shownName(session.state, participant);
    for (const crossing of seen.crossed) {
      const alert: QualityAlert = {
        participantId: participant.id,
        metric: crossing.metric,
        value: crossing.value,
        threshold: crossing.threshold,
        at: at.toISOString(),
        message: `${name}: ${crossing.description}`,
      };
      for (const watcher of court(ctx, hearing.id)) watcher.socket.emit('quality:alert', alert);
    }
    if (seen.crossed.length > 0) log.info({ crossed: seen.crossed.map((c) => c.metric) }, 'connection quality incident');
    return { accepted: true };
  });
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
    const session = await courtOf(ctx, hearing.id);
    await writeToRecord(ctx, session, hearing.id, participant.id, [{ type: 'quality.summary', data: summary } as Decided]);
  } catch (err) {
    // The departure itself must still be recorded: losing the figures is the lesser harm.
    ctx.log.error({ err, hearingId: hearing.id, participantId: participant.id }, 'could not record the connection figures');
  }
}

const pendingGlances = new WeakMap<SignalingContext, Set<string>>();

/** At most one view per hearing per interval, sent at its end with the latest figures. */
function scheduleGlance(ctx: SignalingContext, hearingId: string): void {
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
