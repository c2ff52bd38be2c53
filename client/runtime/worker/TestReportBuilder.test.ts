import { describe, expect, it } from 'vitest';
import type { TestCaseResult } from '../../../shared/testReport.ts';
import { StackMapper } from './StackMapper.ts';
import { TestReportBuilder } from './TestReportBuilder.ts';

const noMaps = new StackMapper(new Map());

describe('TestReportBuilder', () => {
  it('streams results and sums them into a report', () => {
    const streamed: TestCaseResult[] = [];
    const report = new TestReportBuilder(['a.test.ts', 'b.test.ts'], noMaps, (r) => streamed.push(r), () => 0);
    report.handle({ type: 'progress', finished: [], started: { file: 'a.test.ts', name: 'one', ancestors: ['group'] } });
    report.handle({
      type: 'progress',
      finished: [
        { file: 'a.test.ts', name: 'one', ancestors: ['group'], status: 'passed', durationMs: 1 },
        { file: 'a.test.ts', name: 'two', ancestors: [], status: 'skipped', durationMs: 0 },
      ],
    });
    report.handle({ type: 'file-done', file: 'a.test.ts', durationMs: 3 });
    report.handle({ type: 'file-done', file: 'b.test.ts', durationMs: 1, error: { name: 'TypeError', message: 'x is not a function' } });
    expect(report.handle({ type: 'tests-done' })).toBe(true);
    const result = report.finish();
    expect(streamed.map((r) => r.fullName)).toEqual(['group > one', 'two']);
    expect(result).toMatchObject({
      status: 'failed',
      counts: { passed: 1, failed: 0, skipped: 1, todo: 0, total: 2 },
      files: [
        { file: 'a.test.ts', status: 'passed', durationMs: 3 },
        { file: 'b.test.ts', status: 'failed', error: { message: 'TypeError: x is not a function' } },
      ],
      runtime: 'worker',
    });
  });

  it('keeps finished tests when the run hits its time limit and fails the one that was running', () => {
    let clock = 0;
    const report = new TestReportBuilder(['a.test.ts', 'b.test.ts'], noMaps, () => {}, () => clock);
    report.handle({ type: 'progress', finished: [], started: { file: 'a.test.ts', name: 'quick', ancestors: [] } });
    report.handle({
      type: 'progress',
      finished: [{ file: 'a.test.ts', name: 'quick', ancestors: [], status: 'passed', durationMs: 1 }],
      started: { file: 'a.test.ts', name: 'spins', ancestors: ['loop'] },
    });
    clock = 500;
    const result = report.finish({ status: 'timeout', reason: 'Run stopped at its time limit (30 s)' });
    expect(result.status).toBe('timeout');
    expect(result.files).toHaveLength(1);
    expect(result.files[0]?.tests).toMatchObject([
      { name: 'quick', status: 'passed' },
      { name: 'spins', fullName: 'loop > spins', status: 'failed', durationMs: 500, error: { message: 'Run stopped at its time limit (30 s) while this test was running' } },
    ]);
    expect(result.counts).toMatchObject({ passed: 1, failed: 1, total: 2 });
  });

  it('fails a test file that did not build with its first error', () => {
    const report = new TestReportBuilder(['a.test.ts'], noMaps, () => {});
    report.buildFailed('a.test.ts', [{ severity: 'error', message: 'Unexpected ";"', location: { file: 'a.test.ts', line: 2, column: 5 }, lineText: 'x = ;' }]);
    expect(report.finish().files[0]).toMatchObject({ status: 'failed', error: { message: 'Unexpected ";"', location: { file: 'a.test.ts', line: 2, column: 5 } } });
  });
});
