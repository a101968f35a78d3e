/**
 * A test server listening, for HTTP and media, on one given address (the host's end of a shaped
 * link), so that a browser inside the link's namespace reaches it only across the link.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Capacity, Participant, Role } from '../../scheduling/index.js';
import { startServer, type RunningServer } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { joinUrl } from '../../server/demo.js';
import type { TestHearing } from './server.js';

export interface ServerOnAddress {
  server: RunningServer;
  hearingWith(people: { name: string; role: Role; capacity?: Capacity }[]): Promise<TestHearing>;
  close(): Promise<void>;
}

/** `env`: further settings, e.g. a TURN server. */
export async function startServerOn(address: string, env: Record<string, string> = {}): Promise<ServerOnAddress> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hearing-room-shaped-'));
  let lastError: unknown;
  for (let attempt = 0; attempt < 8; attempt++) {
    const config = loadConfig({
      HEARING_ROOM_HOST: address,
      HEARING_ROOM_PORT: '0',
      HEARING_ROOM_RTC_LISTEN_IP: address,
      HEARING_ROOM_RTC_PORT: String(20000 + Math.floor(Math.random() * 15000)),
      HEARING_ROOM_DATA_DIR: dataDir,
      HEARING_ROOM_TOKEN_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
      HEARING_ROOM_WORKERS: '1',
      HEARING_ROOM_DEMO: 'false',
      ...env,
    });
    try {
      const server = await startServer(config, pino({ level: process.env.HEARING_ROOM_TEST_LOG ?? 'silent' }));
      return {
        server,
        async hearingWith(people) {
          const hearing = await server.store.hearings.create({
            title: 'Hearing of a witness on a weak link',
            caseReference: `TEST-${Math.floor(Math.random() * 1e6)}`,
            status: 'scheduled',
            scheduledStart: new Date().toISOString(),
            scheduledEnd: new Date(Date.now() + 3600_000).toISOString(),
          });
          const entries: Record<string, Participant & { token: string; url: string }> = {};
          for (const person of people) {
            const participant = await server.store.participants.create({
              hearingId: hearing.id,
              displayName: person.name,
              role: person.role,
              capacity: person.capacity ?? null,
            });
            const { token } = await server.tokens.issue(participant, { notBefore: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 3600_000) });
            entries[person.name] = { ...participant, token, url: joinUrl(server.url, hearing.id, token) };
          }
          return { hearing, people: entries };
        },
        async close() {
          await server.close();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  throw lastError;
}
