/**
 * The servers of one national service, as Redis knows them: each announces itself (its address,
 * how many hearings it takes, how busy its media workers are, whether it is draining) under a
 * time-to-live, again every heartbeat. A server that stops announcing — killed, cut off, frozen — is
 * gone from the list when its last announcement expires, which is how the others learn it died.
 * What another server wrote is parsed like any other input: an announcement that does not parse is
 * not a server.
 */
import type { Redis } from 'ioredis';
import { z } from 'zod';

export const NodeAnnouncement = z
  .object({
    nodeId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores'),
    /** Where pages connect: a web address and nothing else, with no path. */
    url: z.url({ protocol: /^https?$/ }).regex(/^https?:\/\/[^\s/?#]+\/?$/, 'must be an http(s) origin with no path'),
    /** How many hearings this server takes at most. */
    capacity: z.number().int().min(1).max(10_000),
    /** Its media workers' mean CPU, %. */
    cpu: z.number().min(0).max(100),
    consumers: z.number().int().min(0),
    /** Draining: it keeps what it holds until moved, and takes nothing new. */
    draining: z.boolean(),
    at: z.iso.datetime(),
  })
  .strict();
export type NodeAnnouncement = z.infer<typeof NodeAnnouncement>;

/**
 * How often a server announces itself and renews its hearings, and how long an announcement or a
 * lease counts without being renewed: four beats, so that a late beat or two (a busy event loop) do
 * not declare a server dead, while a dead one is known within four seconds — less than the five
 * LiveKit waits before re-placing a room.
 */
export const HEARTBEAT_MS = 1_000;
export const LIVENESS_MS = 4 * HEARTBEAT_MS;

export class NodeRegistry {
  private readonly prefix: string;

  constructor(
    private readonly redis: Redis,
    readonly ttlMs = LIVENESS_MS,
    /** Keeps one service's keys apart from another's on a shared Redis. */
    readonly namespace = 'hearing-room',
  ) {
    this.prefix = `${namespace}:node:`;
  }

  async announce(announcement: NodeAnnouncement): Promise<void> {
    const checked = NodeAnnouncement.parse(announcement);
    await this.redis.set(this.prefix + checked.nodeId, JSON.stringify(checked), 'PX', this.ttlMs);
  }

  /** A server that stops on purpose leaves at once rather than when its announcement expires. */
  async withdraw(nodeId: string): Promise<void> {
    await this.redis.del(this.prefix + nodeId);
  }

  /** Every server whose announcement has not expired, by id. */
  async alive(): Promise<Map<string, NodeAnnouncement>> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, found] = await this.redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 100);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
    if (keys.length === 0) return new Map();
    const values = await this.redis.mget(...keys);
    const nodes = new Map<string, NodeAnnouncement>();
    for (const value of values) {
      if (value === null) continue; // expired between the scan and the read
      let json: unknown;
      try {
        json = JSON.parse(value);
      } catch {
        continue;
      }
      const parsed = NodeAnnouncement.safeParse(json);
      if (parsed.success) nodes.set(parsed.data.nodeId, parsed.data);
    }
    return nodes;
  }
}
