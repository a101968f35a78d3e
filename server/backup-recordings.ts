/**
 * The recordings' part of a backup. What proves a recording — its signed manifest with the wrapped
 * data key, its timestamps and the authority's certificate, its leftovers list, each run's lists — is
 * small and copied; its media segments are bulky (gigabytes a hearing) and are not: the court's
 * file-level backup of HEARING_ROOM_RECORDINGS_DIR carries them. Each recording's media is listed in
 * the backup (path, size, SHA-256), so a restore says which segment is missing or changed rather than
 * finding out on the day the recording is played in court.
 */
import { readdir, readFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  describeRecordingReport,
  recordingFolderContents,
  sha256File,
  verifyManifestOnly,
  verifyRecording,
  type ManifestOnlyReport,
  type RecordingKey,
} from '../recording/index.js';
import type { BackupFolderReader, BackupFolderWriter } from './backup-folder.js';
import { MEDIA_LIST_FORMAT, MediaList, RelativePath, type RecordingEntry } from './backup-format.js';

export interface RecordingKeys {
  /** The installation's signing key, public: the manifests must be signed with it. */
  publicKeyPem: string;
  /** Must open each recording's data key. */
  recordingKey: RecordingKey;
}

const FOLDER = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;

/** Copies each recording's small files and lists its media; `problems` names each recording whose manifest does not hold now. */
export async function writeRecordings(
  recordingsDir: string,
  out: BackupFolderWriter,
  keys: RecordingKeys,
): Promise<{ recordings: RecordingEntry[]; problems: string[]; notes: string[] }> {
  const recordings: RecordingEntry[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const entries = await readdir(recordingsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (!entry.isDirectory() || !FOLDER.test(entry.name)) {
      notes.push(`${join(recordingsDir, entry.name)} is not a recording folder: not backed up`);
      continue;
    }
    const dir = join(recordingsDir, entry.name);
    const contents = await recordingFolderContents(dir);
    const files: string[] = [];
    for (const path of contents.evidence) {
      if (!RelativePath.safeParse(path).success) {
        notes.push(`${join(dir, path)}: a name no recorder writes, not backed up`);
        continue;
      }
      files.push(await out.write(`recordings/${entry.name}/${path}`, await readFile(join(dir, path))));
    }
    for (const path of contents.beingWritten) notes.push(`${join(dir, path)} was being written: not backed up (the file it replaces is)`);
    const list: MediaList = { format: MEDIA_LIST_FORMAT, folder: entry.name, files: contents.media };
    const mediaFile = await out.write(`media/${entry.name}.json`, `${JSON.stringify(list, null, 2)}\n`);
    const report = await verifyManifestOnly(dir, keys);
    const checked = describeManifestCheck(report);
    if (!report.ok) problems.push(`recording ${entry.name}: ${checked}`);
    recordings.push({
      folder: entry.name,
      ...(report.ok
        ? { recordingId: report.recordingId, hearingId: report.hearingId, status: report.complete ? ('complete' as const) : ('recording' as const) }
        : {}),
      files,
      media: { file: mediaFile, count: contents.media.length, bytes: contents.media.reduce((n, m) => n + m.size, 0) },
      checked,
    });
  }
  return { recordings, problems, notes };
}

function describeManifestCheck(report: ManifestOnlyReport): string {
  if (!report.ok) return `does not hold: ${report.problem.kind}. ${report.problem.message}`;
  const stamps = report.timestamps
    ? `, ${report.timestamps.checkpoints} checkpoint timestamp(s)${report.timestamps.final ? ' and the final one' : ''} verified`
    : '';
  return `manifest signed by key ${report.keyId} and verified${stamps}; the recording key opens its data key; ${report.complete ? 'complete' : 'cut short (its last signed prefix)'}`;
}

/** Writes each recording's small files back under the recordings folder; a file already there and different is left as found, and named. */
export async function putRecordingsBack(reader: BackupFolderReader, recordingsDir: string): Promise<{ written: number; keptAsFound: string[] }> {
  let written = 0;
  const keptAsFound: string[] = [];
  const encrypted = reader.manifest.encryption !== null;
  await mkdir(recordingsDir, { recursive: true, mode: 0o700 });
  for (const recording of reader.manifest.recordings) {
    const prefix = `recordings/${recording.folder}/`;
    for (const stored of recording.files) {
      if (!stored.startsWith(prefix)) throw new Error(`${stored} is listed for recording ${recording.folder} but lies outside its folder`);
      const path = stored.slice(prefix.length, encrypted ? -'.enc'.length : undefined);
      const target = join(recordingsDir, recording.folder, path);
      const content = await reader.readBytes(stored);
      const there = await readFile(target).catch(() => undefined);
      if (there?.equals(content)) continue;
      if (there !== undefined) {
        // Perhaps a newer copy from the file-level backup: never overwritten, only reported.
        keptAsFound.push(target);
        continue;
      }
      await mkdir(join(target, '..'), { recursive: true, mode: 0o700 });
      await writeFile(target, content, { mode: 0o640, flag: 'wx' });
      written++;
    }
  }
  return { written, keptAsFound };
}

export interface RecordingCheck {
  folder: string;
  recordingId: string | undefined;
  verified: boolean;
  /** In words: what holds, and what is missing or wrong. */
  summary: string;
}

/** Checks each restored recording: its manifest alone, then its media as listed, then — with all media there — the whole recording. */
export async function checkRecordings(reader: BackupFolderReader, recordingsDir: string, keys: RecordingKeys): Promise<RecordingCheck[]> {
  const checks: RecordingCheck[] = [];
  for (const recording of reader.manifest.recordings) {
    const dir = join(recordingsDir, recording.folder);
    const manifest = await verifyManifestOnly(dir, keys);
    const list = await reader.readJson(recording.media.file, MediaList);
    const missing: string[] = [];
    const changed: string[] = [];
    for (const file of list.files) {
      const path = join(dir, file.path);
      const info = await stat(path).catch(() => undefined);
      if (!info) missing.push(file.path);
      else if (info.size !== file.size || (await sha256File(path)) !== file.sha256) changed.push(file.path);
    }
    const media =
      list.files.length === 0
        ? 'no media'
        : missing.length === 0 && changed.length === 0
          ? `all ${list.files.length} media file(s) present and as listed`
          : `${list.files.length - missing.length - changed.length} of ${list.files.length} media file(s) present and as listed${missing.length ? `; missing: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}` : ''}${changed.length ? `; changed: ${changed.slice(0, 5).join(', ')}` : ''} — copy them from the file-level backup of the recordings into ${dir}, then run ./hearing-room verify-recording ${dir}`;
    let verified = manifest.ok && missing.length === 0 && changed.length === 0;
    let whole = '';
    if (verified) {
      const report = await verifyRecording(dir, { publicKeyPem: keys.publicKeyPem });
      verified = report.ok;
      whole = ` ${describeRecordingReport(report)}`;
    }
    checks.push({
      folder: recording.folder,
      recordingId: recording.recordingId,
      verified,
      summary: `${manifest.ok ? describeManifestCheck(manifest) : `manifest ${describeManifestCheck(manifest)}`}; ${media}.${whole}`,
    });
  }
  return checks;
}
