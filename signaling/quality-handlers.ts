/**
 * The quality reports over the socket, and what follows from them: an incident written to the
 * hearing's record and an alert to the presiding judge and the requested-state officer when a
 * connection crosses a threshold; each participant's connection figures written once media flows
 * (the minutes' technical conditions); and the link's reading for the audio-only rule
 * (`link-verdicts.ts`). The figures on leaving and each tile's level are `quality-record.ts`.
 */
import type { Logger } from 'pino';
import { shownName, type Decided } from '../courtroom/index.js';
import type { SignalingContext } from './context.js';
import { followLink } from './link-verdicts.js';
import { hearingOf } from './courts.js';
import { UserError } from './errors.js';
import { handle } from './handler.js';
import { courtWatchers, scheduleGlance } from './quality-record.js';
import type { Attendee } from './presence.js';
import type { QualityAlert } from './protocol.js';
import { writeToRecord } from './record-writer.js';

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

    const live = await hearingOf(ctx, hearing.id);
    const summary = seen.summaryDue ? ctx.quality.summary(hearing.id, participant.id) : null;
    // In the hearing's queue, so the record keeps the order in which the court learnt things.
    await writeToRecord(ctx, live, participant.id, [
      ...(summary ? [{ type: 'quality.summary', data: summary } as Decided] : []),
      ...seen.crossed.map(
        (crossing) =>
          ({
            type: 'quality.incident',
            data: { participantId: participant.id, metric: crossing.metric, value: crossing.value, threshold: crossing.threshold },
          }) as Decided,
      ),
    ]);
    const name = shownName(live.state, participant);
    for (const crossing of seen.crossed) {
      const alert: QualityAlert = {
        participantId: participant.id,
        metric: crossing.metric,
        value: crossing.value,
        threshold: crossing.threshold,
        at: at.toISOString(),
        message: `${name}: ${crossing.description}`,
      };
      for (const watcher of courtWatchers(ctx, hearing.id)) watcher.socket.emit('quality:alert', alert);
    }
    if (seen.crossed.length > 0) log.info({ crossed: seen.crossed.map((c) => c.metric) }, 'connection quality incident');
    return { accepted: true };
  });
}
