/**
 * A real TURN server for a test: Debian's coturn (`turnserver`), configured the way a court would
 * run it beside Hearing Room — the TURN REST API (`use-auth-secret` with a `static-auth-secret`), a
 * realm, plain TURN over UDP and TCP on one port — and nothing read from /etc, so the machine's own
 * coturn settings (or a coturn service already running) cannot change what the test sees. Its log
 * goes to memory, so a test can show that a relay was allocated, and for whom.
 *
 * Needs `turnserver` (Debian: `apt-get install coturn`; `./hearing-room test` installs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface TurnServer {
  /** Where it listens, UDP and TCP alike. */
  address: string;
  port: number;
  /** The value for HEARING_ROOM_TURN_URLS: the same port over UDP and over TCP. */
  urls: string;
  /** Its `static-auth-secret`: the value for HEARING_ROOM_TURN_SECRET. */
  secret: string;
  realm: string;
  /** The ports it relays from, as it was told (`min-port`, `max-port`). */
  relayPorts: { min: number; max: number };
  /** Everything it has logged so far. */
  log(): string;
  close(): Promise<void>;
}

const ATTEMPTS = 8;

/** Starts coturn on `address` (UDP and TCP on a free port) and waits until it answers on both. */
export async function startTurnServer(options: { address: string; secret?: string; realm?: string }): Promise<TurnServer> {
  const secret = options.secret ?? randomBytes(24).toString('base64url');
  const realm = options.realm ?? 'hearing-room.test';
  let lastError: unknown;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    // Away from the media server's ports in the tests (20000–35000, 40100–40999); a port another
    // process took meanwhile is simply another attempt.
    const port = 36000 + Math.floor(Math.random() * 4000);
    const relayMin = 45000 + Math.floor(Math.random() * 300) * 32;
    const relayPorts = { min: relayMin, max: relayMin + 31 };
    if (!(await portsFree(options.address, port))) continue;
    try {
      return await launch({ address: options.address, port, relayPorts, secret, realm });
    } catch (error) {
      if (error instanceof TurnServerMissing) throw error;
      lastError = error;
    }
  }
  throw new Error(`coturn did not start on ${options.address} after ${ATTEMPTS} attempts: ${String(lastError)}`);
}

class TurnServerMissing extends Error {}

async function launch(settings: {
  address: string;
  port: number;
  relayPorts: { min: number; max: number };
  secret: string;
  realm: string;
}): Promise<TurnServer> {
  const { address, port, relayPorts, secret, realm } = settings;
  // Its pid file and SQLite database (opened even when no user is stored in it) stay out of /var.
  const dir = mkdtempSync(join(tmpdir(), 'hearing-room-coturn-'));
  const args = [
    '-n', // no configuration file: /etc/turnserver.conf is the machine's, not the test's
    `--listening-ip=${address}`,
    `--listening-port=${port}`,
    `--relay-ip=${address}`,
    `--min-port=${relayPorts.min}`,
    `--max-port=${relayPorts.max}`,
    '--use-auth-secret',
    `--static-auth-secret=${secret}`,
    `--realm=${realm}`,
    '--fingerprint',
    // Plain TURN only: TLS needs a certificate, and the browser here is given turn: URLs.
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--log-file=stdout',
    // Each request it answers and for whom (ALLOCATE, CREATE_PERMISSION, a 401), and each session's
    // usage: what a test shows the relay did.
    '--verbose',
    `--pidfile=${join(dir, 'turnserver.pid')}`,
    `--db=${join(dir, 'turndb')}`,
  ];
  const child = spawn('turnserver', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<Error>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      resolve(
        error.code === 'ENOENT'
          ? new TurnServerMissing("coturn's turnserver is not installed (on Debian: apt-get install coturn; ./hearing-room test installs it)")
          : error,
      ),
    );
    child.once('exit', (code, signal) => resolve(new Error(`turnserver exited (${signal ?? code}) before answering:\n${log.slice(-2000)}`)));
  });
  const close = async () => {
    await stop(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const ready = waitUntilAnswering(address, port).then(
    () => null,
    (error: Error) => error,
  );
  const outcome = await Promise.race([ready, exited]);
  if (outcome !== null) {
    await close();
    throw outcome;
  }
  return {
    address,
    port,
    urls: `turn:${address}:${port}?transport=udp,turn:${address}:${port}?transport=tcp`,
    secret,
    realm,
    relayPorts,
    log: () => log,
    close,
  };
}

/** Whether nothing listens on `port` of `address`, over TCP or UDP. */
async function portsFree(address: string, port: number): Promise<boolean> {
  const tcp = await new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, address, () => server.close(() => resolve(true)));
  });
  if (!tcp) return false;
  return new Promise<boolean>((resolve) => {
    const socket = createSocket('udp4');
    socket.once('error', () => {
      socket.close();
      resolve(false);
    });
    socket.bind(port, address, () => socket.close(() => resolve(true)));
  });
}

/**
 * Waits until coturn accepts a TCP connection and answers a STUN Binding request over UDP: only then
 * are both of the listeners a browser may use open.
 */
async function waitUntilAnswering(address: string, port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await acceptsTcp(address, port)) && (await answersStun(address, port))) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`turnserver did not answer on ${address}:${port} within ${timeoutMs} ms`);
}

function acceptsTcp(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, address);
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** A STUN Binding request (RFC 5389: type 0x0001, no attributes, the magic cookie) and its success response. */
function answersStun(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createSocket('udp4');
    const transaction = randomBytes(12);
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), transaction]);
    let done = false;
    const finish = (answered: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => finish(false), 500);
    socket.on('message', (message) => {
      if (message.readUInt16BE(0) === 0x0101 && message.subarray(8, 20).equals(transaction)) finish(true);
    });
    socket.once('error', () => finish(false));
    socket.send(request, port, address);
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const killed = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(killed);
}
