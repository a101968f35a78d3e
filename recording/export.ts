/**
 * The export package for the other state: one folder a receiving court can keep, check and play with
 * nothing else from us but the verifier.
 *
 *   README.txt                          what the package is and how to check it
 *   contents.json                       the list of files with their sizes and SHA-256 (a convenience:
 *                                       what binds them is each signed manifest)
 *   keys/authority-public-key.pem       the key that signs the manifests and the minutes
 *   keys/tsa-ca.pem                     the time-stamping authority's CA certificate, when time-stamped
 *   recordings/<id>/                    each recording exactly as stored: manifest.json, timestamps/,
 *                                       and the encrypted segments of every track
 *   recordings/<id>/data-key.json       the recording's data key wrapped for the recipient (RSA-OAEP
 *                                       with SHA-256), when a recipient key was given
 *   decrypted/<id>/<track>/segment-…    the decrypted media, only when asked for
 *   minutes/minutes.json (+ .sig.json)  the minutes, signed when they are
 *   minutes/record.json                 the hearing's record (verify-record --file checks it)
 *
 * The data key is never written in the clear: the encrypted segments travel as they are stored, and
 * the key goes to the receiving court wrapped for its own public key, so that the package may cross
 * any channel and only that court opens the media. The decrypted media is added only on request, for
 * a recipient without a key pair; the manifest's plaintext hashes still bind it.
 */
import { constants, createHash, createPublicKey, privateDecrypt, publicEncrypt, X509Certificate, type KeyObject } from 'node:crypto';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { DecryptionError, decryptFile, type RecordingKey } from './encryption.js';
import { MANIFEST_FILE, RecordingId, SignedManifest, sha256File } from './manifest.js';
import { TIMESTAMPS_DIR, TSA_CA_FILE } from './timestamp.js';
import { describeRecordingReport, verifyRecording } from './verify.js';

export const PACKAGE_FORMAT = 'hearing-room.recording-export/1';
export const CONTENTS_FILE = 'contents.json';
export const DATA_KEY_FILE = 'data-key.json';
export const AUTHORITY_KEY_FILE = 'keys/authority-public-key.pem';
export const PACKAGE_TSA_CA_FILE = 'keys/tsa-ca.pem';

export const RecipientDataKey = z.object({
  format: z.literal('hearing-room.recipient-data-key/1'),
  algorithm: z.literal('RSA-OAEP-SHA256'),
  recordingId: RecordingId,
  /** SHA-256 of the recipient's public key (SPKI DER), hex: which key opens it. */
  recipientKeySha256: z.string().regex(/^[0-9a-f]{64}$/),
  recipient: z.string().max(200),
  wrappedKey: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
});
export type RecipientDataKey = z.infer<typeof RecipientDataKey>;

export const PackageContents = z.object({
  format: z.literal(PACKAGE_FORMAT),
  hearingId: z.string().min(1).max(200),
  createdAt: z.string().datetime({ offset: true }),
  recordings: z.array(z.object({ recordingId: RecordingId, manifestSha256: z.string().regex(/^[0-9a-f]{64}$/) })),
  recipient: z.string().max(200).optional(),
  decryptedMedia: z.boolean(),
  files: z.array(z.object({ path: z.string().min(1).max(500), size: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type PackageContents = z.infer<typeof PackageContents>;

/** A recipient's public key: an RSA key of 2048 bits or more, as SPKI PEM or inside an X.509 certificate. */
export function parseRecipientKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = pem.includes('BEGIN CERTIFICATE') ? new X509Certificate(pem).publicKey : createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error('must be an RSA public key (PEM) or an X.509 certificate holding one');
  }
  if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new Error("must be an RSA key of at least 2048 bits, as courts' certificates commonly are");
  }
  return key;
}

function spkiSha256(key: KeyObject): string {
  return createHash('sha256')
    .update(key.export({ format: 'der', type: 'spki' }))
    .digest('hex');
}

export function wrapForRecipient(dataKey: Buffer, recordingId: string, recipient: { label: string; key: KeyObject }): RecipientDataKey {
  return {
    format: 'hearing-room.recipient-data-key/1',
    algorithm: 'RSA-OAEP-SHA256',
    recordingId,
    recipientKeySha256: spkiSha256(recipient.key),
    recipient: recipient.label,
    wrappedKey: publicEncrypt({ key: recipient.key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, dataKey).toString('base64'),
  };
}

/** The data key, opened with the recipient's private key; throws a sentence when it is not theirs. */
export function unwrapForRecipient(wrapped: RecipientDataKey, privateKey: KeyObject): Buffer {
  if (spkiSha256(createPublicKey(privateKey)) !== wrapped.recipientKeySha256) {
    throw new DecryptionError(
      `the data key of recording ${wrapped.recordingId} is wrapped for another key (SHA-256 ${wrapped.recipientKeySha256.slice(0, 16)}…)`,
    );
  }
  try {
    return privateDecrypt({ key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, Buffer.from(wrapped.wrappedKey, 'base64'));
  } catch {
    throw new DecryptionError(`the data key of recording ${wrapped.recordingId} does not open with this private key`);
  }
}

export interface ExportOptions {
  hearingId: string;
  /** Recording folders as stored. */
  recordings: string[];
  out: string;
  authorityPublicKeyPem: string;
  /** Needed to wrap the data key for a recipient or to add the decrypted media. */
  recordingKey?: RecordingKey;
  recipient?: { label: string; key: KeyObject };
  decryptedMedia?: boolean;
  minutes?: { json: string; signature: unknown };
  /** The hearing's record, or what makes it once the recordings are in (so the record can name them). */
  record?: unknown | ((recordings: PackageContents['recordings']) => Promise<unknown>);
}

async function filesUnder(root: string, dir = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(root, path)));
    else found.push(relative(root, path));
  }
  return found.sort();
}

export async function exportPackage(options: ExportOptions): Promise<PackageContents> {
  const { out } = options;
  if (await stat(out).catch(() => undefined)) {
    if ((await readdir(out)).length > 0) throw new Error(`${out} is not empty: an export package goes into a folder of its own`);
  }
  if ((options.recipient || options.decryptedMedia) && !options.recordingKey) throw new Error('the recording key is needed to hand the media on');
  await mkdir(join(out, 'keys'), { recursive: true });
  await writeFile(join(out, AUTHORITY_KEY_FILE), options.authorityPublicKeyPem);

  const recordings: PackageContents['recordings'] = [];
  for (const source of options.recordings) {
    // Nothing is copied from a folder that does not verify: its manifest (and so its id, which names a
    // folder of the package) is trusted only once its signature and chains hold under the authority's key.
    const report = await verifyRecording(source, { publicKeyPem: options.authorityPublicKeyPem });
    if (!report.ok) throw new Error(`${source} is not exported: ${describeRecordingReport(report)}`);
    const signed = SignedManifest.parse(JSON.parse(await readFile(join(source, MANIFEST_FILE), 'utf8')));
    const { manifest } = signed;
    if (manifest.hearingId !== options.hearingId) throw new Error(`${source} is a recording of hearing ${manifest.hearingId}, not of ${options.hearingId}`);
    const target = join(out, 'recordings', manifest.recordingId);
    // Only what the manifest and the timestamps name: never a plaintext a crash left open, nor working files.
    await mkdir(target, { recursive: true });
    await cp(join(source, MANIFEST_FILE), join(target, MANIFEST_FILE));
    if (await stat(join(source, TIMESTAMPS_DIR)).catch(() => undefined)) {
      await cp(join(source, TIMESTAMPS_DIR), join(target, TIMESTAMPS_DIR), { recursive: true, filter: (path) => !path.endsWith('.tmp') });
      await cp(join(source, TIMESTAMPS_DIR, TSA_CA_FILE), join(out, PACKAGE_TSA_CA_FILE)).catch(() => undefined);
    }
    const dataKey = options.recordingKey?.unwrap(manifest.encryption.dataKey, manifest.recordingId);
    for (const track of manifest.tracks) {
      await mkdir(join(target, track.trackId), { recursive: true });
      for (const segment of track.segments) {
        await cp(join(source, track.trackId, segment.file), join(target, track.trackId, segment.file));
        if (options.decryptedMedia && dataKey) {
          const plainDir = join(out, 'decrypted', manifest.recordingId, track.trackId);
          await mkdir(plainDir, { recursive: true });
          const parts: Buffer[] = [];
          await decryptFile(
            join(source, track.trackId, segment.file),
            dataKey,
            { recordingId: manifest.recordingId, trackId: track.trackId, index: segment.index },
            manifest.encryption.chunkBytes,
            (chunk) => {
              parts.push(chunk);
            },
          );
          await writeFile(join(plainDir, segment.file.replace(/\.enc$/, '')), Buffer.concat(parts));
        }
      }
    }
    if (options.recipient && dataKey) {
      await writeFile(join(target, DATA_KEY_FILE), `${JSON.stringify(wrapForRecipient(dataKey, manifest.recordingId, options.recipient), null, 2)}\n`);
    }
    recordings.push({ recordingId: manifest.recordingId, manifestSha256: signed.signature.sha256 });
  }

  if (options.minutes) {
    await mkdir(join(out, 'minutes'), { recursive: true });
    await writeFile(join(out, 'minutes', 'minutes.json'), options.minutes.json);
    if (options.minutes.signature) await writeFile(join(out, 'minutes', 'minutes.sig.json'), `${JSON.stringify(options.minutes.signature, null, 2)}\n`);
  }
  const record =
    typeof options.record === 'function' ? await (options.record as (r: PackageContents['recordings']) => Promise<unknown>)(recordings) : options.record;
  if (record) {
    await mkdir(join(out, 'minutes'), { recursive: true });
    await writeFile(join(out, 'minutes', 'record.json'), `${JSON.stringify(record, null, 2)}\n`);
  }
  await writeFile(join(out, 'README.txt'), readme(options, recordings));

  const files: PackageContents['files'] = [];
  for (const path of await filesUnder(out)) {
    if (path === CONTENTS_FILE) continue;
    files.push({ path, size: (await stat(join(out, path))).size, sha256: await sha256File(join(out, path)) });
  }
  const contents: PackageContents = {
    format: PACKAGE_FORMAT,
    hearingId: options.hearingId,
    createdAt: new Date().toISOString(),
    recordings,
    ...(options.recipient ? { recipient: options.recipient.label } : {}),
    decryptedMedia: options.decryptedMedia === true,
    files,
  };
  await writeFile(join(out, CONTENTS_FILE), `${JSON.stringify(contents, null, 2)}\n`);
  return contents;
}

function readme(options: ExportOptions, recordings: PackageContents['recordings']): string {
  const list = recordings.map((r) => `  recordings/${r.recordingId}/   manifest SHA-256 ${r.manifestSha256}`).join('\n');
  const key = options.recipient
    ? `The media is encrypted (AES-256-GCM). Each recording's data key is in recordings/<id>/${DATA_KEY_FILE},
wrapped with RSA-OAEP (SHA-256) for the key of ${options.recipient.label}. Only the holder of that
key's private half can open it:
  hearing-room verify-recording <this folder> --recipient-private-key <your private key, PEM>
checks everything and decrypts every segment in memory, checking the media against the manifest.`
    : `The media is encrypted (AES-256-GCM) and no key for it is in this package: ask the sending court
for the media wrapped for your court's public key, or for the decrypted media.`;
  const decrypted = options.decryptedMedia
    ? `\nThe decrypted media is in decrypted/<recording>/<track>/, one WebM/Matroska file per segment,
played back to back; the verifier checks each against the SHA-256 of the plaintext in the manifest.\n`
    : '';
  return `Recording of hearing ${options.hearingId}: export package for the receiving court
${'='.repeat(78)}

This folder holds the recording(s) of the hearing exactly as they were stored at the court that
made them, with what is needed to check that they are the ones made at the hearing, bit for bit:

${list}

Each recording is a manifest (manifest.json) listing, for each track (one participant's camera or
microphone, or a language channel), its segments in order with their sizes and SHA-256 hashes, each
chained to the one before, signed with Ed25519 by the requested authority (keys/authority-public-key.pem)
at every checkpoint and at the end. timestamps/ holds RFC 3161 tokens from a time-stamping authority
(its CA certificate: keys/tsa-ca.pem), when one was used. minutes/ holds the minutes of the hearing
(signed, when they were) and the hearing's record.

${key}
${decrypted}
To check the package (exit status 0 when everything holds, 1 naming the first segment changed,
removed, reordered or added):
  hearing-room verify-recording <this folder> --public-key <the authority's published key>
Compare the key and the time-stamping authority's certificate with those the authorities publish:
the copies in keys/ only say which keys were used, not that they are the authorities'.
`;
}

/** The decrypted media of a package, checked against the manifest's plaintext hashes; the first that differs is named. */
export async function checkDecryptedMedia(
  packageDir: string,
  recordingId: string,
  manifest: SignedManifest['manifest'],
): Promise<{ trackId: string; index: number; file: string; message: string } | undefined> {
  for (const track of manifest.tracks) {
    for (const [position, segment] of track.segments.entries()) {
      const file = segment.file.replace(/\.enc$/, '');
      const path = join(packageDir, 'decrypted', recordingId, track.trackId, file);
      const info = await stat(path).catch(() => undefined);
      if (!info) return { trackId: track.trackId, index: position, file, message: `decrypted/${recordingId}/${track.trackId}/${file} is missing` };
      if (info.size !== segment.plaintext.size || (await sha256File(path)) !== segment.plaintext.sha256) {
        return {
          trackId: track.trackId,
          index: position,
          file,
          message: `decrypted/${recordingId}/${track.trackId}/${file} is not the media the manifest lists for segment ${position}`,
        };
      }
    }
  }
  return undefined;
}
