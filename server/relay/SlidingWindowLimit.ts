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
  private entries: { at: number; amount: number; counted: boolean }[] = [];
  /** Sum of the entries' amounts, kept as they change: a room's window may hold many thousands. */
  private total = 0;

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
    return Math.max(0, this.limit - this.total);
  }

  /** How long until at least `amount` units are free again (0 when they are now). */
  retryAfterMs(amount = 1): number {
    if (this.unlimited) return 0;
    this.prune();
    let used = this.total;
    const now = this.now();
    for (const entry of this.entries) {
      if (this.limit - used >= amount) break;
      used -= entry.amount;
      if (this.limit - used >= amount) return Math.max(0, Math.ceil(entry.at + this.windowMs - now));
    }
    return this.limit - used >= amount ? 0 : this.windowMs;
  }

  charge(amount: number): LimitCharge {
    if (this.unlimited) return { settle() {} };
    const entry = { at: this.now(), amount, counted: true };
    this.entries.push(entry);
    this.total += amount;
    return {
      settle: (actual: number) => {
        // An entry that has aged out of the window no longer counts, whatever it settles to.
        if (entry.counted) this.total += actual - entry.amount;
        entry.amount = actual;
      },
    };
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs;
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop]!.at <= cutoff) {
      const entry = this.entries[drop++]!;
      entry.counted = false;
      this.total -= entry.amount;
    }
    if (drop > 0) this.entries.splice(0, drop);
  }
}
