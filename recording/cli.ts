/**
 * `./hearing-room verify-recording <dir> [--public-key <pem file>] [--json]`: checks a recording
 * folder (see verify.ts) and prints whether it holds or its first problem. Needs nothing but the
 * folder, so it runs on the other state's machine as well as on the server.
 *
 * Exit status: 0 it holds, 1 it does not (the first problem is printed), 2 it could not be checked
 * (wrong arguments, unreadable key file).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeRecordingReport, verifyRecording } from './verify.js';

const USAGE = 'usage: hearing-room verify-recording <recording folder> [--public-key <authority public key, PEM file>] [--json]';

const Args = z.object({
  dir: z.string().min(1, 'give the recording folder'),
  publicKeyFile: z.string().min(1, '--public-key: give a file').optional(),
  json: z.boolean(),
});

async function main(argv: string[]): Promise<number> {
  let args: z.infer<typeof Args>;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'public-key': { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (positionals.length !== 1) throw new Error('give exactly one recording folder');
    const parsed = Args.safeParse({ dir: positionals[0], publicKeyFile: values['public-key'], json: values.json ?? false });
    if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'the arguments are malformed');
    args = parsed.data;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let publicKeyPem: string | undefined;
  if (args.publicKeyFile !== undefined) {
    try {
      publicKeyPem = readFileSync(args.publicKeyFile, 'utf8');
    } catch (error) {
      process.stderr.write(`--public-key: ${(error as Error).message}\n`);
      return 2;
    }
  }
  const report = await verifyRecording(args.dir, publicKeyPem === undefined ? {} : { publicKeyPem });
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : `${describeRecordingReport(report)}\n`);
  if (report.ok && publicKeyPem === undefined) {
    process.stderr.write(`Checked against the key the manifest carries (${report.keyId}); pass --public-key with the authority's published key to know whose it is.\n`);
  }
  return report.ok ? 0 : 1;
}

process.exitCode = await main(process.argv.slice(2));
