/**
 * One stream taken out of the hearing's router for its recorder. It leaves the router over plain RTP:
 * a PlainTransport on 127.0.0.1 (no rtcp-mux, since ffmpeg has none; comedia off, since the recorder
 * never sends first) and a consumer that starts paused. It passes through the relay (relay.ts), which
 * notes the timing ffmpeg does not write down, to the port ffmpeg listens on, which an SDP file
 * describes to ffmpeg (sdp.ts). Every port comes from the recorders' own range (ports.ts).
 */
import { writeFile } from 'node:fs/promises';
import type { types } from 'mediasoup';
import { allocatePorts, releasePorts, type PortRange } from './ports.js';
import { RtpRelay } from './relay.js';
import { mainCodec, recorderSdp } from './sdp.js';

export const LISTEN_IP = '127.0.0.1';

/** The stream as it is tapped: its transport, the paused consumer, its media codec, the relay, and the port ffmpeg is to listen on. */
export interface Tapped {
  transport: types.PlainTransport;
  consumer: types.Consumer;
  codec: types.RtpCodecParameters;
  relay: RtpRelay;
  recorderPort: number;
}

export class StreamTap {
  transport: types.PlainTransport | undefined;
  consumer: types.Consumer | undefined;
  relay: RtpRelay | undefined;
  private readonly ports: number[] = [];

  /**
   * Takes `producerId` out of the router, paused, and writes to `sdpFile` what ffmpeg will receive.
   * What was opened before a failure stays known, so that `close` releases it.
   */
  async open(router: types.Router, producerId: string, range: PortRange, sdpFile: string): Promise<Tapped> {
    const out = await allocatePorts(LISTEN_IP, range);
    this.ports.push(out.rtpPort);
    const relayed = await allocatePorts(LISTEN_IP, range);
    this.ports.push(relayed.rtpPort);
    const transport = await router.createPlainTransport({ listenIp: LISTEN_IP, rtcpMux: false, comedia: false, appData: { recorder: producerId } });
    this.transport = transport;
    await transport.connect({ ip: LISTEN_IP, port: relayed.rtpPort, rtcpPort: relayed.rtcpPort });
    const consumer = await transport.consume({ producerId, rtpCapabilities: router.rtpCapabilities, paused: true, appData: { recorder: producerId } });
    this.consumer = consumer;
    const codec = mainCodec(consumer.rtpParameters);
    const relay = await RtpRelay.open(LISTEN_IP, { in: relayed, out }, codec.mimeType);
    this.relay = relay;
    await writeFile(
      sdpFile,
      recorderSdp({ kind: consumer.kind, rtpParameters: consumer.rtpParameters, ip: LISTEN_IP, rtpPort: out.rtpPort, rtcpPort: out.rtcpPort }),
    );
    return { transport, consumer, codec, relay, recorderPort: out.rtpPort };
  }

  close(): void {
    this.consumer?.close();
    this.transport?.close();
    this.relay?.close();
    for (const port of this.ports) releasePorts(port);
  }
}
