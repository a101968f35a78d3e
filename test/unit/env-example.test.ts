/**
 * `.env.example` documents every variable the server reads, and nothing it does not; the values it
 * sets are ones the server accepts.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_VARIABLES, loadConfig } from '../../server/config.js';

/** Read by the compose file only (Caddy's site names, its PostgreSQL, coturn's TLS port), not by the server. */
const COMPOSE_ONLY = ['HEARING_ROOM_DOMAIN', 'HEARING_ROOM_POSTGRES_PASSWORD', 'HEARING_ROOM_TURN_TLS_PORT'];

const lines = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n');
/** What the file sets (uncommented), and every variable it names (set, or shown in a comment as `# NAME=`). */
const set = new Map(
  lines
    .map((line) => /^(HEARING_ROOM_[A-Z_]+)=(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => [match[1]!, match[2]!] as const),
);
const named = new Set(lines.map((line) => /^#? ?(HEARING_ROOM_[A-Z_]+)=/.exec(line)?.[1]).filter((name) => name !== undefined));

describe('.env.example', () => {
  it('names every variable the server reads, and none it does not', () => {
    assert.deepEqual(
      [...CONFIG_VARIABLES].filter((name) => !named.has(name)),
      [],
      'every variable is documented',
    );
    assert.deepEqual(
      [...named].filter((name) => !CONFIG_VARIABLES.includes(name) && !COMPOSE_ONLY.includes(name)),
      [],
      'no variable the server ignores',
    );
  });

  it('sets only values the server accepts', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearing-room-env-example-'));
    try {
      const env = Object.fromEntries([...set].filter(([name]) => !COMPOSE_ONLY.includes(name)));
      const config = loadConfig({ ...env, HEARING_ROOM_DATA_DIR: dataDir });
      assert.equal(config.publicUrl, 'https://hearings.court.example');
      assert.deepEqual(config.metrics, { port: 9464, host: '127.0.0.1' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
