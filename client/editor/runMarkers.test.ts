import { describe, expect, it } from 'vitest';
import type { TestCaseResult, TestReport } from '../../shared/testReport.ts';
import { programMarkers, testReportMarkers } from './runMarkers.ts';

const test = (over: Partial<TestCaseResult>): TestCaseResult => ({
  file: 'src/a.test.ts',
  name: 'adds',
  ancestors: ['sum'],
  fullName: 'sum > adds',
  status: 'passed',
  durationMs: 1,
  ...over,
});

describe('testReportMarkers', () => {
  it('marks each failed assertion where it failed, else where the test is declared', () => {
    const report: Pick<TestReport, 'files' | 'diagnostics'> = {
      diagnostics: [{ severity: 'error', message: 'Expected ";"', location: { file: 'src/b.ts', line: 2, column: 5 } }],
      files: [
        {
          file: 'src/a.test.ts',
          status: 'failed',
          durationMs: 3,
          tests: [
            test({}),
            test({ status: 'failed', error: { message: 'expected 3 to be 4\nmore', location: { file: 'src/a.test.ts', line: 7, column: 20 } } }),
            test({ name: 'b', fullName: 'sum > b', status: 'failed', error: { message: 'boom' }, location: { file: 'src/a.test.ts', line: 11, column: 3 } }),
          ],
        },
      ],
    };
    expect(testReportMarkers(report)).toEqual([
      { file: 'src/b.ts', line: 2, column: 5, severity: 'error', message: 'Expected ";"' },
      { file: 'src/a.test.ts', line: 7, column: 20, severity: 'error', message: 'sum > adds: expected 3 to be 4' },
      { file: 'src/a.test.ts', line: 11, column: 3, severity: 'error', message: 'sum > b: boom' },
    ]);
  });

  it('marks a file that failed as a whole', () => {
    const markers = testReportMarkers({
      diagnostics: [],
      files: [{ file: 'x.test.ts', status: 'failed', durationMs: 0, tests: [], error: { message: 'ReferenceError: y', location: { file: 'x.test.ts', line: 1, column: 1 } } }],
    });
    expect(markers).toHaveLength(1);
  });
});

describe('programMarkers', () => {
  it('marks the uncaught error and build diagnostics, skipping what has no location', () => {
    expect(
      programMarkers({
        diagnostics: [{ severity: 'warning', message: 'no location' }],
        error: { message: 'TypeError: x is not a function', location: { file: 'src/main.ts', line: 4, column: 1 } },
      }),
    ).toEqual([{ file: 'src/main.ts', line: 4, column: 1, severity: 'error', message: 'Uncaught: TypeError: x is not a function' }]);
  });
});
