/**
 * The server as its own process, started as an operator starts it (`server/main.ts` with its
 * environment), for tests that kill it (`kill -9`) and start it again on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createTestHearing, type PersonSpec } from './server.js';
import { loadConfig } from '../../server/config.js';
import { JoinTokens } from '../../signaling/index.js';
import { openStore } from '../../store/index.js';

export interface ServerProcess {
  child: ChildProcess;
  /** The address it listens on, as it logs it. */
  url: string;
  /** Everything it wrote, for a failure's message. */
  output(): string;
}

/** Starts the server and resolves once it logs that it listens (so its log level must show `info`); rejects with its output if it exits or does not start within a minute. */
export function startServerProcess(env: Record<string, string>, options: { ownGroup?: boolean } = {}): Promise<ServerProcess> {
  return new Promise((resolve, reject) => {
    // In a process group of its own, the server, its media workers and its recorders can be cut off together, as by a power cut.
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: options.ownGroup ?? false,
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start: ${out.slice(-2000)}`));
    }, 60_000);
    child.stdout!.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      const url = /"url":"([^"]+)"[^\n]*hearing room listening/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, output: () => out });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (text: string) => (out += text));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${out.slice(-2000)}`)));
  });
}

/** Kills it as a crash does, and resolves once it is gone. */
export async function killServerProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await gone;
}

/** The environment of a test's server process on `dataDir`: loopback, one media worker, no demo, `info` logs. */
export function processEnv(dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HEARING_ROOM_DATA_DIR: dataDir,
    HEARING_ROOM_PORT: '0',
    HEARING_ROOM_HOST: '127.0.0.1',
    HEARING_ROOM_TOKEN_SECRET: 'test-secret-that-is-long-enough-for-hs256-0123456789',
    HEARING_ROOM_WORKERS: '1',
    HEARING_ROOM_RTC_PORT: String(20000 + Math.floor(Math.random() * 15000)),
    HEARING_ROOM_DEMO: 'false',
    HEARING_ROOM_LOG_LEVEL: 'info',
    HEARING_ROOM_RECORDING_MIN_FREE_MB: '0',
    ...extra,
  };
}

export interface SeededPerson {
  id: string;
  token: string;
}

/** A hearing written into the server's store before it starts, with a join token for each person. */
export async function seedHearing(
  env: Record<string, string>,
  caseReference: string,
  people: PersonSpec[],
): Promise<{ hearingId: string; people: Record<string, SeededPerson> }> {
  const config = loadConfig(env);
  const store = await openStore(config.databaseUrl);
  try {
    const tokens = new JoinTokens(config.tokenSecret, store);
    const made = await createTestHearing(
      store,
      async (participant) => ({
        ...(await tokens.issue(participant, { notBefore: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 3600_000) })),
        url: '',
      }),
      people,
      { caseReference },
    );
    const seeded: Record<string, SeededPerson> = {};
    for (const [name, person] of Object.entries(made.people)) seeded[name] = { id: person.id, token: person.token };
    return { hearingId: made.hearing.id, people: seeded };
  } finally {
    await store.close();
  }
}

/** The hearing's record as the server wrote it, read from its store. */
export async function recordOf(env: Record<string, string>, hearingId: string) {
  const store = await openStore(loadConfig(env).databaseUrl);
  try {
    return await store.events.list(hearingId);
  } finally {
    await store.close();
  }
}
