import { describe, expect, it } from 'vitest';
import type { RoomEvent, RoomEventKind } from '../roomEvent.ts';
import { costOf } from './modelPrices.ts';
import { sessionReport } from './sessionReport.ts';

const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);
let seq = 0;
function event(seconds: number, personId: string, kind: RoomEventKind, payload: Record<string, unknown>): RoomEvent {
  return { roomId: 'r', seq: seq++, at: T0 + seconds * 1000, personId, kind, payload: payload as RoomEvent['payload'] };
}
const request = (seconds: number, requestId: string, lane: string, model: string | null, tokensIn: number | null, tokensOut: number | null, durationMs = 800) =>
  event(seconds, 'p-guest', 'ai-request', { lane, model, requestId, outcome: 'accepted', durationMs, timeToFirstTokenMs: 200, tokensIn, tokensOut, fromCache: false, detail: null });
const shown = (seconds: number, requestId: string, lane = 'fast', model = 'small') => event(seconds, 'p-guest', 'suggestion-shown', { lane, model, requestId, chars: 10, lines: 1 });
const accepted = (seconds: number, requestId: string, lane = 'fast', model = 'small') => event(seconds, 'p-guest', 'suggestion-accepted', { lane, model, requestId, chars: 10, partial: false });

describe('sessionReport', () => {
  const events: RoomEvent[] = [
    event(0, 'p-host', 'join', { name: 'Hana', role: 'host' }),
    event(5, 'p-guest', 'join', { name: 'Gus', role: 'guest' }),
    // Minute 0: two suggestions shown (one 600 ms, one 1.2 s after their request started), one accepted twice (word by word).
    shown(20.6, 'a'),
    request(21, 'a', 'fast', 'small', 100, 20, 1000),
    accepted(22, 'a'),
    accepted(23, 'a'),
    shown(31.2, 'b'),
    request(31.5, 'b', 'fast', 'small', 120, 30, 1500),
    event(32, 'p-guest', 'suggestion-rejected', { lane: 'fast', model: 'small', requestId: 'b', reason: 'dismissed' }),
    // Minute 1: a deep task on a model with no price, accepted; a failing then a passing test run; a program run.
    request(70, 'd', 'deep', 'big', 5000, 1000, 20_000),
    shown(71, 'd', 'deep', 'big'),
    accepted(75, 'd', 'deep', 'big'),
    event(80, 'p-host', 'run', { runId: 'r1', mode: 'tests' }),
    event(81, 'p-host', 'run-result', { runId: 'r1', mode: 'tests', status: 'failed', durationMs: 300, counts: { passed: 3, failed: 1, skipped: 0, todo: 0, total: 4 }, summary: '3 passed, 1 failed' }),
    event(100, 'p-host', 'run-result', { runId: 'r2', mode: 'tests', status: 'passed', durationMs: 300, counts: { passed: 4, failed: 0, skipped: 0, todo: 0, total: 4 }, summary: '4 passed' }),
    event(101, 'p-host', 'run-result', { runId: 'r3', mode: 'program', status: 'ok', durationMs: 30, summary: 'exited' }),
    // Minute 2: a paste and a focus loss.
    event(130, 'p-guest', 'paste', { chars: 400, lines: 12 }),
    event(140, 'p-guest', 'focus-loss', { durationMs: 9000, how: 'hidden' }),
    event(150, 'p-guest', 'edit', { from: 0, to: 0, updates: 1, update: 'AA==', ai: { lane: 'fast', model: 'small', requestId: 'a' } }),
    event(151, 'p-host', 'edit', { from: 0, to: 0, updates: 1, update: 'AA==' }),
    // Something unreadable is left out, not fatal.
    event(152, 'p-guest', 'suggestion-shown', { nonsense: true }),
  ];

  it('counts suggestions shown and accepted per minute and lane, once per request', () => {
    const report = sessionReport(events);
    expect(report.bucketMs).toBe(60_000);
    expect(report.buckets).toHaveLength(3);
    expect(report.lanes).toEqual(['fast', 'deep']);
    expect(report.shown.fast).toEqual([2, 0, 0]);
    expect(report.accepted.fast).toEqual([1, 0, 0]);
    expect(report.shown.deep).toEqual([0, 1, 0]);
    expect(report.accepted.deep).toEqual([0, 1, 0]);
    expect(report.totals).toMatchObject({ requests: 3, shown: 3, accepted: 2, rejected: 1, acceptRate: 2 / 3 });
  });

  it('measures the time to a suggestion from its request start, and from the session start', () => {
    const report = sessionReport(events);
    expect(report.firstSuggestionAfterMs).toBe(20_600);
    expect(report.latencies.map((entry) => [entry.lane, Math.round(entry.ms)])).toEqual([
      ['fast', 600],
      ['fast', 1200],
      ['deep', 21_000],
    ]);
    expect(report.latency).toEqual({ median: 1200, p90: 21_000 });
  });

  it('gives tokens per accepted change, and cost only for priced models', () => {
    const unpriced = sessionReport(events);
    expect(unpriced.totals.tokensIn).toBe(5220);
    expect(unpriced.totals.tokensOut).toBe(1050);
    expect(unpriced.totals.tokensPerAccepted).toBe(6270 / 2);
    expect(unpriced.totals.cost).toBeNull();
    expect(unpriced.totals.costPerAccepted).toBeNull();
    expect(unpriced.totals.unpricedModels).toEqual(['big', 'small']);
    expect(unpriced.acceptedChanges.map((change) => [change.requestId, change.tokensIn, change.tokensOut, change.cost])).toEqual([
      ['a', 100, 20, null],
      ['d', 5000, 1000, null],
    ]);

    const halfPriced = sessionReport(events, { prices: { small: { inputPerMillion: 1, outputPerMillion: 2 } } });
    expect(halfPriced.totals.cost).toBeNull();
    expect(halfPriced.totals.unpricedModels).toEqual(['big']);
    expect(halfPriced.acceptedChanges[0]?.cost).toBeCloseTo((100 * 1 + 20 * 2) / 1e6, 12);
    expect(halfPriced.models.find((model) => model.model === 'small')).toMatchObject({ requests: 2, accepted: 1, tokensIn: 220, tokensOut: 50 });

    const priced = sessionReport(events, { prices: { small: { inputPerMillion: 1, outputPerMillion: 2 }, big: { inputPerMillion: 3, outputPerMillion: 15 } } });
    const total = (220 * 1 + 50 * 2 + 5000 * 3 + 1000 * 15) / 1e6;
    expect(priced.totals.cost).toBeCloseTo(total, 12);
    expect(priced.totals.costPerAccepted).toBeCloseTo(total / 2, 12);
    expect(priced.totals.unpricedModels).toEqual([]);
  });

  it('follows test runs, pastes and focus losses over time, per person', () => {
    const report = sessionReport(events);
    expect(report.testRunsFailed).toEqual([0, 1, 0]);
    expect(report.testRunsPassed).toEqual([0, 1, 0]);
    expect(report.programRuns).toEqual([0, 1, 0]);
    expect(report.runs).toEqual({ tests: 2, passed: 1, failed: 1, programs: 1 });
    expect(report.testResults.map((entry) => [entry.passed, entry.failed])).toEqual([
      [3, 1],
      [4, 0],
    ]);
    expect(report.pastes).toEqual([0, 0, 1]);
    expect(report.focusLosses).toEqual([0, 0, 1]);
    expect(report.integrity).toEqual({ pastes: 1, pastedChars: 400, focusLosses: 1, awayMs: 9000 });
    expect(report.people.find((person) => person.personId === 'p-guest')).toMatchObject({ edits: 1, aiEdits: 1, accepted: 2, pastes: 1, focusLosses: 1, awayMs: 9000 });
  });

  it('widens the buckets for a long session, and copes with an empty log', () => {
    const long = sessionReport([event(0, 'p-host', 'join', {}), event(5 * 3600, 'p-host', 'leave', {})]);
    expect(long.buckets.length).toBeLessThanOrEqual(120);
    expect(long.bucketMs % 60_000).toBe(0);
    const empty = sessionReport([]);
    expect(empty.buckets).toHaveLength(1);
    expect(empty.totals.acceptRate).toBeNull();
    expect(empty.firstSuggestionAfterMs).toBeNull();
    expect(empty.latency).toBeNull();
  });
});

describe('costOf', () => {
  it('is null without a price or counts, never a guess', () => {
    expect(costOf({}, 'gpt-x', 10, 10)).toBeNull();
    expect(costOf({ m: { inputPerMillion: 2, outputPerMillion: 4 } }, 'm', null, 10)).toBeNull();
    expect(costOf({ m: { inputPerMillion: 2, outputPerMillion: 4 } }, 'm', 1_000_000, 500_000)).toBe(4);
    expect(costOf({ m: { inputPerMillion: 2, outputPerMillion: 4 } }, 'toString', 1, 1)).toBeNull();
  });
});
