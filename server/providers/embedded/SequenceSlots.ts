/**
 * A counting semaphore with a FIFO queue of waiters: at most `size` generations hold a slot
 * (a context sequence) at once; the rest wait in arrival order. A waiter whose signal aborts
 * leaves the queue at once.
 */
export class SequenceSlots {
  private free: number;
  private readonly waiters: { grant: () => void }[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`SequenceSlots: size must be a positive integer, got ${size}`);
    this.free = size;
  }

  /** Generations waiting for a slot. */
  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves true once a slot is held (call `release` later), or false if `signal` aborted first. */
  acquire(signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    if (this.free > 0) {
      this.free--;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const waiter = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          resolve(true);
        },
      };
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        resolve(false);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Hands the slot to the longest waiter, or frees it. */
  release(): void {
    const next = this.waiters.shift();
    if (next) next.grant();
    else this.free = Math.min(this.size, this.free + 1);
  }
}
