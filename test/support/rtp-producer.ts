/**
 * A plain-RTP producer in a hearing's router, fed by an ffmpeg that generates a test picture (VP8)
 * or a tone (Opus) in real time: media for recorder tests without a browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { types } from 'mediasoup';

export async function ffmpegProducer(router: types.Router, kind: 'audio' | 'video', ssrc: number): Promise<{ producer: types.Producer; ffmpeg: ChildProcess }> {
  const transport = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: false, comedia: true });
  const video = kind === 'video';
  const producer = await transport.produce({
    kind,
    rtpParameters: {
      codecs: [video ? { mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 } : { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
      encodings: [{ ssrc }],
    },
  });
  const target = `rtp://127.0.0.1:${transport.tuple.localPort}?rtcpport=${transport.rtcpTuple?.localPort}&pkt_size=1200`;
  const input = video ? ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25'] : ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'];
  // A keyframe every second, as the recorder's keyframe requests cannot reach an ffmpeg sender.
  const codec = video ? ['-c:v', 'libvpx', '-deadline', 'realtime', '-g', '25', '-b:v', '300k', '-an'] : ['-c:a', 'libopus', '-ac', '2', '-b:a', '64k', '-vn'];
  const ffmpeg = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-re', ...input, '-t', '300', ...codec, '-f', 'rtp', '-payload_type', video ? '101' : '100', '-ssrc', String(ssrc), target], { stdio: 'ignore' });
  return { producer, ffmpeg };
}
