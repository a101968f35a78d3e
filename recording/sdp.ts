/**
 * The SDP that tells the recorder (ffmpeg) what arrives on its port: one media section for the one
 * stream mediasoup's consumer sends, with the consumer's own payload type and header extension ids,
 * so nothing is renumbered between the SFU and the file. ffmpeg has no rtcp-mux: RTCP (sender reports,
 * which carry the clock that puts tracks in sync) arrives on the RTP port + 1.
 */
import type { types } from 'mediasoup';

export interface RecorderSdpInput {
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
  ip: string;
  rtpPort: number;
  rtcpPort: number;
}

/** The main codec of a consumer: the first codec that is not a retransmission or FEC stream. */
export function mainCodec(rtpParameters: types.RtpParameters): types.RtpCodecParameters {
  const codec = rtpParameters.codecs.find((c) => !/\/(rtx|red|ulpfec|flexfec)$/i.test(c.mimeType));
  if (!codec) throw new Error('rtpParameters.codecs: the consumer carries no media codec');
  return codec;
}

export function recorderSdp({ kind, rtpParameters, ip, rtpPort, rtcpPort }: RecorderSdpInput): string {
  const codec = mainCodec(rtpParameters);
  const encodingName = codec.mimeType.split('/')[1] ?? codec.mimeType;
  const rtpmap = `${encodingName}/${codec.clockRate}${codec.channels && codec.channels > 1 ? `/${codec.channels}` : ''}`;
  const fmtp = Object.entries(codec.parameters ?? {})
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(';');
  const lines = [
    'v=0',
    `o=- 0 0 IN IP4 ${ip}`,
    's=Hearing Room recorder',
    `c=IN IP4 ${ip}`,
    't=0 0',
    `m=${kind} ${rtpPort} RTP/AVP ${codec.payloadType}`,
    `a=rtcp:${rtcpPort}`,
    `a=rtpmap:${codec.payloadType} ${rtpmap}`,
    ...(fmtp ? [`a=fmtp:${codec.payloadType} ${fmtp}`] : []),
    ...(rtpParameters.headerExtensions ?? []).map((ext) => `a=extmap:${ext.id} ${ext.uri}`),
    'a=recvonly',
  ];
  return `${lines.join('\r\n')}\r\n`;
}
