/**
 * Quality of participation: what each browser says of its own connection, kept per participant,
 * and the decisions that follow from it — when a connection has crossed a threshold (an incident
 * for the record and an alert for the court), when it has recovered, how it looks at a glance, and
 * the figures the minutes give for it (endpoint, codecs, bitrates, encryption, loss, round trip).
 *
 * Pure: time is passed in, nothing is written or sent here (`quality-handlers.ts` does that), so
 * the thresholds and the hysteresis can be specified by unit tests.
 */
import type { HearingEventData } from '../courtroom/index.js';
import type { QualityGlance, QualityLevel, QualityMetric, QualityReport } from './protocol.js';

export interface QualityPolicy {
  /**
   * When a connection is in trouble, in the unit the minutes print: packet loss over the interval
   * in %, round-trip time and jitter in ms, an incoming video frozen for this many seconds.
   * Loss, round trip and jitter must be exceeded; a frozen video counts from the threshold itself.
   */
  thresholds: Record<QualityMetric, number>;
  /**
   * Hysteresis, so that a flapping link does not flood the judge and the record: a metric that has
   * crossed its threshold counts as recovered only once it stays below this fraction of it…
   */
  recoverBelow: number;
  /** …for this many reports in a row (about two seconds apart). */
  recoverAfterReports: number;
  /** At a glance, a connection is "fair" from this fraction of any threshold, "poor" above it. */
  fairFrom: number;
  /** Reports closer together than this are dropped: a browser cannot make the server work harder. */
  minReportIntervalMs: number;
  /** How many recent reports are kept per participant. */
  historyLength: number;
  /** How often the court's per-participant view is sent while reports arrive. */
  stateIntervalMs: number;
}

export const DEFAULT_QUALITY_POLICY: QualityPolicy = {
  thresholds: { packet_loss: 5, round_trip_time: 400, jitter: 50, video_frozen: 3 },
  recoverBelow: 0.5,
  recoverAfterReports: 3,
  fairFrom: 0.5,
  minReportIntervalMs: 1000,
  historyLength: 30,
  stateIntervalMs: 2000,
};

export const QUALITY_METRICS: readonly QualityMetric[] = ['packet_loss', 'round_trip_time', 'jitter', 'video_frozen'];

/** One metric's reading from one report, with the words that say what it is. */
export interface Reading {
  metric: QualityMetric;
  value: number;
  /** E.g. "12 % of received audio packets lost". */
  description: string;
}

export interface Crossing extends Reading {
  threshold: number;
}

export interface Observation {
  /** Metrics that crossed their threshold with this report (each once, until it recovers). */
  crossed: Crossing[];
  recovered: QualityMetric[];
  /** The first report showing encrypted media flowing (a cipher and a codec in use): time to record the figures once. */
  summaryDue: boolean;
}

type Summary = HearingEventData<'quality.summary'>;

interface Tracked {
  latest: QualityReport;
  receivedAt: number;
  history: { at: number; report: QualityReport }[];
  /** Metrics above threshold, each with the number of good reports seen since. */
  crossed: Map<QualityMetric, number>;
  summaryRecorded: boolean;
  /** Sums over the whole stay, for the figures recorded when the participant leaves. */
  totals: { reports: number; sendAudio: number; sendVideo: number; receive: number; rtt: number; rttReports: number; loss: number; lossReports: number };
}

const round = (value: number, decimals = 0) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** The metrics a report speaks to; a metric it is silent on (no packets, no video) keeps its state. */
export function readingsOf(report: QualityReport): Reading[] {
  const readings: Reading[] = [];
  const losses: { value: number; words: string }[] = [];
  for (const [key, words] of [
    ['audioIn', 'received audio'],
    ['videoIn', 'received video'],
    ['audioOut', 'sent audio'],
    ['videoOut', 'sent video'],
  ] as const) {
    const value = report.lossPercent[key];
    if (value !== undefined) losses.push({ value, words });
  }
  const worst = losses.reduce<(typeof losses)[number] | undefined>((a, b) => (!a || b.value > a.value ? b : a), undefined);
  if (worst) {
    const value = round(worst.value, 1);
    readings.push({ metric: 'packet_loss', value, description: `${value} % of ${worst.words} packets lost` });
  }
  if (report.roundTripMs !== undefined) {
    const value = round(report.roundTripMs);
    readings.push({ metric: 'round_trip_time', value, description: `round-trip time ${value} ms` });
  }
  if (report.jitterMs !== undefined) {
    const value = round(report.jitterMs);
    readings.push({ metric: 'jitter', value, description: `jitter ${value} ms` });
  }
  if (report.videoFrozenMs !== undefined) {
    const value = round(report.videoFrozenMs / 1000, 1);
    readings.push({ metric: 'video_frozen', value, description: `incoming video frozen for ${value} s` });
  }
  return readings;
}

function exceeds(metric: QualityMetric, value: number, threshold: number): boolean {
  return metric === 'video_frozen' ? value >= threshold : value > threshold;
}

export class QualityMonitor {
  readonly policy: QualityPolicy;
  private readonly hearings = new Map<string, Map<string, Tracked>>();

  constructor(policy: Partial<QualityPolicy> = {}) {
    this.policy = { ...DEFAULT_QUALITY_POLICY, ...policy, thresholds: { ...DEFAULT_QUALITY_POLICY.thresholds, ...policy.thresholds } };
  }

  /** Takes a report in; `null` when it came too soon after the previous one and was dropped. */
  observe(hearingId: string, participantId: string, report: QualityReport, now: number): Observation | null {
    let participants = this.hearings.get(hearingId);
    if (!participants) this.hearings.set(hearingId, (participants = new Map()));
    let tracked = participants.get(participantId);
    if (tracked && now - tracked.receivedAt < this.policy.minReportIntervalMs) return null;
    if (!tracked) {
      tracked = {
        latest: report,
        receivedAt: now,
        history: [],
        crossed: new Map(),
        summaryRecorded: false,
        totals: { reports: 0, sendAudio: 0, sendVideo: 0, receive: 0, rtt: 0, rttReports: 0, loss: 0, lossReports: 0 },
      };
      participants.set(participantId, tracked);
    }
    tracked.latest = report;
    tracked.receivedAt = now;
    tracked.history.push({ at: now, report });
    if (tracked.history.length > this.policy.historyLength) tracked.history.shift();
    this.addToTotals(tracked, report);

    const crossed: Crossing[] = [];
    const recovered: QualityMetric[] = [];
    for (const reading of readingsOf(report)) {
      const threshold = this.policy.thresholds[reading.metric];
      const goodSoFar = tracked.crossed.get(reading.metric);
      if (goodSoFar === undefined) {
        if (exceeds(reading.metric, reading.value, threshold)) {
          tracked.crossed.set(reading.metric, 0);
          crossed.push({ ...reading, threshold });
        }
      } else if (reading.value < threshold * this.policy.recoverBelow) {
        if (goodSoFar + 1 >= this.policy.recoverAfterReports) {
          tracked.crossed.delete(reading.metric);
          recovered.push(reading.metric);
        } else {
          tracked.crossed.set(reading.metric, goodSoFar + 1);
        }
      } else {
        tracked.crossed.set(reading.metric, 0);
      }
    }
    const summaryDue = !tracked.summaryRecorded && report.encryption.srtpCipher !== undefined && report.codecs.length > 0;
    if (summaryDue) tracked.summaryRecorded = true;
    return { crossed, recovered, summaryDue };
  }

  latest(hearingId: string, participantId: string): QualityReport | undefined {
    return this.hearings.get(hearingId)?.get(participantId)?.latest;
  }

  history(hearingId: string, participantId: string): readonly { at: number; report: QualityReport }[] {
    return this.hearings.get(hearingId)?.get(participantId)?.history ?? [];
  }

  /** Each reporting participant's connection at a glance, for the court's tiles. */
  glance(hearingId: string): Record<string, QualityGlance> {
    const view: Record<string, QualityGlance> = {};
    for (const [participantId, tracked] of this.hearings.get(hearingId) ?? []) {
      const readings = readingsOf(tracked.latest);
      const b = tracked.latest.bitrateKbps;
      view[participantId] = {
        level: this.levelOf(tracked, readings),
        roundTripMs: readings.find((r) => r.metric === 'round_trip_time')?.value ?? null,
        lossPercent: readings.find((r) => r.metric === 'packet_loss')?.value ?? null,
        bitrateKbps: round(b.sendAudio + b.sendVideo + b.receiveAudio + b.receiveVideo),
      };
    }
    return view;
  }

  /** The figures for the minutes: the latest endpoint, codecs and encryption, and averages over the stay. */
  summary(hearingId: string, participantId: string): Summary | null {
    const tracked = this.hearings.get(hearingId)?.get(participantId);
    if (!tracked) return null;
    const { latest, totals } = tracked;
    const average = (sum: number, count: number) => round(sum / Math.max(count, 1));
    return {
      participantId,
      endpoint: { ...latest.endpoint },
      codecs: [...latest.codecs],
      bitrateKbps: {
        sendAudio: average(totals.sendAudio, totals.reports),
        sendVideo: average(totals.sendVideo, totals.reports),
        receive: average(totals.receive, totals.reports),
      },
      encryption: encryptionOf(latest.encryption),
      ...(totals.rttReports > 0 ? { roundTripMs: average(totals.rtt, totals.rttReports) } : {}),
      ...(totals.lossReports > 0 ? { packetLossPercent: round(totals.loss / totals.lossReports, 1) } : {}),
    };
  }

  /** The participant left: their figures for the minutes, and they are forgotten. */
  finish(hearingId: string, participantId: string): Summary | null {
    const summary = this.summary(hearingId, participantId);
    const participants = this.hearings.get(hearingId);
    participants?.delete(participantId);
    if (participants?.size === 0) this.hearings.delete(hearingId);
    return summary;
  }

  private levelOf(tracked: Tracked, readings: Reading[]): QualityLevel {
    if (tracked.crossed.size > 0) return 'poor';
    const { thresholds, fairFrom } = this.policy;
    return readings.some((r) => r.value >= thresholds[r.metric] * fairFrom) ? 'fair' : 'good';
  }

  private addToTotals(tracked: Tracked, report: QualityReport): void {
    const t = tracked.totals;
    t.reports += 1;
    t.sendAudio += report.bitrateKbps.sendAudio;
    t.sendVideo += report.bitrateKbps.sendVideo;
    t.receive += report.bitrateKbps.receiveAudio + report.bitrateKbps.receiveVideo;
    if (report.roundTripMs !== undefined) {
      t.rtt += report.roundTripMs;
      t.rttReports += 1;
    }
    const loss = readingsOf(report).find((r) => r.metric === 'packet_loss');
    if (loss) {
      t.loss += loss.value;
      t.lossReports += 1;
    }
  }
}

/**
 * How the media was protected, in the 60 characters the record allows: always the SRTP cipher that
 * encrypted the media, and the DTLS cipher that agreed its keys when both names fit.
 */
export function encryptionOf(encryption: QualityReport['encryption']): string {
  const { srtpCipher, dtlsCipher } = encryption;
  if (!srtpCipher) return 'not established';
  const both = `DTLS-SRTP ${srtpCipher}, ${dtlsCipher}`;
  if (dtlsCipher && both.length <= 60) return both;
  const shorter = `${srtpCipher}, ${dtlsCipher}`;
  if (dtlsCipher && shorter.length <= 60) return shorter;
  return `DTLS-SRTP ${srtpCipher}`.slice(0, 60);
}
