/**
 * What a crash leaves in the clear, sealed afterwards.
 *
 * ffmpeg writes each segment in plaintext into its track's folder; the recorder encrypts it when it
 * is closed and only then removes the plaintext. A crash (or a disk that failed while sealing) leaves
 * the open segment and any closed but not yet sealed ones on disk unencrypted, and they are not in the
 * signed manifest. The verifier refuses a recording holding such media; `sealLeftovers` encrypts each
 * with the recording's own data key (its identity: the track and the number in its file name), writes
 * what it did to `leftovers.json` beside the manifest, and only then removes the plaintext.
 *
 * `leftovers.json` is not signed: it says what was sealed after the fact, and the verifier reports
 * those files as not covered by the signature (never as part of the signed recording), checking only
 * that each is the file the list describes.
 */
import { readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { encryptFile, type RecordingKey } from './encryption.js';
import { MANIFEST_FILE, RecordingId, SignedManifest } from './manifest.js';

export const LEFTOVERS_FILE = 'leftovers.json';
export const LEFTOVERS_FORMAT = 'hearing-room.recording-leftovers/1';
/** A segment in the clear: what ffmpeg writes before the recorder seals it. */
export const PLAINTEXT_SEGMENT = /^segment-(\d{5})\.(webm|mkv)$/;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest');
export const Leftover = z.object({
  trackId: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be letters, digits, - or _'),
  file: z.string().regex(/^segment-\d{5}\.(webm|mkv)\.enc$/, 'must be an encrypted segment file name'),
  /** The index its chunks are bound to (the number in its file name). */
  index: z.number().int().min(0),
  sealedAt: z.string().datetime({ offset: true }),
  size: z.number().int().min(0),
  sha256: Sha256,
  plaintext: z.object({ size: z.number().int().min(0), sha256: Sha256 }),
});
export type Leftover = z.infer<typeof Leftover>;
export const Leftovers = z.object({ format: z.literal(LEFTOVERS_FORMAT), recordingId: RecordingId, leftovers: z.array(Leftover) });
export type Leftovers = z.infer<typeof Leftovers>;

/** The leftovers sealed in this folder, by `<track>/<file>`; throws a sentence naming the file when it is malformed. */
export async function readLeftovers(dir: string): Promise<Map<string, Leftover>> {
  const text = await readFile(join(dir, LEFTOVERS_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return new Map();
  let parsed: ReturnType<typeof Leftovers.safeParse>;
  try {
    parsed = Leftovers.safeParse(JSON.parse(text));
  } catch {
    throw new Error(`${LEFTOVERS_FILE} is not JSON`);
  }
  if (!parsed.success) throw new Error(`${LEFTOVERS_FILE}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return new Map(parsed.data.leftovers.map((l) => [`${l.trackId}/${l.file}`, l]));
}

/** Encrypts then removes every plaintext segment in the recording's folder; returns what it sealed. */
export async function sealLeftovers(folder: string, key: RecordingKey): Promise<Leftover[]> {
  const { manifest } = SignedManifest.parse(JSON.parse(await readFile(join(folder, MANIFEST_FILE), 'utf8')));
  const dataKey = key.unwrap(manifest.encryption.dataKey, manifest.recordingId);
  const list: Leftovers = { format: LEFTOVERS_FORMAT, recordingId: manifest.recordingId, leftovers: [...(await readLeftovers(folder)).values()] };
  const signedFiles = new Set(manifest.tracks.flatMap((t) => t.segments.map((s) => `${t.trackId}/${s.file}`)));
  const sealed: Leftover[] = [];
  for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory()) continue;
    const trackId = entry.name;
    for (const name of (await readdir(join(folder, trackId))).sort()) {
      const number = PLAINTEXT_SEGMENT.exec(name)?.[1];
      if (number === undefined) continue;
      const file = `${name}.enc`;
      const key = `${trackId}/${file}`;
      if (signedFiles.has(key)) throw new Error(`${trackId}/${name} is in the clear beside its signed, sealed copy: compare them by hand before removing it`);
      // An unsigned ciphertext beside its plaintext is a seal the crash cut short (or one never listed): made again.
      if (await stat(join(folder, trackId, file)).catch(() => undefined)) await unlink(join(folder, trackId, file));
      const index = Number(number);
      const digests = await encryptFile(join(folder, trackId, name), join(folder, trackId, file), dataKey, {
        recordingId: manifest.recordingId,
        trackId,
        index,
      });
      const leftover: Leftover = {
        trackId,
        file,
        index,
        sealedAt: new Date().toISOString(),
        size: digests.stored.size,
        sha256: digests.stored.sha256,
        plaintext: digests.plaintext,
      };
      list.leftovers = [...list.leftovers.filter((l) => `${l.trackId}/${l.file}` !== key), leftover];
      // The list is on disk before the plaintext goes: whatever happens, the media is somewhere, and said to be.
      await writeFile(join(folder, `${LEFTOVERS_FILE}.tmp`), `${JSON.stringify(list, null, 2)}\n`, { mode: 0o640 });
      await rename(join(folder, `${LEFTOVERS_FILE}.tmp`), join(folder, LEFTOVERS_FILE));
      await unlink(join(folder, trackId, name));
      sealed.push(leftover);
    }
  }
  return sealed;
}
