/**
 * This server as one of several sharing the hearings: it announces itself in Redis every heartbeat
 * (its address, how many hearings it takes, how busy it is, whether it drains), places hearings
 * through the shared placement, notices when an operator asks it to drain (`hearing-room drain`), and
 * withdraws when it stops. Without HEARING_ROOM_REDIS_URL there is none of this: one server holds
 * every hearing.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { Logger } from 'pino';
import { HEARTBEAT_MS, NodeRegistry, Placement } from '../cluster/index.js';
import type { HearingPlacement } from '../signaling/index.js';

export interface ClusterMembership {
  placement: HearingPlacement;
  /**
   * socket.io's adapter on a Redis stream: what one server broadcasts or tells the others reaches them,
   * and a server that loses Redis for a while resumes the stream where it was (it keeps 10,000
   * entries; court state never depends on it — a server away longer reads the record, not the stream).
   */
  adapter: ServerOptions['adapter'];
  /** Where counts the whole service shares are kept (sign-in failures): its Redis, under its name. */
  shared: { client: Redis; prefix: string };
  /**
   * Starts announcing this server at its address (known once it listens), with its load: its media
   * workers' CPU time so far and how many consumers it forwards. `drainAsked` runs once an operator
   * asks it to drain.
   */
  announce(url: string, load: () => Promise<{ consumers: number; workersCpuMs: number; workers: number }>, drainAsked: () => void): Promise<void>;
  /** Takes nothing new from now on: announced at once, so that no placement chooses this server while it hands its hearings over. */
  drain(): Promise<void>;
  /** Leaves the service at once, rather than when its announcement expires. */
  leave(): Promise<void>;
  /** Whether Redis answers (for `/readyz`). */
  ping(): Promise<unknown>;
  /** Whether this server drains (for `/readyz`: a load balancer stops sending people to it). */
  readonly draining: boolean;
}

export async function joinCluster(
  settings: { redisUrl: string; capacity: number; nodeId: string; serviceName: string },
  log: Logger,
): Promise<ClusterMembership> {
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 2 });
  redis.on('error', (err) => log.warn({ err }, 'Redis is not answering'));
  const registry = new NodeRegistry(redis, undefined, settings.serviceName);
  const streams = new Redis(settings.redisUrl, { maxRetriesPerRequest: 2 });
  streams.on('error', (err) => log.warn({ err }, 'Redis is not answering'));
  const placement = new Placement(redis, registry);
  // A server that starts holds nothing, whatever a previous run of it left behind.
  await placement.forgetHeld(settings.nodeId).catch((error: unknown) => {
    redis.disconnect();
    streams.disconnect();
    throw error;
  });
  let heartbeat: NodeJS.Timeout | undefined;
  let beat: (() => Promise<void>) | undefined;
  let draining = false;
  let others: { urls: string[]; at: number } | undefined;
  let last: { cpuMs: number; at: number } | undefined;
  return {
    shared: { client: redis, prefix: settings.serviceName },
    adapter: createAdapter(streams, {
      streamName: `${settings.serviceName}:socket.io`,
      channelPrefix: `${settings.serviceName}:socket.io`,
      maxLen: 10_000,
      blockTimeInMs: 1_000,
    }),
    placement: {
      place: (hearingId) => placement.place(hearingId),
      renew: (nodeId, hearingIds) => placement.renew(nodeId, hearingIds),
      release: (nodeId, hearingId) => placement.release(nodeId, hearingId),
      handedOverBy: (hearingId) => placement.handedOverBy(hearingId),
      // Where a page may go: the other servers that take hearings.
      // Read at most once a heartbeat: every page's welcome names them, and a morning's pages all arrive at once.
      otherServers: async () => {
        if (others && Date.now() - others.at < HEARTBEAT_MS) return others.urls;
        const urls = [...(await registry.alive()).values()].filter((node) => node.nodeId !== settings.nodeId && !node.draining).map((node) => node.url);
        others = { urls, at: Date.now() };
        return urls;
      },
    },
    async announce(url, load, drainAsked) {
      beat = async () => {
        // The media workers' mean CPU over the last beat, % of one core each: what limits how many more hearings fit.
        const now = await load();
        const at = Date.now();
        const percent = last ? Math.min(100, Math.max(0, (now.workersCpuMs - last.cpuMs) / Math.max(1, at - last.at) / Math.max(1, now.workers)) * 100) : 0;
        last = { cpuMs: now.workersCpuMs, at };
        await registry.announce({
          nodeId: settings.nodeId,
          url,
          capacity: settings.capacity,
          cpu: Math.round(percent * 10) / 10,
          consumers: now.consumers,
          draining,
          at: new Date().toISOString(),
        });
        if (!draining && (await placement.drainRequested(settings.nodeId))) {
          log.warn({ nodeId: settings.nodeId }, 'asked to drain: this server moves its hearings to the others and takes no new one');
          drainAsked();
        }
      };
      await beat();
      heartbeat = setInterval(() => void beat?.().catch((err: unknown) => log.warn({ err }, 'could not announce this server')), HEARTBEAT_MS);
      heartbeat.unref();
    },
    async drain() {
      draining = true;
      await beat?.().catch((err: unknown) => log.warn({ err }, 'could not announce that this server drains'));
    },
    ping: () => redis.ping(),
    get draining() {
      return draining;
    },
    async leave() {
      clearInterval(heartbeat);
      await registry.withdraw(settings.nodeId).catch(() => undefined);
      redis.disconnect();
      streams.disconnect();
    },
  };
}
