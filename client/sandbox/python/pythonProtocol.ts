import type { Diagnostic, OutputChunk, SourceLocation, TestCaseResult, TestError } from '../../../shared/testReport.ts';

/**
 * Messages between the app's Python runtime, the sandbox document (sandbox.html, in Python mode)
 * and the one long-lived Pyodide worker it hosts. Unlike the JavaScript runtime's fresh worker per
 * run, the interpreter is kept warm between runs; a run is stopped through Pyodide's interrupt
 * buffer when the sandbox is cross-origin isolated, and by terminating and booting again
 * otherwise. Everything coming back is parsed by the app (pythonMessageSchema.ts).
 */

/** Pyodide's files, fetched by the app from our origin (the sandbox may not fetch anything). */
export interface PythonAssets {
  /** pyodide.mjs, the loader. */
  loader: string;
  /** pyodide.asm.mjs, the Emscripten glue. */
  glue: string;
  /** pyodide.asm.wasm. */
  wasm: ArrayBuffer;
  /** python_stdlib.zip. */
  stdlib: ArrayBuffer;
  /** pyodide-lock.json, as text. */
  lock: string;
}

/** Sent once to the sandbox window, with the control port transferred alongside. */
export interface PythonInit {
  type: 'python-init';
  /** The runner module's source (the bundled pythonRunner.worker.ts). */
  runnerSource: string;
  assets: PythonAssets;
  /** Use the interrupt buffer when the sandbox is cross-origin isolated; false forces terminate-and-reboot. */
  interruptible: boolean;
}

export type PythonJob =
  | { kind: 'program'; entry: string; files: Record<string, string>; maxOutputBytes: number }
  | { kind: 'test'; testFiles: string[]; files: Record<string, string>; maxOutputBytes: number };

/** App → sandbox document, over the control port. */
export type PythonControl =
  | { type: 'run'; runId: number; job: PythonJob }
  /** Stop the run: KeyboardInterrupt through the interrupt buffer, or terminate and boot again. */
  | { type: 'interrupt'; runId: number }
  /** A line for input() (without its newline), or null for end of input. */
  | { type: 'stdin'; runId: number; text: string | null }
  /** Terminate the interpreter and boot a fresh one (it did not answer an interrupt). */
  | { type: 'restart' };

/** The sandbox document → app, over the control port. */
export type PythonSandboxEvent =
  | { type: 'booting'; interruptible: boolean }
  | { type: 'ready'; bootMs: number; interruptible: boolean; version: string }
  | { type: 'boot-failed'; message: string }
  /** The worker died (it was terminated to stop a run, or crashed); a new one boots at once. */
  | { type: 'worker-gone'; runId?: number; message: string }
  | { type: 'worker'; message: PythonWorkerMessage };

/** A test about to run: if the run is cut short, this is the one that was running. */
export interface PythonTestStart {
  file: string;
  name: string;
  ancestors: string[];
  location?: SourceLocation;
}

/** Pyodide worker → sandbox document (relayed unchanged to the app). */
export type PythonWorkerMessage =
  | { type: 'ready'; bootMs: number; version: string }
  | { type: 'boot-failed'; message: string }
  | { type: 'output'; runId: number; chunks: OutputChunk[]; droppedBytes: number }
  /** input() waits for a line; its prompt was sent as output just before. */
  | { type: 'stdin-request'; runId: number }
  | { type: 'test-started'; runId: number; test: PythonTestStart }
  | { type: 'test-result'; runId: number; result: TestCaseResult }
  | { type: 'file-done'; runId: number; file: string; durationMs: number; error?: TestError }
  | { type: 'tests-done'; runId: number; diagnostics: Diagnostic[]; interrupted: boolean }
  | { type: 'program-done'; runId: number; status: 'ok' | 'error' | 'build-error' | 'stopped'; error?: TestError; diagnostics: Diagnostic[]; exitCode?: number };

/** Shared memory layout for input(): [0] state, [1] byte length; bytes follow from STDIN_DATA_OFFSET. */
export const STDIN_STATE = { waiting: 0, line: 1, eof: 2 } as const;
export const STDIN_DATA_OFFSET = 8;
export const STDIN_BUFFER_BYTES = 64 * 1024;
