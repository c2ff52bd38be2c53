import { describe, expect, it } from 'vitest';
import type { RequestMetric } from './RequestMetric.ts';
import { summarizeMetrics } from './summarizeMetrics.ts';

let next = 0;
function metric(overrides: Partial<RequestMetric>): RequestMetric {
  return {
    requestId: `r${next++}`,
    lane: 'fast',
    kind: 'suggestion',
    model: 'coder',
    tokensIn: 100,
    tokensOut: 10,
    timeToFirstTokenMs: 50,
    durationMs: 80,
    outcome: 'accepted',
    detail: null,
    fromCache: false,
    endedAt: 0,
    ...overrides,
  };
}

describe('summarizeMetrics', () => {
  it('has no rates before anything was judged', () => {
    const summary = summarizeMetrics([]);
    expect(summary.suggestion).toEqual({ requests: 0, accepted: 0, rejected: 0, interrupted: 0, failed: 0, acceptanceRate: null, medianTimeToFirstTokenMs: null });
    expect(summary.tokensOutPerAccepted).toBeNull();
  });

  it('counts acceptance over what the person judged, not over interruptions and failures', () => {
    const summary = summarizeMetrics([
      metric({ outcome: 'accepted', timeToFirstTokenMs: 40 }),
      metric({ outcome: 'rejected', timeToFirstTokenMs: 60 }),
      metric({ outcome: 'rejected', timeToFirstTokenMs: 90 }),
      metric({ outcome: 'interrupted', timeToFirstTokenMs: null, tokensOut: null }),
      metric({ outcome: 'failed', timeToFirstTokenMs: null, tokensOut: 0 }),
    ]);
    expect(summary.suggestion).toMatchObject({ requests: 5, accepted: 1, rejected: 2, interrupted: 1, failed: 1, medianTimeToFirstTokenMs: 60 });
    expect(summary.suggestion.acceptanceRate).toBeCloseTo(1 / 3);
  });

  it('keeps kinds apart and prices an accepted change over every lane', () => {
    const summary = summarizeMetrics([
      metric({ kind: 'suggestion', outcome: 'accepted', tokensIn: 200, tokensOut: 20, timeToFirstTokenMs: 30 }),
      metric({ kind: 'quick-edit', outcome: 'rejected', tokensIn: 300, tokensOut: 40, timeToFirstTokenMs: 70 }),
      metric({ kind: 'task', lane: 'deep', outcome: 'accepted', tokensIn: 5000, tokensOut: 900, timeToFirstTokenMs: null }),
    ]);
    expect(summary.suggestion.requests).toBe(1);
    expect(summary.quickEdit).toMatchObject({ requests: 1, rejected: 1, acceptanceRate: 0, medianTimeToFirstTokenMs: 70 });
    expect(summary.task).toMatchObject({ requests: 1, accepted: 1, acceptanceRate: 1, medianTimeToFirstTokenMs: null });
    expect(summary.tokensIn).toBe(5500);
    expect(summary.tokensOut).toBe(960);
    expect(summary.tokensOutPerAccepted).toBe(480);
  });

  it('takes the middle of an even count as the mean of the two middle values', () => {
    const summary = summarizeMetrics([metric({ timeToFirstTokenMs: 10 }), metric({ timeToFirstTokenMs: 30 })]);
    expect(summary.suggestion.medianTimeToFirstTokenMs).toBe(20);
  });
});
