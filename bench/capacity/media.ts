/**
 * The media bench/capacity sends: one VP8 and one Opus stream encoded by ffmpeg ONCE, before any
 * measurement, and caught as RTP packets. The load generator then replays them for every participant
 * (its own SSRC, sequence numbers and timestamps, looping seamlessly), so no encoder runs while the
 * worker is measured.
 */
import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { readFileSync, writeFileSync } from 'node:fs';

export type Kind = 'audio' | 'video';

/** Payload types as the producers declare them (as test/support/rtp-producer.ts does). */
export const PAYLOAD_TYPE: Record<Kind, number> = { audio: 100, video: 101 };
const CLOCK_RATE: Record<Kind, number> = { audio: 48000, video: 90000 };
export const LOOP_SECONDS = 10;
export const VIDEO = { size: '640x360', fps: 25, kbps: 500, keyframeEverySeconds: 2 } as const;
export const AUDIO = { kbps: 32, frameMs: 20 } as const;

const ENCODER: Record<Kind, string[]> = {
  video: [
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${VIDEO.size}:rate=${VIDEO.fps}`,
    '-t',
    String(LOOP_SECONDS),
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-cpu-used',
    '8',
    '-b:v',
    `${VIDEO.kbps}k`,
    '-minrate',
    `${VIDEO.kbps}k`,
    '-maxrate',
    `${VIDEO.kbps}k`,
    '-bufsize',
    `${VIDEO.kbps}k`,
    '-g',
    String(VIDEO.fps * VIDEO.keyframeEverySeconds),
    '-keyint_min',
    String(VIDEO.fps * VIDEO.keyframeEverySeconds),
    '-an',
  ],
  audio: [
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=220:sample_rate=48000',
    '-t',
    String(LOOP_SECONDS),
    '-c:a',
    'libopus',
    '-application',
    'voip',
    '-ac',
    '1',
    '-b:a',
    `${AUDIO.kbps}k`,
    '-vbr',
    'off',
    '-frame_duration',
    String(AUDIO.frameMs),
    '-vn',
  ],
};

/** One captured stream, ready to replay in a loop. */
export interface Recorded {
  kind: Kind;
  packets: Buffer[];
  /** When each packet is due, in ms from the loop's start (from its RTP timestamp). */
  offsetsMs: number[];
  /** The loop's length in ms, in RTP timestamp units, and in packets (sequence numbers). */
  loopMs: number;
  loopTs: number;
  loopSeq: number;
  /** What one sender of it sends, RTP bytes (headers included, SRTP tag not) per second. */
  bytesPerSecond: number;
}

/** Encodes LOOP_SECONDS of `kind` with ffmpeg as fast as it can and catches its RTP packets on a loopback socket. */
export async function captureRtp(kind: Kind): Promise<Buffer[]> {
  const socket = createSocket({ type: 'udp4', recvBufferSize: 4 * 1024 * 1024 });
  const packets: Buffer[] = [];
  socket.on('message', (message) => {
    // RTCP (sender reports) comes to the same port: keep only RTP of our payload type.
    if ((message[1]! & 0x7f) === PAYLOAD_TYPE[kind] && !(message[1]! >= 192 && message[1]! <= 223)) packets.push(message);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  try {
    const ffmpeg = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-loglevel',
        'error',
        ...ENCODER[kind],
        '-f',
        'rtp',
        '-payload_type',
        String(PAYLOAD_TYPE[kind]),
        '-ssrc',
        '1',
        `rtp://127.0.0.1:${port}?rtcpport=${port}&pkt_size=1200`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let errors = '';
    ffmpeg.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    const killer = setTimeout(() => ffmpeg.kill('SIGKILL'), 60_000);
    const code = await new Promise<number | null>((resolve) => ffmpeg.once('exit', resolve));
    clearTimeout(killer);
    if (code !== 0) throw new Error(`ffmpeg (${kind}) exited with ${code}: ${errors.trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  } finally {
    socket.close();
  }
  for (let i = 1; i < packets.length; i++) {
    if (((packets[i - 1]!.readUInt16BE(2) + 1) & 0xffff) !== packets[i]!.readUInt16BE(2)) throw new Error(`the ${kind} capture lost packets`);
  }
  if (packets.length < 100) throw new Error(`the ${kind} capture holds only ${packets.length} packets`);
  return packets;
}

export function saveRtp(path: string, packets: Buffer[]): void {
  const parts: Buffer[] = [];
  for (const packet of packets) {
    const length = Buffer.allocUnsafe(2);
    length.writeUInt16BE(packet.length);
    parts.push(length, packet);
  }
  writeFileSync(path, Buffer.concat(parts));
}

export function loadRtp(path: string, kind: Kind): Recorded {
  const data = readFileSync(path);
  const packets: Buffer[] = [];
  for (let at = 0; at < data.length; ) {
    const length = data.readUInt16BE(at);
    packets.push(data.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return describe(kind, packets);
}

/** Schedules a capture for replay: due times from RTP timestamps, and the loop's length. */
export function describe(kind: Kind, packets: Buffer[]): Recorded {
  const first = packets[0]!.readUInt32BE(4);
  const ticks = packets.map((p) => (p.readUInt32BE(4) - first) >>> 0);
  let step = Number.POSITIVE_INFINITY;
  for (let i = 1; i < ticks.length; i++) if (ticks[i]! > ticks[i - 1]!) step = Math.min(step, ticks[i]! - ticks[i - 1]!);
  const loopTs = ticks.at(-1)! + step;
  const loopMs = (loopTs / CLOCK_RATE[kind]) * 1000;
  const bytes = packets.reduce((sum, p) => sum + p.length, 0);
  return {
    kind,
    packets,
    offsetsMs: ticks.map((t) => (t / CLOCK_RATE[kind]) * 1000),
    loopMs,
    loopTs,
    loopSeq: packets.length,
    bytesPerSecond: bytes / (loopMs / 1000),
  };
}
