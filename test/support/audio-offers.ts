/** What the server-side interpretation tests send and receive over signalling, with no browser. */

/** A receiver that decodes Opus, the one codec these tests need. */
export const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };

/** An Opus stream's RTP parameters, told apart by its SSRC. */
export const opus = (ssrc: number) => ({ codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc }] });

/** A stream the server offered (`consumer:new`). */
export interface Offer {
  consumerId: string;
  producerId: string;
  participantId: string;
  source: string;
  channel?: string;
}
