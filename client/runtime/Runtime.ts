import type { OutputChunk, ProgramResult, TestCaseResult, TestReport } from '../../shared/testReport.ts';

/** The workspace as a runtime sees it: path (relative, "/"-separated, no leading slash) → contents. */
export type WorkspaceFiles = Readonly<Record<string, string>>;

/** 'python' is Pyodide (client/runtime/python), which runs the workspace's Python files. */
export type RuntimeKind = 'worker' | 'webcontainer' | 'python';

export interface RunListener {
  /** Console output, in order, already batched and capped by the runtime. */
  onOutput?(chunk: OutputChunk): void;
  /** A test finished (streamed while the run goes on, for a live tests panel). */
  onTestResult?(result: TestCaseResult): void;
  /**
   * The program waits for a line of input (Python's input(); its prompt came as output just
   * before). Resolve with the line (no newline), or null for end of input. Without this, input
   * reads end of file at once.
   */
  onInputRequest?(): Promise<string | null>;
}

export interface ProgramRequest {
  files: WorkspaceFiles;
  /** The file to run, e.g. "src/main.ts". */
  entry: string;
  /** Wall-clock limit for the whole run; past it the run is killed and reported as "timeout". */
  timeoutMs?: number;
}

export interface TestRequest {
  files: WorkspaceFiles;
  /** Test files to run; all test files in the workspace when omitted. */
  testFiles?: readonly string[];
  /** Wall-clock limit for the whole run (default 30 s). */
  timeoutMs?: number;
  /** Default per-test timeout (default 5 s); a test may pass its own. */
  testTimeoutMs?: number;
}

/**
 * Where user code runs. Every implementation passes the runtime contract suite (e2e/runtimeContract).
 *
 * One run at a time: starting a run while another is going stops the old one first (its promise
 * resolves with status "stopped"). Promises never reject for problems in user code; they resolve
 * with a result that says what went wrong. They reject only if the runtime itself is broken.
 */
export interface Runtime {
  readonly kind: RuntimeKind;
  /** Resolves when the runtime can take a run. Rejects (with a reason) if it cannot boot. */
  ready(): Promise<void>;
  run(request: ProgramRequest, listener?: RunListener): Promise<ProgramResult>;
  test(request: TestRequest, listener?: RunListener): Promise<TestReport>;
  /** Stops the current run, if any; resolves once the runtime is ready for the next one. */
  stop(): Promise<void>;
  /** Frees workers, iframes, processes. The runtime is unusable after. */
  dispose(): Promise<void>;
}

/** Default limits shared by every runtime. */
export const RUNTIME_DEFAULTS = {
  programTimeoutMs: 10_000,
  testRunTimeoutMs: 30_000,
  testTimeoutMs: 5_000,
  /** Console output kept per run; the rest is counted and reported in one "system" line. */
  maxOutputBytes: 1_000_000,
} as const;
