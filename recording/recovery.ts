/**
 * A recording the server was writing when it died (killed, crashed, the machine lost power): found
 * at the next start, and closed as evidence without pretending it ended well. Its recorders, which
 * outlive the server as orphans reading a socket nobody feeds, are stopped; the media they left in
 * the clear is sealed with the recording's own key (leftovers.ts); and what the last signed manifest
 * covers is returned — its hash to anchor in the record, each track's measured coverage — so the
 * record can say the recording was cut short, when, and what it holds. The manifest itself is not
 * signed again: what was signed during the hearing stays what was signed.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256Hex } from '../record/index.js';
import { trackCoverage, type TrackCoverage } from './coverage.js';
import type { RecordingKey } from './encryption.js';
import { sealLeftovers } from './leftovers.js';
import { MANIFEST_FILE, SignedManifest, signedBytes, type Manifest } from './manifest.js';

export interface CutShort {
  manifest: Manifest;
  /** SHA-256 of the last signed manifest's signed bytes: what the record anchors. */
  manifestSha256: string;
  keyId: string;
  coverage: TrackCoverage[];
  /** Recorder processes left running by the server that died, now stopped. */
  reaped: number;
  /** Segments left in the clear, now sealed (listed in leftovers.json). */
  sealed: number;
}

/** Whether a recording folder holds a manifest still marked as recording: one cut short. */
export async function isCutShort(dir: string): Promise<Manifest | undefined> {
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = SignedManifest.safeParse(JSON.parse(text));
  return parsed.success && parsed.data.manifest.status === 'recording' ? parsed.data.manifest : undefined;
}

/**
 * Stops every process whose command line writes into `dir` (Linux's /proc; elsewhere nothing is
 * found): the recorders of a server that died. Returns how many were stopped.
 */
export async function reapRecorders(dir: string): Promise<number> {
  const prefix = `${dir.replace(/\/$/, '')}/`;
  const pids = await readdir('/proc').catch(() => [] as string[]);
  let reaped = 0;
  for (const pid of pids) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (!cmdline.split('\0').some((arg) => arg.startsWith(prefix))) continue;
    try {
      process.kill(Number(pid), 'SIGKILL');
      reaped++;
    } catch {
      // Gone meanwhile, or not ours to stop: nothing more to do.
    }
  }
  // A process killed a moment ago may still hold its file open; its last bytes are on disk already.
  if (reaped > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  return reaped;
}

/** Closes a recording cut short: its recorders stopped, its leftovers sealed, its signed prefix described. */
export async function closeCutShort(dir: string, recordingKey: RecordingKey): Promise<CutShort> {
  const reaped = await reapRecorders(dir);
  const sealed = await sealLeftovers(dir, recordingKey);
  const signed = SignedManifest.parse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')));
  return {
    manifest: signed.manifest,
    manifestSha256: sha256Hex(signedBytes(signed.manifest)),
    keyId: signed.signature.keyId,
    coverage: signed.manifest.tracks.map((t) => trackCoverage(t)),
    reaped,
    sealed: sealed.length,
  };
}
