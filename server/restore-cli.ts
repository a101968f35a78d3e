/**
 * `./hearing-room restore <backup folder>`: puts a backup written by `./hearing-room backup` back into
 * the database, data folder and recordings folder this configuration names (the server's settings,
 * server/config.ts), with the server stopped:
 *
 *  1. checks every file of the backup against backup.json (with a backup key, backup.json's HMAC
 *     first) and refuses, naming the file, if one is altered, missing or added;
 *  2. refuses a backup whose schema is newer than this code, or of another lineage of migrations;
 *  3. refuses a target database that holds any row, naming what it holds (restore into a new one);
 *  4. loads every table in one transaction, migrating around the rows (store/restore.ts);
 *  5. puts the recordings' small files and the backed-up keys back (never over a different file);
 *  6. verifies every hearing's record against the backup's anchors, every signed minutes, every
 *     recording's manifest (and the whole recording where its media is back), and the keys.
 *
 * Exit status: 0 restored and everything verified; 1 restored, but a check failed (each named);
 * 2 nothing was restored.
 */
import { parseArgs } from 'node:util';
import { MinutesSigner } from '../record/index.js';
import { RecordingKey } from '../recording/index.js';
import {
  driverFor,
  inspectTarget,
  latestSchemaVersion,
  loadBackup,
  MIGRATIONS,
  openStore,
  refusalFor,
  RestoreRefused,
  type SqlDriver,
} from '../store/index.js';
import { BackupKey } from './backup-crypto.js';
import { backupRows } from './backup-database.js';
import { BackupFolderReader } from './backup-folder.js';
import { BackupRefused, MediaList, type SecretName } from './backup-format.js';
import { checkRecordings, putRecordingsBack } from './backup-recordings.js';
import { conflictingSecretFiles, dataDirOf, environmentWithSecrets, putSecretsBack, removeGenerated, secretFilesPresent } from './backup-secrets.js';
import { loadConfig, type Config } from './config.js';
import { checkKeys, checkRecords } from './restore-checks.js';

const USAGE = `usage: hearing-room restore <backup folder>
  with the server stopped and its settings in the environment; HEARING_ROOM_BACKUP_KEY for an encrypted backup`;

/** The command line is wrong: the usage is printed with it. */
class UsageError extends Error {}

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (positionals.length !== 1 || positionals[0] === '') throw new UsageError('give the backup folder');
  const folder = positionals[0] as string;

  const reader = await BackupFolderReader.open(folder);
  const { manifest } = reader;
  const keyText = process.env.HEARING_ROOM_BACKUP_KEY || undefined;
  let key: BackupKey | undefined;
  try {
    key = keyText === undefined ? undefined : new BackupKey(keyText);
  } catch (error) {
    throw new BackupRefused(`HEARING_ROOM_BACKUP_KEY: ${(error as Error).message}`);
  }
  reader.useKey(key);
  await reader.checkFiles();
  say(
    `Backup ${manifest.backupId} of ${manifest.createdAt} (Hearing Room ${manifest.hearingRoomVersion}): all ${manifest.files.length} files match backup.json.`,
  );
  // Without a backup key nothing but this hash shows that backup.json itself was not replaced with the files.
  say(`backup.json SHA-256 ${reader.manifestSha256}: the same as the line the backup printed, which the court kept apart?`);
  checkSchema(manifest.database.schemaVersion, manifest.database.migrations, manifest.hearingRoomVersion);

  const copies = new Map<SecretName, string>();
  for (const secret of manifest.secrets) if (secret.file) copies.set(secret.name, await reader.readText(secret.file));
  const rows = await backupRows(reader);
  for (const recording of manifest.recordings) await reader.readJson(recording.media.file, MediaList);

  const env = environmentWithSecrets(process.env, copies);
  const presentBefore = secretFilesPresent(dataDirOf(env));
  const config = loadConfig(env);
  // A key neither configured, nor in the data folder, nor in the backup was generated just now: the
  // backed-up server never used it, and left in the data folder it would be taken for the court's at
  // the next start.
  const notCopied = new Set(manifest.secrets.map((s) => s.name).filter((name) => !copies.has(name)));
  const removed = await removeGenerated(config.dataDir, presentBefore, notCopied);
  const conflicts = await conflictingSecretFiles(config.dataDir, copies, process.env);
  if (conflicts.length > 0) {
    throw new BackupRefused(`${conflicts.join(', ')} hold(s) another key than the backup's, which the server would use instead: move them aside first`);
  }

  const db = driverFor(config.databaseUrl);
  try {
    const refusal = refusalFor(await inspectTarget(db), manifest.database.schemaVersion);
    if (refusal) throw new BackupRefused(refusal.message);
    const loaded = await load(db, rows);
    say(
      `Database ${redacted(config.databaseUrl)}: ${loaded.length} tables, ${loaded.reduce((n, t) => n + t.rows, 0)} rows loaded in one transaction, each table's count as backed up.`,
    );
  } finally {
    await db.close();
  }

  const failures: string[] = [];
  try {
    if (removed.length > 0) say(`Removed keys generated just now, which the backed-up server never used: ${removed.join(', ')}.`);
    await putBackAndVerify(reader, config, copies, failures);
  } catch (error) {
    failures.push(`the database was restored, but putting the rest back or checking it stopped: ${(error as Error).message}`);
  }
  if (failures.length === 0) {
    say('Restored, and everything verified.');
    return 0;
  }
  say(`Restored, but ${failures.length} check(s) failed:`);
  for (const failure of failures) say(`  - ${failure}`);
  return 1;
}

/** Steps 5 and 6: the keys and the recordings' files back, then every check; what fails goes into `failures`. */
async function putBackAndVerify(reader: BackupFolderReader, config: Config, copies: ReadonlyMap<SecretName, string>, failures: string[]): Promise<void> {
  const { manifest } = reader;
  const written = await putSecretsBack(config.dataDir, copies, process.env);
  if (written.length > 0) say(`Keys put back (owner-only): ${written.join(', ')}.`);
  const unmatched = checkKeys(config, manifest.secrets);
  failures.push(...unmatched.failures);
  if (unmatched.same.length > 0) say(`Keys as the backed-up server used them: ${unmatched.same.join(', ')}.`);

  const recordingsBack = await putRecordingsBack(reader, config.recording.dir);
  say(`Recordings: ${manifest.recordings.length}, ${recordingsBack.written} file(s) put back in ${config.recording.dir}.`);
  for (const path of recordingsBack.keptAsFound)
    failures.push(`${path} was already there and differs from the backup's copy: left as found, check which is right`);

  const store = await openStore(config.databaseUrl);
  try {
    const records = await checkRecords(store, manifest.records, config);
    failures.push(...records.failures);
    say(
      `Records: ${records.hearings} hearing(s), ${records.entries} entries — ${records.failures.length === 0 ? 'every chain holds and ends at the entry backed up' : `${records.failures.length} problem(s)`}; signed minutes verified: ${records.signedMinutes}.`,
    );
  } finally {
    await store.close();
  }
  const recordings = await checkRecordings(reader, config.recording.dir, {
    publicKeyPem: new MinutesSigner(config.minutesSigningKey).publicKeyPem,
    recordingKey: new RecordingKey(config.recordingKey),
  });
  for (const check of recordings) {
    say(`  recording ${check.folder}: ${check.summary}`);
    if (!check.verified) failures.push(`recording ${check.folder} is not verified: see above`);
  }
}

/** The backup's schema is one this code knows, written by the same migrations. */
function checkSchema(version: number, migrations: readonly { version: number; name: string }[], writtenBy: string): void {
  if (version > latestSchemaVersion()) {
    throw new BackupRefused(
      `the backup's database is at schema version ${version}, and this Hearing Room knows versions up to ${latestSchemaVersion()}: restore it with Hearing Room ${writtenBy}, which wrote it, or a later one`,
    );
  }
  for (const migration of migrations) {
    const known = MIGRATIONS.find((m) => m.version === migration.version);
    if (!known || known.name !== migration.name) {
      throw new BackupRefused(
        `the backup's migration ${migration.version} ("${migration.name}") is not this code's ("${known?.name ?? 'none'}"): it comes from another lineage of Hearing Room`,
      );
    }
  }
}

async function load(db: SqlDriver, rows: Awaited<ReturnType<typeof backupRows>>) {
  try {
    return await loadBackup(db, rows);
  } catch (error) {
    if (error instanceof RestoreRefused || error instanceof BackupRefused) throw new BackupRefused(`${error.message}; nothing was restored`);
    throw new BackupRefused(`the database refused the backup's rows, and nothing was restored: ${(error as Error).message}`);
  }
}

/** A database URL without its password, for the report. */
function redacted(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    // Everything up to and including the load is refused or rolled back whole, and what follows it reports instead of throwing.
    process.stderr.write(
      `hearing-room restore: ${error instanceof Error ? error.message : String(error)}\nNothing was restored.\n${usage ? `${USAGE}\n` : ''}`,
    );
    process.exitCode = 2;
  },
);
