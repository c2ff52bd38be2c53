import { describe, expect, it } from 'vitest';
import { PythonReportBuilder } from './PythonReportBuilder.ts';

const passed = (file: string, name: string, ancestors: string[] = []) => ({ file, name, ancestors, fullName: [...ancestors, name].join(' > '), status: 'passed' as const, durationMs: 1 });

describe('PythonReportBuilder', () => {
  it('reports the files that ran, in order, with their tests and the run status', () => {
    let clock = 0;
    const builder = new PythonReportBuilder(['test_a.py', 'test_b.py', 'test_never.py'], () => clock);
    builder.started({ file: 'test_a.py', name: 'test_one', ancestors: [] });
    builder.finished(passed('test_a.py', 'test_one'));
    builder.fileDone('test_a.py', 3);
    builder.fileDone('test_b.py', 1, { message: 'RuntimeError: boom', location: { file: 'test_b.py', line: 3, column: 1 } });
    clock = 10;
    const { report, cut } = builder.finish([]);
    expect(cut).toBeUndefined();
    expect(report).toMatchObject({ status: 'failed', runtime: 'python', durationMs: 10, counts: { passed: 1, total: 1 } });
    expect(report.files.map((f) => [f.file, f.status])).toEqual([
      ['test_a.py', 'passed'],
      ['test_b.py', 'failed'],
    ]);
  });

  it('fails the running test with the reason when the run is cut short', () => {
    let clock = 0;
    const builder = new PythonReportBuilder(['test_spin.py'], () => clock);
    const location = { file: 'test_spin.py', line: 4, column: 1 };
    builder.started({ file: 'test_spin.py', name: 'test_spins', ancestors: ['Spin'], location });
    clock = 3_000;
    const { report, cut } = builder.finish([], { status: 'timeout', reason: 'Run stopped at its time limit (3 s)' });
    expect(report.status).toBe('timeout');
    expect(cut).toMatchObject({ fullName: 'Spin > test_spins', status: 'failed', durationMs: 3_000, location });
    expect(cut?.error?.message).toBe('Run stopped at its time limit (3 s) while this test was running');
  });

  it('is a build error when diagnostics kept every test from running', () => {
    const builder = new PythonReportBuilder(['test_broken.py']);
    builder.fileDone('test_broken.py', 0, { message: 'SyntaxError: invalid syntax' });
    const diagnostic = { severity: 'error' as const, message: 'SyntaxError: invalid syntax', location: { file: 'test_broken.py', line: 2, column: 5 } };
    expect(builder.finish([diagnostic]).report.status).toBe('build-error');
  });
});
