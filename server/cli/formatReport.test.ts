import { describe, expect, it } from 'vitest';
import type { TestReport } from '../../shared/testReport.ts';
import { formatReport } from './formatReport.ts';

const report: TestReport = {
  status: 'build-error',
  runtime: 'worker',
  durationMs: 1234,
  counts: { passed: 2, failed: 1, skipped: 1, todo: 1, total: 5 },
  diagnostics: [
    {
      severity: 'error',
      message: 'Expected identifier but found "="',
      location: { file: 'src/broken.test.ts', line: 4, column: 17 },
      lineText: '  const total = 1 +;',
    },
  ],
  files: [
    {
      file: 'src/sum.test.ts',
      status: 'passed',
      durationMs: 4,
      tests: [{ file: 'src/sum.test.ts', name: 'adds', ancestors: ['sum'], fullName: 'sum > adds', status: 'passed', durationMs: 1 }],
    },
    {
      file: 'src/user.test.ts',
      status: 'failed',
      durationMs: 9,
      tests: [
        { file: 'src/user.test.ts', name: 'has a name', ancestors: [], fullName: 'has a name', status: 'passed', durationMs: 1 },
        {
          file: 'src/user.test.ts',
          name: 'has the editor role',
          ancestors: [],
          fullName: 'has the editor role',
          status: 'failed',
          durationMs: 3,
          error: {
            message: "expected [ 'reader' ] to deeply equal [ 'editor' ]",
            diff: '- Expected\n+ Received\n\n  [\n-   "editor",\n+   "reader",\n  ]',
            location: { file: 'src/user.test.ts', line: 12, column: 16 },
          },
        },
        { file: 'src/user.test.ts', name: 'later', ancestors: [], fullName: 'later', status: 'todo', durationMs: 0 },
        { file: 'src/user.test.ts', name: 'off', ancestors: [], fullName: 'off', status: 'skipped', durationMs: 0 },
      ],
    },
    {
      file: 'src/broken.test.ts',
      status: 'failed',
      durationMs: 0,
      error: { message: 'Expected identifier but found "="', location: { file: 'src/broken.test.ts', line: 4, column: 17 } },
      tests: [],
    },
  ],
};

describe('formatReport', () => {
  const text = formatReport(report, { color: false, output: [{ stream: 'stdout', text: 'hello from a test\n' }] });

  it('lists files with ✓/✗ and the tests of failed files with ✓/✗/↓', () => {
    expect(text).toContain(' ✓ src/sum.test.ts (1 test) 4 ms');
    expect(text).toContain(' ✗ src/user.test.ts (4 tests | 1 failed) 9 ms');
    expect(text).toContain('     ✗ has the editor role 3 ms');
    expect(text).toContain('     ↓ later [todo]');
    expect(text).toContain('     ↓ off');
    expect(text).not.toContain('sum > adds');
  });

  it('shows each failure with message, diff and file:line:col', () => {
    expect(text).toContain(
      [
        ' ✗ src/user.test.ts > has the editor role',
        "   expected [ 'reader' ] to deeply equal [ 'editor' ]",
        '',
        '   - Expected',
        '   + Received',
        '',
        '     [',
        '   -   "editor",',
        '   +   "reader",',
        '     ]',
        '',
        '   at src/user.test.ts:12:16',
      ].join('\n'),
    );
  });

  it('shows build errors with the offending line', () => {
    expect(text).toContain(' ✗ src/broken.test.ts:4:17  Expected identifier but found "="\n     4 |   const total = 1 +;');
    expect(text).toContain('Some files did not build.');
  });

  it('ends with the summary on a line of its own', () => {
    expect(text).toMatch(/^2 passed, 1 failed, 1 skipped, 1 todo$/m);
    expect(text.trimEnd().split('\n').at(-1)).toBe('Duration 1.23 s (worker runtime)');
  });

  it('shows console output first, and colours only when asked', () => {
    expect(text.startsWith('Console output:\n  hello from a test\n')).toBe(true);
    expect(text).not.toContain('\u001b');
    expect(formatReport(report, { color: true })).toContain('\u001b[32m✓\u001b[39m');
  });
});
