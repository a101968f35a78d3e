/**
 * Whether this server can take a hearing now, as a load balancer or an operator's monitor asks
 * (`/readyz`): the database answers, the recording disk has room, a media worker lives, and — with
 * several servers — Redis answers and the server is not draining. `/healthz` says the process and its
 * media workers live; readiness says whether what the court needs of them works.
 */
import { freeMegabytes } from '../recording/index.js';

/** Below this much free space on the recording disk the server is not ready: a recording would soon stop. */
export const DEFAULT_RECORDING_MIN_FREE_MB = 1024;

export interface Readiness {
  ready: boolean;
  database: { ok: boolean; error?: string };
  recordingDisk: { ok: boolean; freeMb?: number; minimumFreeMb: number; error?: string };
  /** At least one media worker alive: without one, nobody can see or hear anyone. */
  mediaWorkers?: { ok: boolean; alive: number; total: number };
  /** With several servers: Redis, where hearings are placed. */
  redis?: { ok: boolean; error?: string };
  /** With several servers: a draining server hands its hearings over and takes no new one. */
  draining?: boolean;
}

export async function readiness(deps: {
  ping: () => Promise<void>;
  recordingDir: string;
  minimumFreeMb: number;
  timeoutMs?: number;
  workers?: () => { alive: number; total: number };
  redis?: () => Promise<unknown>;
  draining?: () => boolean;
}): Promise<Readiness> {
  const timeout = deps.timeoutMs ?? 3000;
  const withTimeout = async <T>(work: Promise<T>, what: string): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        work,
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not answer within ${timeout} ms`)), timeout))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  const database = await withTimeout(deps.ping(), 'the database')
    .then(() => ({ ok: true }))
    // The kind of failure, not the message: a driver's message may carry a host or a user name.
    .catch((error: unknown) => ({
      ok: false,
      error: (error as NodeJS.ErrnoException).code ?? (String((error as Error).message).includes('did not answer') ? 'timeout' : 'unreachable'),
    }));
  const recordingDisk = await withTimeout(freeMegabytes(deps.recordingDir), 'the recording disk')
    .then((freeMb) => ({ ok: freeMb >= deps.minimumFreeMb, freeMb, minimumFreeMb: deps.minimumFreeMb }))
    .catch((error: unknown) => ({ ok: false, minimumFreeMb: deps.minimumFreeMb, error: (error as NodeJS.ErrnoException).code ?? 'unreadable' }));
  const workers = deps.workers?.();
  const mediaWorkers = workers && { ok: workers.alive > 0, ...workers };
  const redis =
    deps.redis &&
    (await withTimeout(deps.redis(), 'Redis')
      .then(() => ({ ok: true }))
      .catch((error: unknown) => ({ ok: false, error: String((error as Error).message).includes('did not answer') ? 'timeout' : 'unreachable' })));
  const draining = deps.draining?.();
  return {
    ready: database.ok && recordingDisk.ok && (mediaWorkers?.ok ?? true) && (redis?.ok ?? true) && !draining,
    database,
    recordingDisk,
    ...(mediaWorkers ? { mediaWorkers } : {}),
    ...(redis ? { redis } : {}),
    ...(draining === undefined ? {} : { draining }),
  };
}
