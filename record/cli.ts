/**
 * `./hearing-room verify-record <hearing id>` and `./hearing-room verify-record --file <export.json>`:
 * checks a hearing's chain and prints the first problem in words. `export-record <hearing id>` writes
 * the export file to standard output. Reads the same HEARING_ROOM_* settings as the server.
 *
 * Exit status: 0 the chain holds, 1 it does not (the first problem is printed), 2 the command could
 * not check (wrong arguments, no such hearing, unreadable file, database unreachable).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../server/config.js';
import { openStore, type RetentionEntry } from '../store/index.js';
import { verifyPersonalValues, type PersonalValuesReport } from './personal-values.js';
import { exportRecord, RecordExport } from './export.js';
import { verifyChain, type Anchor, type ChainReport } from './verify.js';

const USAGE = `usage:
  hearing-room verify-record <hearing id> [--anchor <seq>:<sha256>] [--json]
  hearing-room verify-record --file <export.json> [--anchor <seq>:<sha256>] [--json]
  hearing-room export-record <hearing id>   (writes the export file to standard output)`;

class UsageError extends Error {}

const HearingId = z.string().min(1, 'give the hearing id').max(200);
const AnchorArg = z
  .string()
  .regex(/^\d+:[0-9a-f]{64}$/, '--anchor must be <entry number>:<64 hex characters>')
  .transform((s): Anchor => {
    const [seq, hash] = s.split(':') as [string, string];
    return { seq: Number(seq), hash };
  });

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new UsageError(`${what}: ${result.error.issues[0]?.message ?? 'is malformed'}`);
  return result.data;
}

function describe(report: ChainReport): string {
  if (report.ok) {
    return `Record of hearing ${report.hearingId}: the chain holds — ${report.entries} entries, last entry ${report.lastSeq} with hash ${report.lastHash}.`;
  }
  const { problem } = report;
  return `Record of hearing ${report.hearingId}: the chain is broken at entry ${problem.seq} (${problem.kind}). ${problem.message[0]?.toUpperCase()}${problem.message.slice(1)}.`;
}

function describePersonal(report: PersonalValuesReport): string {
  if (report.problem) return `Personal values: ${report.problem.message} (${report.problem.kind}).`;
  const erased = report.erased > 0 ? `; ${report.erased} erased under the retention rules, their seals still in the chain` : '';
  return `Personal values: ${report.kept} kept, each matching the seal its entry holds${erased}.`;
}

function describeDeleted(entry: RetentionEntry): string {
  const d = entry.detail as { entries?: number; lastHash?: string | null };
  return `Record of hearing ${entry.hearingId}: deleted on ${entry.appliedAt} under its authority's retention period (${entry.ruleDays} days from the close on ${entry.closedAt}); it held ${d.entries ?? 0} entries, the last with hash ${d.lastHash ?? '—'}.`;
}

async function openConfiguredStore() {
  try {
    return await openStore(loadConfig().databaseUrl);
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

async function verifyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { file: { type: 'string' }, anchor: { type: 'string' }, json: { type: 'boolean', default: false } },
  });
  const anchor = values.anchor === undefined ? undefined : parsed(AnchorArg, values.anchor, 'anchor');
  let report: ChainReport;
  // The personal values kept beside the entries, where there are any to check (an export made before they were kept apart has none).
  let personal: PersonalValuesReport | null = null;
  if (values.file !== undefined) {
    if (positionals.length > 0) throw new UsageError('give either a hearing id or --file, not both');
    let text: string;
    try {
      text = readFileSync(values.file, 'utf8');
    } catch {
      throw new UsageError(`cannot read ${values.file}`);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new UsageError(`${values.file} is not JSON`);
    }
    const file = RecordExport.safeParse(json);
    if (!file.success) {
      const issue = file.error.issues[0];
      throw new UsageError(`${values.file} is not a record export: field "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'is malformed'}`);
    }
    report = verifyChain(file.data.hearingId, file.data.entries, anchor ? { anchor } : {});
    // An export carries the values still kept; those erased were erased where it was made.
    if (file.data.personal) personal = verifyPersonalValues(file.data.entries, file.data.personal, { erasureLogged: true });
  } else {
    if (positionals.length !== 1) throw new UsageError('give one hearing id');
    const hearingId = parsed(HearingId, positionals[0], 'hearing id');
    const store = await openConfiguredStore();
    try {
      const rows = await store.events.rawRows(hearingId);
      if (rows.length === 0 && !(await store.hearings.get(hearingId))) {
        // Deleted under its authority's retention period: what remains is the note of it.
        const deleted = (await store.retention.log(hearingId)).find((e) => e.category === 'record');
        if (!deleted) throw new UsageError(`no hearing with id ${hearingId} in this database`);
        process.stdout.write(values.json ? `${JSON.stringify({ deleted })}\n` : `${describeDeleted(deleted)}\n`);
        return 0;
      }
      report = verifyChain(hearingId, rows, anchor ? { anchor } : {});
      const lastSeq = Number(rows.at(-1)?.seq ?? 0);
      const kept = (await store.events.personalValues(hearingId)).filter((p) => p.seq <= lastSeq);
      const erasureLogged = (await store.retention.log(hearingId)).some((e) => e.category === 'personal_data');
      personal = verifyPersonalValues(rows, kept, { erasureLogged });
    } finally {
      await store.close();
    }
  }
  // A record without personal values kept apart says nothing of them.
  if (personal && personal.kept === 0 && personal.erased === 0 && !personal.problem) personal = null;
  const text = personal ? `${describe(report)}\n${describePersonal(personal)}` : describe(report);
  process.stdout.write(values.json ? `${JSON.stringify(personal ? { ...report, personal } : report)}\n` : `${text}\n`);
  return report.ok && !personal?.problem ? 0 : 1;
}

async function exportCommand(args: string[]): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new UsageError('give one hearing id');
  const hearingId = parsed(HearingId, positionals[0], 'hearing id');
  const store = await openConfiguredStore();
  try {
    if (!(await store.hearings.get(hearingId))) throw new UsageError(`no hearing with id ${hearingId} in this database`);
    process.stdout.write(`${JSON.stringify(await exportRecord(store, hearingId), null, 2)}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  try {
    if (command === 'verify') return await verifyCommand(args);
    if (command === 'export') return await exportCommand(args);
    throw new UsageError(`unknown command ${command ?? ''}`.trim());
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`hearing-room: ${(error as Error).message}\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`hearing-room: could not check the record: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
