/**
 * What this browser tells the court about its own connection, every two seconds: bitrates, loss,
 * round trip, jitter, whether an incoming video has frozen, codecs, encryption and a minimal
 * description of the browser and system — read from the WebRTC statistics of the two transports.
 *
 * The arithmetic (`QualitySummariser`, `endpointFrom`) touches no browser API, so it is specified by
 * unit tests; `QualityReporter` only runs it on a timer and sends the result.
 */
import type { QualityReport } from '../../signaling/protocol.js';

export const REPORT_INTERVAL_MS = 2000;

/** One statistics object as `RTCStatsReport` holds it: only `id`, `type` and `timestamp` are certain. */
export type StatsEntry = { id: string; type: string } & Record<string, unknown>;

export interface StatsSample {
  /** Milliseconds, from one monotonic clock. */
  at: number;
  send: Iterable<StatsEntry>;
  recv: Iterable<StatsEntry>;
  /** Incoming video tracks that should be moving: live, and paused neither by the sender nor the court. */
  expectedVideo: ReadonlySet<string>;
}

/** Names the server accepts: short and printable. Anything else is left out rather than sent. */
const LABEL = /^[\p{L}\p{N} ._()+/-]{1,60}$/u;
const label = (value: unknown): string | undefined => (typeof value === 'string' && LABEL.test(value) ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const round1 = (value: number) => Math.round(value * 10) / 10;
const clampPercent = (value: number) => Math.min(100, Math.max(0, round1(value)));

type Kind = 'audio' | 'video';
const kindOf = (entry: StatsEntry): Kind | undefined => (entry.kind === 'audio' || entry.kind === 'video' ? entry.kind : undefined);

/**
 * Turns successive statistics samples into reports. Counters (bytes, packets) are cumulative per
 * stream, so each report covers the interval since the previous sample; a stream that appeared
 * meanwhile counts from zero, one that went away counts no more.
 */
export class QualitySummariser {
  private previousAt: number | null = null;
  private counters = new Map<string, number>();
  /** Per incoming video: frames decoded when last seen rising, and since when they have not. */
  private readonly frames = new Map<string, { decoded: number; since: number; expected: boolean }>();

  /** The report for the interval ending at this sample; `null` for the first sample, which only sets the baseline. */
  next(sample: StatsSample, endpoint: QualityReport['endpoint'] = {}): QualityReport | null {
    const send = [...sample.send];
    const recv = [...sample.recv];
    const counters = new Map<string, number>();
    const delta = (entry: StatsEntry, field: string): number => {
      const value = num(entry[field]);
      if (value === undefined) return 0;
      const key = `${entry.id}:${field}`;
      counters.set(key, value);
      return Math.max(0, value - (this.counters.get(key) ?? 0));
    };

    const bytes = { sendAudio: 0, sendVideo: 0, receiveAudio: 0, receiveVideo: 0 };
    const inbound = { audio: { received: 0, lost: 0 }, video: { received: 0, lost: 0 } };
    const outboundLoss: Partial<Record<Kind, number>> = {};
    const jitter: Partial<Record<Kind, number>> = {};
    const roundTrips: number[] = [];
    const remoteRoundTrips: number[] = [];
    const codecIds = new Set<string>();
    let frozenMs: number | undefined;

    for (const entry of send) {
      const kind = kindOf(entry);
      if (entry.type === 'outbound-rtp' && kind) {
        if (kind === 'audio') bytes.sendAudio += delta(entry, 'bytesSent');
        else bytes.sendVideo += delta(entry, 'bytesSent');
        if (typeof entry.codecId === 'string') codecIds.add(entry.codecId);
      } else if (entry.type === 'remote-inbound-rtp' && kind) {
        // What the SFU says it lost of this browser's stream, from its last receiver report.
        const fraction = num(entry.fractionLost);
        if (fraction !== undefined) outboundLoss[kind] = Math.max(outboundLoss[kind] ?? 0, fraction * 100);
        const rtt = num(entry.roundTripTime);
        if (rtt !== undefined) remoteRoundTrips.push(rtt * 1000);
      }
    }
    for (const entry of recv) {
      const kind = kindOf(entry);
      if (entry.type !== 'inbound-rtp' || !kind) continue;
      if (kind === 'audio') bytes.receiveAudio += delta(entry, 'bytesReceived');
      else bytes.receiveVideo += delta(entry, 'bytesReceived');
      inbound[kind].received += delta(entry, 'packetsReceived');
      inbound[kind].lost += delta(entry, 'packetsLost');
      const j = num(entry.jitter);
      if (j !== undefined) jitter[kind] = Math.max(jitter[kind] ?? 0, j * 1000);
      if (typeof entry.codecId === 'string') codecIds.add(entry.codecId);
      if (kind === 'video') {
        const frozen = this.frozenFor(entry, sample);
        if (frozen !== undefined) frozenMs = Math.max(frozenMs ?? 0, frozen);
      }
    }
    for (const entry of [...send, ...recv]) {
      if (entry.type !== 'candidate-pair' || entry.state !== 'succeeded' || entry.nominated !== true) continue;
      const rtt = num(entry.currentRoundTripTime);
      if (rtt !== undefined) roundTrips.push(rtt * 1000);
    }
    for (const id of [...this.frames.keys()]) if (!recv.some((e) => e.id === id)) this.frames.delete(id);

    const previousAt = this.previousAt;
    this.previousAt = sample.at;
    this.counters = counters;
    if (previousAt === null || sample.at - previousAt < 200) return null;
    const intervalMs = Math.min(60_000, Math.round(sample.at - previousAt));

    const kbps = (b: number) => Math.min(100_000, round1((b * 8) / intervalMs));
    const lossPercent: QualityReport['lossPercent'] = {};
    for (const kind of ['audio', 'video'] as const) {
      const { received, lost } = inbound[kind];
      if (received + lost > 0) lossPercent[kind === 'audio' ? 'audioIn' : 'videoIn'] = clampPercent((lost / (received + lost)) * 100);
      const out = outboundLoss[kind];
      if (out !== undefined) lossPercent[kind === 'audio' ? 'audioOut' : 'videoOut'] = clampPercent(out);
    }
    const rtts = roundTrips.length > 0 ? roundTrips : remoteRoundTrips;
    const jitterMs = jitter.audio ?? jitter.video;
    const codecs = [
      ...new Set([...send, ...recv].filter((e) => e.type === 'codec' && codecIds.has(e.id)).map((e) => label(String(e.mimeType ?? '').split('/')[1]))),
    ]
      .filter((c): c is string => c !== undefined)
      .slice(0, 8);
    const transport = [...send, ...recv].find((e) => e.type === 'transport' && e.dtlsState === 'connected');
    const encryption: QualityReport['encryption'] = {};
    const dtlsCipher = label(transport?.dtlsCipher);
    const srtpCipher = label(transport?.srtpCipher);
    if (dtlsCipher) encryption.dtlsCipher = dtlsCipher;
    if (srtpCipher) encryption.srtpCipher = srtpCipher;

    return {
      intervalMs,
      bitrateKbps: {
        sendAudio: kbps(bytes.sendAudio),
        sendVideo: kbps(bytes.sendVideo),
        receiveAudio: kbps(bytes.receiveAudio),
        receiveVideo: kbps(bytes.receiveVideo),
      },
      lossPercent,
      ...(rtts.length > 0 ? { roundTripMs: Math.min(60_000, Math.round(Math.max(...rtts))) } : {}),
      ...(jitterMs !== undefined ? { jitterMs: Math.min(60_000, round1(jitterMs)) } : {}),
      ...(frozenMs !== undefined ? { videoFrozenMs: Math.round(frozenMs) } : {}),
      codecs,
      encryption,
      endpoint,
    };
  }

  /** How long an incoming video that should be moving has decoded no new frame; undefined if it need not move. */
  private frozenFor(entry: StatsEntry, sample: StatsSample): number | undefined {
    const decoded = num(entry.framesDecoded) ?? 0;
    const seen = this.frames.get(entry.id);
    const expected = typeof entry.trackIdentifier === 'string' && sample.expectedVideo.has(entry.trackIdentifier);
    if (!seen || !expected || !seen.expected || decoded > seen.decoded) {
      // A paused video is still, not frozen: the clock starts again when it should move.
      this.frames.set(entry.id, { decoded, since: sample.at, expected });
      return expected ? 0 : undefined;
    }
    return sample.at - seen.since;
  }
}

/** What `navigator.userAgentData` offers, where the browser has it. */
export interface UserAgentData {
  brands?: { brand: string; version: string }[];
  platform?: string;
}

const UA_BROWSERS: [string, RegExp][] = [
  ['Microsoft Edge', /Edg\/(\d+)/],
  ['Firefox', /Firefox\/(\d+)/],
  ['Chrome', /Chrom(?:e|ium)\/(\d+)/],
  ['Safari', /Version\/(\d+)[^ ]* .*Safari/],
];

/**
 * The browser's name and major version and the system's family, nothing finer: enough for the
 * minutes to say what the person used, too little to single out their device.
 */
export function endpointFrom(userAgent: string, data?: UserAgentData): QualityReport['endpoint'] {
  const brands = (data?.brands ?? []).filter((b) => !/not.?a.?brand/i.test(b.brand));
  const preferred = ['Microsoft Edge', 'Google Chrome', 'Opera', 'Chromium'];
  const brand = preferred.map((name) => brands.find((b) => b.brand === name)).find(Boolean) ?? brands[0];
  let browser = brand ? `${brand.brand} ${brand.version.split('.')[0]}` : undefined;
  if (!browser) {
    // Order matters: Edge's string also names Chrome and Safari; Chrome's also names Safari.
    for (const [name, pattern] of UA_BROWSERS) {
      const major = pattern.exec(userAgent)?.[1];
      if (major) {
        browser = `${name === 'Chrome' && /Chromium\//.test(userAgent) ? 'Chromium' : name} ${major}`;
        break;
      }
    }
  }
  const platform = data?.platform || userAgent;
  const os = /Android/i.test(platform)
    ? 'Android'
    : /iPhone|iPad|iOS/i.test(platform)
      ? 'iOS'
      : /CrOS|Chrome OS/i.test(platform)
        ? 'ChromeOS'
        : /Win/i.test(platform)
          ? 'Windows'
          : /Mac/i.test(platform)
            ? 'macOS'
            : /Linux|X11/i.test(platform)
              ? 'Linux'
              : undefined;
  const endpoint: QualityReport['endpoint'] = {};
  const safeBrowser = label(browser);
  if (safeBrowser) endpoint.browser = safeBrowser;
  if (os) endpoint.os = os;
  return endpoint;
}

/** What the reporter reads: `MediaSession.transportStats()`. */
export interface StatsSource {
  transportStats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null; expectedVideo: ReadonlySet<string> }>;
}

/** Reads the statistics every two seconds and sends a report, until stopped. */
export class QualityReporter {
  private readonly summariser = new QualitySummariser();
  private readonly endpoint: QualityReport['endpoint'];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(
    private readonly source: StatsSource,
    private readonly send: (report: QualityReport) => Promise<unknown>,
    private readonly intervalMs = REPORT_INTERVAL_MS,
  ) {
    this.endpoint = endpointFrom(navigator.userAgent, (navigator as Navigator & { userAgentData?: UserAgentData }).userAgentData);
  }

  start(): void {
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const { send, recv, expectedVideo } = await this.source.transportStats();
      const entries = (report: RTCStatsReport | null): StatsEntry[] => (report ? [...(report.values() as IterableIterator<StatsEntry>)] : []);
      const report = this.summariser.next({ at: performance.now(), send: entries(send), recv: entries(recv), expectedVideo }, this.endpoint);
      if (report && !this.stopped) await this.send(report);
    } catch {
      // A transport closing under the reading, or the server busy: the next report covers the gap.
    }
    if (!this.stopped) this.timer = setTimeout(() => void this.tick(), this.intervalMs);
  }
}
