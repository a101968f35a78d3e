/**
 * The server applies the authorities' retention periods by itself, every few hours: what a court
 * decided to keep no longer is deleted without an operator remembering to. A pass that fails (the
 * database away) is logged and tried at the next; several servers of one service may run passes at
 * once, since each deletion is logged once and never done twice (retention/sweep.ts).
 */
import type { Logger } from 'pino';
import { sweepRetention } from '../retention/index.js';
import type { Store } from '../store/index.js';

export function startRetentionSweeps(store: Store, recordingsDir: string, everyMinutes: number, log: Logger): { stop(): void } {
  if (everyMinutes === 0) return { stop: () => undefined };
  let running: Promise<void> | null = null;
  const pass = () => {
    running ??= sweepRetention({ store, recordingsDir })
      .then((actions) => {
        // Counts only: which hearing lost what is in the retention log and the records, not in the log file.
        if (actions.length > 0) log.info({ deletions: actions.length, categories: [...new Set(actions.map((a) => a.category))] }, 'retention periods applied');
      })
      .catch((err: unknown) => log.error({ err }, 'could not apply the retention periods; trying again at the next pass'))
      .finally(() => {
        running = null;
      });
  };
  // The first pass a minute after start, so a restart does not wait hours; then at the interval.
  const first = setTimeout(pass, 60_000);
  const timer = setInterval(pass, everyMinutes * 60_000);
  first.unref();
  timer.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
