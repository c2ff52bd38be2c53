/**
 * The abort signal a generation hands its upstream: it fires when the caller cancels, or when a
 * re-armable deadline passes (no first token in time, silence for too long). `timedOut` holds
 * the deadline's message once it fired, so the caller can tell a timeout from a cancel.
 */
export class GenerationDeadline {
  readonly #controller = new AbortController();
  readonly #callerSignal: AbortSignal;
  readonly #onCancel = () => this.#controller.abort();
  #timer: NodeJS.Timeout | undefined;
  #timedOut: string | undefined;

  constructor(callerSignal: AbortSignal) {
    this.#callerSignal = callerSignal;
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
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timedOut = message;
      this.#controller.abort();
    }, ms);
  }

  /** Stops the timer, lets go of the caller's signal and aborts (a no-op for a finished call). */
  dispose(): void {
    clearTimeout(this.#timer);
    this.#callerSignal.removeEventListener('abort', this.#onCancel);
    this.#controller.abort();
  }
}
