/**
 * The server's secrets and keys in a backup.
 *
 * - One given in the environment (HEARING_ROOM_*) is never copied. The court keeps it in its own key
 *   store; a copy would travel wherever backups travel. The backup names it by fingerprint, so a
 *   restore can say whether the same one is configured.
 * - One the server generated into its data folder exists nowhere else, and without the recording key
 *   no recording ever opens again. It goes into the backup when the backup is encrypted
 *   (HEARING_ROOM_BACKUP_KEY). Without a backup key the operator chooses: `--secrets include` (in the
 *   clear, owner-only, with a warning: whoever holds the backup can then sign minutes as the court
 *   and, with the media, play every recording) or `--secrets omit` (kept apart by the court). With
 *   neither the backup is refused, because each silent default loses something: the keys' secrecy or
 *   the recordings.
 *
 * Fingerprints are the ids the records already use — a recording key's id (in every manifest's wrapped
 * key), a signing key's id (in every signature) — or a truncated hash for the two plain secrets.
 */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat, unlink, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { GENERATED_COURT_KEY_FILE, GENERATED_MINUTES_KEY_FILE, MinutesSigner } from '../record/index.js';
import { RecordingKey } from '../recording/index.js';
import type { SecretName } from './backup-format.js';
import { loadConfig, type Config } from './config.js';

interface SecretSpec {
  name: SecretName;
  variable: string;
  /** The file server/config.ts generates in the data folder when the variable is not set. */
  file: string;
  /** What is lost without it, for the warnings. */
  lost: string;
  value(config: Config): string;
  fingerprint(value: string): string;
}

const hashed = (name: string) => (value: string) =>
  createHash('sha256').update(`hearing-room.secret-fingerprint/1\n${name}\n`).update(value.trim()).digest('hex').slice(0, 16);

export const SECRETS: readonly SecretSpec[] = [
  {
    name: 'token-secret',
    variable: 'HEARING_ROOM_TOKEN_SECRET',
    file: 'token-secret',
    lost: 'every join link issued before stops working',
    value: (c) => c.tokenSecret,
    fingerprint: hashed('token-secret'),
  },
  {
    name: 'identity-key',
    variable: 'HEARING_ROOM_IDENTITY_KEY',
    file: 'identity-key',
    lost: 'identity-document numbers recorded before can no longer be compared with one shown',
    value: (c) => c.identityKey,
    fingerprint: hashed('identity-key'),
  },
  {
    name: 'recording-key',
    variable: 'HEARING_ROOM_RECORDING_KEY',
    file: 'recording-key',
    lost: 'NO RECORDING OPENS: every recording’s data key is wrapped by it',
    value: (c) => c.recordingKey,
    fingerprint: (value) => new RecordingKey(value).id,
  },
  {
    name: 'minutes-signing-key',
    variable: 'HEARING_ROOM_MINUTES_SIGNING_KEY',
    file: GENERATED_MINUTES_KEY_FILE,
    lost: 'the requested authority countersigns minutes and signs recordings with a new key (what was signed still verifies with the public keys kept with it)',
    value: (c) => c.minutesSigningKey,
    fingerprint: (value) => new MinutesSigner(value).keyId,
  },
  {
    name: 'court-signing-key',
    variable: 'HEARING_ROOM_COURT_SIGNING_KEY',
    file: GENERATED_COURT_KEY_FILE,
    lost: 'the presiding judge signs minutes with a new key (what was signed still verifies with the public keys kept with it)',
    value: (c) => c.courtSigningKey,
    fingerprint: (value) => new MinutesSigner(value).keyId,
  },
];

export interface SecretInUse {
  spec: SecretSpec;
  source: 'environment' | 'data-dir';
  fingerprint: string;
  /** The data folder's file, exactly as stored (only for `data-dir`). */
  stored?: string;
  path?: string;
}

const isSet = (env: NodeJS.ProcessEnv, variable: string) => (env[variable] ?? '') !== '';

/**
 * The data folder a configuration names, found without writing into it. Loading a configuration
 * generates each key it lacks into that folder, so it is loaded here with stand-ins for them: what
 * is in the folder can then be seen before anything is generated there. (Telling a generated file by
 * its time instead would take a key the server wrote a moment before — or whose file server's clock
 * runs ahead — for one made just now, and remove the court's only copy.)
 */
export function dataDirOf(env: NodeJS.ProcessEnv): string {
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const standIns: Record<SecretName, string> = {
    'token-secret': 'x'.repeat(32),
    'identity-key': 'x'.repeat(32),
    'recording-key': '0'.repeat(64),
    'minutes-signing-key': signingKey,
    'court-signing-key': signingKey,
  };
  const withStandIns: NodeJS.ProcessEnv = { ...env };
  for (const spec of SECRETS) if (!isSet(env, spec.variable)) withStandIns[spec.variable] = standIns[spec.name];
  return loadConfig(withStandIns).dataDir;
}

/** The keys whose file is in the data folder now. */
export function secretFilesPresent(dataDir: string): Set<SecretName> {
  return new Set(SECRETS.filter((spec) => existsSync(join(dataDir, spec.file))).map((spec) => spec.name));
}

/**
 * The keys this configuration neither sets nor finds in its data folder, as the files the server
 * would have generated: a backup run with them missing is not run with the server's settings (its
 * data folder, or its HEARING_ROOM_* keys, are elsewhere), and loading the configuration would
 * generate keys nobody used.
 */
export function missingSecretFiles(dataDir: string, env: NodeJS.ProcessEnv): string[] {
  const present = secretFilesPresent(dataDir);
  return SECRETS.filter((spec) => !isSet(env, spec.variable) && !present.has(spec.name)).map((spec) => join(dataDir, spec.file));
}

/** The secrets this configuration uses and where each comes from (call after missingSecretFiles found none). */
export async function secretsInUse(config: Config, env: NodeJS.ProcessEnv): Promise<SecretInUse[]> {
  const found: SecretInUse[] = [];
  for (const spec of SECRETS) {
    const fingerprint = spec.fingerprint(spec.value(config));
    if (isSet(env, spec.variable)) {
      found.push({ spec, source: 'environment', fingerprint });
      continue;
    }
    const path = join(config.dataDir, spec.file);
    found.push({ spec, source: 'data-dir', fingerprint, stored: await readFile(path, 'utf8'), path });
  }
  return found;
}

/** The environment a restore reads its configuration with: the backup's copy of each secret the operator's environment does not set. */
export function environmentWithSecrets(env: NodeJS.ProcessEnv, copies: ReadonlyMap<SecretName, string>): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...env };
  for (const spec of SECRETS) {
    const copy = copies.get(spec.name);
    if (copy !== undefined && !isSet(env, spec.variable)) merged[spec.variable] = copy.trim();
  }
  return merged;
}

/**
 * Data-folder files that hold another secret than the backup's copy: the server would use them rather
 * than the backup's, so the restore stops before writing anything and names them.
 */
export async function conflictingSecretFiles(dataDir: string, copies: ReadonlyMap<SecretName, string>, env: NodeJS.ProcessEnv): Promise<string[]> {
  const conflicts: string[] = [];
  for (const spec of SECRETS) {
    const copy = copies.get(spec.name);
    if (copy === undefined || isSet(env, spec.variable)) continue;
    const path = join(dataDir, spec.file);
    const there = await readFile(path, 'utf8').catch(() => undefined);
    if (there !== undefined && there.trim() !== copy.trim()) conflicts.push(path);
  }
  return conflicts;
}

/** Writes the backup's copies into the data folder (owner-only) where the environment sets none; returns the files written. */
export async function putSecretsBack(dataDir: string, copies: ReadonlyMap<SecretName, string>, env: NodeJS.ProcessEnv): Promise<string[]> {
  const written: string[] = [];
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  for (const spec of SECRETS) {
    const copy = copies.get(spec.name);
    if (copy === undefined || isSet(env, spec.variable)) continue;
    const path = join(dataDir, spec.file);
    const there = await readFile(path, 'utf8').catch(() => undefined);
    if (there !== undefined) continue;
    await writeFile(path, copy, { mode: 0o600, flag: 'wx' });
    written.push(path);
  }
  return written;
}

/**
 * Removes the data-folder files of `names` that loading the configuration generated just now — those
 * not there before it (`presentBefore`): they hold keys nobody used, which the server would take for
 * the court's at its next start.
 */
export async function removeGenerated(dataDir: string, presentBefore: ReadonlySet<SecretName>, names: ReadonlySet<SecretName>): Promise<string[]> {
  const removed: string[] = [];
  for (const spec of SECRETS) {
    if (!names.has(spec.name) || presentBefore.has(spec.name)) continue;
    const path = join(dataDir, spec.file);
    if (await stat(path).catch(() => undefined)) {
      await unlink(path);
      removed.push(path);
    }
  }
  return removed;
}
