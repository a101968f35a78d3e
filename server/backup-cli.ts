/**
 * `./hearing-room backup <out folder> [--secrets include|omit]`: a backup of this installation that
 * `./hearing-room restore` puts back, on either database engine, with the same configuration as the
 * server (HEARING_ROOM_DATABASE_URL, the data folder, HEARING_ROOM_RECORDINGS_DIR; server/config.ts).
 *
 * - Every table, from one read snapshot (a running server goes on writing meanwhile), in a portable
 *   form (backup-database.ts), each hearing's chain checked on the way and its last entry noted.
 * - Each recording's manifest, wrapped data key, timestamps and lists, checked against the
 *   installation's keys; its media segments are listed (size, SHA-256) but NOT copied: the court's
 *   file-level backup of the recordings folder carries them (backup-recordings.ts).
 * - The keys the server generated into its data folder, as backup-secrets.ts decides.
 * - backup.json: format, schema version, time, Hearing Room's version, and the SHA-256 of every file.
 *
 * HEARING_ROOM_BACKUP_KEY (32 random bytes: base64, base64url or hex) encrypts every file but
 * backup.json and authenticates that (backup-crypto.ts). The folder and its files are owner-only.
 *
 * Exit status: 0 written and every check held; 1 written, but a record or a recording did not hold
 * when it was checked (named: the backup is still a faithful copy); 2 not written (bad arguments or
 * settings, database unreachable, folder not empty, no decision on the secrets).
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MinutesSigner } from '../record/index.js';
import { RecordingKey } from '../recording/index.js';
import { driverFor } from '../store/index.js';
import { BackupKey } from './backup-crypto.js';
import { writeDatabase } from './backup-database.js';
import { BackupFolderWriter } from './backup-folder.js';
import { BACKUP_FORMAT, BackupRefused, hearingRoomVersion, README_NAME, type BackupManifest, type SecretEntry } from './backup-format.js';
import { backupReadme } from './backup-readme.js';
import { writeRecordings } from './backup-recordings.js';
import { dataDirOf, missingSecretFiles, secretsInUse, type SecretInUse } from './backup-secrets.js';
import { loadConfig, type Config } from './config.js';

const USAGE = `usage: hearing-room backup <out folder> [--secrets include|omit]
  HEARING_ROOM_BACKUP_KEY   encrypts the backup (32 random bytes as base64 or hex: openssl rand -base64 32);
                            the keys generated into the data folder then go into it, encrypted
  --secrets include         without a backup key: copy those keys in the clear (the folder is owner-only)
  --secrets omit            leave them out: the court keeps its own copy of them`;

/** The command line is wrong: the usage is printed with it. */
class UsageError extends Error {}

const Args = z.object({
  out: z.string().min(1, 'give the folder to write the backup into'),
  secrets: z.enum(['include', 'omit'], { message: '--secrets: must be include or omit' }).optional(),
});
const BackupKeyText = z.string().optional();

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { secrets: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('give exactly one folder to write the backup into');
  const args = Args.safeParse({ out: positionals[0], secrets: values.secrets });
  if (!args.success) throw new UsageError(args.error.issues[0]?.message ?? 'the arguments are malformed');
  const keyText = BackupKeyText.parse(process.env.HEARING_ROOM_BACKUP_KEY || undefined);
  let key: BackupKey | undefined;
  try {
    key = keyText === undefined ? undefined : new BackupKey(keyText);
  } catch (error) {
    throw new BackupRefused(`HEARING_ROOM_BACKUP_KEY: ${(error as Error).message}`);
  }

  // Before the configuration is loaded, which would generate a missing key into the data folder.
  const missing = missingSecretFiles(dataDirOf(process.env), process.env);
  if (missing.length > 0) {
    throw new BackupRefused(
      `${missing.join(', ')} ${missing.length === 1 ? 'does' : 'do'} not exist: this configuration is not the server's (its data folder, or its HEARING_ROOM_* keys, are elsewhere). Run the backup with the server's settings; nothing was written`,
    );
  }
  const config = loadConfig();
  const secrets = await secretsInUse(config, process.env);
  const fromDataDir = secrets.filter((s) => s.source === 'data-dir');
  const include = args.data.secrets === 'include' || (key !== undefined && args.data.secrets !== 'omit');
  if (fromDataDir.length > 0 && key === undefined && args.data.secrets === undefined) {
    throw new BackupRefused(
      `the server generated ${fromDataDir.map((s) => s.spec.name).join(', ')} into ${config.dataDir}, and nothing but this backup would keep a copy. ` +
        'Decide: set HEARING_ROOM_BACKUP_KEY to encrypt the backup with them (recommended), or pass --secrets include (in the clear, owner-only) ' +
        'or --secrets omit (the court keeps its own copy; without the recording key no recording opens)',
    );
  }
  if (config.databaseUrl.startsWith('sqlite:') && !existsSync(config.databaseUrl.slice('sqlite:'.length))) {
    throw new BackupRefused(
      `there is no database at ${config.databaseUrl.slice('sqlite:'.length)} (HEARING_ROOM_DATABASE_URL, or the data folder): nothing to back up`,
    );
  }

  if (isInside(resolve(args.data.out), config.recording.dir)) {
    throw new BackupRefused(
      `${args.data.out} is inside the recordings folder ${config.recording.dir}: a backup there would be taken for a recording. Write it elsewhere`,
    );
  }

  const backupId = randomUUID();
  const out = await BackupFolderWriter.create(args.data.out, backupId, key);
  let manifest: BackupManifest;
  let manifestSha256: string;
  let recordings: Awaited<ReturnType<typeof writeRecordings>>;
  let written: Awaited<ReturnType<typeof writeDatabase>>;
  try {
    ({ manifest, manifestSha256, recordings, written } = await writeBackup(out, backupId, config, secrets, include, key));
  } catch (error) {
    throw new Error(`${(error as Error).message} — the backup in ${args.data.out} is incomplete: without backup.json it is not a backup; remove it`);
  }

  const brokenRecords = written.records
    .filter((r) => !r.held)
    .map((r) => `record of hearing ${r.hearingId} does not hold (./hearing-room verify-record ${r.hearingId} names the entry)`);
  const problems = [...brokenRecords, ...recordings.problems];
  process.stdout.write(`${summary(manifest, config, args.data.out, manifestSha256)}\n`);
  for (const note of recordings.notes) process.stderr.write(`note: ${note}\n`);
  for (const secret of secrets) {
    if (secret.source !== 'data-dir') continue;
    if (include && key === undefined) {
      process.stderr.write(
        `WARNING: ${secret.spec.name} is in this backup IN THE CLEAR: whoever reads it can use it. Keep the backup where only the court's administrators can read it.\n`,
      );
    } else if (!include) {
      process.stderr.write(`WARNING: ${secret.spec.name} (${secret.path}) is NOT in this backup: keep a copy of it apart, or ${secret.spec.lost}.\n`);
    }
  }
  for (const problem of problems) process.stderr.write(`check failed: ${problem}\n`);
  return problems.length > 0 ? 1 : 0;
}

/** Everything the backup holds, written into `out`; backup.json last. */
async function writeBackup(out: BackupFolderWriter, backupId: string, config: Config, secrets: SecretInUse[], include: boolean, key: BackupKey | undefined) {
  const db = driverFor(config.databaseUrl);
  let written: Awaited<ReturnType<typeof writeDatabase>>;
  try {
    written = await writeDatabase(db, out);
  } finally {
    await db.close();
  }
  const recordings = await writeRecordings(config.recording.dir, out, {
    publicKeyPem: new MinutesSigner(config.minutesSigningKey).publicKeyPem,
    recordingKey: new RecordingKey(config.recordingKey),
  });
  const secretEntries: SecretEntry[] = [];
  for (const secret of secrets) {
    const copied = secret.source === 'data-dir' && include ? await out.write(`secrets/${secret.spec.name}`, secret.stored ?? '') : undefined;
    secretEntries.push({ name: secret.spec.name, source: secret.source, fingerprint: secret.fingerprint, ...(copied ? { file: copied } : {}) });
  }
  const partial: Omit<BackupManifest, 'files' | 'authentication'> = {
    format: BACKUP_FORMAT,
    backupId,
    createdAt: new Date().toISOString(),
    hearingRoomVersion: hearingRoomVersion(),
    database: written.database,
    records: written.records,
    recordings: recordings.recordings,
    secrets: secretEntries,
    encryption: key ? { algorithm: 'AES-256-GCM', keyId: key.id } : null,
  };
  await out.write(README_NAME, backupReadme(partial, config.recording.dir), { clear: true });
  const manifest: BackupManifest = { ...partial, files: out.files };
  if (key) manifest.authentication = { algorithm: 'HMAC-SHA256', mac: key.mac(JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>) };
  const manifestSha256 = await out.writeManifest(manifest);

  return { manifest, manifestSha256, recordings, written };
}

function isInside(path: string, folder: string): boolean {
  const within = relative(folder, path);
  return within === '' || (!within.startsWith('..') && !isAbsolute(within));
}

function summary(manifest: BackupManifest, config: Config, out: string, manifestSha256: string): string {
  const { database, records, recordings, secrets, encryption } = manifest;
  const rows = database.tables.reduce((n, t) => n + t.rows, 0);
  const entries = records.reduce((n, r) => n + r.entries, 0);
  const media = recordings.reduce((n, r) => ({ count: n.count + r.media.count, bytes: n.bytes + r.media.bytes }), { count: 0, bytes: 0 });
  const held = records.every((r) => r.held) ? 'every chain holds' : `${records.filter((r) => !r.held).length} chain(s) do NOT hold`;
  const lines = [
    `Backup ${manifest.backupId} written to ${out}`,
    `  database (${database.dialect}, schema version ${database.schemaVersion}): ${database.tables.length} tables, ${rows} rows`,
    `  records: ${records.length} hearing(s), ${entries} entries; ${held}`,
    `  recordings: ${recordings.length} — manifests, wrapped keys, timestamps and lists copied and checked`,
    `  media NOT in this backup: ${media.count} segment file(s), ${media.bytes} bytes, listed with their SHA-256 in media/ — the file-level backup of ${config.recording.dir} must copy them`,
    ...secrets.map((s) =>
      s.file
        ? `  ${s.name}: from the data folder, IN this backup${encryption ? ' (encrypted)' : ' (IN THE CLEAR)'}`
        : s.source === 'environment'
          ? `  ${s.name}: set in the environment, not copied (key ${s.fingerprint}; keep it in the court's key store)`
          : `  ${s.name}: from the data folder, NOT in this backup (key ${s.fingerprint})`,
    ),
    encryption
      ? `  encrypted with HEARING_ROOM_BACKUP_KEY (key ${encryption.keyId}); backup.json is authenticated under it`
      : '  NOT encrypted: it holds personal data; keep it where only the court’s administrators can read it',
    `  backup.json SHA-256 ${manifestSha256} (keep this line apart from the backup: it shows the manifest was not replaced)`,
  ];
  return lines.join('\n');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`hearing-room backup: ${error instanceof Error ? error.message : String(error)}\n${usage ? `${USAGE}\n` : ''}`);
    process.exitCode = 2;
  },
);
