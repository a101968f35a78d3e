/**
 * Whom a receiver on audio-only still sees: the rule kept apart from mediasoup, so that it can be
 * read and tested on its own. The hearing remembers who spoke, most recent first, each once; a
 * receiver keeps the camera of the latest speaker other than herself whose camera reaches her live.
 * So a witness who is answering keeps the judge who asked, even if counsel said a word in between
 * and then turned his camera off.
 */

/** How many of the latest distinct speakers a hearing remembers. */
export const RECENT_SPEAKERS_KEPT = 8;

/** The speakers list after `speakerId` became the loudest: they move to the front, each kept once. */
export function rememberSpeaker(recent: readonly string[], speakerId: string): string[] {
  return [speakerId, ...recent.filter((id) => id !== speakerId)].slice(0, RECENT_SPEAKERS_KEPT);
}

/**
 * Whose camera a receiver on audio-only keeps, of those whose camera reaches her live; null for none.
 * The person the court gave the floor to (the one testifying) comes first for everyone else: the
 * court watches the witness answer even while it speaks itself; she keeps whoever spoke to her last.
 */
export function cameraKeptFor(recent: readonly string[], receiverId: string, liveCameras: ReadonlySet<string>, floor: string | null = null): string | null {
  if (floor !== null && floor !== receiverId && liveCameras.has(floor)) return floor;
  return recent.find((id) => id !== receiverId && liveCameras.has(id)) ?? null;
}
