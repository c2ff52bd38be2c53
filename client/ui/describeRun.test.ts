import { describe, expect, it } from 'vitest';
import type { RunState } from './RunController.ts';
import { describeRun, formatDuration } from './describeRun.ts';

const base: RunState = {
  id: 'r1',
  kind: 'program',
  target: 'src/main.ts',
  phase: 'done',
  status: 'ok',
  startedAt: 0,
  durationMs: 1234,
  tests: [],
  report: undefined,
  program: undefined,
  crash: undefined,
  runtime: 'worker',
};

describe('describeRun', () => {
  it('titles and times a run', () => {
    expect(describeRun(base, 3)).toMatchObject({ status: 'Finished', tone: 'ok', title: 'Run src/main.ts', duration: '1.23 s', explanation: undefined });
    expect(describeRun({ ...base, kind: 'tests', target: 'all tests', status: 'failed' }, 0)).toMatchObject({ title: 'All tests', tone: 'fail' });
    expect(describeRun({ ...base, kind: 'tests', target: 'src/a.test.ts', status: 'passed' }, 0)).toMatchObject({ title: 'Tests · src/a.test.ts' });
  });

  it('never leaves an ended run without words', () => {
    for (const status of ['ok', 'error', 'build-error', 'stopped', 'timeout', 'crashed'] as const) {
      expect(describeRun({ ...base, status, crash: 'boom' }, 0).explanation, status).toBeTruthy();
    }
    expect(describeRun({ ...base, status: 'timeout' }, 0).explanation).toContain('10 s');
    expect(describeRun({ ...base, status: 'crashed', crash: 'worker died' }, 0).explanation).toContain('worker died');
  });

  it('stays quiet when the output speaks for itself', () => {
    expect(describeRun(base, 5).explanation).toBeUndefined();
    expect(describeRun({ ...base, status: 'stopped' }, 1).explanation).toBeUndefined();
    expect(describeRun({ ...base, status: 'error' }, 5).explanation).toBeUndefined();
  });

  it('shows a running run as running', () => {
    expect(describeRun({ ...base, phase: 'running', status: undefined, durationMs: undefined }, 0)).toMatchObject({ status: 'Running', tone: 'running', duration: '' });
  });
});

describe('formatDuration', () => {
  it('reads like a person writes it', () => {
    expect(formatDuration(0.2)).toBe('<1 ms');
    expect(formatDuration(87.4)).toBe('87 ms');
    expect(formatDuration(2140)).toBe('2.14 s');
    expect(formatDuration(12_500)).toBe('12.5 s');
    expect(formatDuration(75_000)).toBe('1 min 15 s');
  });
});
