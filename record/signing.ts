/**
 * The requested authority's signature on the minutes: Ed25519 over the exact bytes of the minutes'
 * canonical JSON. Ed25519 signatures are deterministic, so signing the same minutes with the same
 * key always gives the same signature; nothing but the record and the key is needed to produce it
 * again. Anyone with the public keys (served at /minutes-public-keys) can verify a copy.
 *
 * The key is given as PKCS#8, either PEM text or the base64 of the DER bytes (handier in an
 * environment variable), and must be an Ed25519 key.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256Hex } from './chain.js';

export interface MinutesSignature {
  algorithm: 'Ed25519';
  /** SHA-256 of the signed bytes, hex. */
  sha256: string;
  /** The Ed25519 signature of the signed bytes, base64. */
  signature: string;
  /** First 16 hex characters of the SHA-256 of the public key (SPKI DER): names the key. */
  keyId: string;
  publicKeyPem: string;
}

/** Reads a PKCS#8 Ed25519 private key from PEM text or base64 DER; throws a sentence saying what is wrong. */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  try {
    key = trimmed.startsWith('-----BEGIN')
      ? createPrivateKey({ key: trimmed, format: 'pem' })
      : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  } catch {
    throw new Error('must be a PKCS#8 private key, as PEM text or base64 DER');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`must be an Ed25519 key, not ${key.asymmetricKeyType ?? 'this kind of key'}`);
  return key;
}

export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ format: 'der', type: 'spki' })).slice(0, 16);
}

export class MinutesSigner {
  readonly publicKeyPem: string;
  readonly keyId: string;
  private readonly privateKey: KeyObject;

  constructor(privateKey: KeyObject | string) {
    this.privateKey = typeof privateKey === 'string' ? parseSigningKey(privateKey) : privateKey;
    const publicKey = createPublicKey(this.privateKey);
    this.publicKeyPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    this.keyId = keyIdOf(publicKey);
  }

  /** Signs these exact bytes (the minutes' canonical JSON). */
  sign(minutesJson: string): MinutesSignature {
    const bytes = Buffer.from(minutesJson, 'utf8');
    return {
      algorithm: 'Ed25519',
      sha256: sha256Hex(bytes),
      signature: sign(null, bytes, this.privateKey).toString('base64'),
      keyId: this.keyId,
      publicKeyPem: this.publicKeyPem,
    };
  }
}

/** Whether a key id names this public key (PEM): a signature stored with another key under that id is not the one recorded. */
export function keyNamed(keyId: string, publicKeyPem: string): boolean {
  try {
    return keyIdOf(createPublicKey({ key: publicKeyPem, format: 'pem' })) === keyId;
  } catch {
    return false;
  }
}

/** Whether `signature` (base64) is the signature of exactly `minutesJson` under this public key. */
export function verifyMinutes(minutesJson: string, signature: string, publicKeyPem: string): boolean {
  try {
    const key = createPublicKey({ key: publicKeyPem, format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, Buffer.from(minutesJson, 'utf8'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** The requested authority's key, generated into the data folder when none is configured. */
export const GENERATED_MINUTES_KEY_FILE = 'minutes-signing-key.pem';
/** The requesting court's key, with which the presiding judge signs the minutes. */
export const GENERATED_COURT_KEY_FILE = 'court-signing-key.pem';

/**
 * A key kept beside the embedded database (owner-only), created on first use, so that minutes
 * signed by a demo installation still verify after a restart. A court sets its own key.
 */
export function generatedSigningKey(dataDir: string, fileName = GENERATED_MINUTES_KEY_FILE): string {
  const file = join(dataDir, fileName);
  if (existsSync(file)) return readFileSync(file, 'utf8');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  try {
    writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it first: theirs is the key.
    if ((error as { code?: string }).code === 'EEXIST') return readFileSync(file, 'utf8');
    throw error;
  }
  return pem;
}
