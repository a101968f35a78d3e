/**
 * The composition root: builds the store, the media workers, the signed-link issuer, the HTTP
 * server and the signalling on top of it, from one validated Config. Tests start it exactly as
 * `main.ts` does, on a free port and a temporary database.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { Sfu } from '../sfu/index.js';
import { attachSignaling, JoinTokens, type Signaling } from '../signaling/index.js';
import { MinutesService, MinutesSigner } from '../record/index.js';
import { RecordingKey, TimestampAuthority } from '../recording/index.js';
import { openStore, type Store } from '../store/index.js';
import type { Config } from './config.js';
import { createHttpApp, findWebRoot } from './http.js';
import { readiness } from './readiness.js';
import { mountMinutesApi, sitesFromRequests } from './minutes-http.js';
import { joinUrl } from './demo.js';
import { PlaybackCache } from './playback-cache.js';
import { PlaybackTickets } from './playback-tickets.js';
import { mountSchedulingApi } from './scheduling-api.js';
import { joinCluster } from './cluster-membership.js';
import { createMetrics, serveMetrics } from './metrics.js';
import { createLogger } from './log.js';
import { startRetentionSweeps } from './retention-sweeps.js';
import { Postman, SchedulingDocuments, SchedulingService, smtpRelay } from '../scheduling/index.js';

export interface RunningServer {
  config: Config;
  url: string;
  log: Logger;
  store: Store;
  sfu: Sfu;
  tokens: JoinTokens;
  signaling: Signaling;
  http: Server;
  /** Sends the letters the workflow queues, when the court has a mail relay (`HEARING_ROOM_SMTP_URL`). */
  postman: Postman | undefined;
  /** Each track's playable file, made once and served by byte range. */
  playback: PlaybackCache;
  /** Where Prometheus scrapes this server's metrics, when they are served (`HEARING_ROOM_METRICS_PORT`). */
  metricsUrl: string | undefined;
  close(): Promise<void>;
}

export async function startServer(config: Config, log: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  // Nothing of a server that could not start is left running: its media workers, its database, its place in the service.
  const undo: (() => unknown)[] = [];
  try {
    return await assemble(config, log, undo);
  } catch (error) {
    for (const step of undo.reverse())
      await Promise.resolve()
        .then(step)
        .catch(() => undefined);
    throw error;
  }
}

async function assemble(config: Config, log: Logger, undo: (() => unknown)[]): Promise<RunningServer> {
  const store = await openStore(config.databaseUrl);
  undo.push(() => store.close());
  if (store.appliedMigrations.length > 0) log.info({ versions: store.appliedMigrations }, 'database migrated');
  const sfu = await Sfu.start({ ...config.media, logLevel: 'warn' });
  undo.push(() => sfu.close());
  sfu.on('worker-died', (slot, error) => log.error({ worker: slot.index, err: error }, 'media worker died; replacing it'));
  sfu.on('worker-replaced', (slot) => log.warn({ worker: slot.index, generation: slot.generation, pid: slot.worker.pid }, 'media worker replaced'));

  const tokens = new JoinTokens(config.tokenSecret, store);
  const signer = new MinutesSigner(config.minutesSigningKey);
  const minutes = new MinutesService({
    store,
    signers: { court: new MinutesSigner(config.courtSigningKey), requested: signer },
    sitesFor: sitesFromRequests(store),
  });
  let publicUrl = config.publicUrl ?? '';
  const nodeId = config.nodeId ?? `${hostname()}-${randomUUID().slice(0, 8)}`;
  const cluster = config.cluster ? await joinCluster({ ...config.cluster, nodeId }, log) : undefined;
  if (cluster) undo.push(() => cluster.leave());
  const metrics = createMetrics();
  const links = {
    issue: async (participant: Parameters<JoinTokens['issue']>[0], validity: Parameters<JoinTokens['issue']>[1]) =>
      joinUrl(publicUrl, participant.hearingId, (await tokens.issue(participant, validity)).token),
    revokeAll: async (participantId: string, reason: string) => {
      await store.tokens.revokeAllOf(participantId, reason);
      // A withdrawn link does not stay in the hearing: the open session ends, on whichever server holds it.
      const participant = await store.participants.get(participantId);
      if (participant) await signaling.endSessionsOf(participant.hearingId, participantId);
    },
  };
  await mkdir(config.recording.dir, { recursive: true, mode: 0o700 });
  const playback = await PlaybackCache.open(join(config.dataDir, 'playback-cache'));
  const app = createHttpApp({
    sfu,
    webRoot: findWebRoot(),
    log,
    ready: () =>
      readiness({
        ping: () => store.ping(),
        recordingDir: config.recording.dir,
        minimumFreeMb: config.recording.minimumFreeMb,
        workers: () => {
          const { workers } = sfu.stats();
          return { alive: workers.filter((w) => w.alive).length, total: workers.length };
        },
        ...(cluster ? { redis: () => cluster.ping(), draining: () => cluster.draining } : {}),
      }),
    mount: (express) => {
      mountSchedulingApi(express, {
        store,
        links,
        log,
        publicUrl: () => publicUrl,
        secureCookies: publicUrl.startsWith('https://'),
        sendsLetters: config.mail !== undefined,
        ...(cluster ? { sharedLimits: cluster.shared } : {}),
        signInRefused: (reason) => metrics.signInFailed(reason),
      });
      mountMinutesApi(express, {
        minutes,
        tokens,
        log,
        recordings: { dir: config.recording.dir, recordingKey: new RecordingKey(config.recordingKey), store, playback, tickets: new PlaybackTickets() },
        exhibits: { store, recordingKey: new RecordingKey(config.recordingKey) },
        consultations: { store },
        // The court's state is the signalling's, which starts after the routes are mounted.
        gallery: { sfu, store, secret: config.tokenSecret, isOpen: (hearingId) => signaling.galleryOpen(hearingId) },
      });
    },
  });
  const http = createServer(app);
  const signaling = attachSignaling(http, {
    store,
    sfu,
    tokens,
    log,
    emptyHearingGraceMs: config.media.emptyHearingGraceMs,
    mediaResweepMs: config.media.resweepMs,
    nodeId,
    ...(cluster ? { placement: cluster.placement, adapter: cluster.adapter } : {}),
    meter: metrics,
    ...(config.turn ? { turn: config.turn } : {}),
    identityKey: config.identityKey,
    recording: {
      ...config.recording,
      signer,
      recordingKey: new RecordingKey(config.recordingKey),
      ...(config.timestampAuthority ? { timestampAuthority: new TimestampAuthority(config.timestampAuthority) } : {}),
    },
  });

  undo.push(() => signaling.close());
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  undo.push(() => new Promise((resolve) => http.close(resolve)));
  metrics.observe({ signaling, sfu });
  const metricsServer = config.metrics ? await serveMetrics(metrics, config.metrics.port, config.metrics.host) : undefined;
  if (metricsServer) undo.push(() => new Promise((resolve) => metricsServer.server.close(resolve)));
  const { port } = http.address() as AddressInfo;
  const url = config.publicUrl ?? `http://${config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
  publicUrl = url;
  // Asked once, whether by an operator (`hearing-room drain`) or by SIGTERM, or both: one drain.
  let draining: Promise<number> | undefined;
  const drain = () =>
    (draining ??= (async () => {
      await cluster?.drain();
      return signaling.drain();
    })());
  await cluster?.announce(
    url,
    async () => {
      const { cpuMs, workers } = await sfu.workersCpuMs();
      return { consumers: await sfu.consumerCount(), workersCpuMs: cpuMs, workers };
    },
    () => void drain().catch((err: unknown) => log.error({ err }, 'could not drain this server')),
  );
  // Started once the server has its address: a letter's link names it.
  const postman = config.mail
    ? new Postman({
        store,
        documents: new SchedulingDocuments(new SchedulingService(store, links)),
        relay: smtpRelay(config.mail.smtpUrl, config.mail.from),
        holder: nodeId,
        log,
        firstRetrySeconds: config.mail.firstRetrySeconds,
        attempts: config.mail.attempts,
        delivered: (kind, outcome) => metrics.mailed(kind, outcome),
      })
    : undefined;
  postman?.start(2_000);
  undo.push(() => postman?.stop());
  const retention = startRetentionSweeps(store, config.recording.dir, config.retentionSweepMinutes, log);
  undo.push(() => retention.stop());
  log.info(
    { url, nodeId, workers: config.media.workers, database: store.dialect, cluster: cluster !== undefined, mail: postman !== undefined },
    'hearing room listening',
  );

  let closing: Promise<void> | undefined;
  return {
    config,
    url,
    log,
    store,
    sfu,
    tokens,
    signaling,
    http,
    playback,
    postman,
    metricsUrl: metricsServer?.url,
    close() {
      closing ??= (async () => {
        // With other servers, stopping is a planned failover: the hearings move before this one goes.
        if (cluster) await drain().catch((err: unknown) => log.error({ err }, 'could not drain this server'));
        await postman?.stop();
        await signaling.close();
        // After the signalling, whose last broadcasts still go through the service's stream.
        await cluster?.leave();
        http.closeAllConnections();
        await new Promise<void>((resolve) => http.close(() => resolve()));
        sfu.close();
        await store.close();
        await playback.close();
        if (metricsServer) await new Promise((resolve) => metricsServer.server.close(resolve));
      })();
      return closing;
    },
  };
}
