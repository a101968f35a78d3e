/**
 * Whose camera the hearing favours: the loudest voice, and the person the court gave the floor to
 * (the one testifying), whatever the loudest voice. Their cameras, and any shared document, get the
 * larger share of every weak receiving link; the court's floor and the recent speakers also decide
 * which one camera an audio-only link keeps (audio-only.ts).
 */
import type { types } from 'mediasoup';
import { CONSUMER_PRIORITY } from './media-config.js';
import type { MediaPeer } from './peers.js';
import { rememberSpeaker } from './speakers.js';

export class Floor {
  /** Who spoke loudest last. Silence keeps them. */
  private speakerId: string | null = null;
  private floorId: string | null = null;
  private recent: string[] = [];

  /** Who has the floor by the court's decision, if anyone. */
  get holder(): string | null {
    return this.floorId;
  }

  /** Who spoke, most recent first, each once (sfu/speakers.ts). */
  get recentSpeakers(): readonly string[] {
    return this.recent;
  }

  /**
   * A new loudest voice. Returns whose cameras change place — the new speaker's and the previous
   * one's — or nothing if they were the speaker already.
   */
  heard(participantId: string): (string | null)[] {
    if (participantId === this.speakerId) return [];
    const previous = this.speakerId;
    this.speakerId = participantId;
    this.recent = rememberSpeaker(this.recent, participantId);
    return [participantId, previous];
  }

  /** The court gives the floor to someone, or takes it back (null). Returns whose cameras change place, as `heard`. */
  give(participantId: string | null): (string | null)[] {
    if (participantId === this.floorId) return [];
    const previous = this.floorId;
    this.floorId = participantId;
    return [participantId, previous];
  }

  /** Audio above all video; the speaker's and the testifying person's cameras and any shared document above the other cameras. */
  priorityOf(consumer: types.Consumer): number {
    if (consumer.kind === 'audio') return CONSUMER_PRIORITY.audio;
    const owner = consumer.appData.ownerId;
    if (consumer.appData.source === 'screen' || owner === this.speakerId || owner === this.floorId) return CONSUMER_PRIORITY.speakerVideo;
    return CONSUMER_PRIORITY.otherVideo;
  }

  /** Sets the priority of these owners' video consumers on every receiving link again. */
  reprioritise(peers: Iterable<MediaPeer>, owners: readonly (string | null)[]): void {
    for (const peer of peers) {
      for (const consumer of peer.consumers.values()) {
        if (consumer.kind !== 'video' || !owners.includes(String(consumer.appData.ownerId))) continue;
        const priority = this.priorityOf(consumer);
        // A consumer closing meanwhile rejects: nothing is left to reprioritise.
        if (consumer.priority !== priority) consumer.setPriority(priority).catch(() => undefined);
      }
    }
  }
}
