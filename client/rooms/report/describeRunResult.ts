import type { RunStatus, TestCounts } from '../../../shared/testReport.ts';

/** What a run's one-line summary is made from. */
export interface RunResultFacts {
  readonly mode: 'program' | 'tests';
  readonly status: RunStatus | 'crashed';
  readonly counts?: TestCounts | undefined;
  /** A program's uncaught error, or why the runtime could not run it. */
  readonly error?: string | undefined;
}

const FIRST_LINE_CHARS = 160;

/**
 * The one line a run's result is told in, to the others in the room: "4 passed, 1 failed",
 * "ran without errors", "ended with an error: TypeError: x is undefined". The room shows it after
 * who ran what ("Ana ran tests: 4 passed, 1 failed").
 */
export function describeRunResult(facts: RunResultFacts): string {
  const error = facts.error?.split('\n')[0]?.trim().slice(0, FIRST_LINE_CHARS);
  switch (facts.status) {
    case 'build-error':
      return 'did not build';
    case 'stopped':
      return 'was stopped';
    case 'timeout':
      return 'ran out of time';
    case 'crashed':
      return error ? `could not run: ${error}` : 'could not run';
    default:
      break;
  }
  if (facts.mode === 'tests') {
    const counts = facts.counts;
    if (!counts || counts.total === 0) return 'found no tests';
    const parts = [`${counts.passed} passed`];
    if (counts.failed > 0) parts.push(`${counts.failed} failed`);
    if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
    if (counts.todo > 0) parts.push(`${counts.todo} todo`);
    return parts.join(', ');
  }
  if (facts.status === 'ok' || facts.status === 'passed') return 'ran without errors';
  return error ? `ended with an error: ${error}` : 'ended with an error';
}
