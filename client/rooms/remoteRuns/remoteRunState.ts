import type { RunState } from '../../ui/RunController.ts';
import type { RemoteRun } from './RemoteRuns.ts';

/**
 * A finished remote run in the shape the person's own panels render (RunController's RunState),
 * so the Tests panel shows someone else's report exactly as it shows theirs.
 */
export function remoteRunState(run: RemoteRun): RunState {
  const result = run.result;
  const report = result?.shared?.kind === 'tests' ? result.shared.report : undefined;
  const program = result?.shared?.kind === 'program' ? result.shared.result : undefined;
  return {
    id: `remote:${run.personId}:${run.runId}`,
    kind: run.mode,
    target: run.path ?? (run.mode === 'tests' ? 'all tests' : 'the program'),
    phase: run.phase,
    status: result?.status,
    startedAt: run.startedAt,
    durationMs: result?.durationMs,
    tests: report ? report.files.flatMap((file) => file.tests) : [],
    report,
    program,
    crash: undefined,
    runtime: report?.runtime ?? program?.runtime,
  };
}
