/**
 * A real server for a benchmark's server process, on a temporary SQLite store and a random media
 * port, without the demo hearing, and one scheduled hearing to hold the people the benchmark needs.
 * Each benchmark runs its server in a process of its own so that its CPU and memory are measured alone.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';

export async function startBenchServer(title: string, caseReference: string) {
  const config = loadConfig({
    ...process.env,
    HEARING_ROOM_PORT: '0',
    HEARING_ROOM_DATA_DIR: mkdtempSync(join(tmpdir(), 'hearing-room-bench-')),
    HEARING_ROOM_TOKEN_SECRET: 'bench-secret-bench-secret-bench-secret-0000',
    HEARING_ROOM_RTC_PORT: String(20000 + Math.floor(Math.random() * 15000)),
    HEARING_ROOM_DEMO: 'false',
    HEARING_ROOM_LOG_LEVEL: process.env.HEARING_ROOM_LOG_LEVEL ?? 'warn',
  });
  const server = await startServer(config);
  const hearing = await server.store.hearings.create({
    title,
    caseReference,
    status: 'scheduled',
    scheduledStart: new Date().toISOString(),
    scheduledEnd: new Date(Date.now() + 3600_000).toISOString(),
  });
  return { config, server, hearing };
}
