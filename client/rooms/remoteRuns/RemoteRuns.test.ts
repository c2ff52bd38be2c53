import { describe, expect, it } from 'vitest';
import type { RoomServerMessage } from '../../../shared/roomMessage.ts';
import type { TestReport } from '../../../shared/testReport.ts';
import { describeRemoteRun } from './describeRemoteRun.ts';
import { remoteRunState } from './remoteRunState.ts';
import { RemoteRuns } from './RemoteRuns.ts';

const REPORT: TestReport = {
  status: 'failed',
  files: [
    {
      file: 'sum.test.ts',
      status: 'failed',
      durationMs: 4,
      tests: [
        { file: 'sum.test.ts', name: 'adds', ancestors: [], fullName: 'adds', status: 'failed', durationMs: 1, error: { message: 'expected 3, got 4' } },
        { file: 'sum.test.ts', name: 'zero', ancestors: [], fullName: 'zero', status: 'passed', durationMs: 1 },
      ],
    },
  ],
  counts: { passed: 1, failed: 1, skipped: 0, todo: 0, total: 2 },
  diagnostics: [],
  durationMs: 9,
  runtime: 'worker',
};

function room() {
  const listeners = new Set<(message: RoomServerMessage) => void>();
  const deliver = (message: RoomServerMessage): void => {
    for (const listener of listeners) listener(message);
  };
  const runs = new RemoteRuns({
    roomId: 'r1',
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  });
  return { runs, deliver, listeners };
}

describe('RemoteRuns', () => {
  it('follows a remote run from its start to its result, and describes it with who ran it', () => {
    const { runs, deliver } = room();
    deliver({ type: 'room-event', roomId: 'r1', at: 1_000, personId: 'p-ana', name: 'Ana', event: { kind: 'run', payload: { runId: 'run-1', mode: 'tests' } } });
    const started = runs.runs.get()[0];
    expect(started).toMatchObject({ name: 'Ana', phase: 'running', startedAt: 1_000 });
    expect(started && describeRemoteRun(started)).toBe('Ana is running tests…');

    deliver({
      type: 'room-event',
      roomId: 'r1',
      at: 1_500,
      personId: 'p-ana',
      name: 'Ana',
      event: { kind: 'run-result', payload: { runId: 'run-1', mode: 'tests', status: 'failed', durationMs: 9, counts: REPORT.counts, summary: '1 passed, 1 failed', shared: { kind: 'tests', report: REPORT } } },
    });
    expect(runs.runs.get()).toHaveLength(1);
    const done = runs.runs.get()[0];
    expect(done).toMatchObject({ phase: 'done', startedAt: 1_000, endedAt: 1_500 });
    expect(done && describeRemoteRun(done)).toBe('Ana ran tests: 1 passed, 1 failed');

    // The Tests panel renders it as it renders the person's own run.
    const state = done && remoteRunState(done);
    expect(state).toMatchObject({ kind: 'tests', phase: 'done', status: 'failed', report: REPORT, runtime: 'worker' });
    expect(state?.tests.map((test) => test.name)).toEqual(['adds', 'zero']);
  });

  it('labels a run with the name the person chose, when the room knows it', () => {
    const listeners = new Set<(message: RoomServerMessage) => void>();
    const runs = new RemoteRuns({
      roomId: 'r1',
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      nameOf: (personId) => (personId === 'p-g' ? 'Grace' : undefined),
    });
    for (const listener of listeners) listener({ type: 'room-event', roomId: 'r1', at: 1, personId: 'p-g', name: 'Guest', event: { kind: 'run', payload: { runId: 'a', mode: 'tests' } } });
    for (const listener of listeners) listener({ type: 'room-event', roomId: 'r1', at: 2, personId: 'p-o', name: 'Otto', event: { kind: 'run', payload: { runId: 'b', mode: 'tests' } } });
    expect(runs.runs.get().map((run) => run.name)).toEqual(['Otto', 'Grace']);
  });

  it('keeps an opened report current, ignores other rooms and other messages, and stops on dispose', () => {
    const { runs, deliver, listeners } = room();
    deliver({ type: 'room-event', roomId: 'r1', at: 1, personId: 'p-bo', name: 'Bo', event: { kind: 'run', payload: { runId: 'a', mode: 'program', path: 'main.ts' } } });
    runs.view(runs.runs.get()[0]);
    deliver({
      type: 'room-event',
      roomId: 'r1',
      at: 2,
      personId: 'p-bo',
      name: 'Bo',
      event: { kind: 'run-result', payload: { runId: 'a', mode: 'program', path: 'main.ts', status: 'error', durationMs: 1, summary: 'ended with an error: boom' } },
    });
    const viewing = runs.viewing.get();
    expect(viewing?.phase).toBe('done');
    expect(viewing && describeRemoteRun(viewing)).toBe('Bo ran main.ts: ended with an error: boom');
    deliver({ type: 'room-event', roomId: 'other', at: 3, personId: 'p-bo', name: 'Bo', event: { kind: 'run', payload: { runId: 'b', mode: 'tests' } } });
    deliver({ type: 'room-members', roomId: 'r1', members: [] });
    expect(runs.runs.get()).toHaveLength(1);
    runs.dispose();
    expect(listeners.size).toBe(0);
  });
});
