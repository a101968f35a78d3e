/**
 * Every setting of the server, read once from the environment at start and checked. A wrong value
 * stops the start with a sentence naming the variable; nothing is half-configured.
 *
 * | variable | meaning | default |
 * |---|---|---|
 * | HEARING_ROOM_HOST | address the HTTP server listens on | 127.0.0.1 |
 * | HEARING_ROOM_PORT | HTTP port (0 picks a free one) | 3000 |
 * | HEARING_ROOM_PUBLIC_URL | the address people open, used in join links | http://localhost:<port> |
 * | HEARING_ROOM_DATA_DIR | where the embedded database and generated secrets live | ./data |
 * | HEARING_ROOM_DATABASE_URL | `sqlite:<file>` or `postgres://…` | sqlite:<data dir>/hearing-room.sqlite |
 * | HEARING_ROOM_TOKEN_SECRET | key that signs join links, 32+ characters | generated once into the data dir, with a warning |
 * | HEARING_ROOM_IDENTITY_KEY | key under which identity-document numbers are hashed (kept comparable, never readable), 32+ characters | generated once into the data dir |
 * | HEARING_ROOM_MINUTES_SIGNING_KEY | the requested authority's Ed25519 key: the officer countersigns the minutes with it, and it signs recordings' manifests; PKCS#8, as PEM text or as the base64 of the DER bytes | generated once into the data dir (`minutes-signing-key.pem`), with a warning |
 * | HEARING_ROOM_COURT_SIGNING_KEY | the requesting court's Ed25519 key, with which the presiding judge signs the minutes; same forms | generated once into the data dir (`court-signing-key.pem`), with a warning |
 * | HEARING_ROOM_RECORDING_KEY | the key that wraps each recording's own data key (recordings are encrypted at rest): 32 random bytes as base64, base64url or hex | generated once into the data dir (`recording-key`), with a warning |
 * | HEARING_ROOM_RECORDING_TSA_URL | an RFC 3161 time-stamping authority: each recording's manifest is time-stamped at checkpoints and at the end | unset: no timestamps |
 * | HEARING_ROOM_RECORDING_TSA_CA_FILE | the PEM certificate of the CA the authority's certificate chains to (kept with each recording for its verifiers); required with the URL | unset |
 * | HEARING_ROOM_TOKEN_TTL_MINUTES | how long a demo link stays valid | 720 |
 * | HEARING_ROOM_WORKERS | mediasoup workers (one per core) | number of cores |
 * | HEARING_ROOM_RTC_LISTEN_IP | address media is received on | 127.0.0.1 |
 * | HEARING_ROOM_RTC_ANNOUNCED_IP | address browsers send media to, when behind NAT | unset |
 * | HEARING_ROOM_RTC_PORT | first WebRtcServer port; worker i listens on port + i, UDP and TCP | 40000 |
 * | HEARING_ROOM_RTC_MIN_PORT / _MAX_PORT | range for other media ports | 40100 / 40999 |
 * | HEARING_ROOM_TURN_URLS | the court's TURN server, for browsers that reach the media server neither over UDP nor over TCP: comma-separated `turn:`/`turns:` URLs | unset (no TURN) |
 * | HEARING_ROOM_TURN_SECRET | the secret shared with that TURN server (coturn's `static-auth-secret`), 32+ characters; each participant gets short-lived credentials from it | unset; required with HEARING_ROOM_TURN_URLS |
 * | HEARING_ROOM_TURN_TTL_SECONDS | how long a participant's TURN credentials stay valid | 28800 (8 h) |
 * | HEARING_ROOM_EMPTY_HEARING_GRACE_MS | how long an empty hearing keeps its media router | 60000 |
 * | HEARING_ROOM_MEDIA_RESWEEP_MS | how often each hearing's media is matched to the court's rule again, as a net under every path (0: only after decisions) | 3000 |
 * | HEARING_ROOM_RECORDINGS_DIR | where hearings are recorded, one folder per recording (owner-only); recording runs only when the presiding judge starts it | <data dir>/recordings |
 * | HEARING_ROOM_RECORDING_SEGMENT_SECONDS | length of each recorded segment, each hashed and signed as it closes (1–3600) | 10 |
 * | HEARING_ROOM_RECORDING_MIN_FREE_MB | free space the recording disk must keep for `/readyz` to say the server is ready, MiB; the judge is warned below twice this, or when it would fill within 30 minutes | 1024 |
 * | HEARING_ROOM_RECORDING_DISK_CHECK_SECONDS | how often the recording disk's free space is checked while a recording runs (1–300) | 10 |
 * | HEARING_ROOM_DEMO | create a demo hearing when the store is empty, and print its links | true |
 * | HEARING_ROOM_LOG_LEVEL | fatal, error, warn, info, debug, trace, silent | info |
 * | HEARING_ROOM_METRICS_PORT | serve Prometheus metrics at `/metrics` on this port (0: any free port), apart from the public address | no metrics served |
 * | HEARING_ROOM_METRICS_HOST | the address the metrics listen on: keep it on the monitoring network, never the public one | 127.0.0.1 |
 * | HEARING_ROOM_REDIS_URL | `redis://…` or `rediss://…`: several servers share the hearings (it needs PostgreSQL, a public URL, and every secret and key set alike on every server, never generated) | one server alone |
 * | HEARING_ROOM_CAPACITY | how many hearings this server takes at once, when several share them (1–10000) | 50 |
 * | HEARING_ROOM_NODE_ID | this server's name in the hearings' leases, when several servers share one database (letters, digits, `.`, `-`, `_`; at most 64) | the host name and a random suffix |
 * | HEARING_ROOM_SMTP_URL | the court's mail relay, which e-mails invitations, their updates and cancellations, and the summons: `smtp://user:password@relay:587` (STARTTLS required when it signs in), `smtp://relay:25` (no password: STARTTLS when offered) or `smtps://…:465` | unset: nothing is e-mailed (coordinators download and send them) |
 * | HEARING_ROOM_MAIL_FROM | the sender of those e-mails, e.g. `Hearing Room <hearings@court.example>`; required with the relay | unset |
 * | HEARING_ROOM_MAIL_RETRY_SECONDS | wait before an e-mail the relay did not take is tried again; each next try waits four times longer | 60 |
 * | HEARING_ROOM_MAIL_ATTEMPTS | tries before an e-mail is given up (its outcome is in the request's history either way) | 6 (the last about 4 h 15 min after the first) |
 * | HEARING_ROOM_RETENTION_SWEEP_MINUTES | how often the server applies each authority's retention periods to closed hearings (`./hearing-room retention` does it on demand); 0: never | 360 |
 * | HEARING_ROOM_SERVICE_NAME | the service's name in Redis, which keeps its keys apart from another service's on a shared Redis (same characters as the node id) | hearing-room |
 */
import { randomBytes, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { GENERATED_COURT_KEY_FILE, generatedSigningKey, parseSigningKey } from '../record/index.js';
import { DEFAULT_RECORDING_MIN_FREE_MB } from './readiness.js';
import { parseRecordingKey } from '../recording/index.js';
import type { TurnSettings } from '../signaling/index.js';

const Bool = z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' }).transform((v) => v === 'true' || v === '1' || v === 'yes');
/** A key given as text, checked by the parser that will read it; its sentence names what is wrong. */
const KeyText = (parse: (text: string) => unknown) =>
  z.string().superRefine((value, ctx) => {
    try {
      parse(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  });
const Port = z.coerce.number().int('must be a whole number').min(0).max(65535);

const Env = z.object({
  HEARING_ROOM_HOST: z.string().min(1).default('127.0.0.1'),
  HEARING_ROOM_PORT: Port.default(3000),
  HEARING_ROOM_PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be a URL such as https://hearings.example.org' })
    .regex(/^https?:\/\/[^\s/?#]+\/?$/, 'must be the address alone, such as https://hearings.example.org, with no path')
    .optional(),
  HEARING_ROOM_DATA_DIR: z.string().min(1).default('data'),
  HEARING_ROOM_DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
    .optional(),
  HEARING_ROOM_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HEARING_ROOM_IDENTITY_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  HEARING_ROOM_MINUTES_SIGNING_KEY: KeyText(parseSigningKey).optional(),
  HEARING_ROOM_COURT_SIGNING_KEY: KeyText(parseSigningKey).optional(),
  HEARING_ROOM_RECORDING_KEY: KeyText(parseRecordingKey).optional(),
  HEARING_ROOM_RECORDING_TSA_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL of a time-stamping authority' }).optional(),
  HEARING_ROOM_RECORDING_TSA_CA_FILE: z.string().min(1).optional(),
  HEARING_ROOM_TOKEN_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .default(720),
  HEARING_ROOM_WORKERS: z.coerce.number().int().min(1).max(256).default(availableParallelism()),
  HEARING_ROOM_RTC_LISTEN_IP: z.union([z.ipv4(), z.ipv6()], { message: 'must be an IP address' }).default('127.0.0.1'),
  HEARING_ROOM_RTC_ANNOUNCED_IP: z.string().min(1).optional(),
  HEARING_ROOM_RTC_PORT: Port.default(40000),
  HEARING_ROOM_RTC_MIN_PORT: Port.default(40100),
  HEARING_ROOM_RTC_MAX_PORT: Port.default(40999),
  HEARING_ROOM_TURN_URLS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((url) => url.trim())
        .filter((url) => url !== ''),
    )
    .pipe(z.array(z.string().regex(/^turns?:[^\s]+$/, 'must be turn: or turns: URLs, separated by commas')).min(1, 'must name at least one turn: URL'))
    .optional(),
  HEARING_ROOM_TURN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HEARING_ROOM_TURN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  HEARING_ROOM_EMPTY_HEARING_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(60_000),
  HEARING_ROOM_MEDIA_RESWEEP_MS: z.coerce.number().int().min(0).max(60_000).default(3_000),
  HEARING_ROOM_RECORDINGS_DIR: z.string().min(1).optional(),
  HEARING_ROOM_RECORDING_SEGMENT_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .max(3600, 'must be at most 3600 seconds')
    .default(10),
  HEARING_ROOM_RECORDING_MIN_FREE_MB: z.coerce
    .number({ message: 'must be a number of MiB' })
    .int('must be a whole number of MiB')
    .min(0, 'must be 0 or more')
    .default(DEFAULT_RECORDING_MIN_FREE_MB),
  HEARING_ROOM_RECORDING_DISK_CHECK_SECONDS: z.coerce
    .number({ message: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be at least 1 second')
    .max(300, 'must be at most 300 seconds')
    .default(10),
  HEARING_ROOM_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  HEARING_ROOM_MAIL_FROM: z.string().min(3).regex(/@/, 'must be an e-mail address, optionally with a name: Name <address>').optional(),
  HEARING_ROOM_MAIL_RETRY_SECONDS: z.coerce.number({ message: 'must be a number of seconds' }).int().min(1).max(86_400).default(60),
  HEARING_ROOM_MAIL_ATTEMPTS: z.coerce.number({ message: 'must be a number' }).int().min(1).max(20).default(6),
  HEARING_ROOM_RETENTION_SWEEP_MINUTES: z.coerce.number({ message: 'must be a number of minutes' }).int().min(0).max(10_080).default(360),
  HEARING_ROOM_DEMO: Bool.default(true),
  HEARING_ROOM_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEARING_ROOM_METRICS_PORT: Port.optional(),
  HEARING_ROOM_METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  HEARING_ROOM_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  HEARING_ROOM_CAPACITY: z.coerce.number().int('must be a whole number').min(1).max(10_000).default(50),
  HEARING_ROOM_NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores')
    .optional(),
  HEARING_ROOM_SERVICE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1 to 64 letters, digits, dots, dashes or underscores')
    .default('hearing-room'),
});

/** Every variable the server reads: `.env.example` documents each (a test holds them together). */
export const CONFIG_VARIABLES = Object.keys(Env.shape);

export interface Config {
  host: string;
  port: number;
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string;
  tokenSecret: string;
  /** True when the secret was generated rather than given: fine for a demo, not for a court. */
  tokenSecretGenerated: boolean;
  tokenTtlMinutes: number;
  /** PKCS#8 Ed25519 key (PEM or base64 DER) that signs the minutes. */
  minutesSigningKey: string;
  /** True when the key was generated rather than given: minutes signed with it prove little. */
  minutesSigningKeyGenerated: boolean;
  /** PKCS#8 Ed25519 key of the requesting court: the presiding judge signs the minutes with it. */
  courtSigningKey: string;
  courtSigningKeyGenerated: boolean;
  identityKey: string;
  /** The key that wraps each recording's data key (base64url, base64 or hex of 32 bytes). */
  recordingKey: string;
  /** True when the key was generated rather than given: a court keeps its own, and a copy of it safe. */
  recordingKeyGenerated: boolean;
  /** The RFC 3161 authority that time-stamps recordings, when one is configured. */
  timestampAuthority: { url: string; caPem: string } | undefined;
  media: {
    workers: number;
    listenIp: string;
    announcedIp: string | undefined;
    webRtcPortBase: number;
    rtcMinPort: number;
    rtcMaxPort: number;
    emptyHearingGraceMs: number;
    /** How often each hearing's media is matched to the court's rule again; 0: only after decisions. */
    resweepMs: number;
  };
  /** The court's TURN server, when it has one. */
  turn: TurnSettings | undefined;
  /** The court's mail relay, when letters are e-mailed. */
  mail: { smtpUrl: string; from: string; firstRetrySeconds: number; attempts: number } | undefined;
  recording: {
    /** Each recording is a folder under this one, named by the recording's id. */
    dir: string;
    segmentSeconds: number;
    /** Below this free space (MiB) on the recording disk, `/readyz` says the server is not ready. */
    minimumFreeMb: number;
    diskCheckSeconds: number;
  };
  /** Minutes between two passes of the retention rules; 0: the server never runs one. */
  retentionSweepMinutes: number;
  demo: boolean;
  logLevel: z.infer<typeof Env>['HEARING_ROOM_LOG_LEVEL'];
  /** Where Prometheus scrapes `/metrics`, when it does. */
  metrics: { port: number; host: string } | undefined;
  /** Undefined: the host name and a random suffix, new at every start. */
  nodeId: string | undefined;
  /** Several servers sharing the hearings through Redis (placement) and PostgreSQL (the record); undefined: one server alone. */
  cluster: { redisUrl: string; capacity: number; serviceName: string } | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith('HEARING_ROOM_') && value !== ''));
  const parsed = Env.safeParse(relevant);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.HEARING_ROOM_RTC_MIN_PORT > e.HEARING_ROOM_RTC_MAX_PORT) {
    throw new ConfigError('invalid configuration:\n  HEARING_ROOM_RTC_MIN_PORT: must not exceed HEARING_ROOM_RTC_MAX_PORT');
  }
  if ((e.HEARING_ROOM_TURN_URLS === undefined) !== (e.HEARING_ROOM_TURN_SECRET === undefined)) {
    const missing = e.HEARING_ROOM_TURN_URLS === undefined ? 'HEARING_ROOM_TURN_URLS' : 'HEARING_ROOM_TURN_SECRET';
    throw new ConfigError(
      `invalid configuration:\n  ${missing}: must be set together with ${missing === 'HEARING_ROOM_TURN_URLS' ? 'HEARING_ROOM_TURN_SECRET' : 'HEARING_ROOM_TURN_URLS'}`,
    );
  }
  if ((e.HEARING_ROOM_SMTP_URL === undefined) !== (e.HEARING_ROOM_MAIL_FROM === undefined)) {
    const missing = e.HEARING_ROOM_SMTP_URL === undefined ? 'HEARING_ROOM_SMTP_URL' : 'HEARING_ROOM_MAIL_FROM';
    throw new ConfigError(
      `invalid configuration:\n  ${missing}: must be set together with ${missing === 'HEARING_ROOM_SMTP_URL' ? 'HEARING_ROOM_MAIL_FROM' : 'HEARING_ROOM_SMTP_URL'}`,
    );
  }
  if (e.HEARING_ROOM_REDIS_URL !== undefined) refuseLoneServerSettings(e);
  const dataDir = resolve(e.HEARING_ROOM_DATA_DIR);
  const timestampAuthority = readTimestampAuthority(e.HEARING_ROOM_RECORDING_TSA_URL, e.HEARING_ROOM_RECORDING_TSA_CA_FILE);
  const secret = e.HEARING_ROOM_TOKEN_SECRET ?? generatedSecret(dataDir, 'token-secret');
  return {
    host: e.HEARING_ROOM_HOST,
    port: e.HEARING_ROOM_PORT,
    publicUrl: e.HEARING_ROOM_PUBLIC_URL?.replace(/\/$/, ''),
    dataDir,
    databaseUrl: e.HEARING_ROOM_DATABASE_URL ?? `sqlite:${join(dataDir, 'hearing-room.sqlite')}`,
    tokenSecret: secret,
    tokenSecretGenerated: e.HEARING_ROOM_TOKEN_SECRET === undefined,
    tokenTtlMinutes: e.HEARING_ROOM_TOKEN_TTL_MINUTES,
    minutesSigningKey: e.HEARING_ROOM_MINUTES_SIGNING_KEY ?? generatedSigningKey(dataDir),
    minutesSigningKeyGenerated: e.HEARING_ROOM_MINUTES_SIGNING_KEY === undefined,
    courtSigningKey: e.HEARING_ROOM_COURT_SIGNING_KEY ?? generatedSigningKey(dataDir, GENERATED_COURT_KEY_FILE),
    courtSigningKeyGenerated: e.HEARING_ROOM_COURT_SIGNING_KEY === undefined,
    identityKey: e.HEARING_ROOM_IDENTITY_KEY ?? generatedSecret(dataDir, 'identity-key'),
    recordingKey: e.HEARING_ROOM_RECORDING_KEY ?? generatedSecret(dataDir, 'recording-key'),
    recordingKeyGenerated: e.HEARING_ROOM_RECORDING_KEY === undefined,
    timestampAuthority,
    media: {
      workers: e.HEARING_ROOM_WORKERS,
      listenIp: e.HEARING_ROOM_RTC_LISTEN_IP,
      announcedIp: e.HEARING_ROOM_RTC_ANNOUNCED_IP,
      webRtcPortBase: e.HEARING_ROOM_RTC_PORT,
      rtcMinPort: e.HEARING_ROOM_RTC_MIN_PORT,
      rtcMaxPort: e.HEARING_ROOM_RTC_MAX_PORT,
      emptyHearingGraceMs: e.HEARING_ROOM_EMPTY_HEARING_GRACE_MS,
      resweepMs: e.HEARING_ROOM_MEDIA_RESWEEP_MS,
    },
    turn:
      e.HEARING_ROOM_TURN_URLS && e.HEARING_ROOM_TURN_SECRET
        ? { urls: e.HEARING_ROOM_TURN_URLS, secret: e.HEARING_ROOM_TURN_SECRET, ttlSeconds: e.HEARING_ROOM_TURN_TTL_SECONDS }
        : undefined,
    mail:
      e.HEARING_ROOM_SMTP_URL && e.HEARING_ROOM_MAIL_FROM
        ? {
            smtpUrl: e.HEARING_ROOM_SMTP_URL,
            from: e.HEARING_ROOM_MAIL_FROM,
            firstRetrySeconds: e.HEARING_ROOM_MAIL_RETRY_SECONDS,
            attempts: e.HEARING_ROOM_MAIL_ATTEMPTS,
          }
        : undefined,
    recording: {
      dir: resolve(e.HEARING_ROOM_RECORDINGS_DIR ?? join(dataDir, 'recordings')),
      segmentSeconds: e.HEARING_ROOM_RECORDING_SEGMENT_SECONDS,
      minimumFreeMb: e.HEARING_ROOM_RECORDING_MIN_FREE_MB,
      diskCheckSeconds: e.HEARING_ROOM_RECORDING_DISK_CHECK_SECONDS,
    },
    retentionSweepMinutes: e.HEARING_ROOM_RETENTION_SWEEP_MINUTES,
    demo: e.HEARING_ROOM_DEMO,
    logLevel: e.HEARING_ROOM_LOG_LEVEL,
    metrics: e.HEARING_ROOM_METRICS_PORT === undefined ? undefined : { port: e.HEARING_ROOM_METRICS_PORT, host: e.HEARING_ROOM_METRICS_HOST },
    nodeId: e.HEARING_ROOM_NODE_ID,
    cluster:
      e.HEARING_ROOM_REDIS_URL === undefined
        ? undefined
        : { redisUrl: e.HEARING_ROOM_REDIS_URL, capacity: e.HEARING_ROOM_CAPACITY, serviceName: e.HEARING_ROOM_SERVICE_NAME },
  };
}

/**
 * Several servers share the hearings only through PostgreSQL, and only if a link, a hash, a recording
 * and a signature made on one are good on the others: every secret and key is set, alike, on each,
 * never generated in one server's data folder.
 */
function refuseLoneServerSettings(e: z.infer<typeof Env>): void {
  const problems: string[] = [];
  if (!e.HEARING_ROOM_DATABASE_URL?.startsWith('postgres')) {
    problems.push('HEARING_ROOM_DATABASE_URL: several servers (HEARING_ROOM_REDIS_URL is set) share one PostgreSQL database; set postgres://…');
  }
  if (e.HEARING_ROOM_PUBLIC_URL === undefined) problems.push('HEARING_ROOM_PUBLIC_URL: each of several servers needs the address people reach it at');
  for (const name of [
    'HEARING_ROOM_TOKEN_SECRET',
    'HEARING_ROOM_IDENTITY_KEY',
    'HEARING_ROOM_RECORDING_KEY',
    'HEARING_ROOM_MINUTES_SIGNING_KEY',
    'HEARING_ROOM_COURT_SIGNING_KEY',
  ] as const) {
    if (e[name] === undefined)
      problems.push(`${name}: must be set, alike on every server, when several share the hearings (a generated one would differ from server to server)`);
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}

/** The authority and its CA certificate come together: tokens nobody can check are not evidence. */
function readTimestampAuthority(url: string | undefined, caFile: string | undefined): Config['timestampAuthority'] {
  if (url === undefined && caFile === undefined) return undefined;
  if (url === undefined)
    throw new ConfigError('invalid configuration:\n  HEARING_ROOM_RECORDING_TSA_URL: must be set when HEARING_ROOM_RECORDING_TSA_CA_FILE is');
  if (caFile === undefined)
    throw new ConfigError('invalid configuration:\n  HEARING_ROOM_RECORDING_TSA_CA_FILE: give the CA certificate of the time-stamping authority');
  let caPem: string;
  try {
    caPem = readFileSync(caFile, 'utf8');
    new X509Certificate(caPem);
  } catch (error) {
    throw new ConfigError(`invalid configuration:\n  HEARING_ROOM_RECORDING_TSA_CA_FILE: must be a readable PEM certificate (${(error as Error).message})`);
  }
  return { url, caPem };
}

/** A secret kept beside the embedded database (owner-only), so demo links survive a restart. */
function generatedSecret(dataDir: string, name: string): string {
  const file = join(dataDir, name);
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').trim();
    if (stored.length >= 32) return stored;
  }
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
