import type { RawTestResult, TestStart } from '../sandboxProtocol.ts';
import type { WorkerEnv } from './WorkerEnv.ts';

/** How long a finished test may wait for the next one to start before it is sent on its own. */
const IDLE_FLUSH_MS = 16;

/**
 * Test progress leaving the worker, one message per test: the results that finished ride along
 * with the announcement of the test that starts next. The announcement itself is never held
 * back: if that test spins forever, the app must know which one it was.
 */
export class ProgressReporter {
  private finished: RawTestResult[] = [];
  private cancelTimer?: () => void;

  constructor(private readonly env: WorkerEnv) {}

  start(test: TestStart): void {
    this.send(test);
  }

  finish(result: RawTestResult): void {
    this.finished.push(result);
    this.cancelTimer ??= this.env.setTimer(() => {
      this.cancelTimer = undefined;
      this.flush();
    }, IDLE_FLUSH_MS);
  }

  /** Sends finished results now (before a file is reported done). */
  flush(): void {
    if (this.finished.length > 0) this.send(undefined);
  }

  private send(started: TestStart | undefined): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    // Console output of the finished tests goes first, so it lands before their results.
    this.env.output.flush();
    this.env.post({ type: 'progress', finished: this.finished, ...(started ? { started } : {}) });
    this.finished = [];
  }
}
