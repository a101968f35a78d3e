/**
 * Starts a real Hearing Room server for a test: real mediasoup workers, a real SQLite file in a
 * temporary folder, a free HTTP port and a free media port, exactly as `main.ts` starts it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Capacity, Hearing, LanguagePair, Participant, Role } from '../../scheduling/index.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { joinUrl } from '../../server/demo.js';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** A scheduled hearing with the given people, and a fresh personal link for each. */
  hearingWith(people: PersonSpec[], options?: { courtLanguage?: string }): Promise<TestHearing>;
  linkFor(participant: Participant, validity?: { notBefore: Date; expiresAt: Date }): Promise<{ token: string; tokenId: string; url: string }>;
}

export interface PersonSpec {
  name: string;
  role: Role;
  capacity?: Capacity;
  /** The language they speak and listen in: they start on the channel into it. */
  language?: string;
  /** For an interpreter: the pair they interpret; they serve the channel into `interprets.into`. */
  interprets?: LanguagePair;
}

export interface TestHearing {
  hearing: Hearing;
  people: Record<string, Participant & { token: string; url: string }>;
}

export async function startTestServer(options: { workers?: number; emptyHearingGraceMs?: number; env?: Record<string, string> } = {}): Promise<TestServer> {
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
      const server = await startServer(config, pino({ level: process.env.HEARING_ROOM_TEST_LOG ?? 'silent' }));
      return decorate(server, dataDir);
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

function decorate(server: RunningServer, dataDir: string): TestServer {
  const close = server.close;
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
    async hearingWith(people: PersonSpec[], options: { courtLanguage?: string } = {}): Promise<TestHearing> {
      const hearing = await server.store.hearings.create({
        courtLanguage: options.courtLanguage ?? null,
        title: 'Hearing of a witness abroad',
        caseReference: `TEST-${Math.floor(Math.random() * 1e6)}`,
        status: 'scheduled',
        scheduledStart: new Date().toISOString(),
        scheduledEnd: new Date(Date.now() + 3600_000).toISOString(),
      });
      const entries: TestHearing['people'] = {};
      for (const person of people) {
        const participant = await server.store.participants.create({
          hearingId: hearing.id,
          displayName: person.name,
          role: person.role,
          capacity: person.capacity ?? null,
          language: person.language ?? null,
          interprets: person.interprets ?? null,
        });
        const { token, url } = await linkFor(participant);
        entries[person.name] = { ...participant, token, url };
      }
      return { hearing, people: entries };
    },
    async close() {
      // Every test that ran a hearing checks, last, that its record rebuilds the court state the
      // hearing ran on: nothing changed the live state without writing it, nothing written was unseen.
      const differences = await server.signaling.replayDifferences().catch((error: unknown) => {
        console.warn(`[replay] not checked: ${String(error)}`);
        return [];
      });
      await close();
      rmSync(dataDir, { recursive: true, force: true });
      if (differences.length > 0) throw new Error(`the record does not rebuild the live court state: ${differences.map(describeDifference).join('; ')}`);
    },
  });
}
