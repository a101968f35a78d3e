/**
 * The streams this page receives: a consumer for each offer the server makes on the receiving
 * transport, answered only once it is set up (the server resumes it then, so the first packets carry
 * a keyframe), and dropped when the server withdraws it — even while it is still being set up.
 */
import type { types } from 'mediasoup-client';
import type { ConsumerInfo, IncomingVideo, MediaSource } from '../../signaling/protocol.js';
import type { HearingConnection } from './connection.js';
import type { ConsultationCrypto } from './consultation-crypto.js';

export interface RemoteTrack {
  consumerId: string;
  participantId: string;
  source: MediaSource;
  /** For an interpretation channel or the booth line: the channel's language. */
  channel: string | null;
  track: MediaStreamTrack;
  paused: boolean;
}

export interface ReceivingEvents {
  trackAdded(track: RemoteTrack): void;
  trackRemoved(track: RemoteTrack): void;
  trackPaused(track: RemoteTrack, paused: boolean): void;
  /** The server switched this person's incoming video off (audio-only) or on, or changed the one camera kept. */
  incomingVideo(state: IncomingVideo): void;
}

export class RemoteStreams {
  private readonly consumers = new Map<string, { consumer: types.Consumer; remote: RemoteTrack }>();
  /** Offers still being set up, and those the server withdrew meanwhile. */
  private readonly accepting = new Set<string>();
  private readonly withdrawnEarly = new Set<string>();
  /** Audio-only at the server: these videos are paused there, so still, not frozen. */
  private incoming: IncomingVideo = { off: false, keptOwnerId: null };
  private readonly unsubscribe: () => void;

  constructor(
    socket: HearingConnection,
    private readonly events: ReceivingEvents,
    /** The receiving transport, once there is one. */
    private readonly transport: () => types.Transport | null,
    /** Opens frames sealed during a private consultation; every stream passes through it. */
    private readonly frames: ConsultationCrypto | null,
  ) {
    const onNew = (info: ConsumerInfo, ack: (answer: unknown) => void) => {
      this.accept(info).then(
        () => ack({ ok: true }),
        () => ack({ ok: false }),
      );
    };
    const onClosed = ({ consumerId }: { consumerId: string }) => this.drop(consumerId);
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
    this.unsubscribe = () => {
      socket.off('consumer:new', onNew);
      socket.off('consumer:closed', onClosed);
      socket.off('consumer:paused', onPaused);
      socket.off('consumer:resumed', onResumed);
      socket.off('media:incoming-video', onIncomingVideo);
    };
  }

  /** A closed session must not answer offers meant for the one that replaced it. */
  stopListening(): void {
    this.unsubscribe();
  }

  tracks(): RemoteTrack[] {
    return [...this.consumers.values()].map((c) => c.remote);
  }

  /** Every stream gone at once (its transport closed): each is removed from the page. */
  clear(): void {
    for (const { remote } of this.consumers.values()) this.events.trackRemoved(remote);
    this.consumers.clear();
  }

  /**
   * inbound-rtp figures per remote stream, for the quality display and for tests. Every consumer held
   * has a row, one that has received nothing yet with empty figures: a stream that arrived silent
   * must show as such, not vanish. `producerPaused`: what the server last said of its producer.
   */
  async stats(): Promise<
    { consumerId: string; participantId: string; source: MediaSource; kind: string; producerPaused: boolean; stats: Record<string, number> }[]
  > {
    const rows = [];
    for (const { consumer, remote } of this.consumers.values()) {
      const report = await consumer.getStats();
      const row = {
        consumerId: remote.consumerId,
        participantId: remote.participantId,
        source: remote.source,
        kind: consumer.kind,
        producerPaused: remote.paused,
      };
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

  /** The incoming videos that should be moving: neither paused nor switched off by audio-only. */
  expectedVideo(): Set<string> {
    const expected = new Set<string>();
    for (const { consumer, remote } of this.consumers.values()) {
      const switchedOff = this.incoming.off && remote.participantId !== this.incoming.keptOwnerId;
      if (consumer.kind === 'video' && !consumer.paused && !remote.paused && !switchedOff && consumer.track.readyState === 'live')
        expected.add(consumer.track.id);
    }
    return expected;
  }

  private async accept(info: ConsumerInfo): Promise<void> {
    const transport = this.transport();
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
    consumer.on('transportclose', () => this.drop(info.consumerId));
    this.events.trackAdded(remote);
  }

  private drop(consumerId: string): void {
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
