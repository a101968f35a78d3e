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
import type { ConsumerInfo, MediaSource, TransportInfo } from '../../signaling/protocol.js';
import { request, type HearingConnection } from './connection.js';

export interface RemoteTrack {
  consumerId: string;
  participantId: string;
  source: MediaSource;
  track: MediaStreamTrack;
  paused: boolean;
}

export interface MediaSessionEvents {
  trackAdded(track: RemoteTrack): void;
  trackRemoved(track: RemoteTrack): void;
  trackPaused(track: RemoteTrack, paused: boolean): void;
  connectionState(state: string): void;
}

export class MediaSession {
  private device: Device | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private readonly producers = new Map<MediaSource, types.Producer>();
  private readonly consumers = new Map<string, { consumer: types.Consumer; remote: RemoteTrack }>();
  private readonly localTracks = new Map<MediaSource, MediaStreamTrack>();
  private generation = 0;

  constructor(
    private readonly socket: HearingConnection,
    private readonly events: MediaSessionEvents,
  ) {
    socket.on('consumer:new', (info, ack) => {
      this.acceptConsumer(info).then(
        () => ack({ ok: true }),
        () => ack({ ok: false }),
      );
    });
    socket.on('consumer:closed', ({ consumerId }) => this.dropConsumer(consumerId));
    socket.on('consumer:paused', ({ consumerId }) => this.markPaused(consumerId, true));
    socket.on('consumer:resumed', ({ consumerId }) => this.markPaused(consumerId, false));
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
    const existing = this.producers.get(source);
    if (existing) {
      await existing.replaceTrack({ track });
      return;
    }
    if (!this.sendTransport) await this.startSending(this.generation);
    else await this.produce(source, track);
  }

  async stopSending(source: MediaSource): Promise<void> {
    this.localTracks.delete(source);
    const producer = this.producers.get(source);
    if (!producer) return;
    this.producers.delete(source);
    producer.close();
    await request(this.socket, 'producer:close', { producerId: producer.id }).catch(() => undefined);
  }

  async setPaused(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!producer) return;
    if (paused) producer.pause();
    else producer.resume();
    await request(this.socket, 'producer:set-paused', { producerId: producer.id, paused });
  }

  remoteTracks(): RemoteTrack[] {
    return [...this.consumers.values()].map((c) => c.remote);
  }

  /** inbound-rtp figures per remote stream, for the quality display and for tests. */
  async receiveStats(): Promise<{ participantId: string; source: MediaSource; kind: string; stats: Record<string, number> }[]> {
    const rows = [];
    for (const { consumer, remote } of this.consumers.values()) {
      const report = await consumer.getStats();
      for (const entry of report.values()) {
        if (entry.type !== 'inbound-rtp') continue;
        const numbers: Record<string, number> = {};
        for (const [key, value] of Object.entries(entry as Record<string, unknown>)) if (typeof value === 'number') numbers[key] = value;
        rows.push({ participantId: remote.participantId, source: remote.source, kind: consumer.kind, stats: numbers });
      }
    }
    return rows;
  }

  close(): void {
    this.generation += 1;
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
    const transport = direction === 'send' ? device.createSendTransport(options) : device.createRecvTransport(options);
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      request(this.socket, 'transport:connect', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
    });
    transport.on('connectionstatechange', (state) => {
      this.events.connectionState(state);
      if (state === 'failed' || state === 'disconnected') void this.restartIce(transport);
    });
    return transport;
  }

  private async restartIce(transport: types.Transport): Promise<void> {
    if (transport.closed) return;
    try {
      const { iceParameters } = await request(this.socket, 'transport:restart-ice', { transportId: transport.id });
      await transport.restartIce({ iceParameters });
    } catch {
      // The next state change tries again; a lost signalling connection reconnects on its own.
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
      }).then(({ producer }) => callback({ id: producer.producerId }), errback);
    });
    this.sendTransport = transport;
    await Promise.all([...this.localTracks].map(([source, track]) => this.produce(source, track)));
  }

  private async produce(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    const transport = this.sendTransport;
    if (!transport || this.producers.has(source)) return;
    const producer = await transport.produce({
      track,
      appData: { source },
      stopTracks: false,
      ...(source === 'microphone' ? { codecOptions: { opusFec: true, opusDtx: false } } : {}),
    });
    this.producers.set(source, producer);
  }

  private async acceptConsumer(info: ConsumerInfo): Promise<void> {
    const transport = this.recvTransport;
    if (!transport) throw new Error('not receiving');
    const consumer = await transport.consume({
      id: info.consumerId,
      producerId: info.producerId,
      kind: info.kind,
      rtpParameters: info.rtpParameters as types.RtpParameters,
    });
    const remote: RemoteTrack = {
      consumerId: info.consumerId,
      participantId: info.participantId,
      source: info.source,
      track: consumer.track,
      paused: info.producerPaused,
    };
    this.consumers.set(info.consumerId, { consumer, remote });
    consumer.on('transportclose', () => this.dropConsumer(info.consumerId));
    this.events.trackAdded(remote);
  }

  private dropConsumer(consumerId: string): void {
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
