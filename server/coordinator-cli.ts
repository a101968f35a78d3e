/**
 * `node --import tsx server/coordinator-cli.ts create …` (or `node dist/server/coordinator-cli.js`):
 * creates an authority (when it does not exist yet) and its first coordinator account, in the database
 * the server uses (HEARING_ROOM_DATABASE_URL / HEARING_ROOM_DATA_DIR). The password is read from the
 * first line of standard input, so it appears neither in the shell history nor in the process list:
 *
 *   printf '%s\n' "$PASSWORD" | node --import tsx server/coordinator-cli.ts create \
 *     --authority "Tribunal judiciaire de Paris" --country FR --time-zone Europe/Paris \
 *     --name "Claire Martin" --email claire.martin@justice.fr
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { MIN_PASSWORD_LENGTH } from '../scheduling/index.js';
import { CoordinatorOptions, createCoordinator } from './coordinator-accounts.js';
import { ConfigError, loadConfig } from './config.js';

const USAGE = `usage: coordinator-cli create --authority <name> --country <XX> --time-zone <Area/City> --name <coordinator> --email <address>
       (the password, at least ${MIN_PASSWORD_LENGTH} characters, on the first line of standard input)`;

async function firstLine(): Promise<string> {
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      authority: { type: 'string' },
      country: { type: 'string' },
      'time-zone': { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
    },
  });
  if (positionals[0] !== 'create') throw new Error(USAGE);
  const parsed = CoordinatorOptions.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`--${issue.path.join('.')}: ${issue.message}\n${USAGE}`);
  }
  const config = loadConfig();
  const password = (await firstLine()).replace(/\r$/, '');
  process.stdout.write(`${await createCoordinator(config.databaseUrl, parsed.data, password)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`coordinator-cli: ${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
