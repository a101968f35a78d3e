/**
 * `hearing-room serve`: start the server from the environment, create the demo hearing on first
 * start, print its personal links, and shut down cleanly on SIGINT or SIGTERM.
 */
import { startServer } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './log.js';
import { ensureDemoHearing, issueDemoLinks } from './demo.js';
import { functionLabel } from '../scheduling/index.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`hearing-room: ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel, { terminal: process.stdout.isTTY === true });
  if (config.tokenSecretGenerated) {
    log.warn(`HEARING_ROOM_TOKEN_SECRET is not set: using a secret generated in ${config.dataDir}. Set it in production.`);
  }
  if (config.minutesSigningKeyGenerated) {
    log.warn(
      `HEARING_ROOM_MINUTES_SIGNING_KEY is not set: minutes are countersigned with a key generated in ${config.dataDir}. Set the requested authority's key in production.`,
    );
  }
  if (config.courtSigningKeyGenerated) {
    log.warn(
      `HEARING_ROOM_COURT_SIGNING_KEY is not set: the judge signs minutes with a key generated in ${config.dataDir}. Set the court's key in production.`,
    );
  }
  if (config.recordingKeyGenerated) {
    log.warn(
      `HEARING_ROOM_RECORDING_KEY is not set: recordings are encrypted under a key generated in ${config.dataDir}. Set the court's own key in production, and keep a copy: without it no recording can be played.`,
    );
  }
  const server = await startServer(config, log);

  if (config.demo) {
    const hearingId = await ensureDemoHearing(server.store);
    const links = await issueDemoLinks(server.store, server.tokens, hearingId, server.url, config.tokenTtlMinutes);
    // Printed for the operator's eyes on purpose: these links are the demo. They never go to the log.
    const lines = links.map(
      ({ participant, url }) => `  ${functionLabel(participant.role, participant.capacity).padEnd(34)} ${participant.displayName}\n    ${url}`,
    );
    process.stdout.write(`\nDemo hearing ready. Personal links (valid ${config.tokenTtlMinutes} minutes):\n${lines.join('\n')}\n\n`);
  }

  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`hearing-room: could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
