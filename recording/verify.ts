/**
 * Checks a recording folder as it is on disk, needing nothing but the folder (and, to know whose
 * signature it is, the authority's public key): the manifest's form, its Ed25519 signature, each
 * track's chain, and each stored segment file's size and SHA-256. Given the key that unlocks the
 * recording (the installation's recording key, or the data key itself as an export package hands it
 * to its recipient), it also decrypts every segment and checks the media against the plaintext's
 * SHA-256. Names the first problem — a segment changed, removed, reordered or added, the manifest
 * altered, a key other than the one expected, a segment that does not decrypt — or says that
 * everything holds.
 *
 * A manifest still marked `recording` is the signed prefix of a recording cut short: it verifies as
 * such, and segment files that follow its last signed segment without a gap are reported as not
 * covered by the signature, not as forgeries. In a complete recording every unlisted file is added.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { GENESIS } from '../record/index.js';
import { DecryptionError, decryptFile, type RecordingKey } from './encryption.js';
import { PLAINTEXT_SEGMENT, readLeftovers, type Leftover } from './leftovers.js';
import { checkTimestamps, type TimestampSummary } from './verify-timestamps.js';
import { describeCoverage, trackCoverage, type TrackCoverage } from './coverage.js';
import { sha256File, type Manifest } from './manifest.js';
import { checkSignedManifest, type ManifestFacts, type RecordingProblem } from './verify-manifest.js';

export type { RecordingProblem, RecordingProblemKind } from './verify-manifest.js';

export type RecordingReport =
  | (ManifestFacts & {
      /** Whether every segment was also decrypted and its media checked against the plaintext hash. */
      decrypted: boolean;
      tracks: { trackId: string; segments: number; lastChainHash: string }[];
      /** Per track, how much reached the disk against its span, and the holes nothing in the recording explains. */
      coverage: TrackCoverage[];
      /** Whether some track has a hole nothing explains: such a recording is never called complete. */
      holes: boolean;
      /** Segment files after the last signed segment of a recording cut short: not covered, not forged. */
      unsigned: string[];
      /** The recording this one continues after a server restart, as its signed manifest names it. */
      continues?: { recordingId: string; manifestSha256: string };
    })
  | { ok: false; problem: RecordingProblem };

/** A stored (encrypted) segment; plaintext ones are PLAINTEXT_SEGMENT (leftovers.ts). */
const SEGMENT_NAME = /^segment-(\d{5})\.(webm|mkv)\.enc$/;

const LEFTOVERS_NOTE = 'sealed after a crash, listed in leftovers.json';

function fail(problem: RecordingProblem): RecordingReport {
  return { ok: false, problem };
}

export interface VerifyOptions {
  /** The authority's public key (SPKI PEM); without it the key the manifest names is only reported. */
  publicKeyPem?: string;
  /** Decrypt and check every segment with the installation's recording key, which unwraps the data key. */
  recordingKey?: RecordingKey;
  /** Or with the recording's data key itself (as unwrapped from an export package's recipient key). */
  dataKey?: Buffer;
  /** The time-stamping authority's CA certificate (PEM) to check tokens against; else the copy in the folder. */
  tsaCaPem?: string;
}

export async function verifyRecording(dir: string, options: VerifyOptions = {}): Promise<RecordingReport> {
  const checked = await checkSignedManifest(dir, options.publicKeyPem);
  if (!checked.ok) return fail(checked.problem);
  const { manifest, signature } = checked.signed;
  const { keyId } = checked;

  // Media in the clear in an encrypted recording is evidence left unprotected: never passed over.
  for (const entry of (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const plain = (await readdir(join(dir, entry.name))).filter((name) => PLAINTEXT_SEGMENT.test(name)).sort()[0];
    if (plain !== undefined) {
      return fail({
        kind: 'plaintext',
        trackId: entry.name,
        file: plain,
        message: `${entry.name}/${plain} is media in the clear in an encrypted recording (left by a crash or a failed seal): seal it with verify-recording --seal-leftovers and the recording key`,
      });
    }
  }
  let leftovers: Map<string, Leftover>;
  try {
    leftovers = await readLeftovers(dir);
  } catch (error) {
    return fail({ kind: 'unreadable', message: (error as Error).message });
  }
  // A leftover sealed after the fact is reported as not covered by the signature, once it is the file its list describes.
  const leftover = async (trackId: string, name: string): Promise<RecordingReport | boolean> => {
    const listed = leftovers.get(`${trackId}/${name}`);
    if (!listed) return false;
    const path = join(dir, trackId, name);
    if ((await stat(path)).size !== listed.size || (await sha256File(path)) !== listed.sha256) {
      return fail({ kind: 'changed', trackId, file: name, message: `${trackId}/${name} is not the leftover sealed after the crash (${LEFTOVERS_NOTE})` });
    }
    unsigned.push(`${trackId}/${name} (${LEFTOVERS_NOTE})`);
    return true;
  };

  const unsigned: string[] = [];
  for (const track of manifest.tracks) {
    const trackDir = join(dir, track.trackId);
    const hashes = new Map(track.segments.map((s) => [s.sha256, s.index]));
    for (const [position, segment] of track.segments.entries()) {
      const where = { trackId: track.trackId, index: position, file: segment.file };
      const path = join(trackDir, segment.file);
      const info = await stat(path).catch(() => undefined);
      if (!info) return fail({ kind: 'removed', ...where, message: `track ${track.trackId}: segment ${position} (${segment.file}) is missing` });
      const hash = await sha256File(path);
      if (hash === segment.sha256 && info.size === segment.size) continue;
      const other = hashes.get(hash);
      if (other !== undefined) {
        return fail({ kind: 'reordered', ...where, message: `track ${track.trackId}: ${segment.file} holds segment ${other}, not segment ${position}` });
      }
      return fail({
        kind: 'changed',
        ...where,
        message: `track ${track.trackId}: segment ${position} (${segment.file}) has been changed — its SHA-256 is ${hash}, the manifest says ${segment.sha256}`,
      });
    }
    const listed = new Set(track.segments.map((s) => s.file));
    const extra = (await readdir(trackDir).catch(() => [] as string[])).filter((name) => SEGMENT_NAME.test(name) && !listed.has(name)).sort();
    let next = track.segments.length;
    for (const name of extra) {
      const sealedLater = await leftover(track.trackId, name);
      if (sealedLater === true) continue;
      if (sealedLater !== false) return sealedLater;
      const number = Number(SEGMENT_NAME.exec(name)?.[1]);
      // A recording cut short may have closed segments it had not yet signed, and one still open: they
      // follow the signed ones without a gap, and are reported as not covered rather than as forged.
      // A segment caught while it was being encrypted is there twice, plaintext and encrypted.
      const again = number === next - 1 && next > track.segments.length;
      if (manifest.status === 'recording' && (number === next || again)) {
        unsigned.push(`${track.trackId}/${name}`);
        if (!again) next++;
        continue;
      }
      return fail({
        kind: 'added',
        trackId: track.trackId,
        index: number,
        file: name,
        message: `track ${track.trackId}: ${name} is not in the signed manifest — it was added`,
      });
    }
  }
  const trackDirs = new Set(manifest.tracks.map((t) => t.trackId));
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !trackDirs.has(entry.name)) {
      const files: string[] = [];
      for (const name of (await readdir(join(dir, entry.name))).filter((n) => SEGMENT_NAME.test(n)).sort()) {
        const sealedLater = await leftover(entry.name, name);
        if (sealedLater === false) files.push(name);
        else if (sealedLater !== true) return sealedLater;
      }
      if (files.length === 0) continue;
      // A track that had begun but was not signed yet when the recording was cut short.
      if (manifest.status !== 'recording') {
        return fail({
          kind: 'added',
          trackId: entry.name,
          file: files[0],
          message: `${entry.name} is a track the signed manifest does not hold — it was added`,
        });
      }
      unsigned.push(...files.sort().map((f) => `${entry.name}/${f}`));
    }
  }

  const stamped = await checkTimestamps(dir, manifest, signature, options.tsaCaPem);
  if (stamped.problem) return fail({ kind: 'timestamp', ...stamped.problem });

  let decrypted = false;
  if (options.dataKey !== undefined || options.recordingKey !== undefined) {
    const problem = await decryptAll(dir, manifest, options);
    if (problem) return fail(problem);
    decrypted = true;
  }

  const coverage = manifest.tracks.map((t) => trackCoverage(t));
  return {
    ok: true,
    recordingId: manifest.recordingId,
    hearingId: manifest.hearingId,
    complete: manifest.status === 'complete',
    keyId,
    decrypted,
    ...(stamped.summary ? { timestamps: stamped.summary } : {}),
    tracks: manifest.tracks.map((t) => ({ trackId: t.trackId, segments: t.segments.length, lastChainHash: t.segments.at(-1)?.chainHash ?? GENESIS })),
    coverage,
    holes: coverage.some((c) => c.holes.length > 0),
    unsigned,
    ...(manifest.continues ? { continues: { ...manifest.continues } } : {}),
  };
}

/** Decrypts every segment (nothing is written) and checks its media against the manifest; the first that fails is named. */
async function decryptAll(dir: string, manifest: Manifest, options: VerifyOptions): Promise<RecordingProblem | undefined> {
  const first = manifest.tracks.find((t) => t.segments.length > 0);
  let dataKey: Buffer;
  try {
    dataKey = options.dataKey ?? options.recordingKey!.unwrap(manifest.encryption.dataKey, manifest.recordingId);
  } catch (error) {
    // Not one segment opens without the data key: the first is named, as the place verification stops.
    const where = first ? { trackId: first.trackId, index: 0, file: first.segments[0]!.file } : {};
    const place = first ? `track ${first.trackId}: segment 0 (${first.segments[0]!.file}) cannot be decrypted — ` : '';
    return { kind: 'key', ...where, message: `${place}${(error as Error).message}` };
  }
  for (const track of manifest.tracks) {
    for (const [position, segment] of track.segments.entries()) {
      const where = { trackId: track.trackId, index: position, file: segment.file };
      const identity = { recordingId: manifest.recordingId, trackId: track.trackId, index: segment.index };
      try {
        const media = await decryptFile(join(dir, track.trackId, segment.file), dataKey, identity, manifest.encryption.chunkBytes);
        if (media.sha256 !== segment.plaintext.sha256 || media.size !== segment.plaintext.size) {
          return {
            kind: 'changed',
            ...where,
            message: `track ${track.trackId}: segment ${position} (${segment.file}) decrypts to media other than the manifest lists`,
          };
        }
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        return {
          kind: 'decryption',
          ...where,
          message: `track ${track.trackId}: segment ${position} (${segment.file}) cannot be decrypted with the key given: ${error.message}`,
        };
      }
    }
  }
  return undefined;
}

/** The report in words, as the command prints it. */
export function describeRecordingReport(report: RecordingReport, manifestLabel = 'The recording'): string {
  if (!report.ok) {
    const { problem } = report;
    const place = problem.trackId !== undefined ? ` (track ${problem.trackId}${problem.index !== undefined ? `, segment ${problem.index}` : ''})` : '';
    return `${manifestLabel} does not hold: ${problem.kind}${place}. ${problem.message[0]?.toUpperCase()}${problem.message.slice(1)}.`;
  }
  const segments = report.tracks.reduce((n, t) => n + t.segments, 0);
  const ended = report.complete ? 'ended' : 'cut short — this is its last signed prefix';
  const state = report.holes ? `${ended}, NOT complete: media is missing that nothing in the recording explains` : report.complete ? 'complete' : ended;
  const coverage = report.coverage.map((c) => ` Track ${c.trackId}: ${describeCoverage(c)}.`).join('');
  const unsigned = report.unsigned.length > 0 ? ` Not covered by the signature: ${report.unsigned.join(', ')}.` : '';
  const stamps = report.timestamps;
  const times = stamps
    ? ` Time-stamped ${stamps.checkpoints} time(s) at checkpoints${stamps.final ? ` and at the end (${stamps.final})` : stamps.finalMissing ? `, not at the end (the signed statement says why: ${stamps.finalMissing})` : ', not at the end'}, by an authority whose CA certificate has fingerprint ${stamps.caFingerprint}${stamps.caGiven ? ' (the one given)' : " (the copy in the folder: compare it with the authority's)"}.`
    : '';
  const media = report.decrypted ? ' Every segment decrypts to the media the manifest lists.' : ' The media was not decrypted (no key given).';
  const continues = report.continues
    ? ` It continues recording ${report.continues.recordingId}, cut short when the server stopped, whose last signed manifest has SHA-256 ${report.continues.manifestSha256}.`
    : '';
  return `${manifestLabel} ${report.recordingId} of hearing ${report.hearingId} holds (${state}): ${report.tracks.length} tracks, ${segments} segments, every hash, the chains and the signature of key ${report.keyId} check.${continues}${media}${times}${unsigned}${coverage}`;
}
