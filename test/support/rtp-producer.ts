/**
 * A plain-RTP producer in a hearing's router, fed by an ffmpeg that generates a test picture (VP8, or
 * H.264 as a phone's browser may send) or a tone (Opus) in real time: media for recorder tests
 * without a browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { types } from 'mediasoup';

type Codec = 'vp8' | 'h264' | 'opus';

const CODECS: Record<Codec, { parameters: types.RtpCodecParameters; encoder: string[] }> = {
  vp8: {
    parameters: { mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 },
    encoder: ['-c:v', 'libvpx', '-deadline', 'realtime', '-g', '25', '-b:v', '300k', '-an'],
  },
  h264: {
    parameters: { mimeType: 'video/H264', payloadType: 102, clockRate: 90000, parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f' } },
    encoder: [
      '-c:v',
      'libx264',
      '-profile:v',
      'baseline',
      '-level',
      '3.1',
      '-preset',
      'ultrafast',
      '-tune',
      'zerolatency',
      '-pix_fmt',
      'yuv420p',
      '-g',
      '25',
      '-b:v',
      '300k',
      '-an',
    ],
  },
  opus: {
    parameters: { mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 },
    encoder: ['-c:a', 'libopus', '-ac', '2', '-b:a', '64k', '-vn'],
  },
};

export async function ffmpegProducer(
  router: types.Router,
  kind: 'audio' | 'video',
  ssrc: number,
  codec: Codec = kind === 'video' ? 'vp8' : 'opus',
): Promise<{ producer: types.Producer; ffmpeg: ChildProcess }> {
  const transport = await router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: false, comedia: true });
  const video = kind === 'video';
  const { parameters, encoder } = CODECS[codec];
  const producer = await transport.produce({ kind, rtpParameters: { codecs: [parameters], encodings: [{ ssrc }] } });
  const target = `rtp://127.0.0.1:${transport.tuple.localPort}?rtcpport=${transport.rtcpTuple?.localPort}&pkt_size=1200`;
  const input = video ? ['-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=25'] : ['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'];
  // A keyframe every second (-g 25), as the recorder's keyframe requests cannot reach an ffmpeg sender.
  const ffmpeg = spawn(
    'ffmpeg',
    [
      '-hide_banner',
      '-loglevel',
      'error',
      '-re',
      ...input,
      '-t',
      '300',
      ...encoder,
      '-f',
      'rtp',
      '-payload_type',
      String(parameters.payloadType),
      '-ssrc',
      String(ssrc),
      target,
    ],
    { stdio: 'ignore' },
  );
  return { producer, ffmpeg };
}
