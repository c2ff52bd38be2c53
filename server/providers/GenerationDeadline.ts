/**
 * The abort signal a generation hands its upstream: it fires when the caller cancels, or when a
 * re-armable deadline passes (no first token in time, silence for too long). `timedOut` holds
 * the deadline's message once it fired, so the caller can tell a timeout from a cancel.
 *
 * Re-arming is cheap (two fields and a clock read), because a stream re-arms on every read: the
 * one timer is only replaced when a deadline moves earlier; when it fires early it looks at the
 * deadline as it is now and waits out the rest.
 */
export class GenerationDeadline {
  readonly #controller = new AbortController();
  readonly #callerSignal: AbortSignal;
  readonly #now: () => number;
  readonly #onCancel = () => this.#controller.abort();
  #timer: NodeJS.Timeout | undefined;
  /** When the running timer fires, on `#now`'s clock. */
  #firesAt = 0;
  #deadline = 0;
  #message = '';
  #timedOut: string | undefined;
  #disposed = false;

  /** `now` is the clock deadlines are measured on (milliseconds); tests pass their own. */
  constructor(callerSignal: AbortSignal, now: () => number = () => performance.now()) {
    this.#callerSignal = callerSignal;
    this.#now = now;
    if (callerSignal.aborted) this.#controller.abort();
    else callerSignal.addEventListener('abort', this.#onCancel, { once: true });
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** The message of the deadline that fired, if one did. */
  get timedOut(): string | undefined {
    return this.#timedOut;
  }

  /** Replaces any earlier deadline: abort in `ms` with `message` unless armed again first. */
  arm(ms: number, message: string): void {
    if (this.#disposed || this.#timedOut !== undefined) return;
    this.#deadline = this.#now() + ms;
    this.#message = message;
    if (this.#timer === undefined || this.#deadline < this.#firesAt) this.#schedule(ms);
  }

  /** Stops the timer, lets go of the caller's signal and aborts (a no-op for a finished call). */
  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#callerSignal.removeEventListener('abort', this.#onCancel);
    this.#controller.abort();
  }

  #schedule(ms: number): void {
    clearTimeout(this.#timer);
    this.#firesAt = this.#now() + ms;
    this.#timer = setTimeout(this.#fire, ms);
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    if (this.#disposed) return;
    const left = this.#deadline - this.#now();
    // Re-armed since this timer was set: the deadline moved later.
    if (left > 0) {
      this.#schedule(left);
      return;
    }
    this.#timedOut = this.#message;
    this.#controller.abort();
  };
}
