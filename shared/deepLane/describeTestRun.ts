import type { TestReport } from '../testReport.ts';
import { boundToolOutput } from './boundToolOutput.ts';
import type { DeepToolOutcome } from './DeepToolOutcome.ts';

/** Failures listed in full before the rest are only counted. */
const MAX_FAILURES_SHOWN = 20;

/**
 * A test run as the model reads it (run_tests' outcome): the counts, every build problem, and each
 * failing test with its message, diff and location. A failing run is `ok: false` with failure
 * "failed", so it can never pass for a success.
 */
export function describeTestRun(report: TestReport): DeepToolOutcome {
  const { counts } = report;
  const lines = [`Tests ${report.status}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped + counts.todo} skipped, ${counts.total} total (${Math.round(report.durationMs)} ms).`];
  for (const diagnostic of report.diagnostics) {
    const where = diagnostic.location ? `${diagnostic.location.file}:${diagnostic.location.line}:${diagnostic.location.column}: ` : '';
    lines.push(`${diagnostic.severity}: ${where}${diagnostic.message}`);
  }
  let shown = 0;
  for (const file of report.files) {
    if (file.error) lines.push(`FAIL ${file.file}: ${file.error.message}`);
    for (const test of file.tests) {
      if (test.status !== 'failed') continue;
      if (shown++ >= MAX_FAILURES_SHOWN) continue;
      const where = test.error?.location ? ` (${test.error.location.file}:${test.error.location.line})` : '';
      lines.push(`FAIL ${file.file} > ${test.fullName}${where}`);
      if (test.error) lines.push(`  ${test.error.message.split('\n').join('\n  ')}`);
      if (test.error?.diff) lines.push(`  ${test.error.diff.split('\n').join('\n  ')}`);
    }
  }
  if (shown > MAX_FAILURES_SHOWN) lines.push(`… ${shown - MAX_FAILURES_SHOWN} more failing tests not shown.`);
  const passed = report.status === 'passed';
  return {
    ok: passed,
    ...(passed ? {} : { failure: report.status === 'timeout' ? ('timeout' as const) : ('failed' as const) }),
    ...boundToolOutput(lines.join('\n')),
    tests: { status: report.status, counts, durationMs: report.durationMs },
  };
}
