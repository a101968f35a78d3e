/**
 * `./hearing-room verify-recording <folder> [options]`: checks a recording folder as stored (see
 * verify.ts) or an export package (verify-package.ts) and prints whether it holds or its first
 * problem. Needs nothing but the folder, so it runs on the other state's machine as well as on the
 * server.
 *
 *   --public-key <pem file>             the authority's published key (else the manifest's, or the package's copy)
 *   --tsa-ca <pem file>                 the time-stamping authority's CA certificate (else the copy kept with the recording)
 *   --recording-key-file <file>         the installation's recording key: decrypt and check every segment
 *   --recipient-private-key <pem file>  a package's recipient: open the data keys wrapped for this key, decrypt and check
 *   --seal-leftovers                    with --recording-key-file: first encrypt the media a crash left in the clear (leftovers.ts)
 *   --record                            on the court's server: add the verification to the hearing's record (custody)
 *   --json                              the report as JSON
 *
 * Exit status: 0 it holds, 1 it does not (the first problem is printed), 2 it could not be checked
 * (wrong arguments, unreadable key file).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { commandOperator, logCustody } from './custody.js';
import { RecordingKey } from './encryption.js';
import { LEFTOVERS_FILE, sealLeftovers } from './leftovers.js';
import { isExportPackage, verifyPackage, type PackageReport } from './verify-package.js';
import { describeRecordingReport, verifyRecording, type RecordingReport, type VerifyOptions } from './verify.js';

const USAGE = `usage: hearing-room verify-recording <recording folder or export package> [--public-key <pem>] [--tsa-ca <pem>]
         [--recording-key-file <file> [--seal-leftovers] | --recipient-private-key <pem>] [--record] [--json]`;

const Args = z.object({
  dir: z.string().min(1, 'give the recording folder or export package'),
  publicKey: z.string().min(1, '--public-key: give a file').optional(),
  tsaCa: z.string().min(1, '--tsa-ca: give a file').optional(),
  recordingKeyFile: z.string().min(1, '--recording-key-file: give a file').optional(),
  recipientPrivateKey: z.string().min(1, '--recipient-private-key: give a file').optional(),
  sealLeftovers: z.boolean(),
  record: z.boolean(),
  json: z.boolean(),
});
type Args = z.infer<typeof Args>;

class UsageError extends Error {}

function parse(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'public-key': { type: 'string' },
      'tsa-ca': { type: 'string' },
      'recording-key-file': { type: 'string' },
      'recipient-private-key': { type: 'string' },
      'seal-leftovers': { type: 'boolean', default: false },
      record: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals.length !== 1) throw new UsageError('give exactly one recording folder or export package');
  const parsed = Args.safeParse({
    dir: positionals[0],
    publicKey: values['public-key'],
    tsaCa: values['tsa-ca'],
    recordingKeyFile: values['recording-key-file'],
    recipientPrivateKey: values['recipient-private-key'],
    sealLeftovers: values['seal-leftovers'] ?? false,
    record: values.record ?? false,
    json: values.json ?? false,
  });
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]?.message ?? 'the arguments are malformed');
  return parsed.data;
}

function readOption(file: string | undefined, flag: string): string | undefined {
  if (file === undefined) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message}`);
  }
}

function describePackage(report: PackageReport): string {
  if (!report.ok) {
    return describeRecordingReport(
      { ok: false, problem: report.problem },
      report.recordingId ? `The package's recording ${report.recordingId}` : 'The package',
    );
  }
  const lines = report.recordings.map((r) => describeRecordingReport(r, '  Recording'));
  const minutes = report.minutesSigned ? "the minutes' signature checks" : 'no signed minutes';
  const record = report.recordEntries > 0 ? `the hearing's record holds (${report.recordEntries} entries)` : 'no record of the hearing';
  const media = report.decryptedMediaChecked ? '; the decrypted media matches the manifests' : '';
  const key = report.keyFromPackage
    ? " Checked against the key the package carries: pass --public-key with the authority's published key to know whose it is."
    : '';
  return `The export package of hearing ${report.hearingId} holds: ${report.recordings.length} recording(s); ${minutes}; ${record}${media}.${key}\n${lines.join('\n')}`;
}

async function logVerification(dir: string, report: RecordingReport): Promise<void> {
  // Only here is the server's configuration read: on the other state's machine the verifier needs none.
  const { loadConfig } = await import('../server/config.js');
  const { openStore } = await import('../store/index.js');
  const { SignedManifest, MANIFEST_FILE } = await import('./manifest.js');
  const { manifest } = SignedManifest.parse(JSON.parse(readFileSync(`${dir}/${MANIFEST_FILE}`, 'utf8')));
  const store = await openStore(loadConfig().databaseUrl);
  try {
    if (!(await store.hearings.get(manifest.hearingId))) throw new UsageError(`--record: no hearing ${manifest.hearingId} in this server's database`);
    await logCustody(store, manifest.hearingId, 'recording.verified', commandOperator(), {
      recordingId: manifest.recordingId,
      holds: report.ok,
      decrypted: report.ok && report.decrypted,
      ...(report.ok ? {} : { problem: describeRecordingReport(report).slice(0, 500) }),
    });
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    const args = parse(argv);
    const publicKeyPem = readOption(args.publicKey, '--public-key');
    const tsaCaPem = readOption(args.tsaCa, '--tsa-ca');
    const recipientPrivateKeyPem = readOption(args.recipientPrivateKey, '--recipient-private-key');
    const keyText = readOption(args.recordingKeyFile, '--recording-key-file');
    let recordingKey: RecordingKey | undefined;
    if (keyText !== undefined) {
      try {
        recordingKey = new RecordingKey(keyText);
      } catch (error) {
        throw new UsageError(`--recording-key-file: ${(error as Error).message}`);
      }
    }

    if (await isExportPackage(args.dir)) {
      if (recordingKey) throw new UsageError("an export package is opened with --recipient-private-key, not with the installation's recording key");
      if (args.record) throw new UsageError('--record is for a recording stored on this server, not for a package');
      const report = await verifyPackage(args.dir, {
        ...(publicKeyPem === undefined ? {} : { publicKeyPem }),
        ...(tsaCaPem === undefined ? {} : { tsaCaPem }),
        ...(recipientPrivateKeyPem === undefined ? {} : { recipientPrivateKeyPem }),
      });
      process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${describePackage(report)}\n`);
      return report.ok ? 0 : 1;
    }
    if (recipientPrivateKeyPem !== undefined) throw new UsageError('--recipient-private-key opens an export package; this folder is a stored recording');
    if (args.sealLeftovers) {
      if (!recordingKey) throw new UsageError('--seal-leftovers: give the recording key with --recording-key-file');
      const sealed = await sealLeftovers(args.dir, recordingKey);
      if (!args.json)
        process.stdout.write(
          `Sealed ${sealed.length} leftover(s) in the clear${sealed.length > 0 ? `: ${sealed.map((l) => `${l.trackId}/${l.file}`).join(', ')} (listed in ${LEFTOVERS_FILE}, not covered by the signature)` : ''}.\n`,
        );
    }
    const options: VerifyOptions = {
      ...(publicKeyPem === undefined ? {} : { publicKeyPem }),
      ...(tsaCaPem === undefined ? {} : { tsaCaPem }),
      ...(recordingKey ? { recordingKey } : {}),
    };
    const report = await verifyRecording(args.dir, options);
    process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${describeRecordingReport(report)}\n`);
    if (report.ok && publicKeyPem === undefined) {
      process.stderr.write(
        `Checked against the key the manifest carries (${report.keyId}); pass --public-key with the authority's published key to know whose it is.\n`,
      );
    }
    if (args.record) await logVerification(args.dir, report);
    // A recording whose every byte checks but whose media has a hole nothing explains does not pass.
    return report.ok && !report.holes ? 0 : 1;
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`verify-recording: ${(error as Error).message}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
