/**
 * The backup folder that `./hearing-room backup` writes and `./hearing-room restore` reads:
 *
 *   backup.json                     this manifest: what the backup holds, and the SHA-256 of every other file
 *   README.txt                      the same in words, for whoever finds the folder in ten years
 *   database/<table>.jsonl          one file per table: a header line, then one JSON array of values per row
 *   recordings/<folder>/…           each recording's manifest (with its wrapped data key), timestamps, lists
 *   media/<folder>.json             each recording's media segments — path, size, SHA-256 — NOT copied
 *   secrets/<name>                  the keys the server generated into its data folder, when included
 *
 * With HEARING_ROOM_BACKUP_KEY every file but backup.json is encrypted (`.enc`, backup-crypto.ts) and
 * backup.json carries an HMAC under the same key. Every file is parsed with zod when read back, and
 * an error names the file and the field.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const BACKUP_FORMAT = 'hearing-room.backup/1';
export const TABLE_FORMAT = 'hearing-room.backup-table/1';
export const MEDIA_LIST_FORMAT = 'hearing-room.backup-media/1';
export const MANIFEST_NAME = 'backup.json';
export const README_NAME = 'README.txt';

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');
const KeyId = z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex characters');
const Instant = z.string().datetime({ offset: true });
const Count = z.number().int().min(0);
/** A path inside the backup: plain names joined by `/`, none starting with a dot, so none can climb out. */
export const RelativePath = z
  .string()
  .max(1000)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9._-]*(\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/, 'must be a relative path of plain names');
/** A recording's folder under HEARING_ROOM_RECORDINGS_DIR (the recorder names it by the recording's id). */
const FolderName = z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/, 'must be a plain folder name');
const TableName = z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a table name');

/** The keys the server generates into its data folder when they are not configured. */
export const SECRET_NAMES = ['token-secret', 'identity-key', 'recording-key', 'minutes-signing-key', 'court-signing-key'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export const BackupFile = z.object({ path: RelativePath, size: Count, sha256: Sha256 });
export type BackupFile = z.infer<typeof BackupFile>;

export const TableEntry = z.object({
  name: TableName,
  file: RelativePath,
  rows: Count,
  columns: z.array(z.object({ name: z.string().min(1).max(63), type: z.string().max(60) })).min(1),
});
export type TableEntry = z.infer<typeof TableEntry>;

/** A hearing's record as backed up: the restore checks the restored chain ends exactly here. */
export const RecordAnchor = z.object({
  hearingId: z.string().min(1).max(200),
  entries: Count,
  lastSeq: z.number().int().min(1),
  lastHash: Sha256,
  /** Whether the chain held when it was backed up (a backup copies what is there, broken or not). */
  held: z.boolean(),
});
export type RecordAnchor = z.infer<typeof RecordAnchor>;

export const RecordingEntry = z.object({
  folder: FolderName,
  /** From its manifest; absent when the manifest could not be read (the folder is still copied). */
  recordingId: z.string().max(200).optional(),
  hearingId: z.string().max(200).optional(),
  status: z.enum(['recording', 'complete']).optional(),
  /** The files copied, as stored in the backup. */
  files: z.array(RelativePath),
  media: z.object({ file: RelativePath, count: Count, bytes: Count }),
  /** What the backup found when it checked the manifest, in words. */
  checked: z.string().max(2000),
});
export type RecordingEntry = z.infer<typeof RecordingEntry>;

export const SecretEntry = z.object({
  name: z.enum(SECRET_NAMES),
  /** Where the server took it from: its environment (never copied) or its data folder. */
  source: z.enum(['environment', 'data-dir']),
  /** Names the key without revealing it: the id manifests and signatures use, or a hash of the secret. */
  fingerprint: KeyId,
  /** The copy in this backup, when there is one. */
  file: RelativePath.optional(),
});
export type SecretEntry = z.infer<typeof SecretEntry>;

export const BackupManifest = z.object({
  format: z.literal(BACKUP_FORMAT),
  backupId: z.uuid(),
  createdAt: Instant,
  hearingRoomVersion: z.string().min(1).max(60),
  database: z.object({
    dialect: z.enum(['sqlite', 'postgres']),
    /** The last migration applied: the schema the rows are in. */
    schemaVersion: Count,
    migrations: z.array(z.object({ version: z.number().int().min(1), name: z.string().min(1), appliedAt: z.string() })),
    tables: z.array(TableEntry),
  }),
  records: z.array(RecordAnchor),
  recordings: z.array(RecordingEntry),
  secrets: z.array(SecretEntry),
  encryption: z.object({ algorithm: z.literal('AES-256-GCM'), keyId: KeyId }).nullable(),
  files: z.array(BackupFile),
  /** With a backup key: HMAC-SHA256 of this manifest's canonical JSON without this field. */
  authentication: z.object({ algorithm: z.literal('HMAC-SHA256'), mac: Sha256 }).optional(),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

/** The first line of a table file; each line after it is one row. */
export const TableHeader = z.object({ format: z.literal(TABLE_FORMAT), table: TableName, columns: z.array(z.string().min(1).max(63)).min(1) });
export const TableRow = z.array(z.union([z.string(), z.number(), z.null()]));

export const MediaList = z.object({
  format: z.literal(MEDIA_LIST_FORMAT),
  folder: FolderName,
  files: z.array(
    z.object({
      path: RelativePath,
      size: Count,
      sha256: Sha256,
      hashedFrom: z.enum(['manifest', 'leftovers', 'file']),
    }),
  ),
});
export type MediaList = z.infer<typeof MediaList>;

/** The backup or the restore cannot go on, in a sentence naming the file or setting: exit 2. */
export class BackupRefused extends Error {
  override name = 'BackupRefused';
}

/** The first zod issue as "field a.b.c: message", for an error that names the file. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue?.path.length ? issue.path.join('.') : '(the whole value)';
  return `field ${field}: ${issue?.message ?? 'is malformed'}`;
}

/** The version in package.json, searched upwards from this file (it runs from server/ and from dist/server/). */
export function hearingRoomVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const parsed = z.object({ name: z.literal('hearing-room'), version: z.string() }).safeParse(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
      if (parsed.success) return parsed.data.version;
    } catch {
      // Not here: one folder up.
    }
    dir = dirname(dir);
  }
  return 'unknown';
}
