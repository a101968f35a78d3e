/**
 * A hearing's public gallery in the media plane: routers of its own ("rooms"), on other workers than
 * the hearing's where there are any, into which the floor's streams the court allows are piped once
 * per room; observers take their transports and consumers there. However many watch, the hearing's
 * router forwards each stream once per room, so the gallery costs the hearing nothing: its load falls
 * on the rooms' workers. Which streams it shows is decided above (courtroom/media-policy.ts,
 * `mayShowInGallery`); nothing here records anything, and observers are only counted.
 */
import { randomUUID } from 'node:crypto';
import type { types } from 'mediasoup';
import { MediaError } from './errors.js';
import type { HearingMedia } from './hearing-media.js';
import { INITIAL_OUTGOING_BITRATE } from './media-config.js';
import { describeTransport, type ProducerInfo, type TransportInfo } from './stream-info.js';
import type { WorkerPool, WorkerSlot } from './worker-pool.js';

/** What an observer is sent of a shown stream: enough to consume it, and whose function it is, never a name. */
export interface GalleryStream {
  consumerId: string;
  producerId: string;
  kind: types.MediaKind;
  rtpParameters: types.RtpParameters;
  ownerId: string;
  source: string;
}

interface Room {
  slot: WorkerSlot;
  router: types.Router;
  /** The hearing's producer id → its pipe producer in this room. */
  piped: Map<string, types.Producer>;
  observers: number;
}

interface Observer {
  room: Room;
  transport: types.WebRtcTransport;
  /** Hearing producer id → this observer's consumer of it. */
  consumers: Map<string, types.Consumer>;
  seenAt: number;
}

export interface GalleryLimits {
  /** Observers of one hearing at most: the court's capacity for the public, not the machine's. */
  maxObservers: number;
  /** Observers per room before another room is opened on the next worker. */
  perRoom: number;
}

export class PublicGallery {
  private readonly rooms: Room[] = [];
  private readonly observers = new Map<string, Observer>();
  private shown = new Map<string, ProducerInfo>();
  private closed = false;

  constructor(
    private readonly hearing: HearingMedia,
    private readonly pool: WorkerPool,
    private readonly codecs: types.RtpCodecCapability[],
    private readonly limits: GalleryLimits,
  ) {}

  get observerCount(): number {
    return this.observers.size;
  }

  /** Which workers carry the rooms, and how many observers each: for the operator and the benchmark. */
  roomLoads(): { worker: number; observers: number }[] {
    return this.rooms.map((r) => ({ worker: r.slot.index, observers: r.observers }));
  }

  /** Shows exactly these streams of the hearing in every room; what is no longer shown closes for every observer at once. */
  async show(streams: readonly ProducerInfo[]): Promise<void> {
    this.shown = new Map(streams.map((s) => [s.producerId, s]));
    for (const room of this.rooms) await this.follow(room);
  }

  /** A new observer: a receiving transport in the room with the most space. */
  async admit(): Promise<{ observerId: string; routerRtpCapabilities: types.RtpCapabilities; transport: TransportInfo }> {
    this.assertOpen();
    if (this.observers.size >= this.limits.maxObservers) throw new MediaError('gallery_full', 'The public gallery is full. Try again later.');
    const room = this.rooms.filter((r) => r.observers < this.limits.perRoom).sort((a, b) => a.observers - b.observers)[0] ?? (await this.openRoom());
    const transport = await room.router.createWebRtcTransport({
      webRtcServer: room.slot.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
      appData: { gallery: true },
    });
    const observerId = randomUUID();
    room.observers += 1;
    this.observers.set(observerId, { room, transport, consumers: new Map(), seenAt: Date.now() });
    transport.observer.once('close', () => this.forget(observerId));
    return { observerId, routerRtpCapabilities: room.router.rtpCapabilities, transport: describeTransport(transport) };
  }

  async connect(observerId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.observer(observerId).transport.connect({ dtlsParameters });
  }

  /**
   * The observer's streams brought in line with what is shown: consumers for the shown streams it does
   * not hold yet, and the ids of those it held that are gone. Also its sign of life.
   */
  async streams(observerId: string, rtpCapabilities: types.RtpCapabilities): Promise<{ added: GalleryStream[]; removed: string[] }> {
    const observer = this.observer(observerId);
    observer.seenAt = Date.now();
    const removed: string[] = [];
    for (const [producerId, consumer] of observer.consumers) {
      if (consumer.closed || !this.shown.has(producerId)) {
        consumer.close();
        observer.consumers.delete(producerId);
        removed.push(consumer.id);
      }
    }
    const added: GalleryStream[] = [];
    for (const [producerId, info] of this.shown) {
      const piped = observer.room.piped.get(producerId);
      if (!piped || piped.closed || observer.consumers.has(producerId)) continue;
      if (!observer.room.router.canConsume({ producerId: piped.id, rtpCapabilities })) continue;
      const consumer = await observer.transport.consume({ producerId: piped.id, rtpCapabilities, paused: false });
      // The public sees the floor, not in the finest detail: the middle layer where there are several.
      if (consumer.type === 'simulcast') await consumer.setPreferredLayers({ spatialLayer: 1 }).catch(() => undefined);
      observer.consumers.set(producerId, consumer);
      added.push({
        consumerId: consumer.id,
        producerId,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters,
        ownerId: info.participantId,
        source: info.source,
      });
    }
    return { added, removed };
  }

  leave(observerId: string): void {
    this.observers.get(observerId)?.transport.close();
  }

  /** Observers whose page has not asked for its streams for `idleMs` are gone: counted out. */
  sweep(idleMs: number, now = Date.now()): void {
    for (const [id, observer] of this.observers) if (now - observer.seenAt > idleMs) this.leave(id);
  }

  /** Every observer's transport and every room closed: the gallery is shut. */
  close(): void {
    this.closed = true;
    for (const room of this.rooms) room.router.close();
    this.rooms.length = 0;
    this.observers.clear();
  }

  private async openRoom(): Promise<Room> {
    const hearingWorker = this.hearing.workerIndex;
    const slots = this.pool.list().filter((s) => !s.worker.died && !s.worker.closed);
    const others = slots.filter((s) => s.index !== hearingWorker);
    // Another worker than the hearing's, the one with the fewest rooms; the hearing's only if it is the only one.
    const candidates = others.length > 0 ? others : slots;
    const roomsOn = (slot: WorkerSlot) => this.rooms.filter((r) => r.slot === slot).length;
    const slot = [...candidates].sort((a, b) => roomsOn(a) - roomsOn(b))[0];
    if (!slot) throw new MediaError('no_worker', 'No media worker is running.');
    const router = await slot.worker.createRouter({ mediaCodecs: this.codecs, appData: { gallery: this.hearing.hearingId } });
    // Closed while the router was being made: it is not left behind.
    if (this.closed) {
      router.close();
      throw new MediaError('gallery_closed', 'The public gallery is closed.');
    }
    const room: Room = { slot, router, piped: new Map(), observers: 0 };
    // A room whose worker died is gone: its observers' pages take a new place.
    router.observer.once('close', () => {
      const at = this.rooms.indexOf(room);
      if (at >= 0) this.rooms.splice(at, 1);
    });
    this.rooms.push(room);
    await this.follow(room);
    return room;
  }

  private async follow(room: Room): Promise<void> {
    for (const [producerId, piped] of room.piped) {
      if (!this.shown.has(producerId) || piped.closed) {
        piped.close();
        room.piped.delete(producerId);
      }
    }
    for (const producerId of this.shown.keys()) {
      if (room.piped.has(producerId)) continue;
      const piped = await this.hearing.pipeTo(producerId, room.router).catch(() => undefined);
      if (piped) room.piped.set(producerId, piped);
    }
  }

  private observer(observerId: string): Observer {
    this.assertOpen();
    const observer = this.observers.get(observerId);
    if (!observer) throw new MediaError('unknown_observer', 'This place in the gallery has expired: reload the page.');
    return observer;
  }

  private forget(observerId: string): void {
    const observer = this.observers.get(observerId);
    if (!observer) return;
    observer.room.observers -= 1;
    this.observers.delete(observerId);
  }

  private assertOpen(): void {
    if (this.closed) throw new MediaError('gallery_closed', 'The public gallery is closed.');
  }
}
