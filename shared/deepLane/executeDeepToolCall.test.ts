import { describe, expect, it } from 'vitest';
import type { TestReport } from '../testReport.ts';
import { executeDeepToolCall, type DeepToolRuntime } from './executeDeepToolCall.ts';
import { WorkspaceOverlay } from './WorkspaceOverlay.ts';

const failingReport: TestReport = {
  status: 'failed',
  files: [
    {
      file: 'src/a.test.ts',
      status: 'failed',
      durationMs: 3,
      tests: [
        { file: 'src/a.test.ts', name: 'adds', ancestors: ['math'], fullName: 'math > adds', status: 'failed', durationMs: 2, error: { message: 'expected 3 to be 4', diff: '- Expected 4\n+ Received 3', location: { file: 'src/a.test.ts', line: 5, column: 3 } } },
        { file: 'src/a.test.ts', name: 'subs', ancestors: ['math'], fullName: 'math > subs', status: 'passed', durationMs: 1 },
      ],
    },
  ],
  counts: { passed: 1, failed: 1, skipped: 0, todo: 0, total: 2 },
  diagnostics: [],
  durationMs: 3,
  runtime: 'worker',
};

describe('executeDeepToolCall', () => {
  const overlay = new WorkspaceOverlay({ 'src/a.ts': 'export const a = 1;\n' });
  const seen: unknown[] = [];
  const runtime: DeepToolRuntime = {
    test: async (request) => {
      seen.push(request);
      return failingReport;
    },
    run: async (request, listener) => {
      seen.push(request);
      listener?.onOutput?.({ stream: 'stdout', text: 'hello\n' });
      listener?.onOutput?.({ stream: 'stderr', text: 'careful\n' });
      return { status: 'error', error: { message: 'boom' }, diagnostics: [], durationMs: 4, runtime: 'worker' };
    },
  };

  it('runs the tests over the overlay and reports a failing run as a failure, with each failing test', async () => {
    const outcome = await executeDeepToolCall(overlay, { name: 'run_tests', arguments: { files: ['src/a.test.ts'] } }, runtime, 30_000);
    expect(seen.at(-1)).toEqual({ files: { 'src/a.ts': 'export const a = 1;\n' }, testFiles: ['src/a.test.ts'], timeoutMs: 30_000 });
    expect(outcome).toMatchObject({ ok: false, failure: 'failed', tests: { status: 'failed', counts: { failed: 1, total: 2 } } });
    expect(outcome.output).toContain('Tests failed: 1 passed, 1 failed');
    expect(outcome.output).toContain('FAIL src/a.test.ts > math > adds (src/a.test.ts:5)\n  expected 3 to be 4\n  - Expected 4\n  + Received 3');
  });

  it('runs a program and reports how it ended with its console', async () => {
    const outcome = await executeDeepToolCall(overlay, { name: 'run_program', arguments: { entry: 'src/a.ts' } }, runtime, 10_000);
    expect(outcome).toMatchObject({ ok: false, failure: 'failed' });
    expect(outcome.output).toBe('src/a.ts: error (4 ms).\nUncaught: boom\n--- console ---\nhello\n[stderr] careful\n');
  });

  it('a runtime that throws is an "error" outcome, not a rejection', async () => {
    const broken: DeepToolRuntime = { test: () => Promise.reject(new Error('worker died')), run: () => Promise.reject(new Error('worker died')) };
    expect(await executeDeepToolCall(overlay, { name: 'run_tests', arguments: {} }, broken, 1_000)).toEqual({ ok: false, failure: 'error', output: 'The runtime failed: worker died' });
  });
});
