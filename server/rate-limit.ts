/**
 * Failed sign-ins counted per key (an account, an address) in a fixed window. Kept in memory: one
 * process holds the sign-in endpoint; a restart forgets, which costs an attacker nothing they would
 * not get by waiting out the window.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 when it may try now. */
  retryAfter(key: string): number {
    const entry = this.failures.get(key);
    if (!entry || entry.resetAt <= this.now()) return 0;
    return entry.count >= this.max ? Math.ceil((entry.resetAt - this.now()) / 1000) : 0;
  }

  fail(key: string): void {
    const entry = this.failures.get(key);
    if (!entry || entry.resetAt <= this.now()) this.failures.set(key, { count: 1, resetAt: this.now() + this.windowMs });
    else entry.count++;
    if (this.failures.size > 100_000) this.sweep();
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private sweep(): void {
    for (const [key, entry] of this.failures) if (entry.resetAt <= this.now()) this.failures.delete(key);
  }
}
