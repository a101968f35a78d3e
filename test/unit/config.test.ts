import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RecordingKey } from '../../recording/index.js';
import { ConfigError, loadConfig } from '../../server/config.js';

describe('configuration from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hearing-room-config-'));
  const base = { HEARING_ROOM_DATA_DIR: dir };

  it('names the variable that is wrong', () => {
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_PORT: 'eighty' }),
      (e: Error) => e instanceof ConfigError && /HEARING_ROOM_PORT/.test(e.message),
    );
    assert.throws(() => loadConfig({ ...base, HEARING_ROOM_TOKEN_SECRET: 'short' }), /HEARING_ROOM_TOKEN_SECRET: must be at least 32 characters/);
    assert.throws(() => loadConfig({ ...base, HEARING_ROOM_DATABASE_URL: 'mysql://x' }), /HEARING_ROOM_DATABASE_URL/);
    assert.throws(() => loadConfig({ ...base, HEARING_ROOM_RTC_MIN_PORT: '5000', HEARING_ROOM_RTC_MAX_PORT: '4000' }), /HEARING_ROOM_RTC_MIN_PORT/);
    assert.throws(() => loadConfig({ ...base, HEARING_ROOM_DEMO: 'maybe' }), /HEARING_ROOM_DEMO: must be true or false/);
    assert.throws(() => loadConfig({ ...base, HEARING_ROOM_NODE_ID: 'node a; DROP' }), /HEARING_ROOM_NODE_ID: must be 1 to 64 letters/);
    assert.equal(loadConfig({ ...base, HEARING_ROOM_NODE_ID: 'court-2.berlin' }).nodeId, 'court-2.berlin');
    // Several servers: PostgreSQL, a public address, and every secret and key set alike, never generated.
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_REDIS_URL: 'redis://127.0.0.1:6379' }),
      (e: Error) =>
        e instanceof ConfigError &&
        /HEARING_ROOM_DATABASE_URL: several servers/.test(e.message) &&
        /HEARING_ROOM_PUBLIC_URL/.test(e.message) &&
        /HEARING_ROOM_RECORDING_KEY: must be set, alike on every server/.test(e.message),
    );
    assert.throws(() => loadConfig({ ...base, HEARING_ROOM_REDIS_URL: 'http://cache' }), /HEARING_ROOM_REDIS_URL: must start with redis:\/\//);
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '0' }),
      /HEARING_ROOM_RECORDING_SEGMENT_SECONDS: must be at least 1 second/,
    );
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_RECORDING_SEGMENT_SECONDS: 'ten' }),
      /HEARING_ROOM_RECORDING_SEGMENT_SECONDS: must be a number of seconds/,
    );
  });

  it('records into the data folder in 10-second segments unless told otherwise', () => {
    const defaults = loadConfig({ ...base, HEARING_ROOM_TOKEN_SECRET: 'x'.repeat(32) });
    assert.deepEqual(defaults.recording, { dir: join(dir, 'recordings'), segmentSeconds: 10, minimumFreeMb: 1024, diskCheckSeconds: 10 });
    const given = loadConfig({
      ...base,
      HEARING_ROOM_TOKEN_SECRET: 'x'.repeat(32),
      HEARING_ROOM_RECORDINGS_DIR: join(dir, 'evidence'),
      HEARING_ROOM_RECORDING_SEGMENT_SECONDS: '4',
      HEARING_ROOM_RECORDING_MIN_FREE_MB: '5000',
      HEARING_ROOM_RECORDING_DISK_CHECK_SECONDS: '30',
    });
    assert.deepEqual(given.recording, { dir: join(dir, 'evidence'), segmentSeconds: 4, minimumFreeMb: 5000, diskCheckSeconds: 30 });
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_RECORDING_DISK_CHECK_SECONDS: '0' }),
      /HEARING_ROOM_RECORDING_DISK_CHECK_SECONDS: must be at least 1 second/,
    );
    assert.throws(() => loadConfig({ ...base, HEARING_ROOM_RECORDING_MIN_FREE_MB: '-1' }), /HEARING_ROOM_RECORDING_MIN_FREE_MB: must be 0 or more/);
  });

  it('defaults to the embedded store in the data folder', () => {
    const config = loadConfig({ ...base, HEARING_ROOM_TOKEN_SECRET: 'x'.repeat(32) });
    assert.equal(config.databaseUrl, `sqlite:${join(dir, 'hearing-room.sqlite')}`);
    assert.equal(config.tokenSecretGenerated, false);
    assert.equal(config.port, 3000);
  });

  it('takes a TURN server only with its secret, and only turn: URLs', () => {
    const secret = 'a-secret-shared-with-the-turn-server-0123';
    const config = loadConfig({
      ...base,
      HEARING_ROOM_TURN_URLS: 'turn:turn.court.example:3478?transport=udp, turns:turn.court.example:443?transport=tcp',
      HEARING_ROOM_TURN_SECRET: secret,
    });
    assert.deepEqual(config.turn, {
      urls: ['turn:turn.court.example:3478?transport=udp', 'turns:turn.court.example:443?transport=tcp'],
      secret,
      ttlSeconds: 8 * 3600,
    });
    assert.equal(loadConfig(base).turn, undefined, 'no TURN unless configured');
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_TURN_URLS: 'turn:turn.court.example' }),
      /HEARING_ROOM_TURN_SECRET: must be set together with HEARING_ROOM_TURN_URLS/,
    );
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_TURN_SECRET: secret }),
      /HEARING_ROOM_TURN_URLS: must be set together with HEARING_ROOM_TURN_SECRET/,
    );
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_TURN_URLS: 'https://turn.court.example', HEARING_ROOM_TURN_SECRET: secret }),
      /HEARING_ROOM_TURN_URLS.*must be turn: or turns: URLs/,
    );
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_TURN_URLS: 'turn:x', HEARING_ROOM_TURN_SECRET: 'short' }),
      /HEARING_ROOM_TURN_SECRET: must be at least 32 characters/,
    );
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_TURN_URLS: 'turn:x', HEARING_ROOM_TURN_SECRET: secret, HEARING_ROOM_TURN_TTL_SECONDS: '5' }),
      /HEARING_ROOM_TURN_TTL_SECONDS/,
    );
  });

  it('without a secret, generates one readable only by its owner and keeps it across restarts', () => {
    const first = loadConfig(base);
    const second = loadConfig(base);
    assert.equal(first.tokenSecretGenerated, true);
    assert.equal(first.tokenSecret, second.tokenSecret);
    assert.ok(first.tokenSecret.length >= 32);
    assert.equal(statSync(join(dir, 'token-secret')).mode & 0o777, 0o600);
    assert.equal(readFileSync(join(dir, 'token-secret'), 'utf8').trim(), first.tokenSecret);
  });

  it('reads the recording key as 32 bytes, names it when it is not, and otherwise generates one kept across restarts', () => {
    const hex = 'ab'.repeat(32);
    const given = loadConfig({ ...base, HEARING_ROOM_RECORDING_KEY: hex });
    assert.equal(given.recordingKeyGenerated, false);
    assert.equal(new RecordingKey(given.recordingKey).id, new RecordingKey(Buffer.from(hex, 'hex')).id);
    assert.throws(() => loadConfig({ ...base, HEARING_ROOM_RECORDING_KEY: 'ab'.repeat(16) }), /HEARING_ROOM_RECORDING_KEY: must be 32 random bytes/);
    const first = loadConfig(base);
    assert.equal(first.recordingKeyGenerated, true);
    assert.equal(new RecordingKey(first.recordingKey).id, new RecordingKey(loadConfig(base).recordingKey).id);
    assert.equal(statSync(join(dir, 'recording-key')).mode & 0o777, 0o600);
  });

  it('takes a time-stamping authority only with its CA certificate, and names what is missing', () => {
    assert.equal(loadConfig(base).timestampAuthority, undefined);
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_RECORDING_TSA_URL: 'http://tsa.example.org/' }),
      /HEARING_ROOM_RECORDING_TSA_CA_FILE: give the CA certificate/,
    );
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_RECORDING_TSA_URL: 'ftp://tsa.example.org/', HEARING_ROOM_RECORDING_TSA_CA_FILE: '/nowhere' }),
      /HEARING_ROOM_RECORDING_TSA_URL: must be an http\(s\) URL/,
    );
    writeFileSync(join(dir, 'not-a-cert.pem'), 'hello');
    assert.throws(
      () => loadConfig({ ...base, HEARING_ROOM_RECORDING_TSA_URL: 'http://tsa.example.org/', HEARING_ROOM_RECORDING_TSA_CA_FILE: join(dir, 'not-a-cert.pem') }),
      /HEARING_ROOM_RECORDING_TSA_CA_FILE: must be a readable PEM certificate/,
    );
    rmSync(dir, { recursive: true, force: true });
  });
});
