/**
 * What a restore proves once the rows are in: every hearing's record verifies with record/'s own
 * verifier, as `./hearing-room verify-record` checks it, and ends at exactly the entry and hash the
 * backup noted (so no entry was cut off or added on the way); every signed version of the minutes is
 * still the one its record entry names, under the signatures the court's minutes service checks
 * before it serves them; and the keys the restored server will use are the ones the backed-up server
 * used, named by fingerprint.
 */
import { MinutesError, MinutesService, MinutesSigner, verifyChain, type ChainReport } from '../record/index.js';
import type { Store } from '../store/index.js';
import type { RecordAnchor, SecretEntry } from './backup-format.js';
import { SECRETS } from './backup-secrets.js';
import type { Config } from './config.js';

export interface RecordsCheck {
  hearings: number;
  entries: number;
  /** Hearings whose minutes are signed, each verified. */
  signedMinutes: number;
  failures: string[];
}

export async function checkRecords(store: Store, anchors: readonly RecordAnchor[], config: Config): Promise<RecordsCheck> {
  const minutes = new MinutesService({
    store,
    signers: { court: new MinutesSigner(config.courtSigningKey), requested: new MinutesSigner(config.minutesSigningKey) },
  });
  const check: RecordsCheck = { hearings: 0, entries: 0, signedMinutes: 0, failures: [] };
  for (const anchor of anchors) {
    const rows = await store.events.rawRows(anchor.hearingId);
    const report = verifyChain(anchor.hearingId, rows, { anchor: { seq: anchor.lastSeq, hash: anchor.lastHash } });
    check.hearings++;
    check.entries += rows.length;
    const before = anchor.held ? '' : ' (it did not hold when it was backed up either)';
    if (!report.ok) check.failures.push(`${describeChain(report)}${before}`);
    else if (report.entries !== anchor.entries) {
      check.failures.push(`record of hearing ${anchor.hearingId}: ${report.entries} entries restored, the backup held ${anchor.entries}`);
    }
    if (!rows.some((row) => row.type === 'minutes.signed')) continue;
    try {
      await minutes.current(anchor.hearingId);
      check.signedMinutes++;
    } catch (error) {
      if (!(error instanceof MinutesError)) throw error;
      check.failures.push(`signed minutes of hearing ${anchor.hearingId}: ${error.message}`);
    }
  }
  return check;
}

function describeChain(report: ChainReport): string {
  if (report.ok) return `record of hearing ${report.hearingId}: the chain holds — ${report.entries} entries`;
  return `record of hearing ${report.hearingId}: the chain is broken at entry ${report.problem.seq} (${report.problem.kind}): ${report.problem.message}`;
}

/** Each key the backed-up server used against the one this configuration gives; a difference says what it costs. */
export function checkKeys(config: Config, backedUp: readonly SecretEntry[]): { same: string[]; failures: string[] } {
  const same: string[] = [];
  const failures: string[] = [];
  for (const entry of backedUp) {
    const spec = SECRETS.find((s) => s.name === entry.name);
    if (!spec) continue;
    const now = spec.fingerprint(spec.value(config));
    if (now === entry.fingerprint) same.push(entry.name);
    else {
      const where = entry.file
        ? 'the backup carries it, but the environment sets another'
        : entry.source === 'environment'
          ? `it was set in ${spec.variable}: set the same value`
          : `it is not in this backup: put the court's copy at <data dir>/${spec.file} or set ${spec.variable}`;
      failures.push(`${entry.name}: the backed-up server used key ${entry.fingerprint}, this configuration gives ${now} — ${where}. Otherwise ${spec.lost}`);
    }
  }
  return { same, failures };
}
