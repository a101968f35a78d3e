/**
 * `./hearing-room export-recording <hearing id | recording folder> <out folder> [options]`: makes the
 * export package for the other state (export.ts) on the court's server, and adds the export to the
 * hearing's record (custody). Reads the same HEARING_ROOM_* settings as the server: the recording key
 * (to wrap the data keys for the recipient), the authority's key, and the database (minutes, record).
 *
 *   --recipient-key <pem file>   the receiving court's RSA public key or certificate: each recording's
 *                                data key is wrapped for it
 *   --recipient <name>           who that key belongs to, as the README and the record will say (required with the key)
 *   --decrypted                  also add the decrypted media (for a recipient without a key pair)
 *   --recordings <folder>        where the recordings are (default: <data dir>/recordings)
 *
 * Exit status: 0 written, 2 it could not be made (the reason is printed).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MinutesService, MinutesSigner, exportRecord } from '../record/index.js';
import { loadConfig } from '../server/config.js';
import { openStore } from '../store/index.js';
import { commandOperator, logCustody } from './custody.js';
import { RecordingKey } from './encryption.js';
import { exportPackage, parseRecipientKey } from './export.js';
import { MANIFEST_FILE, SignedManifest } from './manifest.js';

const USAGE = `usage: hearing-room export-recording <hearing id | recording folder> <out folder>
         [--recipient-key <pem> --recipient <name>] [--decrypted] [--recordings <folder>]`;

const Args = z
  .object({
    source: z.string().min(1, 'give the hearing id or the recording folder'),
    out: z.string().min(1, 'give the folder the package is written to'),
    recipientKey: z.string().min(1).optional(),
    recipient: z.string().trim().min(2, '--recipient: name the receiving court').max(200).optional(),
    decrypted: z.boolean(),
    recordings: z.string().min(1).optional(),
  })
  .refine((a) => (a.recipientKey === undefined) === (a.recipient === undefined), '--recipient-key and --recipient go together: the key, and whose it is');

class UsageError extends Error {}

async function manifestOf(dir: string): Promise<SignedManifest | undefined> {
  const text = await readFile(join(dir, MANIFEST_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = SignedManifest.safeParse(JSON.parse(text));
  return parsed.success ? parsed.data : undefined;
}

async function main(argv: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'recipient-key': { type: 'string' },
        recipient: { type: 'string' },
        decrypted: { type: 'boolean', default: false },
        recordings: { type: 'string' },
      },
    });
    if (positionals.length !== 2) throw new UsageError('give the hearing id (or recording folder) and the output folder');
    const parsedArgs = Args.safeParse({
      source: positionals[0],
      out: positionals[1],
      recipientKey: values['recipient-key'],
      recipient: values.recipient,
      decrypted: values.decrypted ?? false,
      recordings: values.recordings,
    });
    if (!parsedArgs.success) throw new UsageError(parsedArgs.error.issues[0]?.message ?? 'the arguments are malformed');
    const args = parsedArgs.data;
    let recipient: { label: string; key: ReturnType<typeof parseRecipientKey> } | undefined;
    if (args.recipientKey !== undefined && args.recipient !== undefined) {
      try {
        recipient = { label: args.recipient, key: parseRecipientKey(await readFile(args.recipientKey, 'utf8')) };
      } catch (error) {
        throw new UsageError(`--recipient-key: ${(error as Error).message}`);
      }
    }

    const config = loadConfig();
    // The source: one recording folder, or every recording of a hearing.
    const direct = (await stat(args.source).catch(() => undefined))?.isDirectory() ? await manifestOf(args.source) : undefined;
    let hearingId: string;
    let folders: string[];
    if (direct) {
      hearingId = direct.manifest.hearingId;
      folders = [args.source];
    } else {
      hearingId = args.source;
      const root = args.recordings ?? join(config.dataDir, 'recordings');
      folders = [];
      for (const name of (await readdir(root).catch(() => [] as string[])).sort()) {
        const signed = await manifestOf(join(root, name));
        if (signed?.manifest.hearingId === hearingId) folders.push(join(root, name));
      }
      if (folders.length === 0) throw new UsageError(`no recording of hearing ${hearingId} in ${root}`);
    }

    const signer = new MinutesSigner(config.minutesSigningKey);
    const store = await openStore(config.databaseUrl);
    try {
      const known = (await store.hearings.get(hearingId)) !== undefined;
      const minutes = known
        ? await new MinutesService({ store, signers: { court: new MinutesSigner(config.courtSigningKey), requested: signer } }).current(hearingId)
        : undefined;
      const contents = await exportPackage({
        hearingId,
        recordings: folders,
        out: args.out,
        authorityPublicKeyPem: signer.publicKeyPem,
        recordingKey: new RecordingKey(config.recordingKey),
        ...(recipient ? { recipient } : {}),
        decryptedMedia: args.decrypted,
        ...(minutes ? { minutes: { json: minutes.json, signature: minutes.signature } } : {}),
        // The export goes into the record before the record is packed, so the package's record anchors each manifest.
        ...(known
          ? {
              record: async (recordings: { recordingId: string; manifestSha256: string }[]) => {
                for (const r of recordings) {
                  await logCustody(store, hearingId, 'recording.exported', commandOperator(), {
                    recordingId: r.recordingId,
                    decryptedMedia: args.decrypted,
                    manifestSha256: r.manifestSha256,
                    ...(recipient ? { recipient: recipient.label } : {}),
                  });
                }
                return exportRecord(store, hearingId);
              },
            }
          : {}),
      });
      if (!known) {
        process.stderr.write(
          `Hearing ${hearingId} is not in this server's database: the package has no minutes or record, and the export is not in any record.\n`,
        );
      }
      process.stdout.write(
        `Export package of hearing ${hearingId} written to ${args.out}: ${contents.recordings.length} recording(s), ${contents.files.length} files${recipient ? `, data keys wrapped for ${recipient.label}` : ', no key for the media'}${args.decrypted ? ', with the decrypted media' : ''}.\n`,
      );
      return 0;
    } finally {
      await store.close();
    }
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    process.stderr.write(`export-recording: ${(error as Error).message}\n${usage ? `${USAGE}\n` : ''}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
