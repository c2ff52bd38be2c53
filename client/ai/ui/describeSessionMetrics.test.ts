import { describe, expect, it } from 'vitest';
import type { RequestMetric } from '../../../shared/metrics/RequestMetric.ts';
import { summarizeMetrics } from '../../../shared/metrics/summarizeMetrics.ts';
import { describeSessionMetrics } from './describeSessionMetrics.ts';

const base: RequestMetric = {
  requestId: 'r',
  lane: 'fast',
  kind: 'suggestion',
  model: 'coder',
  tokensIn: 1200,
  tokensOut: 30,
  timeToFirstTokenMs: 42.4,
  durationMs: 90,
  outcome: 'accepted',
  detail: null,
  fromCache: false,
  endedAt: 0,
};

describe('describeSessionMetrics', () => {
  it('says nothing before a request ended', () => {
    expect(describeSessionMetrics(summarizeMetrics([]))).toEqual([]);
  });

  it('names what was judged and taken, per kind, and the cost of an accepted change', () => {
    const lines = describeSessionMetrics(
      summarizeMetrics([
        base,
        { ...base, requestId: 'r2', outcome: 'rejected', timeToFirstTokenMs: 57.6 },
        { ...base, requestId: 'q1', kind: 'quick-edit', outcome: 'interrupted', tokensOut: null },
      ]),
    );
    expect(lines).toEqual([
      'Suggestions: 2 judged, 1 accepted (50 %) · first token 50 ms (median)',
      'Quick edits: 1 asked',
      'Tokens: 3,600 in, 60 out · 60 out per accepted change',
    ]);
  });
});
