import type { RelayClock } from './RelayClock.ts';

export interface BatchCoalescerOptions {
  /** How long text may wait for more before it is sent (asked each time text starts to wait, when a function). */
  flushMs: number | (() => number);
  /** Pending text this long is sent at once. */
  maxChars: number;
}

/**
 * Joins streamed text into sequence-numbered batches, so a model at 5,000 tokens/s does not mean
 * 5,000 socket messages. The first text goes out at once (time to first token is what a person
 * feels); later text waits at most `flushMs` for company, or goes when `maxChars` is reached.
 */
export class BatchCoalescer {
  private pending = '';
  private seq = 0;
  private timer: unknown;
  private timerSet = false;

  constructor(
    private readonly send: (seq: number, text: string) => void,
    private readonly options: BatchCoalescerOptions,
    private readonly clock: RelayClock,
  ) {}

  /** The seq the next batch (or the done message after the last batch) gets. */
  get nextSeq(): number {
    return this.seq;
  }

  push(text: string): void {
    if (text === '') return;
    this.pending += text;
    if (this.seq === 0 || this.pending.length >= this.options.maxChars) this.flush();
    else if (!this.timerSet) {
      this.timerSet = true;
      this.timer = this.clock.setTimeout(() => {
        this.timerSet = false;
        this.flush();
      }, typeof this.options.flushMs === 'number' ? this.options.flushMs : this.options.flushMs());
    }
  }

  /** Sends what is pending now. */
  flush(): void {
    this.stopTimer();
    if (this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    this.send(this.seq++, text);
  }

  /** Drops what is pending and sends nothing more (a cancelled request). */
  discard(): void {
    this.stopTimer();
    this.pending = '';
  }

  private stopTimer(): void {
    if (!this.timerSet) return;
    this.timerSet = false;
    this.clock.clearTimeout(this.timer);
  }
}
