import type { OutputChunk, TestStatus } from '../../shared/testReport.ts';
import type { BundlePosition } from './bundleUrl.ts';

/**
 * Messages between the app (the worker runtime), the sandbox iframe, and the user-code worker the
 * iframe starts for each run. The app validates everything that comes back (see
 * sandboxMessageSchema.ts): it all passes through code the user controls.
 */

/** One bundle, loaded by the user-code worker as an ES module. `id` names it in stack traces. */
export interface BundleModule {
  id: number;
  /** The workspace file it was built from (a program entry or a test file). */
  file: string;
  code: string;
}

export type RunJob =
  | { kind: 'program'; entry: BundleModule; maxOutputBytes: number }
  | { kind: 'test'; files: BundleModule[]; testTimeoutMs: number; maxOutputBytes: number };

export type ParentToSandbox =
  | { type: 'run'; runId: number; job: RunJob }
  /** Terminate the run's worker now (time limit, stop, or a newer run). */
  | { type: 'kill'; runId: number };

export type SandboxToParent =
  | { type: 'sandbox-ready' }
  /** The run's worker is gone (answer to "kill"). */
  | { type: 'killed'; runId: number }
  | { type: 'worker-message'; runId: number; message: WorkerMessage }
  /** The worker died without saying why (it failed to start, or the browser killed it). */
  | { type: 'worker-failed'; runId: number; message: string };

/** An error as it leaves the worker: plain data, stack frames still in bundle positions. */
export interface RawError {
  name?: string;
  message: string;
  stack?: string;
  diff?: string;
  expected?: string;
  actual?: string;
}

export interface RawTestResult {
  file: string;
  name: string;
  ancestors: string[];
  status: TestStatus;
  durationMs: number;
  error?: RawError;
  declaredAt?: BundlePosition;
}

export type WorkerMessage =
  | { type: 'output'; chunks: OutputChunk[]; droppedBytes: number }
  | { type: 'test-start'; file: string; name: string; ancestors: string[]; declaredAt?: BundlePosition }
  | { type: 'test-result'; result: RawTestResult }
  | { type: 'file-done'; file: string; durationMs: number; error?: RawError }
  | { type: 'tests-done' }
  | { type: 'program-done'; error?: RawError; exitCode?: number };
