/**
 * Checks a recording's RFC 3161 timestamps (timestamp.ts) against its signed manifest: each checkpoint
 * statement's chain heads must be the manifest's chain hashes at those positions, each token must be
 * the authority's signature on that statement's SHA-256 (or, for `final.tsr`, on the final manifest's),
 * chaining to the TSA's CA certificate — the one given by the verifier, or else the copy kept in the
 * folder, whose fingerprint is reported so that a court can compare it with the authority's own.
 */
import { X509Certificate } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from './manifest.js';
import { FINAL_TOKEN, TIMESTAMPS_DIR, TSA_CA_FILE, readCheckpointStatement, verifyToken } from './timestamp.js';

export interface TimestampSummary {
  /** Checkpoint tokens that verified. */
  checkpoints: number;
  /** The time in the final token, when there is one. */
  final?: string;
  /** The earliest and latest times the tokens carry. */
  times: string[];
  /** SHA-256 fingerprint of the CA certificate the tokens were checked against, and whether the verifier gave it. */
  caFingerprint: string;
  caGiven: boolean;
}

export interface TimestampProblem {
  trackId?: string;
  index?: number;
  file?: string;
  message: string;
}

const CHECKPOINT_TOKEN = /^checkpoint-(\d{5})\.tsr$/;

export async function checkTimestamps(
  dir: string,
  manifest: Manifest,
  manifestSha256: string,
  tsaCaPem: string | undefined,
): Promise<{ summary?: TimestampSummary; problem?: TimestampProblem }> {
  const folder = join(dir, TIMESTAMPS_DIR);
  const names = await readdir(folder).catch(() => undefined);
  if (names === undefined) return {};
  let caFile = join(folder, TSA_CA_FILE);
  if (tsaCaPem !== undefined) {
    caFile = join(tmpdir(), `hearing-room-tsa-ca-${process.pid}-${Date.now()}.pem`);
    await writeFile(caFile, tsaCaPem, { mode: 0o600 });
  } else if (!(await stat(caFile).catch(() => undefined))) {
    return { problem: { file: `${TIMESTAMPS_DIR}/${TSA_CA_FILE}`, message: `the timestamps cannot be checked: ${TIMESTAMPS_DIR}/${TSA_CA_FILE} is missing and no authority certificate was given` } };
  }
  let caFingerprint: string;
  try {
    caFingerprint = new X509Certificate(await readFile(caFile)).fingerprint256;
  } catch {
    return { problem: { file: TSA_CA_FILE, message: 'the time-stamping authority\'s CA certificate cannot be read' } };
  }

  const summary: TimestampSummary = { checkpoints: 0, times: [], caFingerprint, caGiven: tsaCaPem !== undefined };
  for (const name of names.filter((n) => CHECKPOINT_TOKEN.test(n)).sort()) {
    const base = name.replace(/\.tsr$/, '');
    const where = `${TIMESTAMPS_DIR}/${name}`;
    const read = await readCheckpointStatement(join(folder, `${base}.json`)).catch(() => undefined);
    if (!read) return { problem: { file: where, message: `${where}: its statement ${base}.json is missing or malformed` } };
    const { statement, sha256 } = read;
    if (statement.recordingId !== manifest.recordingId || statement.hearingId !== manifest.hearingId) {
      return { problem: { file: where, message: `${where} is the timestamp of another recording` } };
    }
    for (const head of statement.tracks) {
      const track = manifest.tracks.find((t) => t.trackId === head.trackId);
      const segment = track?.segments[head.segments - 1];
      if (!track || !segment || segment.chainHash !== head.chainHash) {
        return {
          problem: {
            trackId: head.trackId,
            index: head.segments - 1,
            file: where,
            message: `track ${head.trackId}: segment ${head.segments - 1} is not the one time-stamped in ${where} — the manifest's segments up to it have changed since`,
          },
        };
      }
    }
    const token = await verifyToken(join(folder, name), sha256, caFile);
    if (!token.ok) return { problem: { file: where, message: `${where} does not verify: ${token.message}` } };
    summary.checkpoints++;
    if (token.time) summary.times.push(token.time);
  }
  if (names.includes(FINAL_TOKEN)) {
    const where = `${TIMESTAMPS_DIR}/${FINAL_TOKEN}`;
    const token = await verifyToken(join(folder, FINAL_TOKEN), manifestSha256, caFile);
    if (!token.ok) return { problem: { file: where, message: `${where} is not the timestamp of this manifest: ${token.message}` } };
    if (token.time) {
      summary.final = token.time;
      summary.times.push(token.time);
    }
  }
  return { summary };
}
