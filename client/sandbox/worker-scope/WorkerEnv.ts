import type { RawError, WorkerMessage } from '../sandboxProtocol.ts';
import type { BundleLoader } from './BundleLoader.ts';
import type { OutputSink } from './OutputSink.ts';

/** What a job needs from the user-code worker, captured before any user code ran. */
export interface WorkerEnv {
  scope: typeof globalThis;
  post(message: WorkerMessage): void;
  loader: BundleLoader;
  output: OutputSink;
  /** Real timers (user code may replace the global ones, fake timers certainly do). */
  setTimer(fn: () => void, ms: number): () => void;
  now(): number;
  serializeError(error: unknown): RawError;
  /** Errors nobody caught (a throw in a timer, an unhandled rejection) go here. */
  onUncaught(handler: (error: unknown) => void): void;
}
