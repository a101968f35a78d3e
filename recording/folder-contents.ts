/**
 * A recording folder in two parts: its media segments — bulky, encrypted, each hashed in the signed
 * manifest — and everything else: the manifest with the wrapped data key, the timestamps and the
 * authority's certificate, the leftovers list, each run's segment list, SDP and timing. The second
 * part is small and is what says what the media is and proves it; a backup copies it and lists the
 * media (path, size, SHA-256), which the court's file-level backup copies, so a restore can say which
 * segment is missing or changed.
 *
 * A media file's SHA-256 is taken from the signed manifest (or the leftovers list) when the file has
 * the size listed there, rather than by reading gigabytes at every backup: the backup lists what the
 * file must be, and `verify-recording` is what reads the media. Files the manifest does not list (the
 * unsigned tail of a recording cut short) are hashed.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { readLeftovers } from './leftovers.js';
import { MANIFEST_FILE, SignedManifest, sha256File } from './manifest.js';

/** A segment, sealed (`.enc`) or left in the clear by a crash: what file-level backup carries. */
const MEDIA_FILE = /^segment-\d{5}\.(webm|mkv)(\.enc)?$/;
/** A file being written by rename (`manifest.json.tmp`): not yet what the recording holds. */
const BEING_WRITTEN = /\.tmp$/;

export interface MediaFile {
  /** Relative to the recording folder, with `/`: `<track>/segment-00000.webm.enc`. */
  path: string;
  size: number;
  sha256: string;
  /** Where the hash comes from: the signed manifest, the leftovers list, or the file itself. */
  hashedFrom: 'manifest' | 'leftovers' | 'file';
}

export interface RecordingFolderContents {
  /** Every file but the media, relative, sorted: what a backup copies. */
  evidence: string[];
  media: MediaFile[];
  /** Files being written at this moment, left out. */
  beingWritten: string[];
}

export function isMediaFile(relativePath: string): boolean {
  const parts = relativePath.split('/');
  return parts.length === 2 && MEDIA_FILE.test(parts[1] as string);
}

export async function recordingFolderContents(dir: string): Promise<RecordingFolderContents> {
  const files = await filesUnder(dir, '');
  const listed = await listedHashes(dir);
  const contents: RecordingFolderContents = { evidence: [], media: [], beingWritten: [] };
  for (const path of files) {
    if (BEING_WRITTEN.test(path)) {
      contents.beingWritten.push(path);
      continue;
    }
    if (!isMediaFile(path)) {
      contents.evidence.push(path);
      continue;
    }
    const { size } = await stat(join(dir, path));
    const known = listed.get(path);
    contents.media.push(
      known && known.size === size
        ? { path, size, sha256: known.sha256, hashedFrom: known.from }
        : { path, size, sha256: await sha256File(join(dir, path)), hashedFrom: 'file' },
    );
  }
  return contents;
}

async function filesUnder(root: string, prefix: string): Promise<string[]> {
  const found: string[] = [];
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await filesUnder(root, path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/** What the signed manifest and the leftovers list say each media file is; empty where they cannot be read. */
async function listedHashes(dir: string): Promise<Map<string, { size: number; sha256: string; from: 'manifest' | 'leftovers' }>> {
  const listed = new Map<string, { size: number; sha256: string; from: 'manifest' | 'leftovers' }>();
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch(() => undefined);
  let parsed: ReturnType<typeof SignedManifest.safeParse> | undefined;
  try {
    parsed = text === undefined ? undefined : SignedManifest.safeParse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (parsed?.success) {
    for (const track of parsed.data.manifest.tracks) {
      for (const segment of track.segments) listed.set(`${track.trackId}/${segment.file}`, { size: segment.size, sha256: segment.sha256, from: 'manifest' });
    }
  }
  const leftovers = await readLeftovers(dir).catch(() => new Map());
  for (const [path, leftover] of leftovers) listed.set(path, { size: leftover.size, sha256: leftover.sha256, from: 'leftovers' });
  return listed;
}
