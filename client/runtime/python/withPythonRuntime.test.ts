import { describe, expect, it } from 'vitest';
import type { ProgramResult, TestReport } from '../../../shared/testReport.ts';
import type { ProgramRequest, Runtime, TestRequest } from '../Runtime.ts';
import { mergeTestReports } from '../../../shared/mergeTestReports.ts';
import { withPythonRuntime } from './withPythonRuntime.ts';

/** A runtime that records what it was asked and answers with a report naming itself. */
function recordingRuntime(name: string, status: TestReport['status'] = 'passed') {
  const calls: string[] = [];
  const runtime: Runtime = {
    kind: 'worker',
    ready: async () => undefined,
    async run(request: ProgramRequest): Promise<ProgramResult> {
      calls.push(`run ${request.entry}`);
      return { status: 'ok', diagnostics: [], durationMs: 1, runtime: name };
    },
    async test(request: TestRequest): Promise<TestReport> {
      calls.push(`test ${(request.testFiles ?? []).join(',')}`);
      const files = (request.testFiles ?? []).map((file) => ({
        file,
        status: status === 'passed' ? ('passed' as const) : ('failed' as const),
        durationMs: 1,
        tests: [{ file, name: 't', ancestors: [], fullName: 't', status: status === 'passed' ? ('passed' as const) : ('failed' as const), durationMs: 1 }],
      }));
      return { status, files, counts: { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0 }, diagnostics: [], durationMs: 2, runtime: name };
    },
    async stop() {
      calls.push('stop');
    },
    async dispose() {
      calls.push('dispose');
    },
  };
  return { runtime, calls };
}

describe('withPythonRuntime', () => {
  it('runs a Python entry in Python and anything else in the JS runtime, stopping the other side first', async () => {
    const js = recordingRuntime('worker');
    const py = recordingRuntime('python');
    let created = 0;
    const both = withPythonRuntime(js.runtime, () => {
      created += 1;
      return py.runtime;
    });
    expect((await both.run({ files: {}, entry: 'src/main.ts' })).runtime).toBe('worker');
    expect(created).toBe(0);
    expect((await both.run({ files: {}, entry: 'main.py' })).runtime).toBe('python');
    expect(js.calls).toEqual(['run src/main.ts', 'stop']);
    expect(py.calls).toEqual(['run main.py']);
  });

  it('sends each test file to its runtime and merges the reports', async () => {
    const js = recordingRuntime('worker');
    const py = recordingRuntime('python', 'failed');
    const both = withPythonRuntime(js.runtime, () => py.runtime);
    const files = { 'src/a.test.ts': '', 'test_b.py': '', 'c_test.py': '', 'main.py': '', 'src/a.ts': '' };
    const report = await both.test({ files });
    expect(js.calls).toEqual(['test src/a.test.ts', 'stop']);
    expect(py.calls).toEqual(['test c_test.py,test_b.py']);
    expect(report.runtime).toBe('worker+python');
    expect(report.status).toBe('failed');
    expect(report.files.map((f) => f.file)).toEqual(['src/a.test.ts', 'c_test.py', 'test_b.py']);
    expect(report.counts).toMatchObject({ passed: 1, failed: 2, total: 3 });
  });

  it('leaves a JavaScript-only workspace to the JS runtime, and disposes only it', async () => {
    const js = recordingRuntime('worker');
    const both = withPythonRuntime(js.runtime, () => {
      throw new Error('Python is not needed here');
    });
    await both.test({ files: { 'src/a.test.ts': '' }, testFiles: ['src/a.test.ts'] });
    await both.dispose();
    expect(js.calls).toEqual(['test src/a.test.ts', 'dispose']);
  });
});

describe('mergeTestReports', () => {
  const report = (status: TestReport['status']): TestReport => ({ status, files: [], counts: { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0 }, diagnostics: [], durationMs: 1, runtime: 'x' });
  it('keeps the worse status', () => {
    expect(mergeTestReports(report('passed'), report('passed')).status).toBe('passed');
    expect(mergeTestReports(report('passed'), report('build-error')).status).toBe('failed');
    expect(mergeTestReports(report('build-error'), report('build-error')).status).toBe('build-error');
    expect(mergeTestReports(report('failed'), report('stopped')).status).toBe('stopped');
  });
});
