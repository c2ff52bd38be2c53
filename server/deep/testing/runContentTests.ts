import { countTests, type TestCaseResult, type TestReport } from '../../../shared/testReport.ts';

/** One "test" of the double: a check over the workspace's text; it fails with the message it returns. */
export interface ContentTest {
  file: string;
  name: string;
  check(files: Readonly<Record<string, string>>): string | undefined;
}

/**
 * The test double for run_tests in Node: real runs happen in the browser runtime, so here a
 * "test" is a check over the staged files' text, reported in the runtime's own TestReport shape.
 */
export function runContentTests(tests: readonly ContentTest[], files: Readonly<Record<string, string>>): TestReport {
  const results: TestCaseResult[] = tests.map((test) => {
    const failure = test.check(files);
    return {
      file: test.file,
      name: test.name,
      ancestors: [],
      fullName: test.name,
      status: failure === undefined ? 'passed' : 'failed',
      durationMs: 1,
      ...(failure === undefined ? {} : { error: { message: failure } }),
    };
  });
  const byFile = new Map<string, TestCaseResult[]>();
  for (const result of results) byFile.set(result.file, [...(byFile.get(result.file) ?? []), result]);
  const counts = countTests(results);
  return {
    status: counts.failed > 0 ? 'failed' : 'passed',
    files: [...byFile].map(([file, tests]) => ({ file, status: tests.some((t) => t.status === 'failed') ? 'failed' : 'passed', durationMs: tests.length, tests })),
    counts,
    diagnostics: [],
    durationMs: results.length,
    runtime: 'content-test-double',
  };
}
