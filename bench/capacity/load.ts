/**
 * bench/capacity's senders, in a process of their own so that their CPU is not the server's: per
 * participant one UDP socket to their sending PlainTransport, replaying the Opus and VP8 packets
 * ffmpeg made once (media.ts) under the participant's own SSRCs, sequence numbers and timestamps, at
 * the pace of their RTP timestamps, each participant from a random point of the loop (so keyframes
 * do not come together), protected with SRTP as a browser's are.
 *
 * Driven by its parent over IPC: `go` (start sending), `reset` (open a measurement window), `report`
 * (what was sent in it), `stop`. It stops by itself if its parent goes away, and after LIFETIME_MS.
 */
import { createSocket, type Socket } from 'node:dgram';
import { loadRtp, type Kind, type Recorded } from './media.js';
import { SrtpSession } from './srtp.js';

export interface SenderPlan {
  /** The sending PlainTransport's port (comedia: it learns ours from the first packet). */
  port: number;
  keyBase64: string;
  streams: { kind: Kind; ssrc: number }[];
}

export interface LoadPlan {
  files: Record<Kind, string>;
  senders: SenderPlan[];
}

export interface SentReport {
  seconds: number;
  packets: number;
  /** RTP bytes (headers included, SRTP tag not), as mediasoup counts them. */
  bytes: number;
  /** The latest a packet left after its due time, ms: whether the senders kept up. */
  maxLateMs: number;
}

export type ToLoad = { type: 'go'; plan: LoadPlan } | { type: 'reset' } | { type: 'report' } | { type: 'stop' };
export type FromLoad = { type: 'ready' } | { type: 'going' } | { type: 'reset' } | { type: 'report'; report: SentReport };

const TICK_MS = 2;
/** Senders left behind stop by themselves. */
const LIFETIME_MS = 15 * 60_000;

interface Outgoing {
  socket: Socket;
  srtp: SrtpSession;
  media: Recorded;
  ssrc: number;
  seqBase: number;
  tsBase: number;
  startAt: number;
  loop: number;
  next: number;
}

const sockets: Socket[] = [];
let timer: NodeJS.Timeout | undefined;
let counts = { at: performance.now(), packets: 0, bytes: 0, maxLate: 0 };

function send(message: FromLoad): void {
  process.send!(message);
}

function stop(): void {
  clearInterval(timer);
  for (const socket of sockets) socket.close();
  process.exit(0);
}

function startSending(plan: LoadPlan): void {
  const media = { audio: loadRtp(plan.files.audio, 'audio'), video: loadRtp(plan.files.video, 'video') };
  const streams: Outgoing[] = [];
  const now = performance.now();
  for (const sender of plan.senders) {
    const socket = createSocket('udp4');
    socket.connect(sender.port, '127.0.0.1');
    // mediasoup's RTCP (receiver reports, keyframe requests) comes back here; a replay cannot act on it.
    socket.on('message', () => undefined);
    sockets.push(socket);
    const srtp = new SrtpSession(sender.keyBase64);
    for (const { kind, ssrc } of sender.streams) {
      const recorded = media[kind];
      const start = Math.floor(Math.random() * recorded.packets.length);
      streams.push({
        socket,
        srtp,
        media: recorded,
        ssrc,
        // Low enough that the first packet's rollover counter is 0, as the receiver assumes.
        seqBase: Math.floor(Math.random() * 20_000),
        tsBase: Math.floor(Math.random() * 0x7fffffff),
        startAt: now - recorded.offsetsMs[start]!,
        loop: 0,
        next: start,
      });
    }
  }
  const tick = () => {
    const at = performance.now();
    for (const stream of streams) {
      const recorded = stream.media;
      const firstTs = recorded.packets[0]!.readUInt32BE(4);
      for (;;) {
        const due = stream.startAt + stream.loop * recorded.loopMs + recorded.offsetsMs[stream.next]!;
        if (due > at) break;
        const original = recorded.packets[stream.next]!;
        const packet = Buffer.from(original);
        const sequence = stream.seqBase + stream.loop * recorded.loopSeq + stream.next;
        packet.writeUInt16BE(sequence & 0xffff, 2);
        packet.writeUInt32BE((stream.tsBase + stream.loop * recorded.loopTs + ((original.readUInt32BE(4) - firstTs) >>> 0)) % 0x1_0000_0000, 4);
        packet.writeUInt32BE(stream.ssrc, 8);
        stream.socket.send(stream.srtp.protectRtp(packet, Math.floor(sequence / 0x10000)));
        counts.packets++;
        counts.bytes += packet.length;
        counts.maxLate = Math.max(counts.maxLate, at - due);
        stream.next++;
        if (stream.next === recorded.packets.length) {
          stream.next = 0;
          stream.loop++;
        }
      }
    }
  };
  timer = setInterval(tick, TICK_MS);
}

process.on('message', (message: ToLoad) => {
  if (message.type === 'go') {
    startSending(message.plan);
    send({ type: 'going' });
  } else if (message.type === 'reset') {
    counts = { at: performance.now(), packets: 0, bytes: 0, maxLate: 0 };
    send({ type: 'reset' });
  } else if (message.type === 'report') {
    send({
      type: 'report',
      report: { seconds: (performance.now() - counts.at) / 1000, packets: counts.packets, bytes: counts.bytes, maxLateMs: counts.maxLate },
    });
  } else {
    stop();
  }
});
process.on('disconnect', stop);
setTimeout(stop, LIFETIME_MS).unref();
send({ type: 'ready' });
