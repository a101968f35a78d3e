/**
 * The production compose file, brought up as an operator brings it up — except for the Docker engine,
 * which cannot run here: `docker-compose config` (Debian's docker-compose) checks the file and renders
 * every service's final command and environment from `.env`, and the test runs exactly those outside
 * containers, each on the real program the image holds: both Hearing Room servers (the command and
 * environment the image and the compose file give them) against the machine's real PostgreSQL and
 * Redis on loopback, where the compose file publishes its own; coturn (Debian's, as in the coturn
 * image); Prometheus (Debian's) with deploy/prometheus.yml and deploy/alerts.yml. Caddy's file is
 * checked by Caddy itself (Debian's), which cannot obtain certificates here.
 *
 * What the operator ends up with: a file that refuses to start without its secrets, naming them;
 * two servers that migrate one database together and both say they are ready; a Prometheus that
 * scrapes both and sees their media workers; a TURN server that gives a relay to the credentials the
 * servers hand out, and refuses others.
 *
 * Needs docker-compose, coturn, caddy and prometheus (Debian's packages; `./hearing-room test`
 * installs them) and the built server (`npm run build`, which the setup runs).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes, generateKeyPairSync } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { parse } from 'yaml';
import { turnCredentials } from '../../signaling/turn-credentials.js';
import { POSTGRES_ADMIN_URL, postgresAvailable } from '../support/postgres.js';
import { redisAvailable } from '../support/redis.js';
import { until } from '../support/until.js';

const ROOT = resolve(import.meta.dirname, '../..');
const TOOLS = ['docker-compose', 'turnserver', 'turnutils_uclient', 'prometheus', 'caddy'];
const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const skip =
  missing.length > 0
    ? process.env.CI
      ? false // CI installs them: a missing one must fail, not skip.
      : `needs ${missing.join(', ')} (./hearing-room test installs them)`
    : !existsSync(join(ROOT, 'dist/server/main.js'))
      ? 'needs the built server (npm run build)'
      : false;

/** What the Dockerfile's final stage sets for every container of the image. */
const IMAGE_ENV = { NODE_ENV: 'production', HEARING_ROOM_HOST: '0.0.0.0', HEARING_ROOM_DATA_DIR: '/var/lib/hearing-room' };

interface Service {
  command?: string[] | string;
  environment?: Record<string, string | null>;
  volumes?: (string | { type: string; source?: string; target: string })[];
}

/** `openssl genpkey -algorithm ed25519 -outform DER | base64 -w0`, as .env.example says. */
const ed25519Key = () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');

/** The operator's .env: .env.example with its secrets filled in, as its comments say. */
function operatorsEnv(serviceName: string): string {
  const secrets: Record<string, string> = {
    HEARING_ROOM_TOKEN_SECRET: randomBytes(36).toString('base64'),
    HEARING_ROOM_IDENTITY_KEY: randomBytes(36).toString('base64'),
    HEARING_ROOM_MINUTES_SIGNING_KEY: ed25519Key(),
    HEARING_ROOM_COURT_SIGNING_KEY: ed25519Key(),
    HEARING_ROOM_RECORDING_KEY: randomBytes(32).toString('hex'),
    HEARING_ROOM_TURN_SECRET: randomBytes(36).toString('base64url'),
    HEARING_ROOM_POSTGRES_PASSWORD: randomBytes(18).toString('base64url'),
    // The host's public address; here, loopback.
    HEARING_ROOM_RTC_ANNOUNCED_IP: '127.0.0.1',
    // Keeps this test's keys apart on the machine's Redis.
    HEARING_ROOM_SERVICE_NAME: serviceName,
  };
  const lines = readFileSync(join(ROOT, '.env.example'), 'utf8').split('\n');
  const set = new Set<string>();
  const out = lines.map((line) => {
    const name = /^#? ?(HEARING_ROOM_[A-Z_]+)=/.exec(line)?.[1];
    if (name === undefined || secrets[name] === undefined) return line;
    set.add(name);
    return `${name}=${secrets[name]}`;
  });
  assert.deepEqual(
    Object.keys(secrets).filter((name) => !set.has(name)),
    [],
    '.env.example shows every setting the operator must fill in',
  );
  return out.join('\n');
}

function compose(dir: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync('docker-compose', ['--no-ansi', ...args], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A project folder as the operator has it: the compose file, deploy/, and .env beside them. */
function projectFolder(env: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'hearing-room-compose-'));
  cpSync(join(ROOT, 'docker-compose.yml'), join(dir, 'docker-compose.yml'));
  cpSync(join(ROOT, 'deploy'), join(dir, 'deploy'), { recursive: true });
  if (env !== null) writeFileSync(join(dir, '.env'), env);
  return dir;
}

/**
 * A container's paths on this machine: each bind mount's target becomes its source, each named
 * volume a folder of the test's, and the image's own folders (its data folder) one too.
 */
function hostPaths(service: Service, volumes: string): (value: string) => string {
  const mounts: [string, string][] = [['/var/lib/hearing-room', join(volumes, 'image-data')]];
  for (const volume of service.volumes ?? []) {
    const [source, target] =
      typeof volume === 'string' ? (volume.split(':') as [string, string]) : [volume.source ?? `anonymous-${volume.target}`, volume.target];
    // A bind mount is the operator's own file or folder; a named volume starts as an empty folder.
    if (source.startsWith('/')) mounts.push([target, source]);
    else {
      mounts.push([target, join(volumes, source)]);
      mkdirSync(join(volumes, source), { recursive: true });
    }
  }
  // The longest target first: /var/lib/hearing-room/recordings before /var/lib/hearing-room.
  mounts.sort((a, b) => b[0].length - a[0].length);
  mkdirSync(mounts.find(([target]) => target === '/var/lib/hearing-room')![1], { recursive: true });
  return (value) => {
    for (const [target, host] of mounts) {
      const at = value.indexOf(target);
      if (at >= 0 && (value.length === at + target.length || value[at + target.length] === '/'))
        return value.slice(0, at) + host + value.slice(at + target.length);
    }
    return value;
  };
}

function commandOf(service: Service): string[] {
  const command = service.command;
  assert.ok(Array.isArray(command), 'each service this test runs has its command in the compose file, as a list');
  return command;
}

function environmentOf(service: Service): Record<string, string> {
  return Object.fromEntries(Object.entries(service.environment ?? {}).map(([name, value]) => [name, value ?? '']));
}

describe('the production compose file', { skip }, () => {
  const children: ChildProcess[] = [];
  const logs = new Map<string, string>();
  let dir: string;
  let volumes: string;
  let services: Record<string, Service>;
  let serviceName: string;
  let admin: pg.Client;

  function start(name: string, argv: string[], env: Record<string, string>, cwd: string): ChildProcess {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    logs.set(name, '');
    const keep = (chunk: Buffer) => logs.set(name, (logs.get(name) ?? '') + chunk.toString('utf8'));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    children.push(child);
    return child;
  }

  before(async () => {
    assert.ok(await postgresAvailable(), 'PostgreSQL on loopback');
    assert.ok(await redisAvailable(), 'Redis on loopback');
    serviceName = `compose-test-${randomBytes(4).toString('hex')}`;
    dir = projectFolder(operatorsEnv(serviceName));
    volumes = mkdtempSync(join(tmpdir(), 'hearing-room-compose-volumes-'));
    const rendered = compose(dir, ['config']);
    assert.equal(rendered.status, 0, `docker-compose config: ${rendered.stderr}`);
    services = (parse(rendered.stdout) as { services: Record<string, Service> }).services;

    // The compose file's PostgreSQL: user and database hearing_room, under the password of .env
    // (the machine's server trusts loopback, so the password is not what is checked here).
    admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    const existing = await admin.query<{ comment: string | null }>(
      "SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = 'hearing_room'",
    );
    if (existing.rows.length > 0) {
      assert.equal(existing.rows[0]!.comment, 'hearing-room compose test', 'a database hearing_room that this test did not make is left alone');
      await admin.query('DROP DATABASE hearing_room WITH (FORCE)');
    }
    const role = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = 'hearing_room'");
    if (role.rows.length === 0) await admin.query('CREATE ROLE hearing_room LOGIN');
    await admin.query('CREATE DATABASE hearing_room OWNER hearing_room');
    await admin.query("COMMENT ON DATABASE hearing_room IS 'hearing-room compose test'");
  });

  after(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
          }),
      ),
    );
    if (admin) {
      await admin.query('DROP DATABASE IF EXISTS hearing_room WITH (FORCE)').catch(() => undefined);
      await admin.end();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (volumes) rmSync(volumes, { recursive: true, force: true });
  });

  it('refuses to start without the secrets of .env, naming what is missing', () => {
    const bare = projectFolder(readFileSync(join(ROOT, '.env.example'), 'utf8'));
    try {
      const run = compose(bare, ['config']);
      assert.notEqual(run.status, 0);
      assert.match(run.stderr, /HEARING_ROOM_(POSTGRES_PASSWORD|RTC_ANNOUNCED_IP|TURN_SECRET)/, run.stderr);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it('holds two servers, PostgreSQL, Redis, coturn and Caddy, each restarted if it stops, with its data on volumes', () => {
    const raw = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { restart?: string; healthcheck?: unknown }>;
    };
    for (const name of ['node-1', 'node-2', 'postgres', 'redis', 'coturn', 'proxy']) {
      assert.ok(services[name], `${name} is a service`);
      assert.equal(raw.services[name]?.restart, 'unless-stopped', `${name} is restarted`);
    }
    for (const name of ['node-1', 'node-2', 'postgres', 'redis']) assert.ok(raw.services[name]?.healthcheck, `${name} has a health check`);
    const volumeTargets = (name: string) => (services[name]?.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':')[1] : v.target));
    assert.ok(volumeTargets('postgres').includes('/var/lib/postgresql/data'));
    assert.ok(volumeTargets('node-1').includes('/var/lib/hearing-room/recordings'));
    assert.ok(volumeTargets('node-2').includes('/var/lib/hearing-room/recordings'), 'both servers share the recordings');
  });

  it('brings both servers up on one database and one Redis, in Prometheus, with TURN for the credentials they issue', async (t) => {
    const worker = process.env.MEDIASOUP_WORKER_BIN;
    assert.ok(worker, 'MEDIASOUP_WORKER_BIN: the image has its worker at /usr/local/bin/mediasoup-worker; here, the one the setup built');

    // Both servers at once, as `docker compose up` starts them: the migration lock lets one migrate.
    const nodes = ['node-1', 'node-2'].map((name) => {
      const service = services[name]!;
      const path = hostPaths(service, join(volumes, name));
      const env = Object.fromEntries(Object.entries({ ...IMAGE_ENV, ...environmentOf(service) }).map(([k, v]) => [k, path(v)]));
      const child = start(name, commandOf(service), { ...env, PATH: process.env.PATH ?? '', MEDIASOUP_WORKER_BIN: worker }, ROOT);
      return {
        child,
        name,
        port: Number(env.HEARING_ROOM_PORT),
        metricsPort: Number(env.HEARING_ROOM_METRICS_PORT),
        publicUrl: env.HEARING_ROOM_PUBLIC_URL,
      };
    });
    assert.deepEqual(
      nodes.map((n) => n.publicUrl),
      ['https://node-1.hearings.court.example', 'https://node-2.hearings.court.example'],
    );

    const coturn = services.coturn!;
    // An open relay would carry anyone's traffic anywhere: coturn relays towards the announced address alone.
    const turnArgs = commandOf(coturn);
    assert.ok(
      turnArgs.includes('--denied-peer-ip=0.0.0.0-255.255.255.255') && turnArgs.includes('--denied-peer-ip=::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'),
    );
    assert.deepEqual(
      turnArgs.filter((arg) => arg.startsWith('--allowed-peer-ip=')),
      ['--allowed-peer-ip=127.0.0.1'],
    );
    start('coturn', commandOf(coturn).map(hostPaths(coturn, join(volumes, 'coturn'))), { PATH: process.env.PATH ?? '' }, volumes);
    const prometheus = services.prometheus!;
    start(
      'prometheus',
      ['prometheus', ...commandOf(prometheus).map(hostPaths(prometheus, join(volumes, 'prometheus')))],
      { PATH: process.env.PATH ?? '' },
      volumes,
    );

    for (const node of nodes) {
      const report = await until(
        `${node.name} ready`,
        async () => {
          if (node.child.exitCode !== null) return { exited: node.child.exitCode };
          // Refused until it listens.
          const response = await fetch(`http://127.0.0.1:${node.port}/readyz`).catch(() => undefined);
          return response?.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
        },
        60_000,
      ).catch((error: Error) => assert.fail(`${error.message}; its log:\n${logs.get(node.name)?.slice(-3000)}`));
      assert.equal(report.exited, undefined, `${node.name} stopped; its log:\n${logs.get(node.name)?.slice(-3000)}`);
      t.diagnostic(`${node.name} /readyz: ${JSON.stringify(report)}`);
      const page = await fetch(`http://127.0.0.1:${node.port}/`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<html/);
    }
    // One schema, migrated once.
    const db = new pg.Client({ connectionString: new URL('/hearing_room', POSTGRES_ADMIN_URL).toString() });
    await db.connect();
    try {
      const tables = await db.query<{ n: string }>("SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'");
      assert.ok(Number(tables.rows[0]!.n) > 10, 'the servers migrated the compose file’s database');
    } finally {
      await db.end();
    }

    // Prometheus, with the operator's configuration, scrapes both and sees their media workers.
    const query = async (expr: string) => {
      const response = await fetch(`http://127.0.0.1:9090/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await response.json()) as { data: { result: { metric: Record<string, string>; value: [number, string] }[] } };
      return body.data.result;
    };
    const up = await until(
      'Prometheus scraping both servers',
      async () => {
        const result = await query('up{job="hearing-room"} == 1').catch(() => []);
        return result.length === 2 ? result : undefined;
      },
      60_000,
    ).catch((error: Error) => assert.fail(`${error.message}; Prometheus's log:\n${logs.get('prometheus')?.slice(-3000)}`));
    assert.deepEqual(up.map((r) => r.metric.node).sort(), ['node-1', 'node-2']);
    const workers = await query('sum by (node) (hearing_room_media_workers{state="alive"})');
    assert.deepEqual(workers.map((r) => r.metric.node).sort(), ['node-1', 'node-2']);
    assert.ok(
      workers.every((r) => Number(r.value[1]) >= 1),
      `each server has live media workers: ${JSON.stringify(workers)}`,
    );
    const rules = (await (await fetch('http://127.0.0.1:9090/api/v1/rules')).json()) as { data: { groups: { rules: unknown[] }[] } };
    assert.ok(rules.data.groups.flatMap((g) => g.rules).length >= 6, 'the alert rules are loaded');

    // coturn: a relay for the credentials a server hands a participant, none for a wrong secret.
    const env = environmentOf(services['node-1']!);
    const turnUrls = env.HEARING_ROOM_TURN_URLS!.split(',');
    assert.ok(
      turnUrls.some((u) => u.startsWith('turns:')),
      'TURN over TLS is offered too',
    );
    const issued = turnCredentials({ urls: turnUrls, secret: env.HEARING_ROOM_TURN_SECRET!, ttlSeconds: 600 }, 'participant-1');
    const allocate = (username: string, password: string) =>
      // Towards the announced address, the only peer coturn relays to.
      spawnSync('turnutils_uclient', ['-v', '-n', '1', '-u', username, '-w', password, '-e', '127.0.0.1', '-p', '3478', '127.0.0.1'], {
        encoding: 'utf8',
        timeout: 15_000,
      });
    const granted = await until(
      'a relay from coturn',
      async () => {
        const run = allocate(issued.username!, issued.credential!);
        return /Received relay addr/.test(run.stdout + run.stderr) ? run.stdout + run.stderr : undefined;
      },
      20_000,
    ).catch((error: Error) => assert.fail(`${error.message}; coturn's log:\n${logs.get('coturn')?.slice(-3000)}`));
    t.diagnostic(granted.split('\n').find((line) => /relay addr/.test(line)) ?? '');
    const forged = turnCredentials({ urls: turnUrls, secret: 'another-secret-that-is-not-the-court-s', ttlSeconds: 600 }, 'participant-1');
    const refused = allocate(forged.username!, forged.credential!);
    assert.doesNotMatch(refused.stdout + refused.stderr, /Received relay addr/, 'no relay for credentials made under another secret');
  });

  it("gives Caddy a file it accepts for the front door and each server's own address", () => {
    const run = spawnSync('caddy', ['validate', '--adapter', 'caddyfile', '--config', join(dir, 'deploy/Caddyfile')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: volumes, XDG_DATA_HOME: volumes, XDG_CONFIG_HOME: volumes, HEARING_ROOM_DOMAIN: 'hearings.court.example' },
    });
    assert.equal(run.status, 0, run.stderr);
    const adapted = spawnSync('caddy', ['adapt', '--adapter', 'caddyfile', '--config', join(dir, 'deploy/Caddyfile')], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: volumes, HEARING_ROOM_DOMAIN: 'hearings.court.example' },
    });
    assert.equal(adapted.status, 0, adapted.stderr);
    for (const host of ['hearings.court.example', 'node-1.hearings.court.example', 'node-2.hearings.court.example', 'turn.hearings.court.example'])
      assert.ok(adapted.stdout.includes(`"${host}"`), `Caddy serves ${host}`);
  });
});
