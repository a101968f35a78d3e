/**
 * A receiver's audio-only state, as the record holds it, applied to their media: video off while any
 * reason holds (the link's verdict, their own choice, the court's order). Everything else the court's
 * rule asks of the media is the hearing's reconciler (`media-reconciler.ts`).
 */
import type { SignalingContext } from './context.js';

/**
 * Applies a participant's audio-only state from the record to their media: video off while any
 * reason holds. Only the link's own verdict keeps the speaker's camera at its lowest layer; a person
 * who chose audio-only, or whom the court put on it, receives no video at all.
 */
export async function applyAudioOnly(ctx: SignalingContext, hearingId: string, participantId: string): Promise<void> {
  const media = await ctx.sfu.existing(hearingId);
  const holds = ctx.hearings.get(hearingId)?.court?.state.audioOnly.get(participantId);
  if (!media || !ctx.presence.get(hearingId, participantId)?.entered) return;
  const off = holds && holds.size > 0 ? { keepSpeaker: holds.size === 1 && holds.has('link') } : null;
  await media.setIncomingVideo(participantId, off).catch(() => undefined); // left meanwhile
  const cameraStopped = [...(holds?.values() ?? [])].some((hold) => hold.cameraOff);
  if (cameraStopped) await media.pauseSource(participantId, 'camera').catch(() => false);
}
