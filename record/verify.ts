/**
 * Verifies a hearing's chain from the rows as the database (or an export file) holds them. It reads
 * every field itself and recomputes every hash with record/chain.ts; it trusts neither the store's
 * parsing nor the hashes' claims about themselves.
 *
 * The report names the FIRST problem, in number order, in words:
 * - altered:   an entry's content no longer matches the hash written with it (or the entry it
 *              follows is not the one it was chained to);
 * - removed:   a number is missing, or the entries after a gap were renumbered to close it;
 * - reordered: an entry holds the content, or the number, written for another entry;
 * - inserted:  an entry that was not written by the record sits between chained entries.
 *
 * A chain alone cannot show that its last entries were cut off or that entries were appended with
 * correctly recomputed hashes: for that, pass an anchor (an entry number and hash held elsewhere —
 * the signed minutes carry one).
 */
import { z } from 'zod';
import { GENESIS, HASH_PATTERN, entryHash, type ChainedContent } from './chain.js';

export type ChainProblemKind = 'altered' | 'removed' | 'reordered' | 'inserted';

export interface ChainProblem {
  /** The first entry number found wrong. */
  seq: number;
  kind: ChainProblemKind;
  message: string;
}

export type ChainReport =
  | { ok: true; hearingId: string; entries: number; lastSeq: number; lastHash: string }
  | { ok: false; hearingId: string; entries: number; problem: ChainProblem };

/** An entry number and its hash recorded outside the database, e.g. in signed minutes. */
export interface Anchor {
  seq: number;
  hash: string;
}

const Seq = z
  .union([z.number(), z.string().regex(/^\d+$/), z.bigint()])
  .transform(Number)
  .pipe(z.number().int().positive());
const StoredRow = z.object({
  hearing_id: z.string(),
  seq: Seq,
  at: z.string(),
  actor_id: z.string().nullable(),
  type: z.string(),
  data: z.string(),
  prev_hash: z.string().nullable(),
  hash: z.string().nullable(),
});

interface Entry {
  seq: number;
  content: Omit<ChainedContent, 'seq' | 'prevHash'>;
  prevHash: string | null;
  hash: string | null;
}

type Readable = { entry: Entry } | { problem: ChainProblem };

function read(raw: unknown, position: number): Readable {
  const parsed = StoredRow.safeParse(raw);
  const seqGuess = Seq.safeParse((raw as { seq?: unknown } | null)?.seq);
  const seq = seqGuess.success ? seqGuess.data : position;
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') ?? 'row';
    return { problem: { seq, kind: 'altered', message: `entry ${seq} cannot be read: its ${field} is not what the record writes` } };
  }
  const row = parsed.data;
  let data: unknown;
  try {
    data = JSON.parse(row.data);
  } catch {
    data = undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { problem: { seq, kind: 'altered', message: `entry ${seq} was altered: its data is no longer a JSON object` } };
  }
  return {
    entry: {
      seq: row.seq,
      content: { hearingId: row.hearing_id, at: row.at, actorId: row.actor_id, type: row.type, data: data as Record<string, unknown> },
      prevHash: row.prev_hash,
      hash: row.hash,
    },
  };
}

/** The hash this content would have had as entry `seq` after `prevHash`; null if it cannot be encoded. */
function hashAs(entry: Entry, seq: number, prevHash: string | null): string | null {
  if (prevHash === null) return null;
  try {
    return entryHash({ ...entry.content, seq, prevHash });
  } catch {
    return null;
  }
}

const matches = (entry: Entry, seq: number, prevHash: string | null, hash: string | null) => hash !== null && hashAs(entry, seq, prevHash) === hash;

const range = (from: number, to: number) => (from === to ? `entry ${from}` : `entries ${from}–${to}`);

/**
 * The rows of ONE hearing, as stored (snake_case columns, `data` as JSON text), in any order.
 */
export function verifyChain(hearingId: string, rows: readonly unknown[], options: { anchor?: Anchor } = {}): ChainReport {
  const entries: Entry[] = [];
  for (const [i, raw] of rows.entries()) {
    const readable = read(raw, i + 1);
    if ('problem' in readable) return { ok: false, hearingId, entries: rows.length, problem: readable.problem };
    entries.push(readable.entry);
  }
  entries.sort((a, b) => a.seq - b.seq);
  const fail = (problem: ChainProblem): ChainReport => ({ ok: false, hearingId, entries: entries.length, problem });

  let expectedSeq = 1;
  let prevHash = GENESIS;
  for (const [i, entry] of entries.entries()) {
    const k = entry.seq;
    if (entry.content.hearingId !== hearingId) {
      return fail({ seq: k, kind: 'inserted', message: `entry ${k} belongs to another hearing (${entry.content.hearingId})` });
    }
    if (k < expectedSeq) {
      return fail({ seq: k, kind: 'inserted', message: `entry ${k} appears more than once` });
    }
    if (k > expectedSeq) {
      return fail({
        seq: expectedSeq,
        kind: 'removed',
        message: `${range(expectedSeq, k - 1)} ${k - expectedSeq > 1 ? 'were' : 'was'} removed: the record goes from ${expectedSeq === 1 ? 'its start' : `entry ${expectedSeq - 1}`} to entry ${k}`,
      });
    }

    const wellFormed = entry.hash !== null && HASH_PATTERN.test(entry.hash) && entry.prevHash !== null && HASH_PATTERN.test(entry.prevHash);
    if (!wellFormed || !matches(entry, k, entry.prevHash, entry.hash)) {
      return fail(diagnoseMismatch(entries, i, prevHash, wellFormed));
    }
    if (entry.prevHash !== prevHash) {
      if (k === 1) {
        return fail({
          seq: 1,
          kind: 'altered',
          message:
            'entry 1 does not start the chain: it was written after another entry, so earlier entries were removed and the rest renumbered, or entry 1 was forged',
        });
      }
      return fail({
        seq: k - 1,
        kind: 'altered',
        message: `entry ${k - 1} is not the entry that entry ${k} was chained to: entry ${k - 1} was altered or replaced (and its hash recomputed), or entry ${k} was forged`,
      });
    }
    prevHash = entry.hash as string;
    expectedSeq = k + 1;
  }

  const last = entries.at(-1);
  if (options.anchor) {
    const { seq, hash } = options.anchor;
    const held = entries.find((e) => e.seq === seq);
    if (!held) {
      const from = (last?.seq ?? 0) + 1;
      return fail({
        seq: from,
        kind: 'removed',
        message: `${range(from, seq)} ${seq > from ? 'were' : 'was'} removed: the record ends at ${last ? `entry ${last.seq}` : 'nothing'}, but the anchor holds entry ${seq}`,
      });
    }
    if (held.hash !== hash) {
      return fail({ seq, kind: 'altered', message: `entry ${seq} is not the entry the anchor holds: the chain up to it was rewritten` });
    }
  }
  return { ok: true, hearingId, entries: entries.length, lastSeq: last?.seq ?? 0, lastHash: last?.hash ?? GENESIS };
}

/** Entry i's content does not match its hash: says why, as precisely as the other entries allow. */
function diagnoseMismatch(entries: readonly Entry[], i: number, chainedPrev: string, wellFormed: boolean): ChainProblem {
  const entry = entries[i] as Entry;
  const k = entry.seq;
  if (!wellFormed) {
    const laterWrittenHere = entries.slice(i + 1).find((o) => matches(o, k, o.prevHash, o.hash));
    if (laterWrittenHere) {
      return {
        seq: k,
        kind: 'inserted',
        message: `entry ${k} was inserted: it carries no valid hash, and the entry now numbered ${laterWrittenHere.seq} was written as entry ${k}`,
      };
    }
    return { seq: k, kind: 'altered', message: `entry ${k} carries no valid hash: it was not written by the record, or its hash was altered` };
  }
  // Only its link was changed: with the true previous hash, the content still matches.
  if (entry.prevHash !== chainedPrev && matches(entry, k, chainedPrev, entry.hash)) {
    return { seq: k, kind: 'altered', message: `entry ${k} was altered: its link to entry ${k - 1} (prev_hash) was changed` };
  }
  // Renumbered: the entry, with its own links, was written under another number.
  const maxSeq = entries.at(-1)?.seq ?? k;
  for (let s = 1; s <= maxSeq + entries.length; s++) {
    if (s === k || !matches(entry, s, entry.prevHash, entry.hash)) continue;
    // Every entry before k is in place, so an entry written earlier than k sits here only because
    // entries were added before it; one written later, because entry k moved or went.
    if (s < k) {
      return {
        seq: s,
        kind: 'inserted',
        message: `${range(s, k - 1)} ${k - s > 1 ? 'were' : 'was'} inserted: the entry now numbered ${k} was written as entry ${s}`,
      };
    }
    const writtenHere = entries.find((o) => o !== entry && matches(o, k, o.prevHash, o.hash));
    if (writtenHere) {
      return {
        seq: k,
        kind: 'reordered',
        message: `entries were reordered: entry ${k} was written as entry ${s}, and entry ${writtenHere.seq} was written as entry ${k}`,
      };
    }
    return {
      seq: k,
      kind: 'removed',
      message: `${range(k, s - 1)} ${s - k > 1 ? 'were' : 'was'} removed: the entry now numbered ${k} was written as entry ${s}`,
    };
  }
  // Its content belongs to another entry's place.
  const owner = entries.find((o) => o !== entry && o.seq !== k && matches(entry, o.seq, o.prevHash, o.hash));
  if (owner) {
    return { seq: k, kind: 'reordered', message: `entries were reordered: entry ${k} holds the content written as entry ${owner.seq}` };
  }
  // A forged entry took this number, and the genuine one was pushed further down.
  const laterWrittenHere = entries.slice(i + 1).find((o) => matches(o, k, o.prevHash, o.hash));
  if (laterWrittenHere) {
    return { seq: k, kind: 'inserted', message: `entry ${k} was inserted: the entry now numbered ${laterWrittenHere.seq} was written as entry ${k}` };
  }
  return { seq: k, kind: 'altered', message: `entry ${k} was altered: its content no longer matches the hash written with it` };
}
