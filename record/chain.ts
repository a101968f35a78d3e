/**
 * The hash chain of a hearing's record, as pure functions: the canonical encoding of an entry and its
 * SHA-256. The store computes each entry's hash with these when it appends; the verifier recomputes
 * them from the rows as stored. Nothing here touches a database, so anyone can re-implement it.
 *
 * Canonical encoding (RFC 8785 "JCS" for the values the record holds):
 * - JSON with no whitespace; object keys sorted by UTF-16 code units (JavaScript's default sort);
 *   properties whose value is `undefined` are omitted, as JSON.stringify omits them;
 * - strings escaped exactly as JSON.stringify escapes them; numbers written as JSON.stringify writes
 *   them (shortest round-trip form); non-finite numbers, `undefined` inside arrays, functions, bigints
 *   and objects that are not plain (dates, maps) are refused rather than silently changed;
 * - the text is hashed as UTF-8.
 *
 * An entry's hash covers exactly these fields, and nothing else:
 *   { actorId, at, data, hearingId, prevHash, seq, type }
 * `prevHash` is the previous entry's hash, or GENESIS (64 zeros) for entry 1. Changing, removing,
 * inserting or reordering any entry therefore changes a hash that a later entry (or a signed copy of
 * the last one, in the minutes) still holds.
 */
import { createHash } from 'node:crypto';

/** The prevHash of a hearing's first entry. */
export const GENESIS = '0'.repeat(64);

export const HASH_PATTERN = /^[0-9a-f]{64}$/;

export interface ChainedContent {
  hearingId: string;
  seq: number;
  /** ISO 8601 instant, as written. */
  at: string;
  actorId: string | null;
  type: string;
  data: Record<string, unknown>;
  prevHash: string;
}

export class CanonicalEncodingError extends Error {
  override name = 'CanonicalEncodingError';
}

/** The one canonical JSON text of a value, or an error naming where it cannot be encoded. */
export function canonicalJson(value: unknown): string {
  return encode(value, '$');
}

function encode(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalEncodingError(`${path}: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        return `[${value
          .map((item, i) => {
            if (item === undefined) throw new CanonicalEncodingError(`${path}[${i}]: undefined has no JSON form`);
            return encode(item, `${path}[${i}]`);
          })
          .join(',')}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new CanonicalEncodingError(`${path}: only plain objects can be encoded, not ${proto?.constructor?.name ?? 'this object'}`);
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((key) => record[key] !== undefined)
        .sort();
      return `{${keys.map((key) => `${JSON.stringify(key)}:${encode(record[key], `${path}.${key}`)}`).join(',')}}`;
    }
    default:
      throw new CanonicalEncodingError(`${path}: a ${typeof value} has no JSON form`);
  }
}

export function sha256Hex(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The canonical text an entry's hash is computed over. */
export function canonicalEntry(entry: ChainedContent): string {
  const { hearingId, seq, at, actorId, type, data, prevHash } = entry;
  return canonicalJson({ hearingId, seq, at, actorId, type, data, prevHash });
}

export function entryHash(entry: ChainedContent): string {
  return sha256Hex(canonicalEntry(entry));
}

/**
 * The commitment an entry holds in place of a personal value (model/events.ts `PERSONAL_FIELDS`):
 * SHA-256 of the value's random salt (hex), a colon, and the value's canonical JSON. Given the salt
 * and the value, anyone checks it; without them (erased), it reveals nothing, not even a guessable name.
 */
export function personalCommitment(salt: string, canonicalValue: string): string {
  return sha256Hex(`${salt}:${canonicalValue}`);
}
