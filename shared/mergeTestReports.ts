import { countTests, type TestReport } from './testReport.ts';

/**
 * Two test reports as one (a workspace's JavaScript and Python tests, run by two runtimes): files and
 * diagnostics side by side, counts summed, the worse status, both runtimes named.
 */
export function mergeTestReports(a: TestReport, b: TestReport): TestReport {
  const files = [...a.files, ...b.files];
  const statuses = [a.status, b.status];
  const status: TestReport['status'] = statuses.includes('stopped')
    ? 'stopped'
    : statuses.includes('timeout')
      ? 'timeout'
      : statuses.every((s) => s === 'build-error')
        ? 'build-error'
        : statuses.some((s) => s !== 'passed')
          ? 'failed'
          : 'passed';
  return {
    status,
    files,
    counts: countTests(files.flatMap((f) => f.tests)),
    diagnostics: [...a.diagnostics, ...b.diagnostics],
    durationMs: a.durationMs + b.durationMs,
    runtime: `${a.runtime}+${b.runtime}`,
  };
}
