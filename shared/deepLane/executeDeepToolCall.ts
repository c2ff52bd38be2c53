import type { OutputChunk, ProgramResult, TestReport } from '../testReport.ts';
import { describeProgramRun } from './describeProgramRun.ts';
import { describeTestRun } from './describeTestRun.ts';
import type { DeepToolOutcome } from './DeepToolOutcome.ts';
import { executeFileTool, isFileToolCall } from './executeFileTool.ts';
import type { DeepToolCall } from './protocol.ts';
import type { WorkspaceOverlay } from './WorkspaceOverlay.ts';

/**
 * The part of the client's runtime the deep lane uses (client/runtime/Runtime.ts satisfies it):
 * runs over the overlay's files, never the workspace's.
 */
export interface DeepToolRuntime {
  test(request: { files: Readonly<Record<string, string>>; testFiles?: readonly string[]; timeoutMs?: number }): Promise<TestReport>;
  run(
    request: { files: Readonly<Record<string, string>>; entry: string; timeoutMs?: number },
    listener?: { onOutput?(chunk: OutputChunk): void },
  ): Promise<ProgramResult>;
}

/**
 * Runs one `tool-call` of a deep task as the client that started it must: file tools against the
 * staged overlay, run_tests and run_program in the runtime over the overlay's files, each within
 * `timeoutMs`. Never rejects: a runtime that throws is an `error` outcome the model reads.
 */
export async function executeDeepToolCall(overlay: WorkspaceOverlay, call: DeepToolCall, runtime: DeepToolRuntime, timeoutMs: number): Promise<DeepToolOutcome> {
  if (isFileToolCall(call)) return executeFileTool(overlay, call);
  try {
    if (call.name === 'run_tests') {
      const testFiles = call.arguments.files;
      return describeTestRun(await runtime.test({ files: overlay.files(), timeoutMs, ...(testFiles ? { testFiles } : {}) }));
    }
    const output: OutputChunk[] = [];
    const result = await runtime.run({ files: overlay.files(), entry: call.arguments.entry, timeoutMs }, { onOutput: (chunk) => output.push(chunk) });
    return describeProgramRun(call.arguments.entry, result, output);
  } catch (error) {
    return { ok: false, failure: 'error', output: `The runtime failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}
