import type { RemoteRun } from './RemoteRuns.ts';

/** What ran, in words: "tests", "the tests in sum.test.ts", "main.ts". */
function whatRan(run: RemoteRun): string {
  if (run.mode === 'program') return run.path ?? 'the program';
  return run.path ? `the tests in ${run.path}` : 'tests';
}

/**
 * A remote run in one line, for the status line and the report's label: "Ana is running tests…",
 * "Ana ran tests: 4 passed, 1 failed", "Ana ran main.ts: ran without errors".
 */
export function describeRemoteRun(run: RemoteRun): string {
  if (run.phase === 'running' || !run.result) return `${run.name} is running ${whatRan(run)}…`;
  return `${run.name} ran ${whatRan(run)}: ${run.result.summary}`;
}
