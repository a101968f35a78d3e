/** The requested authority's key: how it is given, how it is refused, and what a signature proves. */
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MinutesSigner, generatedSigningKey, keyIdOf, verifyMinutes } from '../../record/index.js';
import { loadConfig } from '../../server/config.js';

const ed25519 = generateKeyPairSync('ed25519');
const pem = ed25519.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const der = ed25519.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');

describe('the minutes signing key', () => {
  it('is read as PKCS#8 PEM or as base64 DER, and both sign alike', () => {
    const json = '{"a":1}';
    const fromPem = new MinutesSigner(pem).sign(json);
    const fromDer = new MinutesSigner(der).sign(json);
    assert.deepEqual(fromPem, fromDer);
    assert.equal(fromPem.keyId, keyIdOf(ed25519.publicKey));
    assert.equal(verifyMinutes(json, fromPem.signature, fromPem.publicKeyPem), true);
    assert.equal(verifyMinutes('{"a":2}', fromPem.signature, fromPem.publicKeyPem), false);
    const other = new MinutesSigner(generateKeyPairSync('ed25519').privateKey);
    assert.equal(verifyMinutes(json, fromPem.signature, other.publicKeyPem), false, 'another key does not verify it');
  });

  it('stops the start, naming the variable, when it is not an Ed25519 private key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearing-room-key-'));
    try {
      const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
      assert.throws(
        () => loadConfig({ HEARING_ROOM_DATA_DIR: dir, HEARING_ROOM_MINUTES_SIGNING_KEY: rsa }),
        /HEARING_ROOM_MINUTES_SIGNING_KEY: must be an Ed25519 key, not rsa/,
      );
      assert.throws(
        () => loadConfig({ HEARING_ROOM_DATA_DIR: dir, HEARING_ROOM_MINUTES_SIGNING_KEY: 'not a key' }),
        /HEARING_ROOM_MINUTES_SIGNING_KEY: must be a PKCS#8 private key/,
      );
      const config = loadConfig({ HEARING_ROOM_DATA_DIR: dir, HEARING_ROOM_MINUTES_SIGNING_KEY: der });
      assert.equal(config.minutesSigningKeyGenerated, false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is generated once into the data folder, readable by its owner only, when none is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hearing-room-key-'));
    try {
      const config = loadConfig({ HEARING_ROOM_DATA_DIR: dir });
      assert.equal(config.minutesSigningKeyGenerated, true);
      assert.equal(statSync(join(dir, 'minutes-signing-key.pem')).mode & 0o777, 0o600);
      assert.equal(generatedSigningKey(dir), config.minutesSigningKey, 'the same key after a restart');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
