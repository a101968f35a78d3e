/**
 * sfu — the media plane: a pool of mediasoup workers and one router per hearing.
 *
 * Owns: the workers, each replaced in its slot when it dies (`worker-pool.ts`); the codecs and the
 * bitrate and priority figures every router uses (`media-config.ts`); and each hearing's media
 * (`hearing-media.ts`), which keeps who holds which transport, producer and consumer (`peers.ts`),
 * favours the speaker's and the testifying person's cameras (`floor.ts`), carries out audio-only for a
 * receiver with the one camera it keeps (`audio-only.ts`, by the rule in `speakers.ts`), forwards one
 * interpreter per channel (`interpretation-channels.ts`), and describes all of it to the signalling
 * (`stream-info.ts`). Who may send or receive what is not decided here but above, in signaling/.
 *
 * `Sfu.hearing(id)` returns the hearing's media, creating its router on the least-loaded worker the
 * first time; two participants arriving together get the same router. When a worker dies, every
 * hearing it carried is reported through `media-lost` and forgotten, so the next call to `hearing()`
 * rebuilds it on the replacement worker and participants re-join without reloading their pages.
 */
import { EventEmitter } from 'node:events';
import { PublicGallery, type GalleryLimits } from './gallery.js';
import { HearingMedia } from './hearing-media.js';
import { MEDIA_CODECS } from './media-config.js';
import { WorkerPool, type WorkerPoolOptions, type WorkerSlot } from './worker-pool.js';

export { HearingMedia } from './hearing-media.js';
export { MEDIA_SOURCES, type MediaSource, type StreamOrigin } from '../model/media.js';
export type { ConsumerInfo, ProducerInfo, TransportInfo } from './stream-info.js';
export type { IncomingVideo, ReceivingLink } from './audio-only.js';
export type { ChannelStreams } from './interpretation-channels.js';
export { MediaError } from './errors.js';
export { PublicGallery, type GalleryLimits, type GalleryStream } from './gallery.js';
export type { WorkerPoolOptions, WorkerSlot } from './worker-pool.js';

interface SfuEvents {
  /** A hearing's router was (re)created: subscribe to its events here. */
  'hearing-opened': [media: HearingMedia];
  'media-lost': [hearingId: string];
  'worker-died': [slot: WorkerSlot, error: Error];
  'worker-replaced': [slot: WorkerSlot];
}

export class Sfu extends EventEmitter<SfuEvents> {
  private readonly hearings = new Map<string, Promise<HearingMedia>>();
  private readonly galleries = new Map<string, PublicGallery>();
  /** The public's capacity per hearing, and per room (sfu/gallery.ts). */
  galleryLimits: GalleryLimits = { maxObservers: 500, perRoom: 250 };

  private constructor(readonly pool: WorkerPool) {
    super();
    pool.on('worker-died', (slot, error) => this.emit('worker-died', slot, error));
    pool.on('worker-replaced', (slot) => this.emit('worker-replaced', slot));
  }

  static async start(options: WorkerPoolOptions): Promise<Sfu> {
    return new Sfu(await WorkerPool.start(options));
  }

  hearing(hearingId: string): Promise<HearingMedia> {
    let media = this.hearings.get(hearingId);
    if (!media) {
      media = this.open(hearingId);
      this.hearings.set(hearingId, media);
      media.catch(() => this.hearings.delete(hearingId));
    }
    return media;
  }

  /** The hearing's media if it is already running; never creates a router. */
  async existing(hearingId: string): Promise<HearingMedia | undefined> {
    return this.hearings.get(hearingId)?.catch(() => undefined);
  }

  /** The hearing's public gallery, opened on its media the first time (the court has opened it). */
  gallery(media: HearingMedia): PublicGallery {
    let gallery = this.galleries.get(media.hearingId);
    if (!gallery) {
      gallery = new PublicGallery(media, this.pool, MEDIA_CODECS, this.galleryLimits);
      this.galleries.set(media.hearingId, gallery);
      // The hearing's router gone (worker died, hearing closed): its gallery with it.
      media.router.observer.once('close', () => this.closeGallery(media.hearingId));
    }
    return gallery;
  }

  /** The gallery if it is open; never opens one. */
  existingGallery(hearingId: string): PublicGallery | undefined {
    return this.galleries.get(hearingId);
  }

  closeGallery(hearingId: string): void {
    this.galleries.get(hearingId)?.close();
    this.galleries.delete(hearingId);
  }

  closeHearing(hearingId: string): void {
    const media = this.hearings.get(hearingId);
    this.hearings.delete(hearingId);
    void media?.then(
      (m) => m.close(),
      () => undefined,
    );
  }

  stats(): { workers: { index: number; pid: number; routers: number; generation: number; alive: boolean }[]; hearings: number } {
    return {
      workers: this.pool.list().map((slot) => ({
        index: slot.index,
        pid: slot.worker.pid,
        routers: slot.routers,
        generation: slot.generation,
        alive: !slot.worker.died && !slot.worker.closed,
      })),
      hearings: this.hearings.size,
    };
  }

  /**
   * The media workers' CPU time so far (user and system, milliseconds, all workers together) and how
   * many are alive: the cluster announces how busy they are from two readings a heartbeat apart.
   */
  /** How many consumers every hearing's router forwards now. */
  async consumerCount(): Promise<number> {
    const hearings = await Promise.allSettled(this.hearings.values());
    return hearings.reduce((sum, h) => sum + (h.status === 'fulfilled' ? h.value.consumerCount() : 0), 0);
  }

  async workersCpuMs(): Promise<{ cpuMs: number; workers: number }> {
    const alive = this.pool.list().filter((slot) => !slot.worker.died && !slot.worker.closed);
    const usages = await Promise.all(alive.map((slot) => slot.worker.getResourceUsage().catch(() => undefined)));
    return { cpuMs: usages.reduce((sum, u) => sum + (u ? u.ru_utime + u.ru_stime : 0), 0), workers: alive.length };
  }

  close(): void {
    this.pool.close();
  }

  /**
   * Closes a hearing's router once nobody has been in it for `graceMs`, so that an empty hearing
   * holds no worker resources while a participant reloading their page keeps the same router.
   */
  releaseWhenEmpty(hearingId: string, graceMs: number): void {
    const pending = this.hearings.get(hearingId);
    if (!pending) return;
    setTimeout(() => {
      if (this.hearings.get(hearingId) !== pending) return;
      void pending.then(
        (media) => {
          if (media.participantCount() === 0 && this.hearings.get(hearingId) === pending) this.closeHearing(hearingId);
        },
        () => undefined,
      );
    }, graceMs).unref();
  }

  private async open(hearingId: string): Promise<HearingMedia> {
    const slot = await this.pool.acquire();
    const generation = slot.generation;
    let media: HearingMedia;
    try {
      media = await HearingMedia.create(hearingId, slot, MEDIA_CODECS);
    } catch (error) {
      this.pool.release(slot, generation);
      throw error;
    }
    const current = this.hearings.get(hearingId);
    media.once('closed', (reason) => {
      if (reason === 'closed') this.pool.release(slot, generation);
      if (this.hearings.get(hearingId) !== current) return;
      this.hearings.delete(hearingId);
      if (reason === 'worker-died') this.emit('media-lost', hearingId);
    });
    this.emit('hearing-opened', media);
    return media;
  }
}
