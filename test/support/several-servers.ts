/**
 * Several servers of one service in one test: a fresh PostgreSQL database they share, the settings
 * every server of a service shares (Redis, every secret and key), and every server, process and
 * socket the test opens, all closed (and the database dropped, the service's Redis keys removed)
 * after it.
 *
 * `process()` starts a server as its own operating-system process, exactly as `hearing-room serve`
 * runs it, so that a test can kill it (-9), freeze it (SIGSTOP) or stop it (SIGTERM) as an operator
 * or a power cut would.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from './postgres.js';
import { connectRedis, REDIS_URL } from './redis.js';
import { killServerProcess, processEnv, type ServerProcess, startServerProcess } from './server-process.js';
import type { TestServer } from './server.js';
import type { TestSocket } from './socket-client.js';

/** A server of the service running as its own process. */
export interface ServiceNode extends ServerProcess {
  nodeId: string;
  /** The environment it was started with: `seedHearing` and `recordOf` read the shared database through it. */
  env: Record<string, string>;
  /** Sends a signal to the server's process; resolves once it has exited when the signal ends it. */
  signal(name: NodeJS.Signals): Promise<void>;
  /** Kills (-9) the server with its media workers and recorders at once, as a power cut does, and resolves once it is gone. */
  powerOff(): Promise<void>;
}

export function severalServers() {
  const sockets: TestSocket[] = [];
  const servers: TestServer[] = [];
  const processes: ServiceNode[] = [];
  const dirs: string[] = [];
  const serviceName = `test-${randomUUID().slice(0, 8)}`;
  let drop: (() => Promise<void>) | undefined;
  let shared: Record<string, string> | undefined;
  return {
    sockets,
    servers,
    processes,
    serviceName,
    /** The database the servers share. */
    async database(): Promise<string> {
      const db = await createTestDatabase();
      drop = db.drop;
      return db.url;
    },
    /** What every server of this service is started with: one database, one Redis, every secret and key alike, one recordings folder. */
    async sharedSettings(): Promise<Record<string, string>> {
      if (shared) return shared;
      const pem = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      const recordings = mkdtempSync(join(tmpdir(), 'hearing-room-shared-recordings-'));
      dirs.push(recordings);
      shared = {
        HEARING_ROOM_DATABASE_URL: await this.database(),
        HEARING_ROOM_REDIS_URL: REDIS_URL,
        HEARING_ROOM_SERVICE_NAME: serviceName,
        HEARING_ROOM_TOKEN_SECRET: randomBytes(32).toString('hex'),
        HEARING_ROOM_IDENTITY_KEY: randomBytes(32).toString('hex'),
        HEARING_ROOM_RECORDING_KEY: randomBytes(32).toString('hex'),
        HEARING_ROOM_MINUTES_SIGNING_KEY: pem(),
        HEARING_ROOM_COURT_SIGNING_KEY: pem(),
        // The folder every server mounts: the one that takes a hearing over seals and continues its recording.
        HEARING_ROOM_RECORDINGS_DIR: recordings,
      };
      return shared;
    },
    /** Starts a server of the service as a process of its own, at an address of its own, and waits until it listens. */
    async process(nodeId: string, extra: Record<string, string> = {}): Promise<ServiceNode> {
      // Started again at the address it had (an upgrade), or at a new one.
      const port = extra.HEARING_ROOM_PORT ? Number(extra.HEARING_ROOM_PORT) : await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), `hearing-room-${nodeId}-`));
      dirs.push(dataDir);
      const url = `http://127.0.0.1:${port}`;
      const env = processEnv(dataDir, {
        ...(await this.sharedSettings()),
        HEARING_ROOM_NODE_ID: nodeId,
        HEARING_ROOM_PORT: String(port),
        HEARING_ROOM_PUBLIC_URL: url,
        ...extra,
      });
      const started = await startServerProcess(env, { ownGroup: true });
      const exited = new Promise((resolve) => started.child.once('exit', resolve));
      const node: ServiceNode = {
        nodeId,
        url,
        env,
        child: started.child,
        output: started.output,
        async powerOff() {
          if (started.child.exitCode !== null || started.child.signalCode !== null) return;
          process.kill(-started.child.pid!, 'SIGKILL');
          await exited;
        },
        async signal(name) {
          if (name === 'SIGKILL' || name === 'SIGTERM' || name === 'SIGINT') await killServerProcess(started.child, name);
          else if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill(name);
        },
      };
      processes.push(node);
      return node;
    },
    async close(): Promise<void> {
      for (const socket of sockets) socket.close();
      for (const server of servers) await server.close();
      for (const server of processes) {
        // A frozen server is thawed first, or it could not stop.
        await server.signal('SIGCONT');
        await server.powerOff();
      }
      await drop?.();
      const redis = connectRedis();
      const keys = await redis.keys(`${serviceName}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
