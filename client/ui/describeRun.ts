import { RUNTIME_DEFAULTS } from '../runtime/Runtime.ts';
import { ALL_TESTS, type RunState } from './RunController.ts';

export type RunTone = 'running' | 'ok' | 'fail' | 'warn';

export interface RunDescription {
  /** One or two words for the status pill. */
  status: string;
  tone: RunTone;
  /** What ran, e.g. "Run src/main.ts", "All tests" or "Tests · src/a.test.ts". */
  title: string;
  /** "1.2 s", "87 ms", or "" while running. */
  duration: string;
  /**
   * A sentence for when the run produced nothing else to look at, so an ended run never leaves a
   * blank panel; undefined when the output or results speak for themselves.
   */
  explanation: string | undefined;
}

/** Milliseconds as a person reads them. */
export function formatDuration(ms: number): string {
  if (ms < 1) return '<1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** The words and colour the panels use for a run. Pure, so it is tested on its own. */
export function describeRun(run: RunState, outputLines: number): RunDescription {
  const title = run.kind === 'program' ? `Run ${run.target}` : run.target === ALL_TESTS ? 'All tests' : `Tests · ${run.target}`;
  const duration = run.durationMs === undefined ? '' : formatDuration(run.durationMs);
  const hasProblems = Boolean(run.program?.error) || (run.program?.diagnostics.length ?? 0) > 0 || (run.report?.diagnostics.length ?? 0) > 0;
  const quiet = outputLines === 0 && !hasProblems;
  const limit = run.kind === 'program' ? RUNTIME_DEFAULTS.programTimeoutMs : RUNTIME_DEFAULTS.testRunTimeoutMs;
  switch (run.status) {
    case undefined:
      return { status: 'Running', tone: 'running', title, duration, explanation: undefined };
    case 'ok':
      return { status: 'Finished', tone: 'ok', title, duration, explanation: quiet ? 'The program finished without printing anything.' : undefined };
    case 'passed':
      return { status: 'Passed', tone: 'ok', title, duration, explanation: undefined };
    case 'failed':
      return { status: 'Failed', tone: 'fail', title, duration, explanation: undefined };
    case 'error':
      return {
        status: 'Error',
        tone: 'fail',
        title,
        duration,
        explanation: quiet ? 'The program ended with an error but reported no details.' : undefined,
      };
    case 'build-error':
      return {
        status: 'Build failed',
        tone: 'fail',
        title,
        duration,
        explanation: hasProblems ? undefined : 'The code could not be built, and the bundler gave no location.',
      };
    case 'stopped':
      return { status: 'Stopped', tone: 'warn', title, duration, explanation: quiet ? 'Stopped before it finished.' : undefined };
    case 'timeout':
      return {
        status: 'Timed out',
        tone: 'warn',
        title,
        duration,
        explanation: `Stopped after ${formatDuration(limit)}, the time limit for a ${run.kind === 'program' ? 'program' : 'test run'}. Is there an endless loop or a promise that never settles?`,
      };
    case 'crashed':
      return {
        status: 'Runtime error',
        tone: 'fail',
        title,
        duration,
        explanation: `The runtime could not run this: ${(run.crash ?? 'no reason given').replace(/([^.!?])$/, '$1.')}`,
      };
  }
}
