/**
 * `./hearing-room retention [--dry-run] [--json]`: applies every authority's retention periods to the
 * closed hearings now (the server does so at its interval), or with --dry-run lists what is due. One
 * line per deletion: the hearing, what, under which period, and what it removed. Reads the same
 * HEARING_ROOM_* settings as the server.
 *
 * Exit status: 0 done (or nothing due), 2 could not run (settings, database).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/config.js';
import { openStore } from '../store/index.js';
import { sweepRetention, type RetentionAction } from './sweep.js';

const WHAT: Record<RetentionAction['category'], string> = {
  recordings: 'recordings deleted',
  personal_data: 'personal data erased',
  record: "the court's file deleted",
};

function line(action: RetentionAction): string {
  const verb = action.done ? WHAT[action.category] : `due: ${WHAT[action.category].replace(/ (deleted|erased)$/, '')}`;
  return `${action.hearingId}: ${verb} — ${action.ruleDays} days after the close (${action.closedAt.slice(0, 10)}), due ${action.dueAt.slice(0, 10)}${
    action.done ? ` ${JSON.stringify(action.detail)}` : ''
  }`;
}

async function main(argv: string[]): Promise<number> {
  let values: { 'dry-run': boolean; json: boolean };
  try {
    values = parseArgs({ args: argv, options: { 'dry-run': { type: 'boolean', default: false }, json: { type: 'boolean', default: false } } }).values;
  } catch (error) {
    process.stderr.write(`hearing-room retention: ${(error as Error).message}\nusage: hearing-room retention [--dry-run] [--json]\n`);
    return 2;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`hearing-room retention: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const store = await openStore(config.databaseUrl);
  try {
    const actions = await sweepRetention({ store, recordingsDir: config.recording.dir, dryRun: values['dry-run'] });
    if (values.json) process.stdout.write(`${JSON.stringify(actions)}\n`);
    else process.stdout.write(actions.length === 0 ? 'Nothing is due under the retention periods.\n' : `${actions.map(line).join('\n')}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`hearing-room retention: could not apply the retention periods: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  } finally {
    await store.close();
  }
}

process.exitCode = await main(process.argv.slice(2));
