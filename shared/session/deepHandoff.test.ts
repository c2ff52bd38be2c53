import { describe, expect, it } from 'vitest';
import type { TestReport } from '../testReport.ts';
import { selectDeepLane } from './selectDeepLane.ts';
import { selectQuickEdit } from './selectQuickEdit.ts';
import { startTestSession, type TestSession } from './testing/startTestSession.ts';

const SOURCE = ['export function parse(s) {', '  return s.split(",");', '}', ''].join('\n');
const BODY = { start: SOURCE.indexOf('  return'), end: SOURCE.indexOf('}') };
const SELECTED = { path: 'src/main.ts', start: BODY.start, end: BODY.end, text: SOURCE.slice(BODY.start, BODY.end) };
const FAILING: TestReport = {
  status: 'failed',
  files: [{ file: 'src/parse.test.ts', status: 'failed', durationMs: 1, tests: [{ file: 'src/parse.test.ts', name: 'splits', ancestors: [], fullName: 'splits', status: 'failed', durationMs: 1, error: { message: 'expected [] to equal ["a"]' } }] }],
  counts: { passed: 0, failed: 1, skipped: 0, todo: 0, total: 1 },
  diagnostics: [],
  durationMs: 1,
  runtime: 'worker',
};

function opened(lanes = { runtime: true, deep: true }, alsoSelected?: { path: string; start: number; end: number; text: string }[]): TestSession {
  const s = startTestSession({ text: SOURCE, lanes });
  s.send({ type: 'runtime.ready', runtime: 'worker' });
  s.send({ type: 'quick.open', path: 'src/main.ts', documentText: SOURCE, selection: BODY, ...(alsoSelected ? { alsoSelected } : {}) });
  return s;
}

/** A quick edit with an answer under review (request q`n`). */
function reviewed(s: TestSession, instruction: string, submit: 'quick.submit' | 'quick.redirect'): void {
  s.send({ type: submit, instruction });
  const id = s.context.quick.requestId!;
  s.send({ type: 'quick.batch', requestId: id, seq: 0, text: '  return s.split(";");\n', done: true });
  expect(s.quick).toBe('review');
}

describe('handoff to the deep lane', () => {
  it('promotes "rename parse in all three files and make the tests pass": the quick edit moves aside with its context', () => {
    const s = opened();
    s.send({ type: 'run.start', kind: 'tests' });
    s.send({ type: 'run.finished', runId: s.context.runtime.current!.runId, status: 'failed', report: FAILING });
    s.send({ type: 'quick.submit', instruction: 'rename parse in all three files and make the tests pass' });
    expect(s.quick).toBe('handedOff');
    expect(selectQuickEdit(s.actor.getSnapshot())).toBeNull();
    expect(s.services.quickEditRequests).toEqual([]);
    expect(selectDeepLane(s.actor.getSnapshot())).toMatchObject({
      state: 'proposed',
      proposal: {
        reasons: ['names-several-files', 'asks-for-tests'],
        instruction: 'rename parse in all three files and make the tests pass',
        constraints: null,
        selection: SELECTED,
        openFiles: ['src/main.ts'],
        failingTestOutput: 'FAIL src/parse.test.ts > splits\n    expected [] to equal ["a"]',
        fromQuickEdit: true,
      },
    });
    s.send({ type: 'deep.confirm' });
    expect(s.deep).toBe('planning');
    expect(s.services.of('startDeepTask')[0]?.request).toMatchObject({ selection: SELECTED, failingTestOutput: expect.stringContaining('splits') });
    expect(s.quick).toBe('handedOff');
  });

  it('brings the quick edit back when the proposal is declined', () => {
    const s = opened();
    s.send({ type: 'quick.submit', instruction: 'make the tests pass' });
    expect(s.quick).toBe('handedOff');
    s.send({ type: 'deep.decline' });
    expect(s.deep).toBe('idle');
    expect(s.quick).toBe('instructing');
    expect(selectQuickEdit(s.actor.getSnapshot())).toMatchObject({ state: 'instructing', selection: BODY });
    // Declined: the same instruction stays in the fast lane now, unless the person asks.
    s.send({ type: 'quick.submit', instruction: 'make the tests pass' });
    expect(s.quick).toBe('streaming');
  });

  it('promotes a selection over more than one file', () => {
    const s = opened(undefined, [{ path: 'src/other.ts', start: 0, end: 4, text: 'x()' }]);
    s.send({ type: 'quick.submit', instruction: 'use a regex' });
    expect(selectDeepLane(s.actor.getSnapshot())?.proposal).toMatchObject({ reasons: ['spans-files'], openFiles: ['src/main.ts', 'src/other.ts'] });
  });

  it('promotes after the fast lane\'s answer was turned down twice, carrying every instruction', () => {
    const s = opened();
    reviewed(s, 'split on semicolons', 'quick.submit');
    reviewed(s, 'no, trim the parts too', 'quick.redirect');
    expect(s.context.quick.rejections).toBe(1);
    s.send({ type: 'quick.reject' });
    expect(s.quick).toBe('handedOff');
    expect(selectDeepLane(s.actor.getSnapshot())?.proposal).toMatchObject({
      reasons: ['rejected-twice'],
      instruction: 'split on semicolons',
      constraints: 'no, trim the parts too',
    });
    // A second redirect after review is a second rejection too.
    const r = opened();
    reviewed(r, 'split on semicolons', 'quick.submit');
    reviewed(r, 'no, trim the parts too', 'quick.redirect');
    r.send({ type: 'quick.redirect', instruction: 'and drop empty ones' });
    expect(r.quick).toBe('handedOff');
    expect(selectDeepLane(r.actor.getSnapshot())?.proposal).toMatchObject({ reasons: ['rejected-twice'], constraints: 'no, trim the parts too\nand drop empty ones' });
  });

  it('hands over when the person asks, cancelling a request in flight when a redirect promotes', () => {
    const s = opened();
    s.send({ type: 'quick.handOff', instruction: 'split it properly' });
    expect(selectDeepLane(s.actor.getSnapshot())?.proposal).toMatchObject({ reasons: ['asked'], instruction: 'split it properly' });
    // Asked from the review: the answer there counts as turned down.
    const fromReview = opened();
    reviewed(fromReview, 'split on semicolons', 'quick.submit');
    fromReview.send({ type: 'quick.handOff' });
    expect(fromReview.quick).toBe('handedOff');
    expect(selectDeepLane(fromReview.actor.getSnapshot())?.proposal).toMatchObject({ reasons: ['asked'], instruction: 'split on semicolons' });
    expect(fromReview.services.metrics).toMatchObject([{ requestId: 'q1', outcome: 'rejected', detail: 'handed-off' }]);
    const r = opened();
    r.send({ type: 'quick.submit', instruction: 'split on semicolons' });
    const id = r.context.quick.requestId!;
    r.send({ type: 'quick.redirect', instruction: 'actually, make the tests pass' });
    expect(r.quick).toBe('handedOff');
    expect(r.services.cancels).toEqual([`${id}:redirected`]);
    expect(r.services.metrics).toMatchObject([{ requestId: id, kind: 'quick-edit', outcome: 'interrupted', detail: 'handed-off' }]);
  });

  it('keeps the request in the fast lane while the deep lane is busy, or when the session has no deep lane', () => {
    const s = opened();
    s.send({ type: 'deep.propose', instruction: 'something else' });
    s.send({ type: 'deep.confirm' });
    s.send({ type: 'quick.submit', instruction: 'make the tests pass' });
    expect(s.quick).toBe('streaming');
    const off = opened({ runtime: true, deep: false });
    off.send({ type: 'quick.submit', instruction: 'make the tests pass' });
    expect(off.quick).toBe('streaming');
  });
});
