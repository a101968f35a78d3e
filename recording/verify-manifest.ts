/**
 * What can be proved of a recording without its media: its signed manifest (its form, each track's
 * chain of segment entries, the Ed25519 signature and whose key made it), its RFC 3161 timestamps, and
 * that the installation's recording key still opens its data key. verify.ts checks the manifest this
 * way before it reads a segment; a backup, which carries a recording's manifest, timestamps and
 * wrapped key but not its bulky media, is checked this way alone when it is restored.
 */
import { createPublicKey, verify as verifySignature } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GENESIS, keyIdOf, sha256Hex } from '../record/index.js';
import type { RecordingKey } from './encryption.js';
import { MANIFEST_FILE, SignedManifest, segmentChainHash, signedBytes } from './manifest.js';
import { checkTimestamps, type TimestampSummary } from './verify-timestamps.js';

export type RecordingProblemKind =
  | 'unreadable'
  | 'signature'
  | 'key'
  | 'changed'
  | 'removed'
  | 'reordered'
  | 'added'
  | 'decryption'
  | 'timestamp'
  | 'plaintext';

export interface RecordingProblem {
  kind: RecordingProblemKind;
  trackId?: string;
  /** The segment's position in its track (0-based), where one is concerned. */
  index?: number;
  file?: string;
  message: string;
}

export type SignedManifestCheck = { ok: true; signed: SignedManifest; keyId: string } | { ok: false; problem: RecordingProblem };

/**
 * Reads the folder's manifest and checks its form, each track's chain, its signature, and — given the
 * authority's public key — that it is that key's. Names the first problem.
 */
export async function checkSignedManifest(dir: string, publicKeyPem?: string): Promise<SignedManifestCheck> {
  const fail = (problem: RecordingProblem): SignedManifestCheck => ({ ok: false, problem });
  let signed: SignedManifest;
  try {
    const parsed = SignedManifest.safeParse(JSON.parse(await readFile(join(dir, MANIFEST_FILE), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return fail({ kind: 'unreadable', message: `${MANIFEST_FILE}: ${issue?.path.join('.') || 'the file'} ${issue?.message ?? 'is malformed'}` });
    }
    signed = parsed.data;
  } catch (error) {
    return fail({ kind: 'unreadable', message: `${MANIFEST_FILE} cannot be read: ${(error as Error).message}` });
  }
  const { manifest, signature } = signed;

  // The chain first: a manifest edited by hand is named by the segment where it departs from it.
  for (const track of manifest.tracks) {
    let prev = GENESIS;
    for (const [position, segment] of track.segments.entries()) {
      const where = { trackId: track.trackId, index: position, file: segment.file };
      if (segment.index !== position) {
        return fail({ kind: 'reordered', ...where, message: `track ${track.trackId}: position ${position} of the manifest holds segment ${segment.index}` });
      }
      if (segmentChainHash(manifest, track.trackId, segment, prev) !== segment.chainHash) {
        return fail({
          kind: 'changed',
          ...where,
          message: `track ${track.trackId}: the manifest's entry for segment ${position} (${segment.file}) does not chain to the one before it`,
        });
      }
      prev = segment.chainHash;
    }
  }

  const bytes = signedBytes(manifest);
  let keyId: string;
  try {
    const publicKey = createPublicKey({ key: signature.publicKeyPem, format: 'pem' });
    keyId = keyIdOf(publicKey);
    if (publicKey.asymmetricKeyType !== 'ed25519' || keyId !== signature.keyId) {
      return fail({ kind: 'signature', message: `the manifest names key ${signature.keyId} but carries another key` });
    }
    if (sha256Hex(bytes) !== signature.sha256 || !verifySignature(null, Buffer.from(bytes, 'utf8'), publicKey, Buffer.from(signature.signature, 'base64'))) {
      return fail({ kind: 'signature', message: 'the manifest is not the one that was signed: it has been altered since' });
    }
  } catch {
    return fail({ kind: 'signature', message: "the manifest's public key cannot be read" });
  }
  if (publicKeyPem !== undefined) {
    let expected: string;
    try {
      expected = keyIdOf(createPublicKey({ key: publicKeyPem, format: 'pem' }));
    } catch {
      return fail({ kind: 'unreadable', message: 'the public key given to check against cannot be read' });
    }
    if (expected !== keyId) {
      return fail({ kind: 'key', message: `the manifest is signed with key ${keyId}, not with the authority's key ${expected}` });
    }
  }
  return { ok: true, signed, keyId };
}

export interface ManifestOnlyOptions {
  /** The authority's public key (SPKI PEM) the manifest must be signed with. */
  publicKeyPem?: string;
  /** The installation's recording key: it must open the recording's data key. */
  recordingKey?: RecordingKey;
  tsaCaPem?: string;
}

/** What a signed manifest that holds says of its recording: the part of every report that is not about the media. */
export interface ManifestFacts {
  ok: true;
  recordingId: string;
  hearingId: string;
  complete: boolean;
  keyId: string;
  /** The RFC 3161 timestamps found and verified, if the recording has any. */
  timestamps?: TimestampSummary;
}

export type ManifestOnlyReport =
  | (ManifestFacts & {
      /** Whether the recording key given opens the data key (undefined: none given). */
      dataKeyOpens?: boolean;
    })
  | { ok: false; problem: RecordingProblem };

/** The manifest, its timestamps and its wrapped data key, with no segment read. */
export async function verifyManifestOnly(dir: string, options: ManifestOnlyOptions = {}): Promise<ManifestOnlyReport> {
  const checked = await checkSignedManifest(dir, options.publicKeyPem);
  if (!checked.ok) return checked;
  const { manifest, signature } = checked.signed;
  const stamped = await checkTimestamps(dir, manifest, signature, options.tsaCaPem);
  if (stamped.problem) return { ok: false, problem: { kind: 'timestamp', ...stamped.problem } };
  if (options.recordingKey) {
    try {
      options.recordingKey.unwrap(manifest.encryption.dataKey, manifest.recordingId);
    } catch (error) {
      return { ok: false, problem: { kind: 'key', message: (error as Error).message } };
    }
  }
  return {
    ok: true,
    recordingId: manifest.recordingId,
    hearingId: manifest.hearingId,
    complete: manifest.status === 'complete',
    keyId: checked.keyId,
    ...(stamped.summary ? { timestamps: stamped.summary } : {}),
    ...(options.recordingKey ? { dataKeyOpens: true } : {}),
  };
}
