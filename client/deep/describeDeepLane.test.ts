import { describe, expect, it } from 'vitest';
import type { DeepLaneView } from '../../shared/session/selectDeepLane.ts';
import { INITIAL_DEEP_LANE } from '../../shared/session/initialSessionContext.ts';
import { deepLaneHeadline, describeTestSummary, formatCount } from './describeDeepLane.ts';

const base: DeepLaneView = (() => {
  const { metricPending: _pending, ...rest } = INITIAL_DEEP_LANE;
  return {
    ...rest,
    state: 'working',
    running: true,
    toApply: [],
    proposal: { reasons: ['asked'], instruction: 'x', constraints: null, selection: null, openFiles: [], failingTestOutput: null, fromQuickEdit: false },
  };
})();

describe('deepLaneHeadline', () => {
  it('names the failure status and says nothing was written', () => {
    const headline = deepLaneHeadline({ ...base, state: 'failed', running: false, failure: { status: 'looping', message: 'The model repeated read_file 3 times.' } });
    expect(headline).toEqual({ label: 'Stopped: looping', tone: 'fail', detail: 'The model repeated read_file 3 times. Nothing was written to the workspace.' });
  });

  it('says which budget ran out, in its unit', () => {
    const turns = deepLaneHeadline({ ...base, state: 'budgetLimited', running: false, budget: { which: 'turns', limit: 20, used: 20 } });
    expect(turns.label).toBe('Out of model turns');
    expect(turns.detail).toContain('used 20 of its 20 model turns');
    const time = deepLaneHeadline({ ...base, state: 'budgetLimited', running: false, budget: { which: 'wall-time', limit: 600_000, used: 600_400 } });
    expect(time.detail).toContain('used 10 min of its 10 min time');
  });

  it('tells an interrupt by the person from one by the server', () => {
    expect(deepLaneHeadline({ ...base, state: 'interrupted', running: false, interruption: { by: 'person' } }).detail).toBe('Stopped. Your files are as they were.');
    expect(deepLaneHeadline({ ...base, state: 'interrupted', running: false, interruption: { by: 'server' } }).detail).toContain('server');
  });
});

describe('describeTestSummary', () => {
  const counts = { passed: 1, failed: 1, skipped: 0, todo: 0, total: 2 };
  it('puts failures first and colours by outcome', () => {
    expect(describeTestSummary({ status: 'failed', counts, durationMs: 5 })).toEqual({ text: '1 failed, 1 passed', tone: 'fail' });
    expect(describeTestSummary({ status: 'passed', counts: { ...counts, passed: 2, failed: 0 }, durationMs: 5 })).toEqual({ text: '2 passed', tone: 'ok' });
    expect(describeTestSummary(null)).toEqual({ text: 'not run', tone: 'muted' });
    expect(describeTestSummary({ status: 'build-error', counts, durationMs: 5 }).text).toBe('build error');
  });

  it('groups large counts', () => {
    expect(formatCount(12345)).toBe('12\u2009345');
  });
});
