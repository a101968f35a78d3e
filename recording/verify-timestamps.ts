/**
 * Checks a recording's RFC 3161 timestamps (timestamp.ts) against its signed manifest: each checkpoint
 * statement's chain heads must be the manifest's chain hashes at those positions, each token must be
 * the authority's signature on that statement's SHA-256 (or, for `final.tsr`, on the final manifest's),
 * chaining to the TSA's CA certificate — the one given by the verifier, or else the copy kept in the
 * folder, whose fingerprint is reported so that a court can compare it with the authority's own.
 */
import { createPublicKey, verify as verifySignature, X509Certificate } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Manifest } from './manifest.js';
import { canonicalJson, sha256Hex } from '../record/index.js';
import { FINAL_STATEMENT, FINAL_TOKEN, SignedFinalTimestamp, TIMESTAMPS_DIR, TSA_CA_FILE, readCheckpointStatement, verifyToken } from './timestamp.js';

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
  /** Why the recording has no final token, as its signed `final.json` says (the authority could not be reached). */
  finalMissing?: string;
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
  signer: { sha256: string; keyId: string; publicKeyPem: string },
  tsaCaPem: string | undefined,
): Promise<{ summary?: TimestampSummary; problem?: TimestampProblem }> {
  const manifestSha256 = signer.sha256;
  const folder = join(dir, TIMESTAMPS_DIR);
  const names = await readdir(folder).catch(() => undefined);
  if (names === undefined) {
    return manifest.timestamps
      ? { problem: { file: TIMESTAMPS_DIR, message: `the recording is time-stamped, but its ${TIMESTAMPS_DIR} folder is missing` } }
      : {};
  }
  // What the authority signed about its tokens must still be there, unchanged.
  const covered = await coveredTokens(folder, names, manifest, signer);
  if ('problem' in covered) return { problem: covered.problem };
  let caFile = join(folder, TSA_CA_FILE);
  if (tsaCaPem !== undefined) {
    caFile = join(tmpdir(), `hearing-room-tsa-ca-${process.pid}-${Date.now()}.pem`);
    await writeFile(caFile, tsaCaPem, { mode: 0o600 });
  } else if (!(await stat(caFile).catch(() => undefined))) {
    return {
      problem: {
        file: `${TIMESTAMPS_DIR}/${TSA_CA_FILE}`,
        message: `the timestamps cannot be checked: ${TIMESTAMPS_DIR}/${TSA_CA_FILE} is missing and no authority certificate was given`,
      },
    };
  }
  let caFingerprint: string;
  try {
    caFingerprint = new X509Certificate(await readFile(caFile)).fingerprint256;
  } catch {
    return { problem: { file: TSA_CA_FILE, message: "the time-stamping authority's CA certificate cannot be read" } };
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
  if (covered.finalMissing !== undefined) summary.finalMissing = covered.finalMissing;
  return { summary };
}

/**
 * The tokens the signatures cover: each checkpoint token the signed manifest lists must be there with
 * its SHA-256, and a complete time-stamped recording must have its signed `final.json`, naming this
 * manifest, and the final token it names.
 */
async function coveredTokens(
  folder: string,
  names: readonly string[],
  manifest: Manifest,
  signer: { sha256: string; keyId: string; publicKeyPem: string },
): Promise<{ problem: TimestampProblem } | { finalMissing?: string }> {
  if (!manifest.timestamps) return {};
  const sha256Of = async (name: string) => (names.includes(name) ? sha256Hex(await readFile(join(folder, name))) : undefined);
  for (const token of manifest.timestamps.tokens) {
    const where = `${TIMESTAMPS_DIR}/${token.name}.tsr`;
    const found = await sha256Of(`${token.name}.tsr`);
    if (found === undefined) return { problem: { file: where, message: `${where}, listed in the signed manifest, has been removed` } };
    if (found !== token.sha256) return { problem: { file: where, message: `${where} is not the token the signed manifest lists: it has been replaced` } };
  }
  if (manifest.status !== 'complete') return {};
  const where = `${TIMESTAMPS_DIR}/${FINAL_STATEMENT}`;
  if (!names.includes(FINAL_STATEMENT)) return { problem: { file: where, message: `${where} is missing: what became of the final timestamp is not stated` } };
  let signed: ReturnType<typeof SignedFinalTimestamp.parse>;
  try {
    signed = SignedFinalTimestamp.parse(JSON.parse(await readFile(join(folder, FINAL_STATEMENT), 'utf8')));
  } catch {
    return { problem: { file: where, message: `${where} is malformed` } };
  }
  const { statement, signature } = signed;
  let genuine = false;
  try {
    genuine =
      signature.keyId === signer.keyId &&
      createPublicKey(signature.publicKeyPem).equals(createPublicKey(signer.publicKeyPem)) &&
      verifySignature(null, Buffer.from(canonicalJson(statement), 'utf8'), createPublicKey(signer.publicKeyPem), Buffer.from(signature.signature, 'base64'));
  } catch {
    genuine = false;
  }
  if (!genuine) return { problem: { file: where, message: `${where} is not signed by the key that signed the manifest` } };
  if (statement.recordingId !== manifest.recordingId || statement.manifestSha256 !== signer.sha256) {
    return { problem: { file: where, message: `${where} speaks of another manifest` } };
  }
  const finalFound = await sha256Of(FINAL_TOKEN);
  if (statement.token) {
    if (finalFound === undefined)
      return { problem: { file: `${TIMESTAMPS_DIR}/${FINAL_TOKEN}`, message: `${TIMESTAMPS_DIR}/${FINAL_TOKEN}, stated in ${where}, has been removed` } };
    if (finalFound !== statement.token.sha256)
      return {
        problem: {
          file: `${TIMESTAMPS_DIR}/${FINAL_TOKEN}`,
          message: `${TIMESTAMPS_DIR}/${FINAL_TOKEN} is not the token ${where} states: it has been replaced`,
        },
      };
    return {};
  }
  return { finalMissing: statement.failure ?? 'the time-stamping authority gave no final token' };
}
