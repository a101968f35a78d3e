/**
 * `hearing-room drain <node id>`: asks a server of the service to drain — to take no new hearing and
 * move those it holds to the other servers at once, as a planned failover — and waits until it holds
 * none, so that it can be stopped and upgraded during office hours. Run with the service's Redis
 * settings (HEARING_ROOM_REDIS_URL, HEARING_ROOM_SERVICE_NAME); the server sees the request at its
 * next heartbeat. SIGTERM drains a server the same way before it stops.
 *
 * Exit 0 once the server holds no hearing, 1 if it still holds some after the time allowed
 * (--wait, seconds; no other server takes hearings, or it is not running), 2 on bad input.
 */
import { Redis } from 'ioredis';
import { z } from 'zod';
import { NodeRegistry, Placement } from '../cluster/index.js';

const Env = z.object({
  HEARING_ROOM_REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://'),
  HEARING_ROOM_SERVICE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores')
    .default('hearing-room'),
});
const Args = z.tuple([z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'node id: must be 1 to 64 letters, digits, dots, dashes or underscores')]).rest(z.string());

function fail(message: string): never {
  process.stderr.write(`hearing-room drain: ${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const env = Env.safeParse(process.env);
  if (!env.success) fail(env.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const args = Args.safeParse(process.argv.slice(2));
  if (!args.success) fail(`usage: hearing-room drain <node id> [--wait <seconds>] (${args.error.issues[0]?.message})`);
  const [nodeId, ...rest] = args.data;
  const waitIndex = rest.indexOf('--wait');
  const wait = z.coerce
    .number()
    .int()
    .min(1)
    .max(3600)
    .safeParse(waitIndex >= 0 ? rest[waitIndex + 1] : 120);
  if (!wait.success) fail('--wait: must be a whole number of seconds from 1 to 3600');

  const redis = new Redis(env.data.HEARING_ROOM_REDIS_URL, { maxRetriesPerRequest: 2 });
  try {
    const registry = new NodeRegistry(redis, undefined, env.data.HEARING_ROOM_SERVICE_NAME);
    const placement = new Placement(redis, registry);
    if (!(await registry.alive()).has(nodeId)) {
      process.stderr.write(`hearing-room drain: no server named ${nodeId} is running in service ${env.data.HEARING_ROOM_SERVICE_NAME}\n`);
      process.exitCode = 1;
      return;
    }
    await placement.requestDrain(nodeId);
    const deadline = Date.now() + wait.data * 1000;
    for (;;) {
      const held = (await placement.held([nodeId])).get(nodeId) ?? 0;
      if (held === 0) {
        process.stdout.write(`${nodeId} holds no hearing: it can be stopped\n`);
        return;
      }
      if (Date.now() > deadline) {
        process.stderr.write(`hearing-room drain: ${nodeId} still holds ${held} hearing(s) after ${wait.data} s (is another server taking hearings?)\n`);
        process.exitCode = 1;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    redis.disconnect();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`hearing-room drain: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
