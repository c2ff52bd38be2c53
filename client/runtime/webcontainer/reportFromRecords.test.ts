import { describe, expect, it } from 'vitest';
import { TestReport } from '../../../shared/testReport.ts';
import type { ContainerRecord } from './containerRecord.ts';
import { reportFromRecords } from './reportFromRecords.ts';

const records: ContainerRecord[] = [
  { t: 'log', stream: 'stdout', text: 'hi\n' },
  { t: 'test', file: 'a.test.ts', name: 'one', ancestors: ['s'], state: 'passed', mode: 'run', durationMs: 2, location: { line: 3, column: 3 }, errors: [] },
  { t: 'test', file: 'a.test.ts', name: 'two', ancestors: [], state: 'skipped', mode: 'todo', durationMs: 0, errors: [] },
  {
    t: 'test',
    file: 'b.test.ts',
    name: 'three',
    ancestors: [],
    state: 'failed',
    mode: 'run',
    durationMs: 4,
    errors: [{ name: 'AssertionError', message: 'expected 1 to be 2', stack: 'AssertionError: expected 1 to be 2\n    at /w/b.test.ts:5:13', diff: '- 2\n+ 1' }],
  },
];

describe('reportFromRecords', () => {
  it('builds a report of the tests that finished before the run was cut short', () => {
    const report = reportFromRecords(records, '/w', 'timeout', 30_000);
    expect(TestReport.parse(report)).toEqual(report);
    expect(report.status).toBe('timeout');
    expect(report.counts).toEqual({ passed: 1, failed: 1, skipped: 0, todo: 1, total: 3 });
    expect(report.files.map((f) => [f.file, f.status])).toEqual([
      ['a.test.ts', 'passed'],
      ['b.test.ts', 'failed'],
    ]);
    expect(report.files[0]?.tests[0]).toMatchObject({ fullName: 's > one', location: { file: 'a.test.ts', line: 3, column: 3 } });
    expect(report.files[1]?.tests[0]?.error).toEqual({
      message: 'expected 1 to be 2',
      diff: '- 2\n+ 1',
      stack: 'AssertionError: expected 1 to be 2\n    at b.test.ts:5:13',
      location: { file: 'b.test.ts', line: 5, column: 13 },
    });
  });
});
