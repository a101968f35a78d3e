/**
 * Redis on the loopback server (HEARING_ROOM_TEST_REDIS_URL): each test keeps its keys under a
 * namespace of its own. CI must have Redis; a developer machine without it skips these tests and the
 * runner says so.
 */
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.HEARING_ROOM_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function redisAvailable(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    await redis.connect();
    await redis.ping();
    return true;
  } catch {
    if (process.env.CI) throw new Error(`Redis is not reachable at ${REDIS_URL}, and CI must test it`);
    return false;
  } finally {
    redis.disconnect();
  }
}

export function connectRedis(): Redis {
  return new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
}
