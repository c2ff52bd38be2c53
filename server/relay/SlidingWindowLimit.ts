/** A charge against a SlidingWindowLimit, corrected once the real amount is known. */
export interface LimitCharge {
  settle(actual: number): void;
}

/**
 * At most `limit` units within any `windowMs` (tokens per hour, requests per minute). A limit of
 * 0 means no limit. Charges are made up front (a reservation) and settled to the real amount, so
 * two requests in flight cannot both spend the last of a budget.
 */
export class SlidingWindowLimit {
  private entries: { at: number; amount: number }[] = [];

  constructor(
    readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  get unlimited(): boolean {
    return this.limit === 0;
  }

  /** Units left in the current window (Infinity without a limit). */
  remaining(): number {
    if (this.unlimited) return Infinity;
    this.prune();
    return Math.max(0, this.limit - this.used());
  }

  /** How long until at least `amount` units are free again (0 when they are now). */
  retryAfterMs(amount = 1): number {
    if (this.unlimited) return 0;
    this.prune();
    let used = this.used();
    const now = this.now();
    for (const entry of this.entries) {
      if (this.limit - used >= amount) break;
      used -= entry.amount;
      if (this.limit - used >= amount) return Math.max(0, Math.ceil(entry.at + this.windowMs - now));
    }
    return this.limit - used >= amount ? 0 : this.windowMs;
  }

  charge(amount: number): LimitCharge {
    const entry = { at: this.now(), amount };
    if (!this.unlimited) this.entries.push(entry);
    return {
      settle(actual: number) {
        entry.amount = actual;
      },
    };
  }

  private used(): number {
    let sum = 0;
    for (const entry of this.entries) sum += entry.amount;
    return sum;
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs;
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop]!.at <= cutoff) drop++;
    if (drop > 0) this.entries.splice(0, drop);
  }
}
