/**
 * What every hearing's router speaks. Opus for speech; VP8 for cameras and screens because every
 * browser decodes it in software and it simulcasts; H264 as a second choice for devices that only
 * encode it in hardware.
 */
import type { types } from 'mediasoup';

export const MEDIA_CODECS: types.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 600 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];

/** What a browser may send us at most, per transport (camera plus screen share). */
export const MAX_INCOMING_BITRATE = 3_000_000;
/** Where the bandwidth estimate starts for what we send a browser, before it has measured anything. */
export const INITIAL_OUTGOING_BITRATE = 800_000;

/** How often the speaking indicator is refreshed, and below which level a participant is silent. */
export const AUDIO_LEVEL_INTERVAL_MS = 400;
export const AUDIO_LEVEL_THRESHOLD_DBOV = -60;

/**
 * How a receiver's bandwidth is shared when it cannot carry everything (mediasoup's consumer
 * priorities, 1..255: each round of its allocation raises a video consumer's layer as many steps as
 * its priority). Speech comes first, then the person speaking and a shared document, then everyone
 * else's camera.
 */
export const CONSUMER_PRIORITY = { audio: 10, speakerVideo: 5, otherVideo: 1 } as const;

/**
 * The highest layers a receiver asks of a simulcast camera (three spatial layers, three temporal
 * ones each). mediasoup forwards the highest of these its bandwidth estimate for that receiver allows
 * and drops lower on its own when the estimate falls.
 */
export const PREFERRED_LAYERS = { spatialLayer: 2, temporalLayer: 2 } as const;

/**
 * What a receiver on audio-only still gets of the person speaking: the lowest spatial and temporal
 * layer of their camera. mediasoup forwards it only if its bandwidth estimate for that receiver
 * leaves room for it after the speech, so it comes "if it fits" and never at the audio's expense.
 */
export const AUDIO_ONLY_SPEAKER_LAYERS = { spatialLayer: 0, temporalLayer: 0 } as const;
