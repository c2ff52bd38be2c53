import { describe, expect, it } from 'vitest';
import type { TestCaseResult, TestReport } from '../testReport.ts';
import { capRunReport } from './capRunReport.ts';
import { REPORTED_EVENT_LIMITS, RunResultPayload, type SharedRunReport } from './reportedRoomEvent.ts';

function testCase(i: number, status: TestCaseResult['status']): TestCaseResult {
  return {
    file: `src/f${i % 7}.test.ts`,
    name: `case ${i}`,
    ancestors: ['suite'],
    fullName: `suite > case ${i}`,
    status,
    durationMs: 1,
    ...(status === 'failed'
      ? { error: { message: `expected ${i} ${'x'.repeat(900)}`, diff: '- Expected\n+ Received\n'.repeat(40), stack: 'at f (src/f.ts:1:1)\n'.repeat(60) } }
      : {}),
  };
}

function report(cases: number, failEvery: number): SharedRunReport {
  const tests = Array.from({ length: cases }, (_, i) => testCase(i, i % failEvery === 0 ? 'failed' : 'passed'));
  const files = Array.from({ length: 7 }, (_, f) => {
    const own = tests.filter((test) => test.file === `src/f${f}.test.ts`);
    return { file: `src/f${f}.test.ts`, status: own.some((test) => test.status === 'failed') ? ('failed' as const) : ('passed' as const), durationMs: 3, tests: own };
  });
  const failed = tests.filter((test) => test.status === 'failed').length;
  const full: TestReport = {
    status: failed > 0 ? 'failed' : 'passed',
    files,
    counts: { passed: cases - failed, failed, skipped: 0, todo: 0, total: cases },
    diagnostics: [],
    durationMs: 40,
    runtime: 'worker',
  };
  return { kind: 'tests', report: full };
}

describe('capRunReport', () => {
  it('leaves a report that fits as it is', () => {
    const small = report(5, 2);
    expect(capRunReport(small)).toEqual({ shared: small, truncated: [] });
  });

  it('cuts stacks, then diffs, then long messages, then passed tests, until it fits, and says so', () => {
    const capped = capRunReport(report(400, 10));
    expect(capped.shared).toBeDefined();
    expect(JSON.stringify(capped.shared).length).toBeLessThanOrEqual(REPORTED_EVENT_LIMITS.maxReportChars);
    expect(capped.truncated.slice(0, 2)).toEqual(['stacks', 'diffs']);
    const tests = capped.shared?.kind === 'tests' ? capped.shared.report : undefined;
    // The counts stay whole, whatever the entries lost.
    expect(tests?.counts).toMatchObject({ total: 400, failed: 40 });
    expect(tests?.files.flatMap((file) => file.tests).every((test) => test.error?.stack === undefined)).toBe(true);
    // It passes the protocol's schema as a run-result's shared report.
    const payload = { runId: 'r', mode: 'tests', status: 'failed', durationMs: 40, summary: '360 passed, 40 failed', shared: capped.shared, truncated: capped.truncated };
    expect(RunResultPayload.safeParse(payload).success).toBe(true);
  });

  it('drops passed tests and then whole files (failing ones kept longest) for a huge run', () => {
    const capped = capRunReport(report(6000, 3));
    expect(capped.truncated).toContain('passed-tests');
    expect(capped.truncated).toContain('files');
    const files = capped.shared?.kind === 'tests' ? capped.shared.report.files : [];
    expect(files.every((file) => file.tests.every((test) => test.status === 'failed'))).toBe(true);
    expect(JSON.stringify(capped.shared).length).toBeLessThanOrEqual(REPORTED_EVENT_LIMITS.maxReportChars);
  });

  it('cuts a program result’s stack and message', () => {
    const program: SharedRunReport = {
      kind: 'program',
      result: { status: 'error', error: { message: 'boom '.repeat(20_000), stack: 'at x\n'.repeat(5000) }, diagnostics: [], durationMs: 3, runtime: 'worker' },
    };
    const capped = capRunReport(program);
    expect(capped.truncated).toEqual(['stacks', 'messages']);
    expect(capped.shared?.kind === 'program' && capped.shared.result.error?.message.length).toBe(500);
  });
});
