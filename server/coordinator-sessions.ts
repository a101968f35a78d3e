/**
 * Coordinator sign-in: password checked against its scrypt hash, failures limited per account and per
 * address, and a session whose random id lives only in an HttpOnly, SameSite=Strict cookie (Secure
 * behind HTTPS); the store keeps its SHA-256, so a copy of the database opens no session.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { DECOY_HASH, SchedulingError, said, verifyPassword, type Actor, type Coordinator } from '../scheduling/index.js';
import type { Store } from '../store/index.js';
import { FailureLimiter } from './rate-limit.js';

export const SESSION_COOKIE = 'hr_coordinator';
const SESSION_HOURS = 12;
const WINDOW_MS = 15 * 60_000;

const hash = (value: string) => createHash('sha256').update(value).digest('hex');

export class CoordinatorSessions {
  private readonly perAccount: FailureLimiter;
  private readonly perAddress: FailureLimiter;

  constructor(
    private readonly store: Store,
    private readonly secureCookies: boolean,
    /** With several servers: the count of failures is the service's, in its Redis. */
    shared?: ConstructorParameters<typeof FailureLimiter>[3],
    /** Told of every refused sign-in, for the operator's metrics. */
    private readonly refused: (reason: 'wrong_password' | 'too_many_attempts') => void = () => undefined,
  ) {
    this.perAccount = new FailureLimiter('sign-in-account', 5, WINDOW_MS, shared);
    this.perAddress = new FailureLimiter('sign-in-address', 20, WINDOW_MS, shared);
  }

  /** Signs in and sets the cookie; the same refusal for an unknown e-mail and a wrong password. */
  async signIn(email: string, password: string, address: string, res: Response): Promise<Coordinator> {
    const wait = Math.max(await this.perAccount.retryAfter(email), await this.perAddress.retryAfter(address));
    if (wait > 0) {
      res.setHeader('Retry-After', String(wait));
      this.refused('too_many_attempts');
      throw new SchedulingError('too_many_attempts', said('api.tooManySignIns', { minutes: Math.ceil(wait / 60) }));
    }
    const found = await this.store.authorities.coordinatorByEmail(email);
    const ok = await verifyPassword(password, found?.passwordHash ?? DECOY_HASH);
    if (!found || !ok) {
      await Promise.all([this.perAccount.fail(email), this.perAddress.fail(address)]);
      this.refused('wrong_password');
      throw new SchedulingError('unauthenticated', said('api.wrongPassword'));
    }
    await this.perAccount.succeed(email);
    const sessionId = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
    await this.store.authorities.createSession(hash(sessionId), found.id, expiresAt.toISOString());
    res.cookie(SESSION_COOKIE, sessionId, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.secureCookies,
      path: '/',
      expires: expiresAt,
    });
    const { passwordHash: _hidden, ...coordinator } = found;
    return coordinator;
  }

  async signOut(req: Request, res: Response): Promise<void> {
    const id = sessionIdOf(req);
    if (id) await this.store.authorities.deleteSession(hash(id));
    res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: this.secureCookies });
  }

  /** The signed-in coordinator, or a 401 refusal. */
  async actor(req: Request): Promise<Actor & { coordinator: Coordinator }> {
    const id = sessionIdOf(req);
    const coordinator = id ? await this.store.authorities.sessionCoordinator(hash(id), new Date().toISOString()) : null;
    if (!coordinator) throw new SchedulingError('unauthenticated', said('api.signIn'));
    return { coordinatorId: coordinator.id, authorityId: coordinator.authorityId, coordinator };
  }
}

/** The session cookie, read without a cookie library: one name, base64url value. */
function sessionIdOf(req: Request): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === SESSION_COOKIE && value && /^[A-Za-z0-9_-]{43}$/.test(value)) return value;
  }
  return null;
}
