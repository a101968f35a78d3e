/**
 * How the SFU describes what it carries to the signalling above it: a transport as a browser needs
 * it, a producer with its owner and source, a consumer with what it carries. Built from mediasoup's
 * objects here only, so that nothing above the SFU reads mediasoup's `appData`.
 */
import type { types } from 'mediasoup';
import { MEDIA_SOURCES, type MediaSource, type SourceMasking } from '../model/media.js';

export interface ProducerInfo {
  producerId: string;
  participantId: string;
  kind: types.MediaKind;
  source: MediaSource;
  /** For an interpreter's `interpretation` and `booth` streams: the channel's language. */
  channel?: string;
  paused: boolean;
  /** The MIME type of the codec it sends (`video/VP8`, `video/H264`, `audio/opus`). */
  codec: string;
  /** What the sender's page declared it did to the stream before sending it (a protective measure). */
  masking?: SourceMasking;
}

export interface ConsumerInfo {
  consumerId: string;
  producerId: string;
  participantId: string;
  kind: types.MediaKind;
  source: MediaSource;
  /** For an interpretation channel or the booth line: the channel's language. */
  channel?: string;
  rtpParameters: types.RtpParameters;
  producerPaused: boolean;
}

/** Transport parameters as a browser needs them (mediasoup-client names a candidate's ip `address`). */
export interface TransportInfo {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: (types.IceCandidate & { address: string })[];
  dtlsParameters: types.DtlsParameters;
}

function isMediaSource(value: unknown): value is MediaSource {
  return typeof value === 'string' && (MEDIA_SOURCES as readonly string[]).includes(value);
}

/** A producer as its owner created it; one from before sources were named counts as microphone or camera by its kind. */
export function producerInfo(producer: types.Producer): ProducerInfo {
  const source = producer.appData.source;
  const channel = producer.appData.channel;
  return {
    producerId: producer.id,
    participantId: String(producer.appData.participantId),
    kind: producer.kind,
    source: isMediaSource(source) ? source : producer.kind === 'audio' ? 'microphone' : 'camera',
    ...(typeof channel === 'string' ? { channel } : {}),
    paused: producer.paused,
    codec: codecOf(producer),
    ...(producer.appData.masking ? { masking: producer.appData.masking as SourceMasking } : {}),
  };
}

/** The producer's media codec (the first one; a retransmission codec only follows it). */
export function codecOf(producer: types.Producer): string {
  return producer.rtpParameters.codecs[0]?.mimeType ?? '';
}

export function describeTransport(transport: types.WebRtcTransport): TransportInfo {
  return {
    id: transport.id,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates.map((candidate) => ({ ...candidate, address: candidate.ip })),
    dtlsParameters: transport.dtlsParameters,
  };
}

/** A consumer as its receiver's page is told of it: whose stream, from which source, in which channel. */
export function consumerInfo(consumer: types.Consumer, owner: ProducerInfo): ConsumerInfo {
  return {
    consumerId: consumer.id,
    producerId: owner.producerId,
    participantId: owner.participantId,
    kind: consumer.kind,
    source: owner.source,
    ...(owner.channel ? { channel: owner.channel } : {}),
    rtpParameters: consumer.rtpParameters,
    producerPaused: consumer.producerPaused,
  };
}
