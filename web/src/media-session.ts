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
import type { SourceMasking } from '../../model/media.js';
import type { MediaSource, TransportInfo } from '../../signaling/protocol.js';
import { request, type HearingConnection } from './connection.js';
import type { ConsultationCrypto } from './consultation-crypto.js';
import { IceRecovery } from './ice-recovery.js';
import { RemoteStreams, type ReceivingEvents, type RemoteTrack } from './remote-streams.js';
import { keepResolution, sendSettings } from './send-settings.js';

export interface MediaSessionEvents extends ReceivingEvents {
  connectionState(state: string): void;
}

export class MediaSession {
  private device: Device | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private readonly producers = new Map<MediaSource, types.Producer>();
  private readonly remote: RemoteStreams;
  private readonly localTracks = new Map<MediaSource, MediaStreamTrack>();
  /** Sources the participant has muted or turned off: re-created streams start the same way. */
  private readonly pausedSources = new Set<MediaSource>();
  private readonly ice: IceRecovery;
  private generation = 0;
  /**
   * What this page did to each source's track before sending it, declared with the stream (masking.ts):
   * kept per source with its track, so a raw track is never declared as a masked one.
   */
  private readonly masking = new Map<MediaSource, SourceMasking | null>();

  constructor(
    private readonly socket: HearingConnection,
    private readonly events: MediaSessionEvents,
    /** Seals and opens frames during a private consultation; every stream passes through it. */
    private readonly frames: ConsultationCrypto | null = null,
  ) {
    this.remote = new RemoteStreams(socket, events, () => this.recvTransport, frames);
    this.ice = new IceRecovery(socket);
  }

  /** ICE restarts that completed, for support staff and tests: a dropped link heals with one, not a rejoin. */
  get iceRestartsDone(): number {
    return this.ice.done;
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

  /** Declares the masking applied to the microphone and camera tracks given to `start`. */
  declareMasking(masking: SourceMasking | null): void {
    this.masking.set('microphone', masking);
    this.masking.set('camera', masking);
  }

  /**
   * Sends a source again as a new stream under a new masking (a protective measure was ordered or
   * lifted): the server takes a masking only as a stream is created, never on a track replaced in it.
   */
  async resend(source: 'microphone' | 'camera', track: MediaStreamTrack, masking: SourceMasking | null): Promise<void> {
    await this.stopSending(source);
    this.masking.set(source, masking);
    await this.send(source, track);
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
    return this.remote.tracks();
  }

  /**
   * How each transport reaches the media server: the selected candidate pair's protocol (udp; tcp
   * where UDP is blocked) and the local candidate's type (`relay` through the court's TURN server).
   */
  /** Each transport's selected route: its protocol, the local candidate's type, and the media server's port it reaches (which server of the service). */
  async routes(): Promise<{ direction: 'send' | 'recv'; protocol: string; candidateType: string; remotePort: number }[]> {
    const routes = [];
    for (const [direction, transport] of [
      ['send', this.sendTransport],
      ['recv', this.recvTransport],
    ] as const) {
      // A transport closed meanwhile (the media moved to another server) has no route to tell.
      const stats = transport && !transport.closed ? await transport.getStats().catch(() => undefined) : undefined;
      if (!stats) continue;
      const entries = [...stats.values()] as ({ id: string; type: string } & Record<string, unknown>)[];
      const pairId = entries.find((e) => e.type === 'transport')?.selectedCandidatePairId;
      const pair = entries.find((e) => e.id === pairId);
      const local = entries.find((e) => e.id === pair?.localCandidateId);
      const remote = entries.find((e) => e.id === pair?.remoteCandidateId);
      if (local)
        routes.push({ direction, protocol: String(local.protocol), candidateType: String(local.candidateType), remotePort: Number(remote?.port ?? 0) });
    }
    return routes;
  }

  /** inbound-rtp figures per remote stream, for the quality display and for tests (see RemoteStreams.stats). */
  receiveStats(): ReturnType<RemoteStreams['stats']> {
    return this.remote.stats();
  }

  /** Both transports' WebRTC statistics, and the incoming videos that should be moving, for the quality reports. */
  async transportStats(): Promise<{ send: RTCStatsReport | null; recv: RTCStatsReport | null; expectedVideo: Set<string> }> {
    const [send, recv] = await Promise.all([this.sendTransport?.getStats() ?? null, this.recvTransport?.getStats() ?? null]);
    return { send, recv, expectedVideo: this.remote.expectedVideo() };
  }

  close(): void {
    this.generation += 1;
    this.remote.stopListening();
    this.teardown();
    this.localTracks.clear();
  }

  private teardown(): void {
    this.remote.clear();
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
      this.ice.follow(transport, state);
    });
    return transport;
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
        ...(this.masking.get(source) ? { masking: this.masking.get(source)! } : {}),
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
      ...sendSettings(source, track),
      onRtpSender: (sender: RTCRtpSender) => {
        if (source === 'screen') keepResolution(sender);
        this.frames?.attachSender(sender, source === 'microphone' ? 'audio' : 'video');
      },
    });
    // The server created it paused already; this keeps the browser's side in step.
    if (paused) producer.pause();
    this.producers.set(source, producer);
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
