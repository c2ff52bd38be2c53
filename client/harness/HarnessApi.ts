import type { OutputChunk, ProgramResult, TestCaseResult, TestReport } from '../../shared/testReport.ts';
import type { ProgramRequest, RuntimeKind, TestRequest } from '../runtime/Runtime.ts';

/** Options for the runtime the harness creates. */
export interface HarnessRuntimeOptions {
  /** WebContainer only: how long booting may take before ready() gives up. */
  bootTimeoutMs?: number;
  /** Python only: how Stop ends a run ('terminate' takes the path of a page without cross-origin isolation). */
  stopBy?: 'auto' | 'terminate';
}

/** How ready() went: never a thrown error, so a Playwright test can read the reason. */
export type HarnessReadiness = { ok: true; bootMs: number } | { ok: false; reason: string };

/** What a run streamed so far. Times are milliseconds since the run started. */
export interface HarnessTrace {
  output: OutputChunk[];
  /** When each chunk of `output` arrived (same index). */
  outputAtMs: number[];
  /** Test results streamed through onTestResult, in arrival order. */
  testResults: TestCaseResult[];
  /** How many times the program asked for a line of input (answer with answerInput). */
  inputRequests: number;
  /** Set once the run's promise settled. */
  endedAtMs?: number;
}

/** The end of a run: the runtime's result, or the message it rejected with (a broken runtime). */
export type HarnessOutcome =
  | { kind: 'program'; result: ProgramResult }
  | { kind: 'test'; report: TestReport }
  | { kind: 'rejected'; message: string };

/**
 * What harness.html puts on `window.pairlaneHarness`, for Playwright (the runtime contract suite)
 * and the `pairlane test` CLI. Everything it takes and returns is plain data, so it crosses
 * `page.evaluate` unchanged.
 */
export interface HarnessApi {
  /** Creates the runtime of this kind; a runtime created before is disposed first. */
  create(kind: RuntimeKind, options?: HarnessRuntimeOptions): Promise<void>;
  /** The current runtime's ready(), timed; resolves with the reason instead of rejecting. */
  ready(): Promise<HarnessReadiness>;
  /** Starts a program run and returns its id at once; watch it with trace() and outcome(). */
  startRun(request: ProgramRequest): number;
  /** Starts a test run and returns its id at once. */
  startTest(request: TestRequest): number;
  /** What the run has streamed so far (a copy). */
  trace(id: number): HarnessTrace;
  /** Waits for the run to end. */
  outcome(id: number): Promise<HarnessOutcome>;
  /** startRun + outcome, with the full trace. */
  run(request: ProgramRequest): Promise<{ outcome: HarnessOutcome; trace: HarnessTrace }>;
  /** startTest + outcome, with the full trace. */
  test(request: TestRequest): Promise<{ outcome: HarnessOutcome; trace: HarnessTrace }>;
  /** Answers the run's pending input request (a line, or null for end of input). */
  answerInput(id: number, text: string | null): void;
  /** The runtime's stop(). */
  stop(): Promise<void>;
  /** Disposes the current runtime. */
  dispose(): Promise<void>;
}

declare global {
  interface Window {
    /** Set by harness.html once its API is usable. */
    pairlaneHarness?: HarnessApi;
  }
}
