/**
 * Which server holds each hearing in session: a lease in Redis under a time-to-live, renewed by its
 * holder every heartbeat. A hearing is placed when it first comes into session, on the live server
 * with the most room (the fewest hearings for its capacity, then the least busy workers), and again
 * when its holder has died (its announcement and its leases expired) — never while its holder lives.
 * The lease here says where a hearing should be; the database's lease (`store/leases.ts`) is what
 * makes sure a server that lost it can no longer write, however late it learns so.
 *
 * Every change is one Lua script, so that two servers placing the same hearing at the same moment
 * agree on one: the placement that finds the lease as it read it wins, the other reads the winner.
 */
import type { Redis } from 'ioredis';
import { LIVENESS_MS, type NodeAnnouncement, type NodeRegistry } from './registry.js';

/**
 * KEYS: the hearing's lease, who it was last placed on, the new holder's set, the last holder's set.
 * ARGV: the holder as read ('' for none), the new holder, the hearing id, ttl, the last placed as read ('' for none).
 * The last holder is kept apart from the lease because the lease expires with a dead holder, and its
 * set must still lose the hearing.
 */
const CLAIM = `
if (redis.call('GET', KEYS[1]) or '') ~= ARGV[1] then return 0 end
if (redis.call('GET', KEYS[2]) or '') ~= ARGV[5] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[4])
redis.call('SET', KEYS[2], ARGV[2])
if ARGV[5] ~= '' then redis.call('SREM', KEYS[4], ARGV[3]) end
redis.call('SADD', KEYS[3], ARGV[3])
return 1`;

/**
 * KEYS: the hearing's lease, who it was last placed on. ARGV: holder, ttl. 1 if still held and
 * renewed. A lease that lapsed (a late renewal) while nobody placed the hearing elsewhere is taken
 * back: the last placement still names this holder.
 */
const RENEW = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if not holder and redis.call('GET', KEYS[2]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

/**
 * KEYS: the hearing's lease, who it was last placed on, the holder's set, the hand-over mark.
 * ARGV: holder, hearing id, how long the mark is kept. The mark tells the next holder the move was
 * planned (a drain), not a death.
 */
const RELEASE = `
redis.call('SREM', KEYS[3], ARGV[2])
redis.call('SET', KEYS[4], ARGV[1], 'PX', ARGV[3])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** How long a hand-over stays marked: long enough for the pages to reach the next holder. */
const HANDED_OVER_KEPT_MS = 60_000;

export class NoServerAvailable extends Error {
  override name = 'NoServerAvailable';
  constructor() {
    super('no server of the service is taking hearings now');
  }
}

export class Placement {
  private readonly hearingKey: (hearingId: string) => string;
  private readonly heldKey: (nodeId: string) => string;
  private readonly placedKey: (hearingId: string) => string;
  private readonly drainKey: (nodeId: string) => string;
  private readonly handedKey: (hearingId: string) => string;

  constructor(
    private readonly redis: Redis,
    private readonly registry: NodeRegistry,
    /** How long a hearing stays with a holder that stopped renewing: a few heartbeats. */
    readonly leaseMs = LIVENESS_MS,
  ) {
    this.hearingKey = (hearingId) => `${registry.namespace}:hearing:${hearingId}`;
    this.heldKey = (nodeId) => `${registry.namespace}:held:${nodeId}`;
    this.placedKey = (hearingId) => `${registry.namespace}:placed:${hearingId}`;
    this.drainKey = (nodeId) => `${registry.namespace}:drain:${nodeId}`;
    this.handedKey = (hearingId) => `${registry.namespace}:handed:${hearingId}`;
  }

  /** The server that holds the hearing: its live holder, or the live server with the most room, which holds it from now on. */
  async place(hearingId: string): Promise<NodeAnnouncement> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const nodes = await this.registry.alive();
      const [holder, last] = await this.redis.mget(this.hearingKey(hearingId), this.placedKey(hearingId));
      const holding = holder == null ? undefined : nodes.get(holder);
      if (holding) return holding;
      const chosen = await this.roomiest([...nodes.values()].filter((node) => !node.draining));
      if (!chosen) throw new NoServerAvailable();
      const claimed = await this.redis.eval(
        CLAIM,
        4,
        this.hearingKey(hearingId),
        this.placedKey(hearingId),
        this.heldKey(chosen.nodeId),
        this.heldKey(last ?? chosen.nodeId),
        holder ?? '',
        chosen.nodeId,
        hearingId,
        this.leaseMs,
        last ?? '',
      );
      if (claimed === 1) return chosen;
      // Another server placed it meanwhile: read again, and follow its choice.
    }
    throw new Error(`hearing ${hearingId} could not be placed: its lease kept changing`);
  }

  /** The server holding the hearing now, if its lease is current. */
  async holderOf(hearingId: string): Promise<string | undefined> {
    return (await this.redis.get(this.hearingKey(hearingId))) ?? undefined;
  }

  /** Renews the leases a server holds (in one round trip); returns those it no longer holds (placed elsewhere after it was thought dead). */
  async renew(nodeId: string, hearingIds: readonly string[]): Promise<string[]> {
    if (hearingIds.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const hearingId of hearingIds) pipeline.eval(RENEW, 2, this.hearingKey(hearingId), this.placedKey(hearingId), nodeId, this.leaseMs);
    const answers = await pipeline.exec();
    if (!answers) throw new Error('Redis did not answer the renewal');
    // Only a hearing placed elsewhere is lost; a command that failed proves nothing, and is tried again next beat.
    return hearingIds.filter((_, i) => {
      const [error, renewed] = answers[i] ?? [null, 1];
      return error === null && renewed === 0;
    });
  }

  /** Asks a server to drain (`hearing-room drain`): it sees it at its next heartbeat, and moves its hearings to the others. */
  async requestDrain(nodeId: string): Promise<void> {
    await this.redis.set(this.drainKey(nodeId), new Date().toISOString());
  }

  async drainRequested(nodeId: string): Promise<boolean> {
    return (await this.redis.exists(this.drainKey(nodeId))) === 1;
  }

  /** The hearing leaves the server (it ended, or the server drains): the next placement chooses afresh. */
  async release(nodeId: string, hearingId: string): Promise<void> {
    await this.redis.eval(
      RELEASE,
      4,
      this.hearingKey(hearingId),
      this.placedKey(hearingId),
      this.heldKey(nodeId),
      this.handedKey(hearingId),
      nodeId,
      hearingId,
      HANDED_OVER_KEPT_MS,
    );
  }

  /** The server that last released the hearing on purpose (a drain), within the last minute. */
  async handedOverBy(hearingId: string): Promise<string | undefined> {
    return (await this.redis.get(this.handedKey(hearingId))) ?? undefined;
  }

  /** A server that starts holds nothing, and takes hearings again, whatever a previous run of it left behind (an upgrade drained it). */
  async forgetHeld(nodeId: string): Promise<void> {
    await this.redis.del(this.heldKey(nodeId), this.drainKey(nodeId));
  }

  /** How many hearings each server holds. */
  async held(nodeIds: readonly string[]): Promise<Map<string, number>> {
    const counts = await Promise.all(nodeIds.map((id) => this.redis.scard(this.heldKey(id))));
    return new Map(nodeIds.map((id, i) => [id, counts[i]!]));
  }

  private async roomiest(candidates: NodeAnnouncement[]): Promise<NodeAnnouncement | undefined> {
    const held = await this.held(candidates.map((node) => node.nodeId));
    const room = (node: NodeAnnouncement) => (held.get(node.nodeId) ?? 0) / node.capacity;
    const full = (node: NodeAnnouncement) => (held.get(node.nodeId) ?? 0) >= node.capacity;
    return candidates
      .filter((node) => !full(node))
      .sort((a, b) => room(a) - room(b) || a.cpu - b.cpu || a.nodeId.localeCompare(b.nodeId))
      .at(0);
  }
}
