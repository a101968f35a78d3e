/**
 * One mediasoup worker per core, each with a WebRtcServer so that all participants on a worker
 * share one UDP and one TCP port (a court's firewall opens a handful of ports, not thousands).
 *
 * A worker that dies is replaced in the same slot, on the same port; the pool tells its owner which
 * slot died so the hearings it carried can be rebuilt on the replacement.
 */
import { EventEmitter } from 'node:events';
import { createWorker, type types } from 'mediasoup';

export interface WorkerPoolOptions {
  workers: number;
  listenIp: string;
  announcedIp: string | undefined;
  /** Worker i's WebRtcServer listens on portBase + i, UDP and TCP. */
  webRtcPortBase: number;
  rtcMinPort: number;
  rtcMaxPort: number;
  logLevel: types.WorkerLogLevel;
}

export interface WorkerSlot {
  readonly index: number;
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  /** Routers (hearings) placed on this worker; the load measure for placement. */
  routers: number;
  /** How many times this slot's worker has been replaced. */
  generation: number;
}

interface PoolEvents {
  'worker-died': [slot: WorkerSlot, error: Error];
  'worker-replaced': [slot: WorkerSlot];
  'replacement-failed': [slot: WorkerSlot, error: Error];
}

const REPLACEMENT_RETRY_MS = [100, 500, 2000, 5000];

export class WorkerPool extends EventEmitter<PoolEvents> {
  private readonly slots: WorkerSlot[] = [];
  private closed = false;

  private constructor(private readonly options: WorkerPoolOptions) {
    super();
  }

  static async start(options: WorkerPoolOptions): Promise<WorkerPool> {
    const pool = new WorkerPool(options);
    for (let index = 0; index < options.workers; index++) {
      const { worker, webRtcServer } = await pool.launch(index);
      const slot: WorkerSlot = { index, worker, webRtcServer, routers: 0, generation: 0 };
      pool.slots.push(slot);
      pool.watch(slot);
    }
    return pool;
  }

  /** The live slot with the fewest hearings, for a new router. */
  leastLoaded(): WorkerSlot {
    const live = this.slots.filter((slot) => !slot.worker.died && !slot.worker.closed);
    const chosen = live.sort((a, b) => a.routers - b.routers || a.index - b.index)[0];
    if (!chosen) throw new Error('no live media worker');
    return chosen;
  }

  /**
   * Reserves a place for a new router on the least-loaded live worker (waiting for a replacement
   * when every worker has just died). Reserved at once, so hearings opening together spread out;
   * the caller gives the place back with `release` when the router closes or cannot be created.
   */
  async acquire(timeoutMs = 10_000): Promise<WorkerSlot> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const slot = this.leastLoaded();
        slot.routers += 1;
        return slot;
      } catch (error) {
        if (Date.now() > deadline || this.closed) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  /** Gives back a place taken by `acquire`, unless the worker it was on has died since (its count restarted). */
  release(slot: WorkerSlot, generation: number): void {
    if (slot.generation === generation && !slot.worker.died) slot.routers = Math.max(0, slot.routers - 1);
  }

  list(): readonly WorkerSlot[] {
    return this.slots;
  }

  close(): void {
    this.closed = true;
    for (const slot of this.slots) slot.worker.close();
  }

  private async launch(index: number): Promise<Pick<WorkerSlot, 'worker' | 'webRtcServer'>> {
    const { options } = this;
    const worker = await createWorker({
      logLevel: options.logLevel,
      rtcMinPort: options.rtcMinPort,
      rtcMaxPort: options.rtcMaxPort,
      appData: { slot: index },
    }).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      throw new Error(
        `the mediasoup worker binary was not found (${error.path ?? 'unknown path'}): start through ./hearing-room, which builds it, or set MEDIASOUP_WORKER_BIN`,
      );
    });
    try {
      const port = options.webRtcPortBase + index;
      const webRtcServer = await worker.createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ip: options.listenIp, announcedIp: options.announcedIp, port },
          { protocol: 'tcp', ip: options.listenIp, announcedIp: options.announcedIp, port },
        ],
      });
      return { worker, webRtcServer };
    } catch (error) {
      worker.close();
      throw error;
    }
  }

  private watch(slot: WorkerSlot): void {
    const worker = slot.worker;
    worker.once('died', (error) => {
      if (this.closed || slot.worker !== worker) return;
      slot.routers = 0;
      this.emit('worker-died', slot, error);
      void this.replace(slot);
    });
  }

  private async replace(slot: WorkerSlot): Promise<void> {
    for (let attempt = 0; !this.closed; attempt++) {
      try {
        const { worker, webRtcServer } = await this.launch(slot.index);
        if (this.closed) {
          worker.close();
          return;
        }
        slot.worker = worker;
        slot.webRtcServer = webRtcServer;
        slot.generation += 1;
        this.watch(slot);
        this.emit('worker-replaced', slot);
        return;
      } catch (error) {
        this.emit('replacement-failed', slot, error as Error);
        const delay = REPLACEMENT_RETRY_MS[Math.min(attempt, REPLACEMENT_RETRY_MS.length - 1)];
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }
}
