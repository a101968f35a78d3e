/**
 * The README.txt each backup carries, in words: the folder may be opened years later by someone who
 * has never seen Hearing Room, and must learn from it what it holds, what it does not (the media),
 * where the keys are, and how to restore it. It names no person and holds no content, so it stays
 * readable in an encrypted backup.
 */
import type { BackupManifest } from './backup-format.js';

export function backupReadme(manifest: Omit<BackupManifest, 'files' | 'authentication'>, recordingsDir: string): string {
  const { database, records, recordings, secrets, encryption } = manifest;
  const media = recordings.reduce((n, r) => ({ count: n.count + r.media.count, bytes: n.bytes + r.media.bytes }), { count: 0, bytes: 0 });
  const copied = secrets.filter((s) => s.file !== undefined).map((s) => s.name);
  const environment = secrets.filter((s) => s.source === 'environment').map((s) => `${s.name} (key ${s.fingerprint})`);
  const kept = secrets.filter((s) => s.source === 'data-dir' && s.file === undefined).map((s) => `${s.name} (key ${s.fingerprint})`);
  return `Hearing Room backup ${manifest.backupId}
Written ${manifest.createdAt} by Hearing Room ${manifest.hearingRoomVersion}.

WHAT IT HOLDS
- Every table of the ${database.dialect} database at schema version ${database.schemaVersion}, as read in
  one consistent snapshot: ${database.tables.length} tables, ${database.tables.reduce((n, t) => n + t.rows, 0)} rows, in database/ (one JSON Lines file each).
- The record of ${records.length} hearing(s), ${records.reduce((n, r) => n + r.entries, 0)} entries; backup.json names each hearing's last
  entry and its hash, and the restore checks the restored chain ends exactly there.
- ${recordings.length} recording(s): each one's signed manifest (with its data key, wrapped), timestamps
  and lists, in recordings/.
- ${copied.length > 0 ? `The keys the server generated into its data folder: ${copied.join(', ')}, in secrets/.` : 'No key or secret.'}
- backup.json: the format, the schema version, the SHA-256 of every file. The restore refuses a file
  that does not match it.

WHAT IT DOES NOT HOLD
- The recordings' media: ${media.count} encrypted segment file(s), ${media.bytes} bytes, in ${recordingsDir}.
  The court's file-level backup of that folder must copy them. media/ lists each with its size and
  SHA-256, so the restore says which one is missing or changed.
${
  environment.length > 0
    ? `- Keys set in the server's environment: ${environment.join(', ')}. The court keeps them in its key
  store; the restored server needs the same values.\n`
    : ''
}${
  kept.length > 0
    ? `- Keys the server generated, left out when this backup was written: ${kept.join(', ')}.
  Without the recording key no recording opens.\n`
    : ''
}
PROTECTION
${
  encryption
    ? `Every file but this one and backup.json is encrypted (AES-256-GCM) with the key given as
HEARING_ROOM_BACKUP_KEY (key id ${encryption.keyId}); backup.json is authenticated with it (HMAC-SHA256).
Keep that key apart from the backups: without it nothing here can be read.`
    : `NOT encrypted. It holds personal data${copied.length > 0 ? ' and keys that sign minutes as the court and open recordings' : ''}:
keep it where only the court's administrators can read it (the folder is owner-only).`
}

KEEPING IT
Each backup is whole: none depends on another. Keep it as long as the court must keep the record of
the hearings it holds (the retention its law sets), and no longer: it holds personal data. A later
Hearing Room restores it, bringing its rows up to its own schema as an upgrade would. Keep for as
long, each apart from it: the file-level backup of the recordings' media, ${encryption ? 'the backup key, ' : ''}the keys not in
it, and the backup.json SHA-256 line the backup printed.

RESTORE
Into a new, empty database, PostgreSQL or SQLite (either, whatever this backup was taken from),
with the server stopped and its settings in the environment (HEARING_ROOM_DATABASE_URL,
HEARING_ROOM_DATA_DIR, HEARING_ROOM_RECORDINGS_DIR, the HEARING_ROOM_* keys set in the environment${encryption ? ', HEARING_ROOM_BACKUP_KEY' : ''}):
  1. copy the recordings' media back from the file-level backup into the recordings folder;
  2. ./hearing-room restore <this folder>
It checks every file against backup.json, loads every table in one transaction, puts the recordings'
files and keys back, verifies every record and recording, and says what holds.
Exit 0: restored and verified; 1: restored, but a check failed (named); 2: nothing was restored.
`;
}
