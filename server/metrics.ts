/**
 * The operator's metrics, in Prometheus's format (prom-client), on a port of their own
 * (`HEARING_ROOM_METRICS_PORT`, bound to `HEARING_ROOM_METRICS_HOST`, loopback unless set): what a
 * monitoring system scrapes is kept off the address the public reaches. Counts, times and sizes only:
 * no hearing, no person, no name is ever a label.
 *
 * Read when scraped: hearings in session, people connected and entered by role, consumers, media
 * workers alive and their CPU. Counted as it happens: the record's writes (latency, and entries by
 * type — audio-only switches, quality incidents, recording interruptions are among them), recorded
 * segments sealed and failed, e-mails handed to the mail relay (sent, deferred, failed), and sign-in
 * failures.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Sfu } from '../sfu/index.js';
import type { Signaling, SignalingMeter } from '../signaling/index.js';

export interface ServerMetrics extends SignalingMeter {
  registry: Registry;
  /** A coordinator's sign-in refused: a wrong password, or too many tries. */
  signInFailed(reason: 'wrong_password' | 'too_many_attempts'): void;
  /** One attempt to hand a letter to the mail relay, and what came of it. */
  mailed(kind: string, outcome: 'sent' | 'deferred' | 'failed' | 'superseded' | 'unaddressed'): void;
  /** Reads the figures that are read when scraped from these; before, they read as zero. */
  observe(sources: { signaling: Signaling; sfu: Sfu }): void;
}

export function createMetrics(): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hearing_room_' });
  let sources: { signaling: Signaling; sfu: Sfu } | undefined;

  new Gauge({
    name: 'hearing_room_hearings_in_session',
    help: 'Hearings in session on this server.',
    registers: [registry],
    collect() {
      this.set(sources?.signaling.hearingsInSession().length ?? 0);
    },
  });
  new Gauge({
    name: 'hearing_room_participants',
    help: 'People connected to this server, by role, and whether they have entered the hearing (or wait).',
    labelNames: ['role', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const [role, count] of sources?.signaling.presence.countsByRole() ?? []) {
        this.set({ role, state: 'entered' }, count.entered);
        this.set({ role, state: 'waiting' }, count.connected - count.entered);
      }
    },
  });
  new Gauge({
    name: 'hearing_room_consumers',
    help: 'Media streams this server forwards to receivers.',
    registers: [registry],
    async collect() {
      this.set((await sources?.sfu.consumerCount()) ?? 0);
    },
  });
  new Gauge({
    name: 'hearing_room_media_workers',
    help: 'Media workers, alive or not.',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const workers = sources?.sfu.stats().workers ?? [];
      this.set({ state: 'alive' }, workers.filter((w) => w.alive).length);
      this.set({ state: 'dead' }, workers.filter((w) => !w.alive).length);
    },
  });
  let lastCpuMs = 0;
  new Counter({
    name: 'hearing_room_media_workers_cpu_seconds_total',
    help: 'CPU time the media workers have used (user and system), all workers together.',
    registers: [registry],
    async collect() {
      if (!sources) return;
      const { cpuMs } = await sources.sfu.workersCpuMs();
      // A replaced worker starts again from zero: only what was used since is counted.
      if (cpuMs > lastCpuMs) this.inc((cpuMs - lastCpuMs) / 1000);
      lastCpuMs = cpuMs;
    },
  });

  const appendSeconds = new Histogram({
    name: 'hearing_room_record_append_seconds',
    help: 'How long one write of a hearing record took (one transaction, one or more entries).',
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const entries = new Counter({
    name: 'hearing_room_record_entries_total',
    help: 'Entries written to hearing records, by type (media.audio_only: audio-only switches; quality.incident: connection incidents; recording.interrupted: tracks not reaching the disk).',
    labelNames: ['type'] as const,
    registers: [registry],
  });
  const segments = new Counter({
    name: 'hearing_room_recording_segments_total',
    help: 'Recorded segments, sealed into a recording or left unsealed because the write failed.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const recordedBytes = new Counter({
    name: 'hearing_room_recording_bytes_total',
    help: 'Bytes of recorded media sealed into recordings, as stored.',
    labelNames: ['kind'] as const,
    registers: [registry],
  });
  const mails = new Counter({
    name: 'hearing_room_emails_total',
    help: 'Attempts to hand an e-mail (invitation, update, cancellation, summons) to the mail relay: sent, deferred (tried again later), failed (given up), superseded (not sent: a newer letter to the same person replaced it), unaddressed (no address to send it to).',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const signInFailures = new Counter({
    name: 'hearing_room_sign_in_failures_total',
    help: 'Coordinator sign-ins refused: a wrong password, or too many tries.',
    labelNames: ['reason'] as const,
    registers: [registry],
  });

  return {
    registry,
    observe(from) {
      sources = from;
    },
    recordWritten(seconds, types) {
      appendSeconds.observe(seconds);
      for (const type of types) entries.inc({ type });
    },
    segmentWritten({ sealed, bytes, kind }) {
      segments.inc({ kind, outcome: sealed ? 'sealed' : 'failed' });
      if (sealed) recordedBytes.inc({ kind }, bytes);
    },
    signInFailed(reason) {
      signInFailures.inc({ reason });
    },
    mailed(kind, outcome) {
      mails.inc({ kind, outcome });
    },
  };
}

/** Serves the metrics at `/metrics` on a listener of their own; resolves with it once it listens. */
export async function serveMetrics(metrics: ServerMetrics, port: number, host: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': metrics.registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return { server, url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}/metrics` };
}
