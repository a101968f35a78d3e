/**
 * How each source is sent, so that a weak link degrades in the court's order: speech first, then
 * the speaker's picture, then the rest.
 *
 * - Microphone: Opus at a speech bitrate with in-band FEC, so a lost packet is rebuilt from the next
 *   one instead of concealed; 20 ms packets keep the loss of one packet short. No DTX: silence must
 *   stay distinguishable from a dead link on the court's record of connection quality.
 * - Camera: simulcast layers at full, half and quarter resolution, each with three temporal layers
 *   (see cameraEncodings). The server forwards to each receiver the layer its bandwidth estimate can
 *   carry, so a witness on 256 kbit/s gets a low layer while the others keep the full picture.
 * - Screen: one full-resolution layer at a low frame rate: a document must stay legible, and a page
 *   that changes a few times a minute needs no motion.
 */
import type { types } from 'mediasoup-client';
import type { MediaSource } from '../../signaling/protocol.js';

const SPEECH: Pick<types.ProducerOptions, 'codecOptions'> = {
  codecOptions: { opusFec: true, opusNack: true, opusDtx: false, opusMaxAverageBitrate: 32_000, opusPtime: 20, opusStereo: false },
};
const SEND_SETTINGS: Record<Exclude<MediaSource, 'camera'>, Pick<types.ProducerOptions, 'encodings' | 'codecOptions'>> = {
  microphone: SPEECH,
  // An interpreter's voice into their channel, and the booth's private line, are speech like the floor's.
  interpretation: SPEECH,
  booth: SPEECH,
  screen: { encodings: [{ scaleResolutionDownBy: 1, maxBitrate: 1_500_000, maxFramerate: 5 }] },
};

/** Spatial layers from the lowest, as mediasoup numbers them; the last is the camera's own size. */
const CAMERA_LAYERS: types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 100_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 300_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 900_000, scalabilityMode: 'L1T3' },
];

/**
 * The camera's simulcast layers, as many as the browser will really send for the picture's size.
 * Chromium (libwebrtc's simulcast table) sends three layers from 960x540 up, two from 480x270 and
 * one below, and drops the *top* layers it will not send: asking a 640x480 camera for three layers
 * would leave every receiver with 320x240. So the top layer is always the full picture, and the
 * layers below it are the half, then the quarter, as the size allows.
 */
function cameraEncodings(track: MediaStreamTrack): types.RtpEncodingParameters[] {
  const { width = 640, height = 480 } = track.getSettings();
  const pixels = width * height;
  const count = pixels >= 960 * 540 ? 3 : pixels >= 480 * 270 ? 2 : 1;
  return CAMERA_LAYERS.slice(CAMERA_LAYERS.length - count).map((layer) => ({ ...layer }));
}

/** The encodings and codec options to produce `track` from `source` with. */
export function sendSettings(source: MediaSource, track: MediaStreamTrack): Pick<types.ProducerOptions, 'encodings' | 'codecOptions'> {
  // Copies: mediasoup-client writes the layers' rids into the encodings it is given.
  return source === 'camera' ? { encodings: cameraEncodings(track), codecOptions: { videoGoogleStartBitrate: 600 } } : structuredClone(SEND_SETTINGS[source]);
}

/**
 * A shared document keeps its resolution when the link is short of bandwidth; the frame rate gives
 * way instead. Browsers that do not expose the setting on the sender keep their default.
 */
export function keepResolution(sender: RTCRtpSender): void {
  const parameters = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
  parameters.degradationPreference = 'maintain-resolution';
  sender.setParameters(parameters).catch(() => undefined);
}
