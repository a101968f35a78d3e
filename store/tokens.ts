/**
 * Every join link ever issued, so that one can be revoked before it expires. The token itself is
 * never stored: only its id (the JWT `jti`) and what it grants.
 */
import { z } from 'zod';
import type { SqlExecutor } from './driver.js';

export interface IssuedToken {
  id: string;
  hearingId: string;
  participantId: string;
  issuedAt: string;
  notBefore: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedReason: string | null;
}

const TokenRow = z.object({
  id: z.string(),
  hearing_id: z.string(),
  participant_id: z.string(),
  issued_at: z.string(),
  not_before: z.string(),
  expires_at: z.string(),
  revoked_at: z.string().nullable(),
  revoked_reason: z.string().nullable(),
});

function toToken(row: unknown): IssuedToken {
  const r = TokenRow.parse(row);
  return {
    id: r.id,
    hearingId: r.hearing_id,
    participantId: r.participant_id,
    issuedAt: r.issued_at,
    notBefore: r.not_before,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
    revokedReason: r.revoked_reason,
  };
}

export function tokenRepository(db: SqlExecutor) {
  return {
    async record(token: Omit<IssuedToken, 'revokedAt' | 'revokedReason'>): Promise<void> {
      await db.run(
        `INSERT INTO join_tokens (id, hearing_id, participant_id, issued_at, not_before, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [token.id, token.hearingId, token.participantId, token.issuedAt, token.notBefore, token.expiresAt],
      );
    },
    async get(id: string): Promise<IssuedToken | null> {
      const [row] = await db.all('SELECT * FROM join_tokens WHERE id = ?', [id]);
      return row ? toToken(row) : null;
    },
    /** Revokes one link; returns false when it was unknown or already revoked. */
    async revoke(id: string, reason: string): Promise<boolean> {
      const changed = await db.run('UPDATE join_tokens SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL', [
        new Date().toISOString(),
        reason,
        id,
      ]);
      return changed > 0;
    },
    /**
     * Every link of a hearing issued before `issuedBefore` at once: the court adjourned it, and links
     * for the new date come with the new invitations (issued later, so a repeat leaves them alone).
     */
    async revokeAllOfHearing(hearingId: string, reason: string, issuedBefore: string): Promise<number> {
      return db.run('UPDATE join_tokens SET revoked_at = ?, revoked_reason = ? WHERE hearing_id = ? AND revoked_at IS NULL AND issued_at < ?', [
        new Date().toISOString(),
        reason,
        hearingId,
        issuedBefore,
      ]);
    },
    async revokeAllOf(participantId: string, reason: string): Promise<number> {
      return db.run('UPDATE join_tokens SET revoked_at = ?, revoked_reason = ? WHERE participant_id = ? AND revoked_at IS NULL', [
        new Date().toISOString(),
        reason,
        participantId,
      ]);
    },
  };
}
export type TokenRepository = ReturnType<typeof tokenRepository>;
