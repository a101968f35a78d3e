/**
 * When each moment of a run's file was, on the server's clock: from the first packet the relay passed
 * to ffmpeg (the file's time 0) and the sender reports it noted on the way (relay.ts). This is what
 * puts a hearing's tracks in sync on playback, and what the manifest keeps of each run.
 */
import type { RunTiming } from './manifest.js';
import type { RtpRelay, SenderReport } from './relay.js';

/** What the relay noted: the first packet passed on, and the sender reports. */
export type RelayTiming = Pick<RtpRelay, 'first' | 'senderReports'>;

/** RTP base and sender reports, once the first packet has gone to ffmpeg. */
export function runTiming(relay: RelayTiming | undefined, clockRate: number | undefined): RunTiming | undefined {
  const first = relay?.first;
  if (!first || !clockRate) return undefined;
  return {
    clockRate,
    rtpBase: first.rtpTimestamp,
    firstPacketAt: new Date(first.at).toISOString(),
    senderReports: (relay?.senderReports ?? []).map((r) => ({
      rtpTimestamp: r.rtpTimestamp,
      ntpMs: r.ntpMs,
      receivedAt: new Date(r.receivedAt).toISOString(),
    })),
  };
}

/** Server time (ms since the epoch) of file time `t`: from the latest sender report, else from the first packet's arrival. */
export function wallClockAt(t: number, relay: RelayTiming | undefined, clockRate: number | undefined): number | undefined {
  const first = relay?.first;
  if (!first || !clockRate) return undefined;
  const rtp = (first.rtpTimestamp + Math.round(t * clockRate)) >>> 0;
  // Differences of 32-bit RTP timestamps wrap: `| 0` reads them as signed.
  const distance = (report: SenderReport) => (rtp - report.rtpTimestamp) | 0;
  // The report nearest that moment: a sender's clock may drift from the server's over a long hearing.
  const reports = relay?.senderReports ?? [];
  if (reports.length === 0) return first.at + t * 1000;
  const report = reports.reduce((best, r) => (Math.abs(distance(r)) < Math.abs(distance(best)) ? r : best));
  return report.receivedAt + (distance(report) / clockRate) * 1000;
}
