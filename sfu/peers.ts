/**
 * Who holds what in a hearing's media: each participant's transports, producers and consumers, and
 * the look-ups that refuse a connection or a stream that is not the caller's. Kept apart from the
 * router's lifecycle and from the rules of who sees whom, so that ownership is answered in one place.
 */
import type { types } from 'mediasoup';
import { MediaError } from './errors.js';
import { producerInfo, type ProducerInfo } from './stream-info.js';
import type { MediaSource, StreamOrigin } from '../model/media.js';

/** One consumer closed by a cut: whose it was and what it carried, so their page can be told. */
export interface ClosedConsumer {
  holderId: string;
  consumerId: string;
  producerId: string;
}

/** The media one participant sends and receives, as the SFU carries it: for diagnostics and tests. */
export interface ParticipantStreams {
  participantId: string;
  producers: {
    producerId: string;
    kind: types.MediaKind;
    source: MediaSource;
    channel?: string;
    paused: boolean;
    type: types.ProducerType;
    encodings: number;
  }[];
  consumers: {
    consumerId: string;
    producerId: string;
    ownerId: string;
    kind: types.MediaKind;
    source: MediaSource;
    type: types.ConsumerType;
    priority: number;
    preferredLayers?: types.ConsumerLayers;
    currentLayers?: types.ConsumerLayers;
  }[];
}

export class MediaPeer {
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer>();
  readonly consumers = new Map<string, types.Consumer>();
  /** Consumers the browser has taken and the SFU resumed once: only these may flow. */
  readonly ready = new Set<string>();
  /** Incoming video switched off (audio-only); `keepSpeaker`: the speaker's camera still comes at its lowest layer. */
  videoOff: { keepSpeaker: boolean } | null = null;
  /** The camera last kept on audio-only, to tell the browser only when it changes. */
  keptOwnerId: string | null = null;
  /** Set when the participant leaves: anything still being created for them is closed on arrival. */
  closed = false;
  constructor(readonly participantId: string) {}

  /** Closes what was created for a participant who left while it was being created. */
  keep<T extends { close(): void }>(created: T): T {
    if (this.closed) {
      created.close();
      throw new MediaError('participant_gone', 'You are no longer in the hearing.');
    }
    return created;
  }

  /** One transport per direction: a new one replaces the old, closing what ran on it. */
  addTransport(transport: types.WebRtcTransport): void {
    this.keep(transport);
    for (const old of this.transports.values()) if (old.appData.direction === transport.appData.direction) old.close();
    this.transports.set(transport.id, transport);
    transport.observer.once('close', () => this.transports.delete(transport.id));
  }

  /** One stream per source: a participant who changes camera replaces the old stream. */
  addProducer(producer: types.Producer): void {
    this.keep(producer);
    for (const old of this.producers.values()) if (old.appData.source === producer.appData.source) old.close();
    this.producers.set(producer.id, producer);
    producer.observer.once('close', () => this.producers.delete(producer.id));
  }

  /** A consumer that closed, or whose stream ended, is neither held nor ready any more. */
  forget(consumerId: string): void {
    this.consumers.delete(consumerId);
    this.ready.delete(consumerId);
  }

  /** The transport the participant receives on, if they have created it. */
  receiving(): types.WebRtcTransport | undefined {
    return [...this.transports.values()].find((t) => t.appData.direction === 'recv');
  }
}

export class MediaPeers {
  private readonly byId = new Map<string, MediaPeer>();

  /** `assertOpen` refuses every look-up once the hearing's media is closed. */
  constructor(private readonly assertOpen: () => void) {}

  get size(): number {
    return this.byId.size;
  }

  values(): IterableIterator<MediaPeer> {
    return this.byId.values();
  }

  /** The participant's media, or undefined if they were never opened or have left: for what may find nobody. */
  find(participantId: string): MediaPeer | undefined {
    return this.byId.get(participantId);
  }

  open(participantId: string): void {
    if (!this.byId.has(participantId)) this.byId.set(participantId, new MediaPeer(participantId));
  }

  /** Forgets the participant, marking them gone so that nothing still being created for them is kept. */
  remove(participantId: string): MediaPeer | undefined {
    const peer = this.byId.get(participantId);
    if (!peer) return undefined;
    peer.closed = true;
    this.byId.delete(participantId);
    return peer;
  }

  clear(): void {
    this.byId.clear();
  }

  /** The participant's media; refused if the hearing's media is closed or they are not in it. */
  peer(participantId: string): MediaPeer {
    this.assertOpen();
    const peer = this.byId.get(participantId);
    if (!peer) throw new MediaError('participant_gone', 'You are no longer in the hearing.');
    return peer;
  }

  transportOf(participantId: string, transportId: string): types.WebRtcTransport {
    const transport = this.peer(participantId).transports.get(transportId);
    if (!transport) throw new MediaError('unknown_transport', 'That connection does not exist or is not yours.');
    return transport;
  }

  producerOf(participantId: string, producerId: string): types.Producer {
    const producer = this.peer(participantId).producers.get(producerId);
    if (!producer) throw new MediaError('unknown_producer', 'That stream does not exist or is not yours.');
    return producer;
  }

  /** A participant's stream from one source, if they send one. */
  sourceOf(participantId: string, source: MediaSource): types.Producer | undefined {
    return [...(this.byId.get(participantId)?.producers.values() ?? [])].find((p) => p.appData.source === source);
  }

  /** Any participant's producer, by its id. */
  findProducer(producerId: string): types.Producer | undefined {
    for (const peer of this.byId.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return producer;
    }
    return undefined;
  }

  producerOwner(producerId: string): ProducerInfo | undefined {
    const producer = this.findProducer(producerId);
    return producer ? producerInfo(producer) : undefined;
  }

  allProducers(): types.Producer[] {
    return [...this.byId.values()].flatMap((peer) => [...peer.producers.values()]);
  }

  /**
   * Closes every consumer for which `cut(holderId, ownerId, kind, origin)` holds; transports stay up.
   * Returns what was closed.
   */
  closeConsumersWhere(cut: (holderId: string, ownerId: string, kind: types.MediaKind, origin: StreamOrigin) => boolean): ClosedConsumer[] {
    const closed: ClosedConsumer[] = [];
    for (const peer of this.byId.values()) {
      for (const consumer of [...peer.consumers.values()]) {
        const owner = this.producerOwner(consumer.producerId);
        if (owner === undefined) continue;
        const origin: StreamOrigin = owner.channel === undefined ? { source: owner.source } : { source: owner.source, channel: owner.channel };
        if (!cut(peer.participantId, owner.participantId, consumer.kind, origin)) continue;
        consumer.close();
        peer.consumers.delete(consumer.id);
        closed.push({ holderId: peer.participantId, consumerId: consumer.id, producerId: consumer.producerId });
      }
    }
    return closed;
  }

  streams(): ParticipantStreams[] {
    return [...this.byId.values()].map((peer) => ({
      participantId: peer.participantId,
      producers: [...peer.producers.values()].map((p) => ({
        producerId: p.id,
        kind: p.kind,
        source: producerInfo(p).source,
        ...(typeof p.appData.channel === 'string' ? { channel: p.appData.channel } : {}),
        paused: p.paused,
        type: p.type,
        encodings: p.rtpParameters.encodings?.length ?? 0,
      })),
      consumers: [...peer.consumers.values()].map((c) => ({
        consumerId: c.id,
        producerId: c.producerId,
        ownerId: String(c.appData.ownerId),
        kind: c.kind,
        source: c.appData.source as MediaSource,
        type: c.type,
        priority: c.priority,
        ...(c.preferredLayers ? { preferredLayers: c.preferredLayers } : {}),
        ...(c.currentLayers ? { currentLayers: c.currentLayers } : {}),
      })),
    }));
  }
}
