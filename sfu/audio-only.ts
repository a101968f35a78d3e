/**
 * A receiver's incoming video at the SFU: all of it, or on audio-only none but (if asked) the one
 * camera kept at its lowest layer; and the figures of their link the audio-only rule reads. Whom that
 * camera shows is the rule in speakers.ts; this carries it out on the receiver's consumers.
 */
import type { types } from 'mediasoup';
import { AUDIO_ONLY_SPEAKER_LAYERS, PREFERRED_LAYERS } from './media-config.js';
import type { MediaPeer } from './peers.js';
import { cameraKeptFor } from './speakers.js';

/** What a receiver gets of the hearing's video: everything, or (audio-only) at most the speaker's camera. */
export interface IncomingVideo {
  off: boolean;
  /** On audio-only: whose camera still comes, at its lowest layer, if the link has room for it. */
  keptOwnerId: string | null;
}

/** What the SFU knows of one receiver's link: the figures the audio-only rule reads. */
export interface ReceivingLink {
  /** The SFU's bandwidth estimate for sending to this receiver, kbit/s (absent before it has one). */
  availableKbps?: number;
  /** Video streams being sent to them now (taken by their browser, paused by nobody). */
  liveVideos: number;
  /** Of the simulcast cameras among those, how many get no layer at all although their sender sends one. */
  starvedVideos: number;
  /** Packets lost on the way to this receiver, from their transport-wide feedback, % (absent before any). */
  lossPercent?: number;
}

/** Who the hearing favours, as far as the camera kept on audio-only goes (floor.ts). */
export interface FloorView {
  readonly holder: string | null;
  readonly recentSpeakers: readonly string[];
}

export function incomingVideoOf(peer: MediaPeer | undefined): IncomingVideo {
  return { off: Boolean(peer?.videoOff), keptOwnerId: peer?.videoOff ? peer.keptOwnerId : null };
}

/**
 * On an audio-only link that keeps the speaker: whose camera it keeps. The latest speaker other than
 * the receiver whose camera reaches them live — someone who is speaking keeps whom they answer.
 */
export function keptCameraFor(peer: MediaPeer, floor: FloorView): string | null {
  if (!peer.videoOff?.keepSpeaker) return null;
  const live = new Set<string>();
  for (const consumer of peer.consumers.values()) {
    if (consumer.kind === 'video' && consumer.appData.source === 'camera' && !consumer.closed && !consumer.producerPaused && peer.ready.has(consumer.id)) {
      live.add(String(consumer.appData.ownerId));
    }
  }
  return cameraKeptFor(floor.recentSpeakers, peer.participantId, live, floor.holder);
}

/** Whether a video consumer may flow to its receiver now, and whether as the camera kept on audio-only. */
function videoRule(peer: MediaPeer, consumer: types.Consumer, keptOwner: string | null): 'flow' | 'kept' | 'off' {
  if (!peer.videoOff) return 'flow';
  const kept = keptOwner !== null && consumer.appData.source === 'camera' && consumer.appData.ownerId === keptOwner;
  return kept ? 'kept' : 'off';
}

/**
 * Pauses and resumes a receiver's video consumers as their audio-only state says, `keptOwner`'s camera
 * at its lowest layer. Returns whose camera now comes as the one kept (null for none).
 */
export async function applyIncomingVideo(peer: MediaPeer, keptOwner: string | null): Promise<string | null> {
  let keptOwnerId: string | null = null;
  const work: Promise<unknown>[] = [];
  for (const consumer of peer.consumers.values()) {
    if (consumer.kind !== 'video' || !peer.ready.has(consumer.id) || consumer.closed) continue;
    const rule = videoRule(peer, consumer, keptOwner);
    // Sent whatever mediasoup's `paused` says (it lags the worker's answer): a resume still in
    // flight when video is switched off must be followed by this pause, not skipped.
    if (rule === 'off') {
      work.push(consumer.pause());
      continue;
    }
    if (rule === 'kept') keptOwnerId = String(consumer.appData.ownerId);
    if (consumer.type === 'simulcast') work.push(consumer.setPreferredLayers(rule === 'kept' ? AUDIO_ONLY_SPEAKER_LAYERS : PREFERRED_LAYERS));
    work.push(consumer.resume());
  }
  // A consumer closing meanwhile rejects: there is nothing left to pause or resume.
  await Promise.all(work.map((w) => w.catch(() => undefined)));
  return keptOwnerId;
}

/** The SFU's side of a receiver's link: its bandwidth estimate and how many videos still get a layer. */
export async function measureReceivingLink(peer: MediaPeer): Promise<ReceivingLink> {
  const transport = peer.receiving();
  const stats = transport ? await transport.getStats().catch(() => []) : [];
  const available = stats[0]?.availableOutgoingBitrate;
  // The worker's loss from the receiver's transport-wide feedback (0..1), not in mediasoup's typings:
  // their own link only, since a packet lost before it reached the SFU was never sent to them.
  const lost = (stats[0] as { rtpPacketLossSent?: unknown } | undefined)?.rtpPacketLossSent;
  let liveVideos = 0;
  let starvedVideos = 0;
  for (const consumer of peer.consumers.values()) {
    if (consumer.kind !== 'video' || !peer.ready.has(consumer.id) || consumer.paused || consumer.producerPaused || consumer.closed) continue;
    liveVideos += 1;
    // No layer although the sender sends one: this receiver's estimate has no room for it.
    const sent = consumer.score.producerScores.some((score) => score > 0);
    if (consumer.type === 'simulcast' && !consumer.currentLayers && sent) starvedVideos += 1;
  }
  return {
    ...(available ? { availableKbps: available / 1000 } : {}),
    ...(typeof lost === 'number' && Number.isFinite(lost) ? { lossPercent: Math.min(100, Math.max(0, lost * 100)) } : {}),
    liveVideos,
    starvedVideos,
  };
}
