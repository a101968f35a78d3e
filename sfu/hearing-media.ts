/**
 * The media of one hearing: its router on one worker, and each participant's transports, producers
 * and consumers. Who may consume what is decided by the caller (signalling); this class only carries
 * it out and reports what closes underneath it. What it holds is kept in peers.ts, whose camera is
 * favoured in floor.ts, what an audio-only receiver still gets in audio-only.ts, and the interpreters'
 * channels in interpretation-channels.ts; the class ties them to the router and its events.
 *
 * Closing follows mediasoup's cascade: closing a participant closes their transports, which closes
 * their producers and consumers, which closes everyone else's consumers of those producers.
 */
import { EventEmitter } from 'node:events';
import type { types } from 'mediasoup';
import { applyIncomingVideo, incomingVideoOf, keptCameraFor, measureReceivingLink, type IncomingVideo, type ReceivingLink } from './audio-only.js';
import { MediaError } from './errors.js';
import { Floor } from './floor.js';
import { InterpretationChannels, type ChannelStreams } from './interpretation-channels.js';
import { AUDIO_LEVEL_INTERVAL_MS, AUDIO_LEVEL_THRESHOLD_DBOV, INITIAL_OUTGOING_BITRATE, MAX_INCOMING_BITRATE, PREFERRED_LAYERS } from './media-config.js';
import { MediaPeers, type ClosedConsumer, type MediaPeer, type ParticipantStreams } from './peers.js';
import { consumerInfo, describeTransport, producerInfo, type ConsumerInfo, type ProducerInfo, type TransportInfo } from './stream-info.js';
import type { WorkerSlot } from './worker-pool.js';
import type { MediaSource, SourceMasking, StreamOrigin } from '../model/media.js';

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

export class HearingMedia extends EventEmitter<HearingMediaEvents> {
  private readonly peers = new MediaPeers(() => this.assertOpen());
  private closedFor: 'worker-died' | 'closed' | null = null;
  private readonly floor = new Floor();
  private readonly interpretation = new InterpretationChannels(() => this.peers.allProducers());

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
    this.peers.open(participantId);
  }

  /** One transport per direction: a new one replaces the old, closing what ran on it. */
  async createTransport(participantId: string, direction: 'send' | 'recv'): Promise<TransportInfo> {
    const peer = this.peers.peer(participantId);
    const transport = await this.router.createWebRtcTransport({
      webRtcServer: this.slot.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
      appData: { participantId, direction },
    });
    peer.addTransport(transport);
    if (direction === 'send') await transport.setMaxIncomingBitrate(MAX_INCOMING_BITRATE);
    return describeTransport(transport);
  }

  async connectTransport(participantId: string, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.peers.transportOf(participantId, transportId).connect({ dtlsParameters });
  }

  async restartIce(participantId: string, transportId: string): Promise<types.IceParameters> {
    return this.peers.transportOf(participantId, transportId).restartIce();
  }

  async produce(
    participantId: string,
    transportId: string,
    kind: types.MediaKind,
    source: MediaSource,
    rtpParameters: types.RtpParameters,
    paused = false,
    channel?: string,
    masking?: SourceMasking,
  ): Promise<ProducerInfo> {
    const transport = this.peers.transportOf(participantId, transportId);
    const peer = this.peers.peer(participantId);
    const appData = { participantId, source, ...(channel === undefined ? {} : { channel }), ...(masking ? { masking } : {}) };
    const producer = await transport.produce({ kind, rtpParameters, paused, appData });
    peer.addProducer(producer);
    const info = producerInfo(producer);
    producer.observer.once('close', () => {
      if (!this.closed) this.emit('producer-closed', info);
    });
    // The speaking indicator is the floor's: an interpreter's channel or booth line never makes them "the speaker".
    if (source === 'microphone') await this.audioLevels.addProducer({ producerId: producer.id }).catch(() => undefined);
    return info;
  }

  closeProducer(participantId: string, producerId: string): void {
    this.peers.producerOf(participantId, producerId).close();
  }

  async setProducerPaused(participantId: string, producerId: string, paused: boolean): Promise<void> {
    const producer = this.peers.producerOf(participantId, producerId);
    if (paused) await producer.pause();
    else await producer.resume();
  }

  /** One of a participant's own streams, described; refused if it is not theirs. */
  describeProducer(participantId: string, producerId: string): ProducerInfo {
    return producerInfo(this.peers.producerOf(participantId, producerId));
  }

  /**
   * Forwards exactly one stream into a channel: `liveId`'s, or none (null), with no gap at a handover
   * (interpretation-channels.ts).
   */
  async setChannelLive(channel: string, liveId: string | null): Promise<void> {
    if (await this.interpretation.setLive(channel, liveId)) this.emit('channel-changed', this.interpretation.streams(channel));
  }

  /**
   * Every interpretation channel the SFU carries, with each booth member's stream and which one is
   * live. A recorder records a channel as its own track by following the live stream ('channel-changed').
   */
  channels(): ChannelStreams[] {
    return this.interpretation.all();
  }

  /** Every producer now in the hearing, for a newcomer to consume. */
  producers(): ProducerInfo[] {
    return this.peers.allProducers().map(producerInfo);
  }

  /**
   * Creates a paused consumer of `producerId` on the participant's receive transport. The caller
   * resumes it once the browser has created its side, so the first packet is a keyframe it can use.
   */
  async consume(participantId: string, producerId: string, rtpCapabilities: types.RtpCapabilities): Promise<ConsumerInfo> {
    this.assertOpen();
    const owner = this.peers.producerOwner(producerId);
    if (!owner) throw new MediaError('unknown_producer', 'That stream has ended.');
    if (!this.router.canConsume({ producerId, rtpCapabilities })) {
      throw new MediaError('cannot_consume', 'Your browser cannot decode this stream.');
    }
    const peer = this.peers.peer(participantId);
    const transport = peer.receiving();
    if (!transport) throw new MediaError('unknown_transport', 'Create a receiving transport before consuming.');
    const consumer = peer.keep(
      await transport.consume({
        producerId,
        rtpCapabilities,
        paused: true,
        // Lost audio is asked for again, as video is: testimony needs every word. mediasoup retransmits
        // Opus only when the consumer keeps what it sent (enableRtx) and the page negotiated NACK for it.
        enableRtx: true,
        preferredLayers: PREFERRED_LAYERS,
        appData: { ownerId: owner.participantId, source: owner.source, ...(owner.channel ? { channel: owner.channel } : {}) },
      }),
    );
    peer.consumers.set(consumer.id, consumer);
    this.follow(peer, consumer);
    // Set before the consumer is resumed, so a weak link's budget is shared rightly from the first packet.
    await consumer.setPriority(this.floor.priorityOf(consumer)).catch(() => undefined);
    return consumerInfo(consumer, owner);
  }

  /** Keeps the receiver's bookkeeping and page in step with what happens to the stream a consumer carries. */
  private follow(peer: MediaPeer, consumer: types.Consumer): void {
    consumer.observer.once('close', () => peer.forget(consumer.id));
    // A camera that stops or goes away on an audio-only link hands the kept place to the next speaker's.
    const reconsider = () => {
      if (consumer.kind === 'video' && peer.videoOff?.keepSpeaker && !this.closed) void this.applyIncomingVideo(peer);
    };
    consumer.on('producerclose', () => {
      peer.forget(consumer.id);
      if (!this.closed) this.emit('consumer-closed', peer.participantId, consumer.id);
      reconsider();
    });
    consumer.on('producerpause', () => {
      this.emit('consumer-paused', peer.participantId, consumer.id);
      reconsider();
    });
    consumer.on('producerresume', () => {
      this.emit('consumer-resumed', peer.participantId, consumer.id);
      reconsider();
    });
  }

  /**
   * The browser has its side of the consumer: let it flow — unless the receiver is on audio-only,
   * in which case a video stays paused until their video comes back.
   */
  async resumeConsumer(participantId: string, consumerId: string): Promise<void> {
    const peer = this.peers.find(participantId);
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
    const peer = this.peers.peer(participantId);
    peer.videoOff = off;
    await this.applyIncomingVideo(peer, true);
  }

  /** What a receiver's incoming video is set to: null, all of it (also before they have a connection). */
  incomingVideoSet(participantId: string): { keepSpeaker: boolean } | null {
    return this.peers.find(participantId)?.videoOff ?? null;
  }

  /** Whether a participant's stream from one source reaches the SFU unpaused. */
  sending(participantId: string, source: MediaSource): boolean {
    const producer = this.peers.sourceOf(participantId, source);
    return producer !== undefined && !producer.paused;
  }

  incomingVideo(participantId: string): IncomingVideo {
    return incomingVideoOf(this.peers.find(participantId));
  }

  /** The SFU's side of a receiver's link: its bandwidth estimate and how many videos still get a layer. */
  async receivingLink(participantId: string): Promise<ReceivingLink> {
    return measureReceivingLink(this.peers.peer(participantId));
  }

  /**
   * Closes every consumer for which `cut(holderId, ownerId, kind)` holds — the holder being who
   * receives it, the owner whose producer it carries. Transports stay up. Returns what was closed,
   * so the holders' pages can be told and the streams offered again when allowed.
   */
  closeConsumersWhere(cut: (holderId: string, ownerId: string, kind: types.MediaKind, origin: StreamOrigin) => boolean): ClosedConsumer[] {
    return this.peers.closeConsumersWhere(cut);
  }

  /** The media each participant now sends and receives, as the SFU carries it: for diagnostics and tests. */
  streams(): ParticipantStreams[] {
    return this.peers.streams();
  }

  /** mediasoup's figures for one producer, one entry per stream received (per simulcast layer). */
  async producerStats(producerId: string): Promise<types.ProducerStat[]> {
    const producer = this.peers.findProducer(producerId);
    if (producer) return producer.getStats();
    throw new MediaError('unknown_producer', 'That stream has ended.');
  }

  /** Cuts a participant off from the hearing's media in both directions (sent back to the waiting room). */
  isolate(participantId: string): ClosedConsumer[] {
    return this.closeConsumersWhere((holder, owner) => holder === participantId || owner === participantId);
  }

  /** Pauses a participant's stream from one source at the server: the court's mute. */
  async pauseSource(participantId: string, source: MediaSource): Promise<boolean> {
    const producer = this.peers.sourceOf(participantId, source);
    if (!producer) return false;
    // Sent even if mediasoup says paused: its flag lags the worker, and a resume may be in flight.
    const wasOpen = !producer.paused;
    await producer.pause();
    return wasOpen;
  }

  /** Closes a participant's stream from one source (a protective measure such as audio only). */
  closeSource(participantId: string, source: MediaSource): void {
    for (const producer of this.peers.find(participantId)?.producers.values() ?? []) if (producer.appData.source === source) producer.close();
  }

  /** The worker this hearing's router runs on: the public gallery's rooms go to the others. */
  get workerIndex(): number {
    return this.slot.index;
  }

  /** Pipes one of the hearing's streams into another router (a room of the public gallery); its pipe producer there. */
  async pipeTo(producerId: string, router: types.Router): Promise<types.Producer | undefined> {
    this.assertOpen();
    const { pipeProducer } = await this.router.pipeToRouter({ producerId, router });
    return pipeProducer;
  }

  closeConsumer(participantId: string, consumerId: string): void {
    const peer = this.peers.find(participantId);
    peer?.consumers.get(consumerId)?.close();
    // Forgotten here too: a consumer closed while it was still being set up has no close observer yet.
    peer?.forget(consumerId);
  }

  /** Closes one participant's media, and with it every consumer of what they sent. */
  closeParticipant(participantId: string): void {
    const peer = this.peers.remove(participantId);
    for (const transport of peer?.transports.values() ?? []) transport.close();
  }

  /** How many consumers this hearing's router forwards now. */
  consumerCount(): number {
    let count = 0;
    for (const peer of this.peers.values()) count += peer.consumers.size;
    return count;
  }

  close(): void {
    this.router.close();
  }

  /**
   * The court gave the floor to someone (testimony started), or took it back: their camera goes up
   * on every receiving link and is the one an audio-only link keeps, as the loudest voice's does.
   */
  setFloor(participantId: string | null): void {
    if (this.closed) return;
    const owners = this.floor.give(participantId);
    if (owners.length === 0) return;
    this.floor.reprioritise(this.peers.values(), owners);
    this.reconsiderKeptCameras();
  }

  /** A new loudest speaker: move their camera up, and the previous speaker's down, on every receiving link. */
  private setSpeaker(participantId: string): void {
    const owners = this.floor.heard(participantId);
    if (owners.length === 0) return;
    // On audio-only, the camera kept is the new speaker's (unless the court gave someone the floor).
    this.reconsiderKeptCameras();
    this.floor.reprioritise(this.peers.values(), owners);
  }

  /** Every audio-only link that keeps a camera looks again at whose it keeps. */
  private reconsiderKeptCameras(): void {
    for (const peer of this.peers.values()) if (peer.videoOff?.keepSpeaker) void this.applyIncomingVideo(peer);
  }

  /** Carries out a receiver's audio-only state, and tells them when it changes what they get. */
  private async applyIncomingVideo(peer: MediaPeer, announce = false): Promise<void> {
    const keptOwnerId = await applyIncomingVideo(peer, keptCameraFor(peer, this.floor));
    if (announce || keptOwnerId !== peer.keptOwnerId) {
      peer.keptOwnerId = keptOwnerId;
      if (!this.closed && this.peers.find(peer.participantId) === peer) this.emit('incoming-video', peer.participantId, this.incomingVideo(peer.participantId));
    }
  }

  private onRouterClosed(): void {
    this.closedFor = this.slot.worker.died ? 'worker-died' : 'closed';
    this.peers.clear();
    this.emit('closed', this.closedFor);
  }

  private assertOpen(): void {
    if (this.closed) throw new MediaError('hearing_media_closed', 'The media connection is being re-established.');
  }
}
