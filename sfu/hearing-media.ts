/**
 * The media of one hearing: its router on one worker, and each participant's transports, producers
 * and consumers. Who may consume what is decided by the caller (signalling); this class only carries
 * it out and reports what closes underneath it.
 *
 * Closing follows mediasoup's cascade: closing a participant closes their transports, which closes
 * their producers and consumers, which closes everyone else's consumers of those producers.
 */
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import { MediaError } from './errors.js';
import {
  AUDIO_ONLY_SPEAKER_LAYERS,
  AUDIO_LEVEL_INTERVAL_MS,
  AUDIO_LEVEL_THRESHOLD_DBOV,
  CONSUMER_PRIORITY,
  INITIAL_OUTGOING_BITRATE,
  MAX_INCOMING_BITRATE,
  PREFERRED_LAYERS,
} from './media-config.js';
import { cameraKeptFor, rememberSpeaker } from './speakers.js';
import type { WorkerSlot } from './worker-pool.js';

import { MEDIA_SOURCES, type MediaSource, type StreamOrigin } from '../model/media.js';

export { MEDIA_SOURCES, type MediaSource, type StreamOrigin } from '../model/media.js';

export interface ProducerInfo {
  producerId: string;
  participantId: string;
  kind: types.MediaKind;
  source: MediaSource;
  /** For an interpreter's `interpretation` and `booth` streams: the channel's language. */
  channel?: string;
  paused: boolean;
  /** The MIME type of the codec it sends (`video/VP8`, `video/H264`, `audio/opus`). */
  codec: string;
}

/** One interpretation channel as the SFU carries it: each booth member's stream into it, only the live one unpaused. */
export interface ChannelStreams {
  channel: string;
  producers: { producerId: string; participantId: string; live: boolean; codec: string }[];
}

export interface ConsumerInfo {
  consumerId: string;
  producerId: string;
  participantId: string;
  kind: types.MediaKind;
  source: MediaSource;
  /** For an interpretation channel or the booth line: the channel's language. */
  channel?: string;
  rtpParameters: types.RtpParameters;
  producerPaused: boolean;
}

/** Transport parameters as a browser needs them (mediasoup-client names a candidate's ip `address`). */
export interface TransportInfo {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: (types.IceCandidate & { address: string })[];
  dtlsParameters: types.DtlsParameters;
}

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

interface HearingMediaEvents {
  /** A consumer closed because its producer or transport went away: tell its participant. */
  'consumer-closed': [participantId: string, consumerId: string];
  'consumer-paused': [participantId: string, consumerId: string];
  'consumer-resumed': [participantId: string, consumerId: string];
  'producer-closed': [info: ProducerInfo];
  /** The channel's live stream changed (handover, live, release, mode): a recorder of the channel follows it. */
  'channel-changed': [streams: ChannelStreams];
  /** A receiver's incoming video was switched off or on, or the one camera kept for them changed. */
  'incoming-video': [participantId: string, state: IncomingVideo];
  /** Who is speaking now, loudest first (dBov, -127..0); empty when the room is silent. */
  speakers: [levels: { participantId: string; volume: number }[]];
  /** The router is gone (worker death or close); everything above is already closed. */
  closed: [reason: 'worker-died' | 'closed'];
}

class MediaPeer {
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
}

export class HearingMedia extends EventEmitter<HearingMediaEvents> {
  private readonly peers = new Map<string, MediaPeer>();
  private closedFor: 'worker-died' | 'closed' | null = null;
  /** Who spoke loudest last: their camera is favoured on every weak receiving link. Silence keeps it. */
  private speakerId: string | null = null;
  /** Who has the floor by the court's decision (the person testifying), whatever the loudest voice. */
  private floorId: string | null = null;
  /** Who spoke, most recent first, each once: whose camera an audio-only link keeps (sfu/speakers.ts). */
  private recentSpeakers: string[] = [];
  /** Whose stream each channel forwards, as last decided (mediasoup's `paused` lags the worker's answer). */
  private readonly channelLive = new Map<string, string | null>();

  private constructor(
    readonly hearingId: string,
    readonly slot: WorkerSlot,
    readonly router: types.Router,
    private readonly audioLevels: types.AudioLevelObserver,
  ) {
    super();
    router.observer.once('close', () => this.onRouterClosed());
    audioLevels.on('volumes', (volumes) => {
      const levels = volumes.map(({ producer, volume }) => ({ participantId: String(producer.appData.participantId), volume }));
      if (levels[0]) this.setSpeaker(levels[0].participantId);
      this.emit('speakers', levels);
    });
    audioLevels.on('silence', () => this.emit('speakers', []));
  }

  static async create(hearingId: string, slot: WorkerSlot, mediaCodecs: types.RtpCodecCapability[]): Promise<HearingMedia> {
    const router = await slot.worker.createRouter({ mediaCodecs, appData: { hearingId } });
    const audioLevels = await router.createAudioLevelObserver({
      maxEntries: 4,
      threshold: AUDIO_LEVEL_THRESHOLD_DBOV,
      interval: AUDIO_LEVEL_INTERVAL_MS,
    });
    return new HearingMedia(hearingId, slot, router, audioLevels);
  }

  get closed(): boolean {
    return this.closedFor !== null;
  }

  get rtpCapabilities(): types.RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  participantCount(): number {
    return this.peers.size;
  }

  /**
   * Makes a participant known to the media (idempotent). Everything else refuses a participant who
   * was never opened or has been closed, so nothing can be created for someone who has left.
   */
  openParticipant(participantId: string): void {
    this.assertOpen();
    if (!this.peers.has(participantId)) this.peers.set(participantId, new MediaPeer(participantId));
  }

  /** One transport per direction: a new one replaces the old, closing what ran on it. */
  async createTransport(participantId: string, direction: 'send' | 'recv'): Promise<TransportInfo> {
    const peer = this.peer(participantId);
    const transport = await this.router.createWebRtcTransport({
      webRtcServer: this.slot.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
      appData: { participantId, direction },
    });
    peer.keep(transport);
    for (const old of peer.transports.values()) if (old.appData.direction === direction) old.close();
    peer.transports.set(transport.id, transport);
    transport.observer.once('close', () => peer.transports.delete(transport.id));
    if (direction === 'send') await transport.setMaxIncomingBitrate(MAX_INCOMING_BITRATE);
    return describeTransport(transport);
  }

  async connectTransport(participantId: string, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.transportOf(participantId, transportId).connect({ dtlsParameters });
  }

  async restartIce(participantId: string, transportId: string): Promise<types.IceParameters> {
    return this.transportOf(participantId, transportId).restartIce();
  }

  async produce(
    participantId: string,
    transportId: string,
    kind: types.MediaKind,
    source: MediaSource,
    rtpParameters: types.RtpParameters,
    paused = false,
    channel?: string,
  ): Promise<ProducerInfo> {
    const transport = this.transportOf(participantId, transportId);
    const peer = this.peer(participantId);
    const appData = channel === undefined ? { participantId, source } : { participantId, source, channel };
    const producer = peer.keep(await transport.produce({ kind, rtpParameters, paused, appData }));
    // One stream per source: a participant who changes camera replaces the old stream.
    for (const old of peer.producers.values()) if (old.appData.source === source) old.close();
    peer.producers.set(producer.id, producer);
    const info = producerInfo(producer);
    producer.observer.once('close', () => {
      peer.producers.delete(producer.id);
      if (!this.closed) this.emit('producer-closed', info);
    });
    // The speaking indicator is the floor's: an interpreter's channel or booth line never makes them "the speaker".
    if (source === 'microphone') await this.audioLevels.addProducer({ producerId: producer.id }).catch(() => undefined);
    return info;
  }

  closeProducer(participantId: string, producerId: string): void {
    this.producerOf(participantId, producerId).close();
  }

  async setProducerPaused(participantId: string, producerId: string, paused: boolean): Promise<void> {
    const producer = this.producerOf(participantId, producerId);
    if (paused) await producer.pause();
    else await producer.resume();
  }

  /** One of a participant's own streams, described; refused if it is not theirs. */
  describeProducer(participantId: string, producerId: string): ProducerInfo {
    return producerInfo(this.producerOf(participantId, producerId));
  }

  /**
   * Forwards exactly one stream into a channel: `liveId`'s, or none (null). The live one is resumed
   * and every other booth member's paused at the SFU, both sent to the worker together (resume first),
   * so a handover leaves no gap and an idle microphone never reaches the channel's listeners.
   */
  async setChannelLive(channel: string, liveId: string | null): Promise<void> {
    const producers = this.channelProducers(channel);
    const changed = this.channelLive.get(channel) !== liveId || producers.some((p) => (p.appData.participantId === liveId) === p.paused);
    this.channelLive.set(channel, liveId);
    // Every pause and resume is sent, whatever mediasoup's `paused` says: that flag changes only when
    // the worker answers, so a resume still in flight would be skipped and then land after its undoing.
    // The worker takes requests in the order they are sent, so the last call here is what holds.
    const changes = [
      ...producers.filter((p) => p.appData.participantId === liveId).map((p) => p.resume()),
      ...producers.filter((p) => p.appData.participantId !== liveId).map((p) => p.pause()),
    ];
    await Promise.all(changes);
    if (changed) this.emit('channel-changed', this.channel(channel));
  }

  /**
   * Every interpretation channel the SFU carries, with each booth member's stream and which one is
   * live. A recorder records a channel as its own track by following the live stream ('channel-changed').
   */
  channels(): ChannelStreams[] {
    const languages = new Set(this.allProducers().filter((p) => p.appData.source === 'interpretation').map((p) => String(p.appData.channel)));
    return [...languages].sort().map((language) => this.channel(language));
  }

  private channel(language: string): ChannelStreams {
    return {
      channel: language,
      producers: this.channelProducers(language).map((p) => ({ producerId: p.id, participantId: String(p.appData.participantId), live: !p.paused, codec: codecOf(p) })),
    };
  }

  private channelProducers(channel: string): types.Producer[] {
    return this.allProducers().filter((p) => p.appData.source === 'interpretation' && p.appData.channel === channel);
  }

  private allProducers(): types.Producer[] {
    return [...this.peers.values()].flatMap((peer) => [...peer.producers.values()]);
  }

  /** Every producer now in the hearing, for a newcomer to consume. */
  producers(): ProducerInfo[] {
    return [...this.peers.values()].flatMap((peer) => [...peer.producers.values()].map(producerInfo));
  }

  /**
   * Creates a paused consumer of `producerId` on the participant's receive transport. The caller
   * resumes it once the browser has created its side, so the first packet is a keyframe it can use.
   */
  async consume(
    participantId: string,
    producerId: string,
    rtpCapabilities: types.RtpCapabilities,
  ): Promise<ConsumerInfo> {
    this.assertOpen();
    const owner = this.producerOwner(producerId);
    if (!owner) throw new MediaError('unknown_producer', 'That stream has ended.');
    if (!this.router.canConsume({ producerId, rtpCapabilities })) {
      throw new MediaError('cannot_consume', 'Your browser cannot decode this stream.');
    }
    const peer = this.peer(participantId);
    const transport = [...peer.transports.values()].find((t) => t.appData.direction === 'recv');
    if (!transport) throw new MediaError('unknown_transport', 'Create a receiving transport before consuming.');
    const consumer = peer.keep(
      await transport.consume({
        producerId,
        rtpCapabilities,
        paused: true,
        preferredLayers: PREFERRED_LAYERS,
        appData: { ownerId: owner.participantId, source: owner.source, ...(owner.channel ? { channel: owner.channel } : {}) },
      }),
    );
    peer.consumers.set(consumer.id, consumer);
    // Set before the consumer is resumed, so a weak link's budget is shared rightly from the first packet.
    await consumer.setPriority(this.priorityOf(consumer)).catch(() => undefined);
    const forget = () => {
      peer.consumers.delete(consumer.id);
      peer.ready.delete(consumer.id);
    };
    consumer.observer.once('close', forget);
    // A camera that stops or goes away on an audio-only link hands the kept place to the next speaker's.
    const reconsider = () => {
      if (consumer.kind === 'video' && peer.videoOff?.keepSpeaker && !this.closed) void this.applyIncomingVideo(peer);
    };
    consumer.on('producerclose', () => {
      forget();
      if (!this.closed) this.emit('consumer-closed', participantId, consumer.id);
      reconsider();
    });
    consumer.on('producerpause', () => {
      this.emit('consumer-paused', participantId, consumer.id);
      reconsider();
    });
    consumer.on('producerresume', () => {
      this.emit('consumer-resumed', participantId, consumer.id);
      reconsider();
    });
    return {
      consumerId: consumer.id,
      producerId,
      participantId: owner.participantId,
      kind: consumer.kind,
      source: owner.source,
      ...(owner.channel ? { channel: owner.channel } : {}),
      rtpParameters: consumer.rtpParameters,
      producerPaused: consumer.producerPaused,
    };
  }

  /**
   * The browser has its side of the consumer: let it flow — unless the receiver is on audio-only,
   * in which case a video stays paused until their video comes back.
   */
  async resumeConsumer(participantId: string, consumerId: string): Promise<void> {
    const peer = this.peers.get(participantId);
    const consumer = peer?.consumers.get(consumerId);
    if (!peer || !consumer) throw new MediaError('unknown_consumer', 'That stream is no longer available.');
    peer.ready.add(consumerId);
    if (consumer.kind === 'audio') await consumer.resume();
    else await this.applyIncomingVideo(peer);
  }

  /**
   * Switches a receiver's incoming video off (audio-only) or back on, at the SFU: their video
   * consumers are paused, so nothing of them crosses the receiver's link, and resumed (with a fresh
   * keyframe) when video returns. `keepSpeaker`: the speaker's camera still comes at its lowest layer.
   */
  async setIncomingVideo(participantId: string, off: { keepSpeaker: boolean } | null): Promise<void> {
    const peer = this.peer(participantId);
    peer.videoOff = off;
    await this.applyIncomingVideo(peer, true);
  }

  incomingVideo(participantId: string): IncomingVideo {
    const peer = this.peers.get(participantId);
    return { off: Boolean(peer?.videoOff), keptOwnerId: peer?.videoOff ? peer.keptOwnerId : null };
  }

  /** The SFU's side of a receiver's link: its bandwidth estimate and how many videos still get a layer. */
  async receivingLink(participantId: string): Promise<ReceivingLink> {
    const peer = this.peer(participantId);
    const transport = [...peer.transports.values()].find((t) => t.appData.direction === 'recv');
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

  /**
   * Closes every consumer for which `cut(holderId, ownerId, kind)` holds — the holder being who
   * receives it, the owner whose producer it carries. Transports stay up. Returns what was closed,
   * so the holders' pages can be told and the streams offered again when allowed.
   */
  closeConsumersWhere(
    cut: (holderId: string, ownerId: string, kind: types.MediaKind, origin: StreamOrigin) => boolean,
  ): { holderId: string; consumerId: string; producerId: string }[] {
    const closed: { holderId: string; consumerId: string; producerId: string }[] = [];
    for (const peer of this.peers.values()) {
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

  /** The media each participant now sends and receives, as the SFU carries it: for diagnostics and tests. */
  streams(): {
    participantId: string;
    producers: { producerId: string; kind: types.MediaKind; source: MediaSource; channel?: string; paused: boolean; type: types.ProducerType; encodings: number }[];
    consumers: { consumerId: string; producerId: string; ownerId: string; kind: types.MediaKind; source: MediaSource; type: types.ConsumerType; priority: number; preferredLayers?: types.ConsumerLayers; currentLayers?: types.ConsumerLayers }[];
  }[] {
    return [...this.peers.values()].map((peer) => ({
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

  /** mediasoup's figures for one producer, one entry per stream received (per simulcast layer). */
  async producerStats(producerId: string): Promise<types.ProducerStat[]> {
    for (const peer of this.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return producer.getStats();
    }
    throw new MediaError('unknown_producer', 'That stream has ended.');
  }

  /** Cuts a participant off from the hearing's media in both directions (sent back to the waiting room). */
  isolate(participantId: string): { holderId: string; consumerId: string; producerId: string }[] {
    return this.closeConsumersWhere((holder, owner) => holder === participantId || owner === participantId);
  }

  /** Pauses a participant's stream from one source at the server: the court's mute. */
  async pauseSource(participantId: string, source: MediaSource): Promise<boolean> {
    const producer = [...(this.peers.get(participantId)?.producers.values() ?? [])].find((p) => p.appData.source === source);
    if (!producer) return false;
    // Sent even if mediasoup says paused: its flag lags the worker, and a resume may be in flight.
    const wasOpen = !producer.paused;
    await producer.pause();
    return wasOpen;
  }

  /** Closes a participant's stream from one source (a protective measure such as audio only). */
  closeSource(participantId: string, source: MediaSource): void {
    for (const producer of this.peers.get(participantId)?.producers.values() ?? []) if (producer.appData.source === source) producer.close();
  }

  closeConsumer(participantId: string, consumerId: string): void {
    this.peers.get(participantId)?.consumers.get(consumerId)?.close();
  }

  /** Closes one participant's media, and with it every consumer of what they sent. */
  closeParticipant(participantId: string): void {
    const peer = this.peers.get(participantId);
    if (!peer) return;
    peer.closed = true;
    this.peers.delete(participantId);
    for (const transport of peer.transports.values()) transport.close();
  }

  close(): void {
    this.router.close();
  }

  private onRouterClosed(): void {
    this.closedFor = this.slot.worker.died ? 'worker-died' : 'closed';
    this.peers.clear();
    this.emit('closed', this.closedFor);
  }

  /**
   * On an audio-only link that keeps the speaker: whose camera it keeps. The latest speaker other than
   * the receiver whose camera reaches them live — someone who is speaking keeps whom they answer.
   */
  private keptCameraFor(peer: MediaPeer): string | null {
    if (!peer.videoOff?.keepSpeaker) return null;
    const live = new Set<string>();
    for (const consumer of peer.consumers.values()) {
      if (consumer.kind === 'video' && consumer.appData.source === 'camera' && !consumer.closed && !consumer.producerPaused && peer.ready.has(consumer.id)) {
        live.add(String(consumer.appData.ownerId));
      }
    }
    return cameraKeptFor(this.recentSpeakers, peer.participantId, live, this.floorId);
  }

  /** Whether a video consumer may flow to its receiver now, and whether as the camera kept on audio-only. */
  private videoRule(peer: MediaPeer, consumer: types.Consumer, keptOwner: string | null): 'flow' | 'kept' | 'off' {
    if (!peer.videoOff) return 'flow';
    const kept = keptOwner !== null && consumer.appData.source === 'camera' && consumer.appData.ownerId === keptOwner;
    return kept ? 'kept' : 'off';
  }

  /** Pauses and resumes a receiver's video consumers as their audio-only state says. */
  private async applyIncomingVideo(peer: MediaPeer, announce = false): Promise<void> {
    let keptOwnerId: string | null = null;
    const keptOwner = this.keptCameraFor(peer);
    const work: Promise<unknown>[] = [];
    for (const consumer of peer.consumers.values()) {
      if (consumer.kind !== 'video' || !peer.ready.has(consumer.id) || consumer.closed) continue;
      const rule = this.videoRule(peer, consumer, keptOwner);
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
    if (announce || keptOwnerId !== peer.keptOwnerId) {
      peer.keptOwnerId = keptOwnerId;
      if (!this.closed && this.peers.get(peer.participantId) === peer) this.emit('incoming-video', peer.participantId, this.incomingVideo(peer.participantId));
    }
  }

  /** Audio above all video; the speaker's and the testifying person's cameras and any shared document above the other cameras. */
  private priorityOf(consumer: types.Consumer): number {
    if (consumer.kind === 'audio') return CONSUMER_PRIORITY.audio;
    const owner = consumer.appData.ownerId;
    if (consumer.appData.source === 'screen' || owner === this.speakerId || owner === this.floorId) return CONSUMER_PRIORITY.speakerVideo;
    return CONSUMER_PRIORITY.otherVideo;
  }

  /**
   * The court gave the floor to someone (testimony started), or took it back: their camera goes up
   * on every receiving link and is the one an audio-only link keeps, as the loudest voice's does.
   */
  setFloor(participantId: string | null): void {
    if (participantId === this.floorId || this.closed) return;
    const previous = this.floorId;
    this.floorId = participantId;
    this.reprioritise([participantId, previous]);
    for (const peer of this.peers.values()) if (peer.videoOff?.keepSpeaker) void this.applyIncomingVideo(peer);
  }

  /** Sets the priority of these owners' video consumers on every receiving link again. */
  private reprioritise(owners: readonly (string | null)[]): void {
    for (const peer of this.peers.values()) {
      for (const consumer of peer.consumers.values()) {
        if (consumer.kind !== 'video' || !owners.includes(String(consumer.appData.ownerId))) continue;
        const priority = this.priorityOf(consumer);
        // A consumer closing meanwhile rejects: nothing is left to reprioritise.
        if (consumer.priority !== priority) consumer.setPriority(priority).catch(() => undefined);
      }
    }
  }

  /** A new loudest speaker: move their camera up, and the previous speaker's down, on every receiving link. */
  private setSpeaker(participantId: string): void {
    if (participantId === this.speakerId) return;
    const previous = this.speakerId;
    this.speakerId = participantId;
    this.recentSpeakers = rememberSpeaker(this.recentSpeakers, participantId);
    // On audio-only, the camera kept is the new speaker's (unless the court gave someone the floor).
    for (const peer of this.peers.values()) if (peer.videoOff?.keepSpeaker) void this.applyIncomingVideo(peer);
    this.reprioritise([participantId, previous]);
  }

  private assertOpen(): void {
    if (this.closed) throw new MediaError('hearing_media_closed', 'The media connection is being re-established.');
  }

  private peer(participantId: string): MediaPeer {
    this.assertOpen();
    const peer = this.peers.get(participantId);
    if (!peer) throw new MediaError('participant_gone', 'You are no longer in the hearing.');
    return peer;
  }

  private transportOf(participantId: string, transportId: string): types.WebRtcTransport {
    const transport = this.peer(participantId).transports.get(transportId);
    if (!transport) throw new MediaError('unknown_transport', 'That connection does not exist or is not yours.');
    return transport;
  }

  private producerOf(participantId: string, producerId: string): types.Producer {
    const producer = this.peer(participantId).producers.get(producerId);
    if (!producer) throw new MediaError('unknown_producer', 'That stream does not exist or is not yours.');
    return producer;
  }

  private producerOwner(producerId: string): ProducerInfo | undefined {
    for (const peer of this.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer) return producerInfo(producer);
    }
    return undefined;
  }
}

function isMediaSource(value: unknown): value is MediaSource {
  return typeof value === 'string' && (MEDIA_SOURCES as readonly string[]).includes(value);
}

function producerInfo(producer: types.Producer): ProducerInfo {
  const source = producer.appData.source;
  const channel = producer.appData.channel;
  return {
    producerId: producer.id,
    participantId: String(producer.appData.participantId),
    kind: producer.kind,
    source: isMediaSource(source) ? source : producer.kind === 'audio' ? 'microphone' : 'camera',
    ...(typeof channel === 'string' ? { channel } : {}),
    paused: producer.paused,
    codec: codecOf(producer),
  };
}

/** The producer's media codec (the first one; a retransmission codec only follows it). */
function codecOf(producer: types.Producer): string {
  return producer.rtpParameters.codecs[0]?.mimeType ?? '';
}

function describeTransport(transport: types.WebRtcTransport): TransportInfo {
  return {
    id: transport.id,
    iceParameters: transport.iceParameters,
    iceCandidates: transport.iceCandidates.map((candidate) => ({ ...candidate, address: candidate.ip })),
    dtlsParameters: transport.dtlsParameters,
  };
}
