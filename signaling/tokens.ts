/**
 * Personal join links. A link carries a short-lived JWT (HS256) naming the hearing, the participant
 * and the role; the server also keeps each token's id so that a link can be revoked before it
 * expires. Verification accepts HS256 only, so an unsigned (`alg: none`) or re-signed token fails.
 */
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { ROLES, isJoinable, type Hearing, type Participant } from '../scheduling/index.js';
import type { Store } from '../store/index.js';
import { UserError } from './errors.js';

const ISSUER = 'hearing-room';
const AUDIENCE = 'hearing-room/join';

const Claims = z.object({
  hid: z.string().uuid(),
  sub: z.string().uuid(),
  role: z.enum(ROLES),
  jti: z.string().uuid(),
  exp: z.number().int(),
  nbf: z.number().int(),
});

/** How a link withdrawn by an adjournment is marked (signaling/adjournment.ts): an old link opening the hearing is told why. */
export const ADJOURNED_LINKS = 'the court adjourned the hearing';

export interface VerifiedJoin {
  hearing: Hearing;
  participant: Participant;
  tokenId: string;
  expiresAt: Date;
}

function when(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How long after its expiry a link still opens the hearing's record and minutes (not the hearing): 72 hours. */
export const RECORD_GRACE_SECONDS = 72 * 3600;

export class JoinTokens {
  constructor(
    private readonly secret: string,
    private readonly store: Store,
  ) {
    if (secret.length < 32) throw new Error('token secret: must be at least 32 characters');
  }

  /** Issues a link for one participant, valid from `notBefore` until `expiresAt`, and records it. */
  async issue(participant: Participant, validity: { notBefore: Date; expiresAt: Date }): Promise<{ token: string; tokenId: string }> {
    const tokenId = randomUUID();
    const token = jwt.sign(
      {
        hid: participant.hearingId,
        role: participant.role,
        nbf: Math.floor(validity.notBefore.getTime() / 1000),
        exp: Math.floor(validity.expiresAt.getTime() / 1000),
      },
      this.secret,
      { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, subject: participant.id, jwtid: tokenId },
    );
    await this.store.tokens.record({
      id: tokenId,
      hearingId: participant.hearingId,
      participantId: participant.id,
      issuedAt: new Date().toISOString(),
      notBefore: validity.notBefore.toISOString(),
      expiresAt: validity.expiresAt.toISOString(),
    });
    return { token, tokenId };
  }

  /**
   * Checks a link for the hearing the page is on (`forRecord`: for reading the record of a hearing
   * that may have closed, rather than for joining it). Throws a UserError whose message tells the person
   * what to do; never says more than they need (no signature details, no other hearing's name).
   */
  async verify(token: string, expectedHearingId?: string, options: { forRecord?: boolean } = {}): Promise<VerifiedJoin> {
    let decoded: unknown;
    try {
      // The record outlives the slot: the judge and the officer sign the minutes after a hearing that
      // ran over, so a link keeps opening the record (never the hearing) for a while after it expires.
      const clockTolerance = options.forRecord ? RECORD_GRACE_SECONDS : 0;
      decoded = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE, clockTolerance });
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) {
        throw new UserError('token_expired', `This link expired at ${when(error.expiredAt)}. Ask the court for a new one.`);
      }
      if (error instanceof jwt.NotBeforeError) {
        throw new UserError('token_not_yet_valid', `This link opens at ${when(error.date)}. Please come back then.`);
      }
      throw new UserError('token_invalid', 'This link is not valid. Check that you copied all of it, or ask the court for a new one.');
    }
    const claims = Claims.safeParse(decoded);
    if (!claims.success) {
      throw new UserError('token_invalid', 'This link is not valid. Check that you copied all of it, or ask the court for a new one.');
    }
    const { hid, sub, role, jti, exp } = claims.data;
    if (expectedHearingId !== undefined && hid !== expectedHearingId) {
      throw new UserError('wrong_hearing', 'This link belongs to another hearing. Use the link you received for this one.');
    }
    const issued = await this.store.tokens.get(jti);
    if (!issued || issued.participantId !== sub || issued.hearingId !== hid) {
      throw new UserError('token_invalid', 'This link is not valid. Check that you copied all of it, or ask the court for a new one.');
    }
    if (issued.revokedAt !== null) {
      // A link of an adjourned sitting: the person is told the hearing goes on, on a date to come.
      if (issued.revokedReason === ADJOURNED_LINKS) {
        throw new UserError('hearing_adjourned', 'The court adjourned this hearing to a new date. You will receive a new invitation with a new link.');
      }
      throw new UserError('token_revoked', 'This link has been withdrawn by the court. Ask the court for a new one.');
    }
    const [hearing, participant] = await Promise.all([this.store.hearings.get(hid), this.store.participants.get(sub)]);
    if (!hearing || !participant || participant.hearingId !== hid || participant.role !== role) {
      throw new UserError('token_invalid', 'This link is not valid. Check that you copied all of it, or ask the court for a new one.');
    }
    // A closed hearing cannot be joined, but its judicial authorities still read and sign its record.
    if (!isJoinable(hearing.status) && !(options.forRecord && (hearing.status === 'closed' || hearing.status === 'minutes_transmitted'))) {
      throw new UserError('hearing_not_open', 'This hearing is not open for joining. Contact the court.');
    }
    return { hearing, participant, tokenId: jti, expiresAt: new Date(exp * 1000) };
  }
}
