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

/**
 * "run" carries a MessagePort (transferred with it): the sandbox hands it to the run's worker,
 * which reports on it straight to the app, one hop instead of two.
 */
export type ParentToSandbox =
  /** The runner's source, sent once: workers import it from a blob, never from the network. */
  | { type: 'init'; runnerSource: string }
  | { type: 'run'; runId: number; job: RunJob }
  /** Terminate the run's worker now (time limit, stop, or a newer run). */
  | { type: 'kill'; runId: number };

/** What the sandbox gives a fresh worker: its job and the port to report on. */
export interface WorkerStart {
  job: RunJob;
  port: MessagePort;
}

export type SandboxToParent =
  /** The sandbox document is listening (answer: "init"). */
  | { type: 'sandbox-loaded' }
  /** It has the runner and can take runs. */
  | { type: 'sandbox-ready' }
  /** The run's worker is gone (answer to "kill"). */
  | { type: 'killed'; runId: number }
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

/** The test that is about to run (so a run cut short can say which one it was). */
export interface TestStart {
  file: string;
  name: string;
  ancestors: string[];
  declaredAt?: BundlePosition;
}

export type WorkerMessage =
  | { type: 'output'; chunks: OutputChunk[]; droppedBytes: number }
  /** Tests that finished since the last message, and the one starting now: one message per test. */
  | { type: 'progress'; finished: RawTestResult[]; started?: TestStart }
  | { type: 'file-done'; file: string; durationMs: number; error?: RawError }
  | { type: 'tests-done' }
  | { type: 'program-done'; error?: RawError; exitCode?: number };
