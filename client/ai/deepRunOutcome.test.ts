import { describe, expect, it } from 'vitest';
import type { FinishedRun } from '../../shared/session/SessionServices.ts';
import { deepRunOutcome } from './deepRunOutcome.ts';

const origin = { by: 'deep' as const, taskId: 'd1', callId: 'c1' };

describe('deepRunOutcome', () => {
  it('gives a refusal back as an error the model reads', () => {
    expect(deepRunOutcome({ taskId: 'd1', callId: 'c1', refused: 'The runtime failed: no workers' })).toEqual({ ok: false, failure: 'error', output: 'The runtime failed: no workers' });
  });

  it('describes a program run with its console', () => {
    const run: FinishedRun = {
      runId: 'r1',
      kind: 'program',
      origin: { ...origin, call: { name: 'run_program', arguments: { entry: 'src/main.ts' } } },
      status: 'timeout',
      program: { status: 'timeout', diagnostics: [], durationMs: 10_000, runtime: 'worker' },
      output: 'tick\n[system] stopped after 10 s\n',
    };
    expect(deepRunOutcome({ taskId: 'd1', callId: 'c1', run })).toEqual({
      ok: false,
      failure: 'timeout',
      output: 'src/main.ts: timeout (10000 ms).\n--- console ---\ntick\n[system] stopped after 10 s\n',
    });
  });

  it('says the runtime failed when a run brought no result', () => {
    const run: FinishedRun = { runId: 'r2', kind: 'tests', origin: { ...origin, call: { name: 'run_tests', arguments: {} } }, status: 'error', output: 'the worker died' };
    expect(deepRunOutcome({ taskId: 'd1', callId: 'c1', run })).toEqual({ ok: false, failure: 'error', output: 'The runtime failed: the worker died' });
  });
});
