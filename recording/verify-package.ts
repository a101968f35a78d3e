/**
 * Checks an export package (export.ts) with nothing but the package: each recording as
 * verify.ts checks a stored one (hashes, chains, signature, timestamps), its decryption when the
 * recipient's private key is given, the decrypted media when the package carries it, the minutes'
 * signature, and the hearing's record — whose chain must hold and whose `recording.sealed` entries,
 * where there are any, must name these very manifests. Names the first problem, or says it all holds.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordExport, verifyChain, verifyMinutes } from '../record/index.js';
import { AUTHORITY_KEY_FILE, CONTENTS_FILE, DATA_KEY_FILE, PackageContents, RecipientDataKey, checkDecryptedMedia, unwrapForRecipient } from './export.js';
import { MANIFEST_FILE, SignedManifest } from './manifest.js';
import { verifyRecording, type RecordingProblem, type RecordingReport } from './verify.js';

export interface PackageOptions {
  /** The authority's published key; without it the copy in the package is used, and said to be. */
  publicKeyPem?: string;
  tsaCaPem?: string;
  /** The receiving court's private key, to open the data keys wrapped for it. */
  recipientPrivateKeyPem?: string;
}

export type PackageReport =
  | {
      ok: true;
      hearingId: string;
      recordings: Extract<RecordingReport, { ok: true }>[];
      keyFromPackage: boolean;
      minutesSigned: boolean;
      recordEntries: number;
      decryptedMediaChecked: boolean;
    }
  | { ok: false; recordingId?: string; problem: RecordingProblem };

export async function isExportPackage(dir: string): Promise<boolean> {
  return readFile(join(dir, CONTENTS_FILE), 'utf8').then(
    () => true,
    () => false,
  );
}

function fail(problem: RecordingProblem, recordingId?: string): PackageReport {
  return { ok: false, ...(recordingId ? { recordingId } : {}), problem };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

export async function verifyPackage(dir: string, options: PackageOptions = {}): Promise<PackageReport> {
  let contents: PackageContents;
  try {
    const parsed = PackageContents.safeParse(await readJson(join(dir, CONTENTS_FILE)));
    if (!parsed.success)
      return fail({ kind: 'unreadable', message: `${CONTENTS_FILE}: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}` });
    contents = parsed.data;
  } catch (error) {
    return fail({ kind: 'unreadable', message: `${CONTENTS_FILE} cannot be read: ${(error as Error).message}` });
  }
  const keyFromPackage = options.publicKeyPem === undefined;
  let publicKeyPem: string;
  try {
    publicKeyPem = options.publicKeyPem ?? (await readFile(join(dir, AUTHORITY_KEY_FILE), 'utf8'));
  } catch {
    return fail({ kind: 'unreadable', message: `${AUTHORITY_KEY_FILE} is missing and no public key was given` });
  }
  let recipientKey: KeyObject | undefined;
  if (options.recipientPrivateKeyPem !== undefined) {
    try {
      recipientKey = createPrivateKey({ key: options.recipientPrivateKeyPem, format: 'pem' });
    } catch {
      return fail({ kind: 'unreadable', message: "the recipient's private key cannot be read (PEM expected)" });
    }
  }

  // Every recording the package lists is there, and nothing else is.
  const present = (await readdir(join(dir, 'recordings')).catch(() => [] as string[])).sort();
  const listed = contents.recordings.map((r) => r.recordingId);
  const missing = listed.find((id) => !present.includes(id));
  if (missing) return fail({ kind: 'removed', message: `recording ${missing} is listed in ${CONTENTS_FILE} but missing from recordings/` }, missing);
  const extra = present.find((id) => !listed.includes(id));
  if (extra) return fail({ kind: 'added', message: `recordings/${extra} is not a recording this package was made with` }, extra);

  // The record anchors each manifest: a `recording.sealed` entry, or the `recording.exported` entry the
  // export writes into the record before packing it. A record that is there must be read, never skipped.
  let record: { entries: number; sealed: Map<string, string> } | undefined;
  const recordPath = join(dir, 'minutes', 'record.json');
  const recordText = await readFile(recordPath, 'utf8').catch(() => undefined);
  if (recordText !== undefined) {
    let raw: ReturnType<typeof RecordExport.safeParse>;
    try {
      raw = RecordExport.safeParse(JSON.parse(recordText));
    } catch {
      return fail({ kind: 'unreadable', message: 'minutes/record.json is not JSON' });
    }
    if (!raw.success)
      return fail({
        kind: 'unreadable',
        message: `minutes/record.json is not a hearing's record: ${raw.error.issues[0]?.path.join('.')} ${raw.error.issues[0]?.message}`,
      });
    const chain = verifyChain(raw.data.hearingId, raw.data.entries);
    if (!chain.ok)
      return fail({
        kind: 'changed',
        message: `the hearing's record (minutes/record.json) does not hold: entry ${chain.problem.seq ?? '?'} — ${chain.problem.message}`,
      });
    if (raw.data.hearingId !== contents.hearingId) return fail({ kind: 'unreadable', message: 'minutes/record.json is the record of another hearing' });
    const sealed = new Map<string, string>();
    for (const entry of raw.data.entries as { type?: string; data?: unknown }[]) {
      if (entry.type !== 'recording.sealed' && entry.type !== 'recording.exported') continue;
      const data = (typeof entry.data === 'string' ? parseOrUndefined(entry.data) : entry.data) as
        | { recordingId?: unknown; manifestSha256?: unknown }
        | null
        | undefined;
      if (typeof data?.recordingId === 'string' && typeof data.manifestSha256 === 'string') sealed.set(data.recordingId, data.manifestSha256);
    }
    record = { entries: chain.entries, sealed };
  }
  // Decrypted media the package does not declare is checked by nobody: it must not be there.
  if (!contents.decryptedMedia && (await stat(join(dir, 'decrypted')).catch(() => undefined))) {
    return fail({ kind: 'added', message: `decrypted/ holds media, but ${CONTENTS_FILE} says the package carries none` });
  }

  const reports: Extract<RecordingReport, { ok: true }>[] = [];
  /** Each recording's signed manifest hash: a recording resumed after a crash must name its predecessor's. */
  const manifestHashes = new Map<string, string>();
  for (const { recordingId } of contents.recordings) {
    const recordingDir = join(dir, 'recordings', recordingId);
    let dataKey: Buffer | undefined;
    if (recipientKey) {
      const signed = SignedManifest.safeParse(await readJson(join(recordingDir, MANIFEST_FILE)).catch(() => undefined));
      const first = signed.success ? signed.data.manifest.tracks.find((t) => t.segments.length > 0) : undefined;
      const where = first ? { trackId: first.trackId, index: 0, file: first.segments[0]!.file } : {};
      try {
        const wrapped = RecipientDataKey.parse(await readJson(join(recordingDir, DATA_KEY_FILE)));
        if (wrapped.recordingId !== recordingId) throw new Error(`${DATA_KEY_FILE} is the key of recording ${wrapped.recordingId}`);
        dataKey = unwrapForRecipient(wrapped, recipientKey);
      } catch (error) {
        const reason = (error as { code?: string }).code === 'ENOENT' ? `there is no ${DATA_KEY_FILE} for it` : (error as Error).message;
        return fail(
          {
            kind: 'key',
            ...where,
            message: `${first ? `track ${first.trackId}: segment 0 (${first.segments[0]!.file}) cannot be decrypted — ` : ''}${reason}`,
          },
          recordingId,
        );
      }
    }
    const report = await verifyRecording(recordingDir, {
      publicKeyPem,
      ...(options.tsaCaPem === undefined ? {} : { tsaCaPem: options.tsaCaPem }),
      ...(dataKey ? { dataKey } : {}),
    });
    if (!report.ok) return fail(report.problem, recordingId);
    const signed = SignedManifest.parse(await readJson(join(recordingDir, MANIFEST_FILE)));
    // A genuine recording of another hearing, or filed under another name, is not this package's.
    if (signed.manifest.recordingId !== recordingId) {
      return fail(
        { kind: 'added', message: `recordings/${recordingId}/${MANIFEST_FILE} is the manifest of recording ${signed.manifest.recordingId}` },
        recordingId,
      );
    }
    if (signed.manifest.hearingId !== contents.hearingId) {
      return fail(
        { kind: 'added', message: `recordings/${recordingId} is a recording of hearing ${signed.manifest.hearingId}, not of ${contents.hearingId}` },
        recordingId,
      );
    }
    const anchored = record?.sealed.get(recordingId);
    if (record && anchored === undefined) {
      return fail({ kind: 'signature', message: `the hearing's record (minutes/record.json) does not seal recording ${recordingId}` }, recordingId);
    }
    if (anchored !== undefined && anchored !== signed.signature.sha256) {
      return fail(
        {
          kind: 'signature',
          message: `the hearing's record seals recording ${recordingId} with manifest SHA-256 ${anchored}, not this manifest's ${signed.signature.sha256}`,
        },
        recordingId,
      );
    }
    if (contents.decryptedMedia) {
      const problem = await checkDecryptedMedia(dir, recordingId, signed.manifest);
      if (problem) return fail({ kind: 'changed', ...problem }, recordingId);
    }
    manifestHashes.set(recordingId, signed.signature.sha256);
    reports.push(report);
  }
  // Resumed after a crash: the chain across it holds when the recording it continues is in the package too.
  for (const report of reports) {
    const before = report.continues && manifestHashes.get(report.continues.recordingId);
    if (before !== undefined && before !== report.continues!.manifestSha256) {
      return fail(
        {
          kind: 'changed',
          message: `recording ${report.recordingId} continues recording ${report.continues!.recordingId} with manifest SHA-256 ${report.continues!.manifestSha256}, not the package's ${before}`,
        },
        report.recordingId,
      );
    }
  }

  let minutesSigned = false;
  const minutesJson = await readFile(join(dir, 'minutes', 'minutes.json'), 'utf8').catch(() => undefined);
  const signature = await readJson(join(dir, 'minutes', 'minutes.sig.json')).catch(() => undefined);
  if (minutesJson !== undefined && signature !== undefined) {
    const value = (signature as { signature?: unknown }).signature;
    if (typeof value !== 'string' || !verifyMinutes(minutesJson, value, publicKeyPem)) {
      return fail({ kind: 'signature', message: 'the minutes (minutes/minutes.json) are not the ones the authority signed' });
    }
    minutesSigned = true;
  }
  return {
    ok: true,
    hearingId: contents.hearingId,
    recordings: reports,
    keyFromPackage,
    minutesSigned,
    recordEntries: record?.entries ?? 0,
    decryptedMediaChecked: contents.decryptedMedia,
  };
}
