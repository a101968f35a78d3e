/** A media operation refused for a reason the participant can act on. */
export class MediaError extends Error {
  constructor(
    readonly code:
      | 'unknown_transport'
      | 'unknown_producer'
      | 'unknown_consumer'
      | 'cannot_consume'
      | 'hearing_media_closed'
      | 'participant_gone'
      | 'gallery_full'
      | 'gallery_closed'
      | 'unknown_observer'
      | 'no_worker',
    message: string,
  ) {
    super(message);
    this.name = 'MediaError';
  }
}
