export interface RunControlOptions {
  timeoutMs: number;
  /** Called when the time limit passes (the run decides how to report it, then calls end()). */
  onTimeout(): void;
  /** Called once, when the run ends whichever way: free its worker, flush its output. */
  onEnd(): void;
}

/**
 * The bookkeeping every run shares: its time limit, and ending exactly once, whether it
 * finished, failed, passed its limit, was stopped, or the runtime broke under it.
 */
export class RunControl {
  private ended = false;
  private readonly timer: ReturnType<typeof setTimeout>;

  constructor(private readonly options: RunControlOptions) {
    this.timer = setTimeout(() => options.onTimeout(), options.timeoutMs);
  }

  get isOver(): boolean {
    return this.ended;
  }

  /** Ends the run; false if it had ended already (the caller must not report it twice). */
  end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    clearTimeout(this.timer);
    this.options.onEnd();
    return true;
  }
}
