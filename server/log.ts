/**
 * The server's log (pino): one JSON object a line for the operator's log collector, or readable
 * lines (pino-pretty) when `serve` writes to a terminal, so that a person starting it sees what it
 * says, and the demo links after it, not raw JSON.
 *
 * Nothing personal goes in: lines carry ids (hearing, participant, request, letter), never names,
 * addresses or document numbers, and an error keeps only its kind, message, code and stack — a
 * database error's `detail`, which quotes the values of the row it refused, is left out.
 */
import { pino, type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';

/** An error as the log keeps it. */
export function errorForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const { code } = error as { code?: unknown };
  return {
    type: error.name,
    message: error.message,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(error.stack ? { stack: error.stack } : {}),
    ...(error.cause !== undefined ? { cause: errorForLog(error.cause) } : {}),
  };
}

export function createLogger(level: LevelWithSilent, options: { terminal?: boolean } = {}): Logger {
  const settings = { level, serializers: { err: errorForLog } };
  if (!options.terminal) return pino(settings);
  // Synchronous, in this thread: its lines come in order with what `serve` prints itself.
  return pino(settings, pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', sync: true }));
}
