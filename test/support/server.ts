/**
 * Starts a real Hearing Room server for a test: real mediasoup workers, a real SQLite file in a
 * temporary folder, a free HTTP port and a free media port, exactly as `main.ts` starts it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Capacity, Hearing, LanguagePair, Participant, Role, Vulnerability } from '../../scheduling/index.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { joinUrl } from '../../server/demo.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** A scheduled hearing with the given people, and a fresh personal link for each. */
  hearingWith(people: PersonSpec[], options?: { courtLanguage?: string }): Promise<TestHearing>;
  linkFor(participant: Participant, validity?: { notBefore: Date; expiresAt: Date }): Promise<{ token: string; tokenId: string; url: string }>;
  /** What the server logged (its last few thousand lines, as JSON) that matches: for a failing test to show why. */
  logged(pattern: RegExp): string[];
}

export interface PersonSpec {
  name: string;
  role: Role;
  capacity?: Capacity;
  /** The language they speak and listen in: they start on the channel into it. */
  language?: string;
  /** For an interpreter: the pair they interpret; they serve the channel into `interprets.into`. */
  interprets?: LanguagePair;
  /** For a person heard: why she is a vulnerable person. */
  vulnerability?: Vulnerability;
}

export interface TestHearing {
  hearing: Hearing;
  people: Record<string, Participant & { token: string; url: string }>;
}

export interface TestServerOptions {
  workers?: number;
  emptyHearingGraceMs?: number;
  env?: Record<string, string>;
  /**
   * Watch the SFU against the court's media rule while the test runs (default). Off only where a test
   * plays a compromised media server on purpose; such a test also sets HEARING_ROOM_MEDIA_RESWEEP_MS=0.
   */
  watchMedia?: boolean;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearing-room-test-'));
  let lastError: unknown;
  // Media ports are chosen at random so that test files running in parallel do not collide.
  for (let attempt = 0; attempt < 8; attempt++) {
    const rtcPort = 20000 + Math.floor(Math.random() * 15000);
    const config = loadConfig({
      HEARING_ROOM_PORT: '0',
      HEARING_ROOM_DATA_DIR: dataDir,
      HEARING_ROOM_TOKEN_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      HEARING_ROOM_WORKERS: String(options.workers ?? 1),
      HEARING_ROOM_RTC_PORT: String(rtcPort),
      HEARING_ROOM_DEMO: 'false',
      HEARING_ROOM_EMPTY_HEARING_GRACE_MS: String(options.emptyHearingGraceMs ?? 60_000),
      ...options.env,
    });
    try {
      const log = new LogLines();
      const server = await startServer(config, pino({ level: process.env.HEARING_ROOM_TEST_LOG ?? 'info' }, log));
      return decorate(server, dataDir, options.watchMedia ?? true, log);
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** Which parts of the court state differ between the live one and the one the record rebuilds. */
function describeDifference(difference: { hearingId: string; live: string; replayed: string }): string {
  const live = JSON.parse(difference.live) as Record<string, unknown>;
  const replayed = JSON.parse(difference.replayed) as Record<string, unknown>;
  const keys = Object.keys({ ...live, ...replayed }).filter((key) => JSON.stringify(live[key]) !== JSON.stringify(replayed[key]));
  return `hearing ${difference.hearingId}: ${keys.map((key) => `${key} live ${JSON.stringify(live[key])} replayed ${JSON.stringify(replayed[key])}`).join(', ')}`;
}

/**
 * Every test server watches, while its test runs, that the SFU holds what the court's rule asks: a
 * consumer seen against the rule in two audits half a second apart is a violation (the first may be
 * a decision and its pass a moment apart); a stream the rule allows someone ready to receive, never
 * offered to them through eight audits (four seconds: more than the reconciler's 3 s re-sweep), is one
 * too. Reported when the server closes.
 */
function watchMedia(server: RunningServer): { stop(): string[] } {
  const violations = new Set<string>();
  let previous = new Set<string>();
  const missingSince = new Map<string, number>();
  let audits = 0;
  let auditing = false;
  const timer = setInterval(() => {
    if (auditing) return;
    auditing = true;
    void (async () => {
      audits += 1;
      const now = new Set<string>();
      const missing = new Set<string>();
      for (const hearingId of server.signaling.hearingsInSession()) {
        const audit = await server.signaling.auditMedia(hearingId).catch(() => ({ unwanted: [] as string[], missing: [] as string[] }));
        for (const entry of audit.unwanted) now.add(`${hearingId}: ${entry}`);
        for (const entry of audit.missing) missing.add(`${hearingId}: never offered: ${entry}`);
      }
      for (const entry of now) if (previous.has(entry)) violations.add(entry);
      previous = now;
      for (const entry of missingSince.keys()) if (!missing.has(entry)) missingSince.delete(entry);
      for (const entry of missing) {
        const since = missingSince.get(entry) ?? audits;
        missingSince.set(entry, since);
        if (audits - since >= 8) violations.add(entry);
      }
    })().finally(() => (auditing = false));
  }, 500);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      return [...violations];
    },
  };
}

/**
 * The server's log, kept in memory (the last few thousand lines) rather than printed: a test that
 * fails can say what the server said about it (`TestServer.logged`), and a passing run stays quiet.
 */
class LogLines {
  private readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line.trimEnd());
    if (this.lines.length > 5_000) this.lines.splice(0, 1_000);
  }
  matching(pattern: RegExp): string[] {
    return this.lines.filter((line) => pattern.test(line));
  }
}

function decorate(server: RunningServer, dataDir: string, watch: boolean, log: LogLines): TestServer {
  const close = server.close;
  const media = watch ? watchMedia(server) : { stop: () => [] };
  const linkFor: TestServer['linkFor'] = async (participant, validity) => {
    const { token, tokenId } = await server.tokens.issue(
      participant,
      validity ?? { notBefore: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 3600_000) },
    );
    return { token, tokenId, url: joinUrl(server.url, participant.hearingId, token) };
  };
  return Object.assign(server, {
    dataDir,
    linkFor,
    logged: (pattern: RegExp) => log.matching(pattern),
    hearingWith: (people: PersonSpec[], options: { courtLanguage?: string } = {}) => createTestHearing(server.store, linkFor, people, options),
    async close() {
      // Every test that ran a hearing checks, last, that its record rebuilds the court state the
      // hearing ran on: nothing changed the live state without writing it, nothing written was unseen.
      const differences = await server.signaling.replayDifferences().catch((error: unknown) => {
        console.warn(`[replay] not checked: ${String(error)}`);
        return [];
      });
      const forbidden = media.stop();
      await close();
      rmSync(dataDir, { recursive: true, force: true });
      if (differences.length > 0) throw new Error(`the record does not rebuild the live court state: ${differences.map(describeDifference).join('; ')}`);
      if (forbidden.length > 0) throw new Error(`the SFU held media the court's rule forbids: ${forbidden.join('; ')}`);
    },
  });
}

/** A scheduled hearing with the given people in a store, and a fresh personal link for each. */
export async function createTestHearing(
  store: RunningServer['store'],
  linkFor: TestServer['linkFor'],
  people: PersonSpec[],
  options: { courtLanguage?: string; caseReference?: string } = {},
): Promise<TestHearing> {
  const hearing = await store.hearings.create({
    courtLanguage: options.courtLanguage ?? null,
    title: 'Hearing of a witness abroad',
    caseReference: options.caseReference ?? `TEST-${Math.floor(Math.random() * 1e6)}`,
    status: 'scheduled',
    scheduledStart: new Date().toISOString(),
    scheduledEnd: new Date(Date.now() + 3600_000).toISOString(),
  });
  const entries: TestHearing['people'] = {};
  for (const person of people) {
    const participant = await store.participants.create({
      hearingId: hearing.id,
      displayName: person.name,
      role: person.role,
      capacity: person.capacity ?? null,
      language: person.language ?? null,
      interprets: person.interprets ?? null,
      vulnerability: person.vulnerability ?? null,
    });
    const { token, url } = await linkFor(participant);
    entries[person.name] = { ...participant, token, url };
  }
  return { hearing, people: entries };
}
