/**
 * bench/capacity — how many hearings one mediasoup worker (one core) carries.
 *
 * One real mediasoup worker (the SFU's own, started by test/support/sfu.ts, each hearing on the
 * production router `Sfu.hearing` creates) carries N hearings of 5 participants (judge, officer,
 * witness, counsel, interpreter). Each participant sends one Opus stream (32 kbit/s, 20-ms frames)
 * and one VP8 stream (640×360, 25 fps, 500 kbit/s, one layer: no simulcast) over SRTP to a
 * PlainTransport of their own, and receives the other four's audio and video through consumers on a
 * second PlainTransport with SRTP. The media is real ffmpeg output, encoded once before anything is
 * measured and replayed by senders in a process of their own (load.ts), so no encoder's CPU is in
 * the figures. The receiving side is a second mediasoup worker standing in for the browsers: it
 * decrypts every packet, counts packets, bytes and losses per stream (its producers' stats) and sends
 * the measured worker receiver reports, as a browser does, so the measured worker's consumer stats
 * (packetsLost, score) are the receivers' own. No browser runs. With two cores the measured worker
 * has core 1 to itself; the senders, the receiving worker and this process share core 0.
 *
 * Steps of N = 1, 2, 4, 8, then 12, 16, 20, 24, 32, … hearings, each measured SECONDS after a few
 * seconds' warm-up, while the worker stays under 70 % of a core and the next step is foreseen under
 * 80 % of it, and the other core under 85 % (the load's part grows with N; what other processes on
 * the machine take is counted as it is); then the same with audio-only hearings. A step where the
 * receivers lost more than 0.1 % ends its ladder and is left out of the fit: beyond it this machine
 * no longer measures the worker alone. The worker's CPU is read from /proc/<pid>/stat (utime +
 * stime). The summary fits the worker's CPU against N by least squares and says how many hearings
 * one worker carries at 70 % of a core.
 *
 * Usage: ./hearing-room bench capacity [maxHearings=64] [seconds=20]
 */
import { execFile, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createWorker, type types } from 'mediasoup';
import type { Sfu } from '../../sfu/index.js';
import { MEDIA_CODECS } from '../../sfu/media-config.js';
import { startSfu } from '../../test/support/sfu.js';
import type { FromLoad, LoadPlan, SenderPlan, SentReport, ToLoad } from './load.js';
import { AUDIO, captureRtp, describe, type Kind, LOOP_SECONDS, PAYLOAD_TYPE, type Recorded, saveRtp, VIDEO } from './media.js';
import { newSrtpKey } from './srtp.js';

const MAX_HEARINGS = Math.min(80, Number(process.argv[2] ?? 64));
const SECONDS = Number(process.argv[3] ?? 20);
const WARMUP_SECONDS = 4;
const LADDER = [1, 2, 4, 8, 12, 16, 20, 24, 32, 40, 48, 64, 80];
const ROLES = ['judge', 'officer', 'witness', 'counsel', 'interpreter'] as const;
const TARGET = 70;
const CLOCK_TICKS = 100; // USER_HZ on Linux
const CRYPTO_SUITE: types.SrtpCryptoSuite = 'AES_CM_128_HMAC_SHA1_80';
const run = promisify(execFile);

const CODECS: Record<Kind, types.RtpCodecParameters> = {
  audio: { mimeType: 'audio/opus', payloadType: PAYLOAD_TYPE.audio, clockRate: 48000, channels: 2 },
  video: { mimeType: 'video/VP8', payloadType: PAYLOAD_TYPE.video, clockRate: 90000 },
};

type Pass = 'video' | 'audio-only';

interface Received {
  packets: number;
  bytes: number;
  lost: number;
  /** Receiving streams that got at least one packet in the window, of all. */
  flowing: number;
  streams: number;
}

interface Row {
  pass: Pass;
  hearings: number;
  producers: number;
  consumers: number;
  worker: { user: number; system: number };
  nodePct: number;
  sendersPct: number;
  receiversPct: number;
  machinePct: number;
  seconds: number;
  sent: SentReport;
  received: Received;
  /** From the measured worker: what the receivers' reports say they lost, the lowest consumer score, what it lost coming in. */
  consumerLost: number;
  minConsumerScore: number;
  producerLost: number;
}

const workerPct = (row: Row) => row.worker.user + row.worker.system;
const CORES = availableParallelism();
/** CPU (% of one core) taken meanwhile by processes that are not this benchmark's. */
const othersPct = (row: Row) => Math.max(0, row.machinePct * CORES - workerPct(row) - row.nodePct - row.sendersPct - row.receiversPct);
/** The receivers lost more than 0.1 %: the step is beyond what this machine measures faithfully. */
const overloaded = (row: Row) => row.received.lost > 0.001 * (row.received.packets + row.received.lost) || row.received.flowing < row.received.streams;

/** CPU seconds (user, system) a process has used, from /proc/<pid>/stat; 0 once it is gone. */
function cpuTimes(pid: number): { user: number; system: number } {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: fields are counted after its closing parenthesis.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS };
  } catch {
    return { user: 0, system: 0 };
  }
}

function cpuSeconds(pid: number): number {
  const { user, system } = cpuTimes(pid);
  return user + system;
}

/** The machine's busy and total jiffies over all cores, from /proc/stat. */
function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** Pins a process (every thread) to one core; false where taskset is missing or refused. */
async function pin(pid: number, core: number): Promise<boolean> {
  try {
    await run('taskset', ['-a', '-p', '-c', String(core), String(pid)]);
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The senders' next message of `type`; fails if they exit first or take longer than `timeoutMs`. */
function expect<T extends FromLoad['type']>(child: ChildProcess, type: T, timeoutMs = 30_000): Promise<Extract<FromLoad, { type: T }>> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: FromLoad) => {
      if (message.type !== type) return;
      done();
      resolve(message as Extract<FromLoad, { type: T }>);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`the senders exited (${code}) while waiting for '${type}'`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`the senders did not answer '${type}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

function tell(child: ChildProcess, message: ToLoad): void {
  child.send(message);
}

/** What a receiving browser can take, without transport-wide congestion control: nothing here would answer it. */
function receiverCapabilities(router: types.Router): types.RtpCapabilities {
  const caps = router.rtpCapabilities;
  return { codecs: caps.codecs ?? [], headerExtensions: (caps.headerExtensions ?? []).filter((e) => !e.uri.includes('transport-wide-cc')) };
}

interface Hearing {
  id: string;
  producers: types.Producer[];
  consumers: types.Consumer[];
  /** The receiving side: a router on the receivers' worker, one producer there per consumer here. */
  receiverRouter: types.Router;
  received: types.Producer[];
}

function plainTransport(router: types.Router, comedia: boolean, appData: Record<string, unknown>): Promise<types.PlainTransport> {
  return router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia, enableSrtp: true, srtpCryptoSuite: CRYPTO_SUITE, appData });
}

/**
 * One hearing: 5 participants, each with a sending PlainTransport and its producers, and a
 * receiving PlainTransport with a consumer of each of the other four's producers, whose far end is a
 * PlainTransport on the receivers' worker with a producer per consumer (SRTP both ways).
 */
async function buildHearing(
  sfu: Sfu,
  receiverWorker: types.Worker,
  id: string,
  kinds: Kind[],
  firstSsrc: number,
): Promise<{ hearing: Hearing; senders: SenderPlan[] }> {
  const media = await sfu.hearing(id);
  const router = media.router;
  const receiverRouter = await receiverWorker.createRouter({ mediaCodecs: MEDIA_CODECS });
  const hearing: Hearing = { id, producers: [], consumers: [], receiverRouter, received: [] };
  const senders: SenderPlan[] = [];
  const produced: { participant: number; producer: types.Producer }[] = [];
  for (const [p, role] of ROLES.entries()) {
    const transport = await plainTransport(router, true, { participantId: role, direction: 'send' });
    const keyBase64 = newSrtpKey();
    await transport.connect({ srtpParameters: { cryptoSuite: CRYPTO_SUITE, keyBase64 } });
    const streams = kinds.map((kind, k) => ({ kind, ssrc: firstSsrc + p * 2 + k }));
    for (const { kind, ssrc } of streams) {
      const producer = await transport.produce({
        kind,
        rtpParameters: { codecs: [CODECS[kind]], encodings: [{ ssrc }] },
        appData: { participantId: role, source: kind === 'audio' ? 'microphone' : 'camera' },
      });
      hearing.producers.push(producer);
      produced.push({ participant: p, producer });
    }
    senders.push({ port: transport.tuple.localPort, keyBase64, streams });
  }
  const capabilities = receiverCapabilities(router);
  for (const [p, role] of ROLES.entries()) {
    const transport = await plainTransport(router, false, { participantId: role, direction: 'recv' });
    const browser = await plainTransport(receiverRouter, false, { participantId: role });
    await transport.connect({ ip: '127.0.0.1', port: browser.tuple.localPort, srtpParameters: browser.srtpParameters! });
    await browser.connect({ ip: '127.0.0.1', port: transport.tuple.localPort, srtpParameters: transport.srtpParameters! });
    for (const { participant, producer } of produced) {
      if (participant === p) continue;
      const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: capabilities, paused: false });
      hearing.consumers.push(consumer);
      hearing.received.push(await browser.produce({ kind: consumer.kind, rtpParameters: consumer.rtpParameters }));
    }
  }
  return { hearing, senders };
}

/** What the receivers have received so far, per stream, from their producers' stats. */
async function receivedSoFar(hearings: Hearing[]): Promise<Map<string, { packets: number; bytes: number; lost: number }>> {
  const totals = new Map<string, { packets: number; bytes: number; lost: number }>();
  for (const hearing of hearings) {
    const stats = await Promise.all(hearing.received.map((p) => p.getStats()));
    hearing.received.forEach((producer, i) => {
      const total = { packets: 0, bytes: 0, lost: 0 };
      for (const stat of stats[i]!) {
        total.packets += stat.packetCount;
        total.bytes += stat.byteCount;
        total.lost += stat.packetsLost;
      }
      totals.set(producer.id, total);
    });
  }
  return totals;
}

function receivedBetween(
  before: Map<string, { packets: number; bytes: number; lost: number }>,
  after: Map<string, { packets: number; bytes: number; lost: number }>,
): Received {
  const received: Received = { packets: 0, bytes: 0, lost: 0, flowing: 0, streams: after.size };
  for (const [id, now] of after) {
    const then = before.get(id) ?? { packets: 0, bytes: 0, lost: 0 };
    received.packets += now.packets - then.packets;
    received.bytes += now.bytes - then.bytes;
    received.lost += now.lost - then.lost;
    if (now.packets > then.packets) received.flowing++;
  }
  return received;
}

/** The measured worker's view: the receivers' reported losses, the consumers' lowest score, and what it lost coming in. */
async function measuredWorkerFigures(hearings: Hearing[]): Promise<{ consumerLost: number; minConsumerScore: number; producerLost: number }> {
  let consumerLost = 0;
  let minConsumerScore = 10;
  let producerLost = 0;
  for (const hearing of hearings) {
    for (const stats of await Promise.all(hearing.consumers.map((c) => c.getStats()))) {
      for (const stat of stats) {
        if (stat.type !== 'outbound-rtp') continue;
        consumerLost += stat.packetsLost;
        minConsumerScore = Math.min(minConsumerScore, stat.score);
      }
    }
    for (const stats of await Promise.all(hearing.producers.map((p) => p.getStats()))) for (const stat of stats) producerLost += stat.packetsLost;
  }
  return { consumerLost, minConsumerScore, producerLost };
}

interface Context {
  sfu: Sfu;
  workerPid: number;
  receiverWorker: types.Worker;
  files: Record<Kind, string>;
  pinned: boolean;
  children: Set<ChildProcess>;
}

async function step(context: Context, pass: Pass, n: number): Promise<Row> {
  const { sfu, workerPid, receiverWorker } = context;
  const kinds: Kind[] = pass === 'video' ? ['audio', 'video'] : ['audio'];
  const child = fork(new URL('./load.ts', import.meta.url).pathname, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  context.children.add(child);
  child.once('exit', () => context.children.delete(child));
  const hearings: Hearing[] = [];
  try {
    await expect(child, 'ready');
    if (context.pinned) await pin(child.pid!, 0);
    const plan: LoadPlan = { files: context.files, senders: [] };
    for (let h = 0; h < n; h++) {
      const built = await buildHearing(sfu, receiverWorker, `capacity-${pass}-${n}-${h}`, kinds, 10_000_000 + h * 100);
      hearings.push(built.hearing);
      plan.senders.push(...built.senders);
    }
    tell(child, { type: 'go', plan });
    await expect(child, 'going');
    await sleep(WARMUP_SECONDS * 1000);

    const receivedBefore = await receivedSoFar(hearings);
    tell(child, { type: 'reset' });
    await expect(child, 'reset');
    const before = {
      worker: cpuTimes(workerPid),
      senders: cpuSeconds(child.pid!),
      receivers: cpuSeconds(receiverWorker.pid),
      node: process.cpuUsage(),
      machine: machineTicks(),
      at: performance.now(),
    };
    await sleep(SECONDS * 1000);
    const seconds = (performance.now() - before.at) / 1000;
    const worker = cpuTimes(workerPid);
    const senders = cpuSeconds(child.pid!) - before.senders;
    const receivers = cpuSeconds(receiverWorker.pid) - before.receivers;
    const node = process.cpuUsage(before.node);
    const machine = machineTicks();
    tell(child, { type: 'report' });
    const { report } = await expect(child, 'report');
    const received = receivedBetween(receivedBefore, await receivedSoFar(hearings));
    const pct = (cpu: number) => (100 * cpu) / seconds;
    return {
      pass,
      hearings: n,
      producers: hearings.reduce((sum, h) => sum + h.producers.length, 0),
      consumers: hearings.reduce((sum, h) => sum + h.consumers.length, 0),
      worker: { user: pct(worker.user - before.worker.user), system: pct(worker.system - before.worker.system) },
      nodePct: pct((node.user + node.system) / 1e6),
      sendersPct: pct(senders),
      receiversPct: pct(receivers),
      machinePct: (100 * (machine.busy - before.machine.busy)) / (machine.total - before.machine.total),
      seconds,
      sent: report,
      received,
      ...(await measuredWorkerFigures(hearings)),
    };
  } finally {
    if (child.exitCode === null && child.connected) tell(child, { type: 'stop' });
    await Promise.race([new Promise((resolve) => child.once('exit', resolve)), sleep(3000)]);
    if (child.exitCode === null) child.kill('SIGKILL');
    for (const hearing of hearings) {
      sfu.closeHearing(hearing.id);
      hearing.receiverRouter.close();
    }
    await sleep(1000);
  }
}

const COLUMNS: [string, number][] = [
  ['pass', 10],
  ['hearings', 8],
  ['producers', 9],
  ['consumers', 9],
  ['worker % core (user+sys)', 24],
  ['node %', 6],
  ['senders %', 9],
  ['receivers %', 11],
  [`machine % (${CORES} cores)`, 19],
  ['others %', 8],
  ['sent Mbit/s', 11],
  ['forwarded Mbit/s', 16],
  ['forwarded pkt/s', 15],
  ['lost at receivers', 17],
  ['consumers: lost, min score', 26],
  ['lost in', 7],
];

function formatRow(r: Row): string {
  const mbps = (bytes: number, seconds: number) => ((bytes * 8) / 1e6 / seconds).toFixed(2);
  const silent = r.received.flowing === r.received.streams ? '' : ` (${r.received.streams - r.received.flowing} silent)`;
  const cells = [
    r.pass,
    String(r.hearings),
    String(r.producers),
    String(r.consumers),
    `${workerPct(r).toFixed(1)} (${r.worker.user.toFixed(1)}+${r.worker.system.toFixed(1)})`,
    r.nodePct.toFixed(1),
    r.sendersPct.toFixed(1),
    r.receiversPct.toFixed(1),
    r.machinePct.toFixed(1),
    othersPct(r).toFixed(1),
    mbps(r.sent.bytes, r.sent.seconds),
    mbps(r.received.bytes, r.seconds),
    (r.received.packets / r.seconds).toFixed(0),
    `${r.received.lost} of ${r.received.packets + r.received.lost}${silent}`,
    `${r.consumerLost}, ${r.minConsumerScore}`,
    String(r.producerLost),
  ];
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(COLUMNS[i]![1]) : cell.padStart(COLUMNS[i]![1]))).join(' | ');
}

/** Least-squares line through (hearings, worker %). */
function fit(rows: Row[]): { slope: number; intercept: number } {
  const n = rows.length;
  const mx = rows.reduce((s, r) => s + r.hearings, 0) / n;
  const my = rows.reduce((s, r) => s + workerPct(r), 0) / n;
  const sxx = rows.reduce((s, r) => s + (r.hearings - mx) ** 2, 0);
  const sxy = rows.reduce((s, r) => s + (r.hearings - mx) * (workerPct(r) - my), 0);
  const slope = sxx > 0 ? sxy / sxx : my / mx;
  return { slope, intercept: sxx > 0 ? my - slope * mx : 0 };
}

function summary(all: Row[], what: string): void {
  const rows = all.filter((r) => !overloaded(r));
  if (rows.length === 0) {
    console.log(`${what}: every step lost packets at the receivers; no figure`);
    return;
  }
  const { slope, intercept } = fit(rows);
  const largest = rows.at(-1)!.hearings;
  const larger = rows.filter((r) => r.hearings >= Math.min(largest, Math.max(4, largest / 4)));
  const perHearing = larger.reduce((s, r) => s + workerPct(r) / r.hearings, 0) / larger.length;
  const atTarget = (TARGET - intercept) / slope;
  console.log(
    `${what}: worker CPU ≈ ${intercept.toFixed(1)} + ${slope.toFixed(2)} × N % of a core (least squares over N = ${rows.map((r) => r.hearings).join(', ')}); ` +
      `per hearing at N ≥ ${larger[0]!.hearings}: ${perHearing.toFixed(2)} %`,
  );
  const extrapolated = atTarget > largest * 1.05 ? ` (extrapolated beyond the ${largest} measured)` : '';
  console.log(`one worker (core) ≈ ${Math.floor(atTarget)} ${what} at ${TARGET} % of a core${extrapolated}`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const dir = await mkdtemp(join(tmpdir(), 'hearing-room-bench-capacity-'));
  const children = new Set<ChildProcess>();
  let sfu: Sfu | undefined;
  let receiverWorker: types.Worker | undefined;
  const cleanUp = () => {
    for (const child of children) child.kill('SIGKILL');
    sfu?.close();
    receiverWorker?.close();
  };
  const onSignal = (signal: NodeJS.Signals) => {
    cleanUp();
    void rm(dir, { recursive: true, force: true }).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    // The media, encoded once by ffmpeg before anything is measured.
    const files = { audio: join(dir, 'audio.rtp'), video: join(dir, 'video.rtp') };
    const recorded = {} as Record<Kind, Recorded>;
    for (const kind of ['audio', 'video'] as const) {
      const packets = await captureRtp(kind);
      saveRtp(files[kind], packets);
      recorded[kind] = describe(kind, packets);
    }

    sfu = await startSfu(1);
    const workerPid = sfu.stats().workers[0]!.pid;
    // The receiving side's worker, on ports apart from the measured worker's (40100-40999).
    receiverWorker = await createWorker({ logLevel: 'error', rtcMinPort: 41000, rtcMaxPort: 49999 });
    const pinned = CORES >= 2 && (await pin(workerPid, 1)) && (await pin(receiverWorker.pid, 0)) && (await pin(process.pid, 0));
    const context: Context = { sfu, workerPid, receiverWorker, files, pinned, children };

    const kbps = (kind: Kind) => ((recorded[kind].bytesPerSecond * 8) / 1000).toFixed(1);
    const pps = (kind: Kind) => (recorded[kind].packets.length / (recorded[kind].loopMs / 1000)).toFixed(1);
    console.log(
      `\nbench/capacity — hearings of 5 on ONE mediasoup worker (pid ${workerPid}), loopback, PlainTransports with SRTP (${CRYPTO_SUITE}), no browsers`,
    );
    console.log(
      `each participant sends Opus ${AUDIO.kbps} kbit/s (${kbps('audio')} kbit/s RTP, ${pps('audio')} pkt/s) and VP8 ${VIDEO.size} ${VIDEO.fps} fps ${VIDEO.kbps} kbit/s, ` +
        `one layer, a keyframe every ${VIDEO.keyframeEverySeconds} s (${kbps('video')} kbit/s RTP, ${pps('video')} pkt/s),`,
    );
    console.log(
      `replayed from a ${LOOP_SECONDS}-s ffmpeg encoding made once, and receives the other 4's audio and video; ${WARMUP_SECONDS} s warm-up, ${SECONDS} s measured per step; ` +
        (pinned ? 'measured worker pinned to core 1, everything else to core 0' : 'processes not pinned'),
    );
    console.log(
      'CPU in % of one core: worker = the measured mediasoup worker; node = this process (mediasoup API); senders = the replaying process; ' +
        'receivers = the mediasoup worker standing in for the browsers; machine = all cores busy; others = CPU taken by processes not of this benchmark. Sent and forwarded: RTP bytes, SRTP tag not counted.',
    );
    console.log(`\n${COLUMNS.map(([name, width], i) => (i === 0 ? name.padEnd(width) : name.padStart(width))).join(' | ')}`);

    const rows: Row[] = [];
    for (const pass of ['video', 'audio-only'] as const) {
      for (let i = 0; i < LADDER.length && LADDER[i]! <= MAX_HEARINGS; i++) {
        const n = LADDER[i]!;
        const row = await step(context, pass, n);
        rows.push(row);
        console.log(formatRow(row) + (overloaded(row) ? '  ← receivers lost packets: left out of the fit' : ''));
        const next = LADDER[i + 1];
        if (next === undefined) break;
        // Stop before the worker's core or the other one (the load's, and whatever else runs here) saturates.
        const foreseen = (workerPct(row) * next) / n;
        const restForeseen = ((row.sendersPct + row.receiversPct + row.nodePct) * next) / n + othersPct(row);
        if (overloaded(row) || workerPct(row) >= TARGET || foreseen > 80 || restForeseen > Math.max(1, CORES - 1) * 85) break;
      }
    }

    console.log('');
    summary(
      rows.filter((r) => r.pass === 'video'),
      'hearings of 5 people with video',
    );
    summary(
      rows.filter((r) => r.pass === 'audio-only'),
      'audio-only hearings of 5 people',
    );
    console.log(`(whole run ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    cleanUp();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
