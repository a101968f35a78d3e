/**
 * The technical conditions as the minutes state them: each endpoint (browser, codecs, bit rates,
 * encryption), the incidents measured against their thresholds, the interruptions of the server or
 * the media, and every period in which someone received no video, with its cause and who decided it.
 */
import type { AudioOnlyHoldOf } from './minutes-court.js';
import { clock, type MinutesReading } from './minutes-reading.js';
import type { Minutes } from './minutes-types.js';
import type { MinutesWords } from './minutes-words.js';

const METRIC_UNITS: Record<string, string> = { packet_loss: '%', round_trip_time: ' ms', jitter: ' ms', video_frozen: ' s', disconnected: ' s' };

export function readTechnical(r: MinutesReading): void {
  const { event, minutes, w, actor, on, say } = r;
  const { nameOf, who } = r.names;
  /** The hearing's server out from the last entry before to its return (a restart, or another server taking it over): nothing reached the hearing. */
  const serverOutage = (from: string, to: string, cause: Parameters<typeof w.t>[0], chronicle: Parameters<typeof w.t>[0]) => {
    minutes.technical.interruptions.push({ at: from, restoredAt: to, participantId: null, name: null, cause: w.t(cause), seq: event.seq });
    say(w.t(chronicle, { from: clock(from), to: clock(to) }));
  };
  on('server.restarted', (d) => serverOutage(d.lastEntryAt, d.restartedAt, 'interruption.serverRestarted', 'chron.serverRestarted'));
  on('hearing.moved', (d) =>
    d.planned
      ? serverOutage(d.lastEntryAt, d.movedAt, 'interruption.hearingMovedPlanned', 'chron.hearingMovedPlanned')
      : serverOutage(d.lastEntryAt, d.movedAt, 'interruption.hearingMoved', 'chron.hearingMoved'),
  );
  on('media.interrupted', (d) => {
    minutes.technical.interruptions.push({ at: event.at, restoredAt: null, participantId: null, name: null, cause: d.cause, seq: event.seq });
    say(w.t('chron.mediaInterrupted', { cause: d.cause }));
  });
  on('quality.incident', (d) => {
    const label = w.phrase('metric', d.metric);
    const unit = METRIC_UNITS[d.metric] ?? '';
    minutes.technical.incidents.push({
      at: event.at,
      participantId: d.participantId,
      name: nameOf(d.participantId),
      metric: label,
      value: d.value,
      threshold: d.threshold,
      seq: event.seq,
    });
    say(w.t('chron.qualityIncident', { person: who(d.participantId), metric: label, value: `${d.value}${unit}`, threshold: `${d.threshold}${unit}` }));
  });
  on('media.audio_only', (d) => {
    const cause = w.phrase('audioOnly', d.cause);
    const person = who(d.participantId);
    if (!d.active) {
      say(
        d.cause === 'link'
          ? d.reason
            ? w.t('chron.videoRestoredLinkBecause', { person, reason: d.reason })
            : w.t('chron.videoRestoredLink', { person })
          : d.cause === 'court'
            ? w.t('chron.videoRestoredCourt', { actor, person })
            : w.t('chron.videoRestoredOwn', { person }),
      );
      return;
    }
    const decidedBy = d.cause === 'link' ? null : r.actorName;
    minutes.technical.audioOnly.push({
      participantId: d.participantId,
      name: nameOf(d.participantId),
      from: event.at,
      to: null,
      cause,
      decidedBy,
      reason: d.reason ?? null,
      cameraOff: d.cameraOff ?? false,
      seq: event.seq,
    });
    const camera = d.cameraOff ? w.t('chron.cameraStopped') : '';
    say(
      d.cause === 'link'
        ? d.reason
          ? w.t('chron.audioOnlyLinkBecause', { person, reason: d.reason, camera })
          : w.t('chron.audioOnlyLink', { person, camera })
        : d.cause === 'court'
          ? w.t('chron.audioOnlyCourt', { actor, person, camera })
          : w.t('chron.audioOnlyOwn', { person, camera }),
    );
  });
  on('quality.summary', (d) => {
    minutes.technical.endpoints.push({
      participantId: d.participantId,
      name: nameOf(d.participantId),
      at: event.at,
      browser: d.endpoint.browser ?? null,
      os: d.endpoint.os ?? null,
      codecs: d.codecs,
      bitrateKbps: d.bitrateKbps,
      encryption: d.encryption,
      roundTripMs: d.roundTripMs ?? null,
      packetLossPercent: d.packetLossPercent ?? null,
    });
    say(w.t('chron.qualitySummary', { person: who(d.participantId) }));
  });
}

/**
 * Ends, at `at`, the period without video of each reason the court no longer holds after an entry:
 * lifted by the entry, or ended by the court's rule (a link's verdict ends with the connection).
 */
export function endAudioOnly(minutes: Minutes, w: MinutesWords, ended: readonly AudioOnlyHoldOf[], at: string): void {
  for (const hold of ended) {
    const cause = w.phrase('audioOnly', hold.cause);
    const open = minutes.technical.audioOnly.findLast((a) => a.participantId === hold.participantId && a.cause === cause && a.to === null);
    if (open) open.to = at;
  }
}
