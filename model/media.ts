/**
 * What a stream of the hearing carries. `microphone`, `camera` and `screen` are the floor. An
 * interpreter also sends `interpretation` (their voice into their channel) and `booth` (the private
 * line to their booth partners); both carry the channel's language in `channel`.
 */
export const MEDIA_SOURCES = ['microphone', 'camera', 'screen', 'interpretation', 'booth'] as const;
export type MediaSource = (typeof MEDIA_SOURCES)[number];

/** What a stream carries, for the rules that decide who may receive or record it. */
export interface StreamOrigin {
  source: MediaSource;
  channel?: string;
}

/**
 * How a protected person's picture leaves her device: as it is, coarsely pixelated (her movements
 * stay visible, her face and the room do not), or replaced by a neutral figure. In this order of strength.
 */
export const FACE_MASKINGS = ['none', 'pixelate', 'replace'] as const;
export type FaceMasking = (typeof FACE_MASKINGS)[number];

/**
 * What the sender's own browser did to a stream before it left her device, as her page declares it
 * when the stream is created. The server refuses a stream from a protected person that does not
 * declare the masking the court ordered; the page that declares it applies it (web/src/masking.ts),
 * so the media server and the recording never hold the unmasked picture or voice.
 */
export interface SourceMasking {
  voice: boolean;
  face: FaceMasking;
}

/** Whether what a stream declares is at least what the court ordered. */
export function masksEnough(declared: SourceMasking | undefined, ordered: SourceMasking, source: MediaSource): boolean {
  if (source === 'microphone') return !ordered.voice || declared?.voice === true;
  if (source === 'camera') return FACE_MASKINGS.indexOf(declared?.face ?? 'none') >= FACE_MASKINGS.indexOf(ordered.face);
  return true;
}
