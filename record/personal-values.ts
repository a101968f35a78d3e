/**
 * The personal values kept beside a record (store `record_personal_data`) checked against the
 * commitments its entries hold (model/events.ts `PERSONAL_FIELDS`, record/chain.ts
 * `personalCommitment`): each value kept must be the one committed to; a commitment without its value
 * is a value the retention rules erased. The chain itself is checked by verify.ts and does not depend
 * on these values: erasing them leaves it whole.
 */
import { z } from 'zod';
import { PERSONAL_FIELDS, PersonalCommitment, type HearingEventType } from '../model/events.js';
import { personalCommitment } from './chain.js';

export const PersonalValueRow = z.object({ seq: z.coerce.number().int(), field: z.string(), value: z.string(), salt: z.string() });

export interface PersonalValuesReport {
  /** Values kept, each matching its entry's commitment. */
  kept: number;
  /** Commitments whose value is no longer kept: erased under the retention rules. */
  erased: number;
  /** The first value that does not match its entry, or names no commitment. */
  problem: { seq: number; field: string; kind: 'altered' | 'orphaned' | 'removed'; message: string } | null;
}

const EntryRow = z.object({ seq: z.coerce.number().int(), type: z.string(), data: z.string() });

/**
 * `erasureLogged`: whether the retention log shows the hearing's personal data erased. Without it, a
 * commitment whose value is missing is a value removed, not erased, and is reported as such.
 */
export function verifyPersonalValues(rows: readonly unknown[], values: readonly unknown[], options: { erasureLogged: boolean }): PersonalValuesReport {
  const commitments = new Map<string, string>();
  for (const raw of rows) {
    const row = EntryRow.safeParse(raw);
    if (!row.success) continue; // the chain's verifier names malformed rows
    const fields = PERSONAL_FIELDS[row.data.type as HearingEventType];
    if (!fields) continue;
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(row.data.data) as Record<string, unknown>;
    } catch {
      continue;
    }
    for (const field of fields) {
      const commitment = PersonalCommitment.safeParse(data[field]);
      if (commitment.success) commitments.set(`${row.data.seq} ${field}`, commitment.data.personal);
    }
  }
  const found = new Set<string>();
  for (const raw of values) {
    const value = PersonalValueRow.parse(raw);
    const key = `${value.seq} ${value.field}`;
    const committed = commitments.get(key);
    if (committed === undefined) {
      return {
        kept: found.size,
        erased: 0,
        problem: { ...at(value), kind: 'orphaned', message: `entry ${value.seq} holds no commitment to a value "${value.field}"` },
      };
    }
    if (personalCommitment(value.salt, value.value) !== committed) {
      return {
        kept: found.size,
        erased: 0,
        problem: { ...at(value), kind: 'altered', message: `the value "${value.field}" kept for entry ${value.seq} is not the one it committed to` },
      };
    }
    found.add(key);
  }
  const missing = [...commitments.keys()].filter((key) => !found.has(key));
  if (missing.length > 0 && !options.erasureLogged) {
    const [seq, field] = missing[0]!.split(' ') as [string, string];
    return {
      kept: found.size,
      erased: 0,
      problem: { seq: Number(seq), field, kind: 'removed', message: `the value "${field}" of entry ${seq} is gone, and no retention rule erased it` },
    };
  }
  return { kept: found.size, erased: missing.length, problem: null };
}

const at = (value: { seq: number; field: string }) => ({ seq: value.seq, field: value.field });
