/**
 * Signed minutes, kept as the exact bytes that were signed. Written once per version and never
 * changed (the database refuses UPDATE and DELETE); the record's `minutes.signed` entry holds the
 * SHA-256 that ties each row to the chain.
 */
import { z } from 'zod';
import type { SqlExecutor } from './driver.js';

export interface SignedMinutesRow {
  hearingId: string;
  sha256: string;
  /** The canonical JSON of the minutes, exactly as signed. */
  minutes: string;
  /** Ed25519, base64. */
  signature: string;
  keyId: string;
  publicKeyPem: string;
  signedAt: string;
}

const Row = z.object({
  hearing_id: z.string(),
  sha256: z.string(),
  minutes: z.string(),
  signature: z.string(),
  key_id: z.string(),
  public_key: z.string(),
  signed_at: z.string(),
});

function toSigned(row: unknown): SignedMinutesRow {
  const r = Row.parse(row);
  return {
    hearingId: r.hearing_id,
    sha256: r.sha256,
    minutes: r.minutes,
    signature: r.signature,
    keyId: r.key_id,
    publicKeyPem: r.public_key,
    signedAt: r.signed_at,
  };
}

export function minutesRepository(db: SqlExecutor) {
  return {
    /** Keeps a signed version; signing the same minutes again keeps the first copy. */
    async save(signed: SignedMinutesRow): Promise<void> {
      await db.run(
        `INSERT INTO signed_minutes (hearing_id, sha256, minutes, signature, key_id, public_key, signed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hearing_id, sha256) DO NOTHING`,
        [signed.hearingId, signed.sha256, signed.minutes, signed.signature, signed.keyId, signed.publicKeyPem, signed.signedAt],
      );
    },
    async get(hearingId: string, sha256: string): Promise<SignedMinutesRow | null> {
      const [row] = await db.all('SELECT * FROM signed_minutes WHERE hearing_id = ? AND sha256 = ?', [hearingId, sha256]);
      return row ? toSigned(row) : null;
    },
  };
}
export type MinutesRepository = ReturnType<typeof minutesRepository>;
