/**
 * Failed sign-ins counted per key (an account, an address) in a fixed window, with
 * rate-limiter-flexible: in memory with one server, and in Redis with several, so that an attacker
 * who reaches every server of the service gets no more tries than one who reaches one. If Redis
 * stops answering, the count falls back to this server's memory rather than letting everyone in.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';

export class FailureLimiter {
  private readonly limiter: RateLimiterAbstract;

  constructor(
    /** What is counted, e.g. `sign-in-account`: keeps each count's keys apart. */
    name: string,
    private readonly max: number,
    windowMs: number,
    redis?: { client: Redis; prefix: string },
  ) {
    const options = { keyPrefix: name, points: max, duration: Math.ceil(windowMs / 1000) };
    const memory = new RateLimiterMemory(options);
    this.limiter = redis
      ? new RateLimiterRedis({ ...options, keyPrefix: `${redis.prefix}:${name}`, storeClient: redis.client, insuranceLimiter: memory })
      : memory;
  }

  /** Seconds until the key may try again, or 0 when it may try now. */
  async retryAfter(key: string): Promise<number> {
    const counted = await this.limiter.get(key);
    return counted && counted.consumedPoints >= this.max ? Math.ceil(counted.msBeforeNext / 1000) : 0;
  }

  async fail(key: string): Promise<void> {
    await this.limiter.penalty(key, 1);
  }

  async succeed(key: string): Promise<void> {
    await this.limiter.delete(key);
  }
}
