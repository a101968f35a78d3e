/**
 * This server as one of several sharing the hearings: it announces itself in Redis every heartbeat
 * (its address, how many hearings it takes, how many it holds, how busy it is), places hearings
 * through the shared placement, and withdraws when it stops. Without HEARING_ROOM_REDIS_URL there is
 * none of this: one server holds every hearing.
 */
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { NodeRegistry, Placement } from '../cluster/index.js';
import type { HearingPlacement } from '../signaling/index.js';

const HEARTBEAT_MS = 2_000;

export interface ClusterMembership {
  placement: HearingPlacement;
  /** Starts announcing this server at its address (known once it listens). */
  announce(url: string, load: () => { consumers: number }): Promise<void>;
  /** Leaves the service at once, rather than when its announcement expires. */
  leave(): Promise<void>;
}

export async function joinCluster(settings: { redisUrl: string; capacity: number; nodeId: string }, log: Logger): Promise<ClusterMembership> {
  const redis = new Redis(settings.redisUrl, { maxRetriesPerRequest: 2 });
  redis.on('error', (err) => log.warn({ err }, 'Redis is not answering'));
  const registry = new NodeRegistry(redis);
  const placement = new Placement(redis, registry);
  // A server that starts holds nothing, whatever a previous run of it left behind.
  await placement.forgetHeld(settings.nodeId);
  let heartbeat: NodeJS.Timeout | undefined;
  let lastCpu = process.cpuUsage();
  let lastAt = Date.now();
  return {
    placement: {
      place: (hearingId) => placement.place(hearingId),
      renew: (nodeId, hearingIds) => placement.renew(nodeId, hearingIds),
    },
    async announce(url, load) {
      const beat = async () => {
        // This process's CPU over the last beat, % of one core; the media workers' own is not in it yet.
        const cpu = process.cpuUsage(lastCpu);
        const now = Date.now();
        const percent = Math.min(100, ((cpu.user + cpu.system) / 1000 / Math.max(1, now - lastAt)) * 100);
        lastCpu = process.cpuUsage();
        lastAt = now;
        await registry.announce({
          nodeId: settings.nodeId,
          url,
          capacity: settings.capacity,
          cpu: Math.round(percent * 10) / 10,
          consumers: load().consumers,
          draining: false,
          at: new Date().toISOString(),
        });
      };
      await beat();
      heartbeat = setInterval(() => void beat().catch((err: unknown) => log.warn({ err }, 'could not announce this server')), HEARTBEAT_MS);
      heartbeat.unref();
    },
    async leave() {
      clearInterval(heartbeat);
      await registry.withdraw(settings.nodeId).catch(() => undefined);
      redis.disconnect();
    },
  };
}
