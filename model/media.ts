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
