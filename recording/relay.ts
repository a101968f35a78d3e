/**
 * The recorder's timing, read on the way: the SFU sends a recorded stream to this relay on loopback,
 * and the relay passes every packet on unchanged to ffmpeg. On the way it notes what a player needs to
 * put the tracks in sync, which ffmpeg reads but never writes down:
 *
 * - the RTP timestamp of the first packet ffmpeg is given (its file time 0: ffmpeg times a single RTP
 *   stream from its first packet) and when, on the server's clock, that packet arrived;
 * - every RTCP sender report: mediasoup stamps each with its own NTP time — the server's monotonic
 *   clock, one clock for every worker on the machine — and the RTP timestamp that belongs to it.
 *
 * A video stream is passed on only from the first packet of a keyframe, because ffmpeg cannot read
 * it from anywhere else and would silently take a later packet as its time 0.
 *
 * ffmpeg gives up an RTP input after about 20 s without a packet ("Connection timed out"), and a
 * paused stream sends none: an interpreter's floor microphone while she interprets, a witness who
 * mutes herself. So while nothing else reaches ffmpeg, the relay sends it an empty RTCP receiver
 * report every KEEPALIVE_MS, which it reads and ignores: a pause stays a pause, not a recorder that
 * exited.
 */
import { createSocket, type Socket } from 'node:dgram';

export interface SenderReport {
  rtpTimestamp: number;
  /** mediasoup's NTP time, in milliseconds of the server's monotonic clock. */
  ntpMs: number;
  /** When it reached the relay, in milliseconds since the epoch on the server's clock. */
  receivedAt: number;
}

export interface RelayPorts {
  /** Where the SFU sends (the relay listens). */
  in: { rtpPort: number; rtcpPort: number };
  /** Where ffmpeg listens. */
  out: { rtpPort: number; rtcpPort: number };
}

export class RtpRelay {
  /** The first packet passed on: ffmpeg's time 0 for this stream. */
  first: { rtpTimestamp: number; at: number } | undefined;
  readonly senderReports: SenderReport[] = [];
  packets = 0;
  private open = false;
  /** When ffmpeg was last sent anything. */
  private lastSentAt = 0;
  private keepalive: NodeJS.Timeout | undefined;

  private constructor(
    private readonly ip: string,
    private readonly ports: RelayPorts,
    private readonly waitForKeyframe: boolean,
    private readonly rtp: Socket,
    private readonly rtcp: Socket,
  ) {
    rtp.on('message', (packet) => this.onRtp(packet));
    rtcp.on('message', (packet) => this.onRtcp(packet));
  }

  static async open(ip: string, ports: RelayPorts, codecMimeType: string): Promise<RtpRelay> {
    const bind = (port: number) =>
      new Promise<Socket>((resolve, reject) => {
        const socket = createSocket('udp4');
        socket.once('error', reject);
        socket.bind(port, ip, () => {
          socket.off('error', reject);
          // A datagram that cannot be delivered is lost either way; it must never bring the server down.
          socket.on('error', () => undefined);
          resolve(socket);
        });
      });
    const rtp = await bind(ports.in.rtpPort);
    const rtcp = await bind(ports.in.rtcpPort).catch((error: unknown) => {
      rtp.close();
      throw error;
    });
    return new RtpRelay(ip, ports, /^video\/VP8$/i.test(codecMimeType), rtp, rtcp);
  }

  /** From now on packets are passed on (once ffmpeg listens). */
  start(): void {
    this.open = true;
    this.lastSentAt = Date.now();
    this.keepalive = setInterval(() => {
      if (this.open && Date.now() - this.lastSentAt >= KEEPALIVE_MS) this.toRecorder(this.rtcp, EMPTY_RECEIVER_REPORT, this.ports.out.rtcpPort);
    }, KEEPALIVE_MS / 2);
    this.keepalive.unref();
  }

  close(): void {
    this.open = false;
    clearInterval(this.keepalive);
    this.rtp.close();
    this.rtcp.close();
  }

  private onRtp(packet: Buffer): void {
    if (!this.open || packet.length < 12) return;
    if (!this.first) {
      if (this.waitForKeyframe && !isVp8KeyframeStart(packet)) return;
      this.first = { rtpTimestamp: packet.readUInt32BE(4), at: Date.now() };
    }
    this.packets++;
    this.toRecorder(this.rtp, packet, this.ports.out.rtpPort);
  }

  private toRecorder(socket: Socket, packet: Buffer, port: number): void {
    this.lastSentAt = Date.now();
    socket.send(packet, port, this.ip);
  }

  private onRtcp(packet: Buffer): void {
    const receivedAt = Date.now();
    // A compound packet: walk its reports; PT 200 is a sender report.
    for (let offset = 0; offset + 4 <= packet.length; ) {
      const length = (packet.readUInt16BE(offset + 2) + 1) * 4;
      if (packet[offset + 1] === 200 && offset + 20 <= packet.length) {
        const seconds = packet.readUInt32BE(offset + 8);
        const fraction = packet.readUInt32BE(offset + 12);
        this.senderReports.push({
          rtpTimestamp: packet.readUInt32BE(offset + 16),
          ntpMs: seconds * 1000 + Math.round((fraction / 2 ** 32) * 1000),
          receivedAt,
        });
        // The first reports and then one a minute are enough to align and to show any drift.
        if (this.senderReports.length > 8) {
          const last = this.senderReports.at(-2)!;
          if (receivedAt - last.receivedAt < 60_000) this.senderReports.splice(-2, 1);
        }
      }
      offset += length;
    }
    if (this.open) this.toRecorder(this.rtcp, packet, this.ports.out.rtcpPort);
  }
}

/** Well under the ~20 s after which ffmpeg gives up an RTP input that receives nothing. */
const KEEPALIVE_MS = 5000;
/** RTCP receiver report (PT 201) with no report blocks: version 2, length 1 word, SSRC 0. */
const EMPTY_RECEIVER_REPORT = Buffer.from([0x80, 201, 0, 1, 0, 0, 0, 0]);

/** Whether an RTP packet carries the first bytes of a VP8 keyframe (RFC 7741). */
export function isVp8KeyframeStart(packet: Buffer): boolean {
  const csrcs = packet[0]! & 0x0f;
  let offset = 12 + csrcs * 4;
  if (packet[0]! & 0x10) {
    if (packet.length < offset + 4) return false;
    offset += 4 + packet.readUInt16BE(offset + 2) * 4;
  }
  if (packet.length < offset + 1) return false;
  const descriptor = packet[offset]!;
  const start = (descriptor & 0x10) !== 0 && (descriptor & 0x07) === 0;
  if (!start) return false;
  offset++;
  if (descriptor & 0x80) {
    const extension = packet[offset]!;
    offset++;
    if (extension & 0x80) offset += packet[offset]! & 0x80 ? 2 : 1;
    if (extension & 0x40) offset++;
    if (extension & 0x30) offset++;
  }
  // The VP8 payload header: the P bit (lowest) is 0 on a keyframe.
  return packet.length > offset && (packet[offset]! & 0x01) === 0;
}
