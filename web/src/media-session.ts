/**
 * The browser's side of the SFU: one mediasoup Device, a sending and a receiving transport, a
 * producer per local source and a consumer per remote stream.
 *
 * The receiving side is prepared in parallel with the sending side, so a newcomer's first remote
 * frame does not wait for its own camera to be negotiated. When the server reports that the media
 * server restarted (`media:restart`), everything here is rebuilt on the new router with the same
 * local tracks: the page is never reloaded.
 */
import { Device, type types } from 'mediasoup-client';
import type { ConsumerInfo, IncomingVideo, MediaSource, TransportInfo } from '../../signaling/protocol.js';
import { request, type HearingConnection } from './connection.js';
import type { ConsultationCrypto } from './consultation-crypto.js';

const ICE_RESTART_DELAY_MS = 2000;

/**
 * How each source is sent, so that a weak link degrades in the court's order: speech first, then
 * the speaker's picture, then the rest.
 *
 * - Microphone: Opus at a speech bitrate with in-band FEC, so a lost packet is rebuilt from the next
 *   one instead of concealed; 20 ms packets keep the loss of one packet short. No DTX: silence must
 *   stay distinguishable from a dead link on the court's record of connection quality.
 * - Camera: simulcast layers at full, half and quarter resolution, each with three temporal layers
 *   (see cameraEncodings). The server forwards to each receiver the layer its bandwidth estimate can
 *   carry, so a witness on 256 kbit/s gets a low layer while the others keep the full picture.
 * - Screen: one full-resolution layer at a low frame rate: a document must stay legible, and a page
 *   that changes a few times a minute needs no motion.
 */
const SPEECH: Pick<types.ProducerOptions, 'codecOptions'> = {
  codecOptions: { opusFec: true, opusDtx: false, opusMaxAverageBitrate: 32_000, opusPtime: 20, opusStereo: false },
};
const SEND_SETTINGS: Record<Exclude<MediaSource, 'camera'>, Pick<types.ProducerOptions, 'encodings' | 'codecOptions'>> = {
  microphone: SPEECH,
  // An interpreter's voice into their channel, and the booth's private line, are speech like the floor's.
  interpretation: SPEECH,
  booth: SPEECH,
  screen: { encodings: [{ scaleResolutionDownBy: 1, maxBitrate: 1_500_000, maxFramerate: 5 }] },
};

/** Spatial layers from the lowest, as mediasoup numbers them; the last is the camera's own size. */
const CAMERA_LAYERS: types.RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 100_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 300_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 900_000, scalabilityMode: 'L1T3' },
];

/**
 * The camera's simulcast layers, as many as the browser will really send for the picture's size.
 * Chromium (libwebrtc's simulcast table) sends three layers from 960x540 up, two from 480x270 and
 * one below, and drops the *top* layers it will not send: asking a 640x480 camera for three layers
 * would leave every receiver with 320x240. So the top layer is always the full picture, and the
 * layers below it are the half, then the quarter, as the size allows.
 */
function cameraEncodings(track: MediaStreamTrack): types.RtpEncodingParameters[] {
  const { width = 640, height = 480 } = track.getSettings();
  const pixels = width * height;
  const count = pixels >= 960 * 540 ? 3 : pixels >= 480 * 270 ? 2 : 1;
  return CAMERA_LAYERS.slice(CAMERA_LAYERS.length - count).map((layer) => ({ ...layer }));
}

/**
 * A shared document keeps its resolution when the link is short of bandwidth; the frame rate gives
 * way instead. Browsers that do not expose the setting on the sender keep their default.
 */
function keepResolution(sender: RTCRtpSender): void {
  const parameters = sender.getParameters() as RTCRtpSendParameters & { degradationPreference?: string };
  parameters.degradationPreference = 'maintain-resolution';
  sender.setParameters(parameters).catch(() => undefined);
}

export interface RemoteTrack {
  consumerId: string;
  participantId: string;
  source: MediaSource;
  /** For an interpretation channel or the booth line: the channel's language. */
  channel: string | null;
  track: MediaStreamTrack;
  paused: boolean;
}

export interface MediaSessionEvents {
  trackAdded(track: RemoteTrack): void;
  trackRemoved(track: RemoteTrack): void;
  trackPaused(track: RemoteTrack, paused: boolean): void;
  connectionState(state: string): void;
  /** The server switched this person's incoming video off (audio-only) or on, or changed the one camera kept. */
  incomingVideo(state: IncomingVideo): void;
}

export class MediaSession {
  private device: Device | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private readonly producers = new Map<MediaSource, types.Producer>();
  private readonly consumers = new Map<string, { consumer: types.Consumer; remote: RemoteTrack }>();
  private readonly localTracks = new Map<MediaSource, MediaStreamTrack>();
  /** Sources the participant has muted or turned off: re-created streams start the same way. */
  private readonly pausedSources = new Set<MediaSource>();
  /** Offers still being set up, and those the server withdrew meanwhile. */
  private readonly accepting = new Set<string>();
  private readonly withdrawnEarly = new Set<string>();
  private readonly iceRestarts = new WeakMap<types.Transport, ReturnType<typeof setTimeout>>();
  private generation = 0;
  /** Audio-only at the server: these videos are paused there, so still, not frozen. */
  private incoming: IncomingVideo = { off: false, keptOwnerId: null };
  /** ICE restarts that completed, for support staff and tests: a dropped link heals with one, not a rejoin. */
  iceRestartsDone = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly socket: HearingConnection,
    private readonly events: MediaSessionEvents,
    /** Seals and opens frames during a private consultation; every stream passes through it. */
    private readonly frames: ConsultationCrypto | null = null,
  ) {
    const onNew = (info: ConsumerInfo, ack: (answer: unknown) => void) => {
      this.acceptConsumer(info).then(
        () => ack({ ok: true }),
        () => ack({ ok: false }),
      );
    };
    const onClosed = ({ consumerId }: { consumerId: string }) => this.dropConsumer(consumerId);
    const onPaused = ({ consumerId }: { consumerId: string }) => this.markPaused(consumerId, true);
    const onResumed = ({ consumerId }: { consumerId: string }) => this.markPaused(consumerId, false);
    const onIncomingVideo = (state: IncomingVideo) => {
      this.incoming = state;
      this.events.incomingVideo(state);
    };
    socket.on('consumer:new', onNew);
    socket.on('consumer:closed', onClosed);
    socket.on('consumer:paused', onPaused);
    socket.on('consumer:resumed', onResumed);
    socket.on('media:incoming-video', onIncomingVideo);
    // A closed session must not answer offers meant for the one that replaced it.
    this.unsubscribe = () => {
      socket.off('consumer:new', onNew);
      socket.off('consumer:closed', onClosed);
      socket.off('consumer:paused', onPaused);
      socket.off('consumer:resumed', onResumed);
      socket.off('media:incoming-video', onIncomingVideo);
    };
  }

  /** Loads the router's codecs; returns what this browser can receive, for entering the hearing. */
  async load(): Promise<types.RtpCapabilities> {
    const { routerRtpCapabilities } = await request(this.socket, 'media:capabilities', {});
    const device = new Device();
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });
    this.device = device;
    return device.rtpCapabilities;
  }

  /** Connects both directions and sends the given local tracks. Call after entering the hearing. */
  async start(tracks: Partial<Record<MediaSource, MediaStreamTrack | null>>, canReceive: boolean): Promise<void> {
    for (const [source, track] of Object.entries(tracks) as [MediaSource, MediaStreamTrack | null][]) {
      if (track) this.localTracks.set(source, track);
    }
    const generation = this.generation;
    const receiving = canReceive ? this.startReceiving(generation) : Promise.resolve();
    const sending = this.localTracks.size > 0 ? this.startSending(generation) : Promise.resolve();
    await Promise.all([receiving, sending]);
  }

  /** The media server was replaced: drop every transport and build them again with the same tracks. */
  async restart(canReceive: boolean): Promise<void> {
    this.generation += 1;
    this.teardown();
    await this.load();
    await this.start({}, canReceive);
  }

  async send(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    this.localTracks.set(source, track);
    try {
      const existing = this.producers.get(source);
      if (existing) await existing.replaceTrack({ track });
      else if (!this.sendTransport) await this.startSending(this.generation);
      else await this.produce(source, track);
    } catch (error) {
      this.localTracks.delete(source);
      throw error;
    }
  }

  async stopSending(source: MediaSource): Promise<void> {
    this.localTracks.delete(source);
    const producer = this.producers.get(source);
    if (!producer) return;
    this.producers.delete(source);
    producer.close();
    await request(this.socket, 'producer:close', { producerId: producer.id }).catch(() => undefined);
  }

  /**
   * Mutes or unmutes a source. The state outlives the stream: a stream re-created after a
   * reconnection or a media restart starts muted if the person had muted it.
   */
  async setPaused(source: MediaSource, paused: boolean): Promise<void> {
    if (paused) this.pausedSources.add(source);
    else this.pausedSources.delete(source);
    const track = this.localTracks.get(source);
    if (track) track.enabled = !paused;
    const producer = this.producers.get(source);
    if (!producer) return;
    if (paused) producer.pause();
    else producer.resume();
    await request(this.socket, 'producer:set-paused', { producerId: producer.id, paused });
  }

  remoteTracks(): RemoteTrack[] {
    return [...this.consumers.values()].map((c) => c.remote);
  }

  /**
   * How each transport reaches the media server: the selected candidate pair's protocol (udp; tcp
   * where UDP is blocked) and the local candidate's type (`relay` through the court's TURN server).
   */
  async routes(): Promise<{ direction: 'send' | 'recv'; protocol: string; candidateType: string }[]> {
    const routes = [];
    for (const [direction, transport] of [['send', this.sendTransport], ['recv', this.recvTransport]] as const) {
      if (!transport) continue;
      const entries = [...(await transport.getStats()).values()] as ({ id: string; type: string } & Record<string, unknown>)[];
      const pairId = entries.find((e) => e.type === 'transport')?.selectedCandidatePairId;
      const pair = entries.find((e) => e.id === pairId);
      const local = entries.find((e) => e.id === pair?.localCandidateId);
      if (local) routes.push({ direction, protocol: String(local.protocol), candidateType: String(local.candidateType) });
    }
    return routes;
  }

  /**
   * inbound-rtp figures per remote stream, for the quality display and for tests. Every consumer held
   * has a row, one that has received nothing yet with empty figures: a stream that arrived silent
   * must show as such, not vanish. `producerPaused`: what the server last said of its producer.
   */
  async receiveStats(): Promise<{ consumerId: string; participantId: string; source: MediaSource; kind: string; producerPaused: boolean; stats: Record<string, number> }[]> {
    const rows = [];
    for (const { consumer, remote } of this.consumers.values()) {
      const report = await consumer.getStats();
      const row = { consumerId: remote.consumerId, participantId: remote.participantId, source: remote.source, kind: consumer.kind, producerPaused: remote.paused };
      const inbound = [...report.values()].filter((entry) => entry.type === 'inbound-rtp');
      if (inbound.length === 0) rows.push({ ...row, stats: {} });
      for (const entry of inbound) {
        const numbers: Record<string, number> = {};
        for (const [key, value] of Object.entries(entry as Record<string, unknown>)) if (typeof value === 'number') numbers[key] = value;
        rows.push({ ...row, stats: numbers });
      }
    }
    return rows;
  }

  /** Both transports' WebRTC statistics, and the incoming videos that should be moving, for the quality reports. */
  async transportStats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null; expectedVideo: Set<string> }> {
    const [send, recv] = await Promise.all([this.sendTransport?.getStats() ?? null, this.recvTransport?.getStats() ?? null]);
    const expectedVideo = new Set<string>();
    for (const { consumer, remote } of this.consumers.values()) {
      const switchedOff = this.incoming.off && remote.participantId !== this.incoming.keptOwnerId;
      if (consumer.kind === 'video' && !consumer.paused && !remote.paused && !switchedOff && consumer.track.readyState === 'live') expectedVideo.add(consumer.track.id);
    }
    return { send, recv, expectedVideo };
  }

  close(): void {
    this.generation += 1;
    this.unsubscribe();
    this.teardown();
    this.localTracks.clear();
  }

  private teardown(): void {
    for (const { remote } of this.consumers.values()) this.events.trackRemoved(remote);
    this.consumers.clear();
    this.producers.clear();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = null;
    this.recvTransport = null;
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const device = this.device;
    if (!device) throw new Error('media not loaded');
    const { transport: info, iceServers } = await request(this.socket, 'transport:create', { direction });
    const options = transportOptions(info, iceServers);
    // Insertable streams let a consultation be sealed end to end inside the browser.
    if (this.frames) options.additionalSettings = { encodedInsertableStreams: true } as Partial<RTCConfiguration>;
    const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request(this.socket, 'transport:connect', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
    });
    transport.on('connectionstatechange', (state) => {
      this.events.connectionState(state);
      clearTimeout(this.iceRestarts.get(transport));
      // 'disconnected' often heals by itself within seconds; 'failed' never does.
      if (state === 'failed') void this.restartIce(transport);
      else if (state === 'disconnected') this.iceRestarts.set(transport, setTimeout(() => void this.restartIce(transport), ICE_RESTART_DELAY_MS));
    });
    return transport;
  }

  /**
   * Asks the server for new ICE parameters and restarts ICE on this transport: the same producers
   * and consumers carry on over whatever path the checks find, where a rejoin would rebuild them
   * all. Tried again every few seconds while the transport stays down and the page keeps it.
   */
  private async restartIce(transport: types.Transport): Promise<void> {
    if (transport.closed || transport.connectionState === 'connected') return;
    try {
      const { iceParameters, iceServers } = await request(this.socket, 'transport:restart-ice', { transportId: transport.id });
      if (iceServers.length > 0) await transport.updateIceServers({ iceServers });
      await transport.restartIce({ iceParameters });
      this.iceRestartsDone += 1;
    } catch {
      // The link may still be down, or the signalling connection with it: try again shortly.
      // (Read again: the state has moved on while the request was out.)
      const state = transport.connectionState as types.ConnectionState;
      if (!transport.closed && state !== 'connected') {
        this.iceRestarts.set(transport, setTimeout(() => void this.restartIce(transport), ICE_RESTART_DELAY_MS));
      }
    }
  }

  private async startReceiving(generation: number): Promise<void> {
    const transport = await this.createTransport('recv');
    if (generation !== this.generation) return void transport.close();
    this.recvTransport = transport;
    await request(this.socket, 'consumers:ready', {});
  }

  private async startSending(generation: number): Promise<void> {
    const transport = await this.createTransport('send');
    if (generation !== this.generation) return void transport.close();
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      const source = appData.source as MediaSource;
      request(this.socket, 'producer:create', {
        transportId: transport.id,
        kind,
        source,
        rtpParameters: rtpParameters as Parameters<typeof request<'producer:create'>>[2]['rtpParameters'],
        paused: this.pausedSources.has(source),
      }).then(({ producer }) => callback({ id: producer.producerId }), errback);
    });
    this.sendTransport = transport;
    await Promise.all([...this.localTracks].map(([source, track]) => this.produce(source, track)));
  }

  private async produce(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    const transport = this.sendTransport;
    if (!transport || this.producers.has(source)) return;
    const paused = this.pausedSources.has(source);
    track.enabled = !paused;
    const producer = await transport.produce({
      track,
      appData: { source },
      stopTracks: false,
      // Copies: mediasoup-client writes the layers' rids into the encodings it is given.
      ...(source === 'camera' ? { encodings: cameraEncodings(track), codecOptions: { videoGoogleStartBitrate: 600 } } : structuredClone(SEND_SETTINGS[source])),
      onRtpSender: (sender: RTCRtpSender) => {
        if (source === 'screen') keepResolution(sender);
        this.frames?.attachSender(sender, source === 'microphone' ? 'audio' : 'video');
      },
    });
    // The server created it paused already; this keeps the browser's side in step.
    if (paused) producer.pause();
    this.producers.set(source, producer);
  }

  private async acceptConsumer(info: ConsumerInfo): Promise<void> {
    const transport = this.recvTransport;
    if (!transport) throw new Error('not receiving');
    this.accepting.add(info.consumerId);
    let consumer: types.Consumer;
    try {
      consumer = await transport.consume({
        id: info.consumerId,
        producerId: info.producerId,
        kind: info.kind,
        rtpParameters: info.rtpParameters as types.RtpParameters,
        ...(this.frames ? { onRtpReceiver: (receiver: RTCRtpReceiver) => this.frames?.attachReceiver(receiver, info.kind, info.participantId) } : {}),
      });
    } finally {
      this.accepting.delete(info.consumerId);
    }
    if (this.withdrawnEarly.delete(info.consumerId)) {
      consumer.close();
      throw new Error('withdrawn while it was being set up');
    }
    const remote: RemoteTrack = {
      consumerId: info.consumerId,
      participantId: info.participantId,
      source: info.source,
      channel: info.channel ?? null,
      track: consumer.track,
      paused: info.producerPaused,
    };
    this.consumers.set(info.consumerId, { consumer, remote });
    consumer.on('transportclose', () => this.dropConsumer(info.consumerId));
    this.events.trackAdded(remote);
  }

  private dropConsumer(consumerId: string): void {
    if (this.accepting.has(consumerId)) this.withdrawnEarly.add(consumerId);
    const entry = this.consumers.get(consumerId);
    if (!entry) return;
    this.consumers.delete(consumerId);
    entry.consumer.close();
    this.events.trackRemoved(entry.remote);
  }

  private markPaused(consumerId: string, paused: boolean): void {
    const entry = this.consumers.get(consumerId);
    if (!entry) return;
    entry.remote.paused = paused;
    this.events.trackPaused(entry.remote, paused);
  }
}

function transportOptions(info: TransportInfo, iceServers: { urls: string[]; username?: string; credential?: string }[]): types.TransportOptions {
  return {
    id: info.id,
    iceParameters: info.iceParameters as types.IceParameters,
    iceCandidates: info.iceCandidates as unknown as types.IceCandidate[],
    dtlsParameters: info.dtlsParameters as types.DtlsParameters,
    iceServers,
  };
}
