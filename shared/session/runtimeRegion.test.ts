import { describe, expect, it } from 'vitest';
import type { TestReport } from '../testReport.ts';
import { selectRuntime } from './selectRuntime.ts';
import { startTestSession, type TestSession } from './testing/startTestSession.ts';

const FAILING: TestReport = {
  status: 'failed',
  files: [
    {
      file: 'src/sum.test.ts',
      status: 'failed',
      durationMs: 3,
      tests: [
        { file: 'src/sum.test.ts', name: 'adds', ancestors: ['sum'], fullName: 'sum > adds', status: 'failed', durationMs: 1, error: { message: 'expected 3, got 4' } },
        { file: 'src/sum.test.ts', name: 'zero', ancestors: ['sum'], fullName: 'sum > zero', status: 'passed', durationMs: 1 },
      ],
    },
  ],
  counts: { passed: 1, failed: 1, skipped: 0, todo: 0, total: 2 },
  diagnostics: [],
  durationMs: 3,
  runtime: 'worker',
};
const PASSING: TestReport = { ...FAILING, status: 'passed', files: [], counts: { passed: 2, failed: 0, skipped: 0, todo: 0, total: 2 } };

function ready(): TestSession {
  const s = startTestSession({ lanes: { runtime: true, deep: true } });
  expect(s.runtime).toBe('booting');
  s.send({ type: 'runtime.ready', runtime: 'worker' });
  expect(s.runtime).toBe('ready');
  return s;
}

const view = (s: TestSession) => selectRuntime(s.actor.getSnapshot());

describe('runtime', () => {
  it('boots, runs the tests with a run id, and keeps the failing output a deep task would carry', () => {
    const s = ready();
    s.send({ type: 'run.start', kind: 'tests' });
    expect(s.runtime).toBe('running');
    const [start] = s.services.of('startRun');
    expect(start?.run).toEqual({ runId: 'r1', kind: 'tests', origin: { by: 'person' } });
    expect(view(s)).toMatchObject({ state: 'running', name: 'worker', current: { runId: 'r1' }, canStop: true });
    s.send({ type: 'run.finished', runId: 'r1', status: 'failed', report: FAILING });
    expect(s.runtime).toBe('ready');
    expect(s.context.runtime.failingTestOutput).toBe('FAIL src/sum.test.ts > sum > adds\n    expected 3, got 4');
    expect(view(s).last).toMatchObject({ runId: 'r1', status: 'failed' });
    // A passing run clears it; a program run leaves it alone.
    s.send({ type: 'run.start', kind: 'program' });
    s.send({ type: 'run.finished', runId: 'r2', status: 'ok' });
    expect(s.context.runtime.failingTestOutput).not.toBeNull();
    s.send({ type: 'run.start', kind: 'tests' });
    s.send({ type: 'run.finished', runId: 'r3', status: 'passed', report: PASSING });
    expect(s.context.runtime.failingTestOutput).toBeNull();
  });

  it('stops a run: stopping until the runtime says it ended', () => {
    const s = ready();
    s.send({ type: 'run.start', kind: 'program' });
    s.send({ type: 'run.stop' });
    expect(s.runtime).toBe('stopping');
    expect(s.services.of('stopRun')).toEqual([{ kind: 'stopRun', runId: 'r1' }]);
    // An answer for another run id changes nothing.
    s.send({ type: 'run.finished', runId: 'r9', status: 'stopped' });
    expect(s.runtime).toBe('stopping');
    s.send({ type: 'run.finished', runId: 'r1', status: 'stopped' });
    expect(s.runtime).toBe('ready');
  });

  it('queues a run asked for while booting or running (the newest press of the person wins)', () => {
    const s = startTestSession({ lanes: { runtime: true } });
    s.send({ type: 'run.start', kind: 'program' });
    s.send({ type: 'run.start', kind: 'tests' });
    expect(s.context.runtime.queue.map((r) => r.kind)).toEqual(['tests']);
    s.send({ type: 'runtime.ready', runtime: 'webcontainer' });
    expect(s.runtime).toBe('running');
    const first = s.context.runtime.current!;
    expect(first.kind).toBe('tests');
    s.send({ type: 'run.start', kind: 'program' });
    expect(s.context.runtime.queue).toHaveLength(1);
    s.send({ type: 'run.finished', runId: first.runId, status: 'passed', report: PASSING });
    expect(s.runtime).toBe('running');
    expect(s.context.runtime.current?.kind).toBe('program');
    expect(s.services.of('startRun').map((c) => c.run.kind)).toEqual(['tests', 'program']);
  });

  it('fails with its reason, and a fallback runtime makes it ready again', () => {
    const s = startTestSession({ lanes: { runtime: true } });
    s.send({ type: 'runtime.failed', reason: 'WebContainer did not boot within 20 s' });
    expect(view(s)).toMatchObject({ state: 'failed', failure: 'WebContainer did not boot within 20 s', canRun: false });
    s.send({ type: 'run.start', kind: 'tests' });
    expect(s.services.of('startRun')).toEqual([]);
    s.send({ type: 'runtime.ready', runtime: 'worker' });
    expect(view(s)).toMatchObject({ state: 'ready', failure: null, canRun: true });
  });

  it('without runtime services, nothing runs', () => {
    const s = startTestSession();
    s.send({ type: 'runtime.ready', runtime: 'worker' });
    s.send({ type: 'run.start', kind: 'tests' });
    expect(s.runtime).toBe('ready');
    expect(view(s).canRun).toBe(false);
  });
});
