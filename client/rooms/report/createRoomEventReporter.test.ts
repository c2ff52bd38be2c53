import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RequestMetric } from '../../../shared/metrics/RequestMetric.ts';
import { ReportedRoomEvent } from '../../../shared/rooms/reportedRoomEvent.ts';
import { startTestSession, type TestSession } from '../../../shared/session/testing/startTestSession.ts';
import type { TestReport } from '../../../shared/testReport.ts';
import { RunController } from '../../ui/RunController.ts';
import { Store } from '../../ui/Store.ts';
import { createRoomEventReporter, type PasteFacts } from './createRoomEventReporter.ts';

/** A session machine with a reporter on it; `sync()` hands the machine's records to the store, as AiSession's recordMetric does. */
function reported() {
  const s = startTestSession({ text: 'const total = ' });
  s.send({ type: 'ai.models', fast: 'qwen-coder', deep: 'big-model' });
  const metrics = new Store<readonly RequestMetric[]>([]);
  const sent: ReportedRoomEvent[] = [];
  const reporter = createRoomEventReporter({ send: (event) => sent.push(ReportedRoomEvent.parse(event)), session: { actor: s.actor, metrics } });
  const sync = (): void => metrics.set([...s.services.metrics]);
  return { s, sent, sync, reporter };
}

function requested(s: TestSession): void {
  s.type('a');
  s.clock.increment(s.context.fast.debounceMs);
  expect(s.fast).toBe('requesting');
}

describe('RoomEventReporter: the AI lanes', () => {
  it('reports a ghost text once when it is whole, then its acceptance and the request, with lane and model', () => {
    const { s, sent, sync } = reported();
    requested(s);
    s.stream('f1', [' + 1'], { done: false });
    expect(sent).toEqual([]);
    s.stream('f1', [';'], { from: 1 });
    expect(s.fast).toBe('shown');
    expect(sent).toEqual([{ kind: 'suggestion-shown', payload: { lane: 'fast', model: 'qwen-coder', requestId: 'f1', chars: 5, lines: 1, path: s.doc.path } }]);
    s.send({ type: 'fast.accept' });
    sync();
    expect(sent.slice(1).map((event) => event.kind)).toEqual(['suggestion-accepted', 'ai-request']);
    expect(sent[1]?.payload).toEqual({ lane: 'fast', model: 'qwen-coder', requestId: 'f1', chars: 5, partial: false, path: s.doc.path });
    expect(sent[2]?.payload).toMatchObject({ lane: 'fast', model: 'qwen-coder', requestId: 'f1', outcome: 'accepted', fromCache: false });
  });

  it('reports a dismissed ghost text as rejected, and one that went away while streaming as shown with what was shown', () => {
    const { s, sent, sync } = reported();
    requested(s);
    s.stream('f1', ['x', 'yz'], { done: false });
    s.send({ type: 'fast.dismiss' });
    sync();
    expect(sent.map((event) => event.kind)).toEqual(['suggestion-shown', 'suggestion-rejected', 'ai-request']);
    expect(sent[0]?.payload).toMatchObject({ requestId: 'f1', chars: 3 });
    expect(sent[1]?.payload).toEqual({ lane: 'fast', model: 'qwen-coder', requestId: 'f1', reason: 'cancelled' });
  });

  it('reports a quick edit up for review as shown, and its apply as accepted', () => {
    const { s, sent, sync } = reported();
    const source = s.doc.text;
    s.send({ type: 'quick.open', path: s.doc.path, documentText: source, selection: { start: 0, end: 5 } });
    s.send({ type: 'quick.submit', instruction: 'use let' });
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: 'le', done: false });
    expect(sent).toEqual([]);
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 1, text: 't', done: true });
    expect(s.quick).toBe('review');
    expect(sent).toEqual([{ kind: 'suggestion-shown', payload: { lane: 'quick-edit', model: 'qwen-coder', requestId: 'q1', chars: 3, lines: 1, path: s.doc.path } }]);
    s.send({ type: 'quick.accept' });
    sync();
    expect(sent.slice(1).map((event) => [event.kind, 'lane' in event.payload ? event.payload.lane : null])).toEqual([
      ['suggestion-accepted', 'quick-edit'],
      ['ai-request', 'quick-edit'],
    ]);
    expect(sent[1]?.payload).toMatchObject({ requestId: 'q1', chars: 3, partial: false });
  });

  it('says nothing of requests that never left the page because the lane is off, nor what the room would refuse', () => {
    const { s, sent, sync } = reported();
    requested(s);
    s.send({ type: 'fast.failed', requestId: 'f1', status: 'misconfigured', message: 'The host has turned AI off for you in this room.' });
    sync();
    expect(sent).toEqual([]);

    const filtered = startTestSession({ text: 'const total = ' });
    const metrics = new Store<readonly RequestMetric[]>([]);
    const passed: ReportedRoomEvent[] = [];
    createRoomEventReporter({ send: (event) => passed.push(event), mayReport: (event) => event.kind !== 'ai-request', session: { actor: filtered.actor, metrics } });
    requested(filtered);
    filtered.send({ type: 'fast.failed', requestId: 'f1', status: 'unavailable', message: 'down' });
    metrics.set([...filtered.services.metrics]);
    expect(filtered.services.metrics).toHaveLength(1);
    expect(passed).toEqual([]);
  });

  it('stops reporting once disposed', () => {
    const { s, sent, reporter } = reported();
    reporter.dispose();
    requested(s);
    s.stream('f1', [' + 1;']);
    expect(sent).toEqual([]);
  });
});

const REPORT: TestReport = {
  status: 'failed',
  files: [
    {
      file: 'sum.test.ts',
      status: 'failed',
      durationMs: 5,
      tests: [
        { file: 'sum.test.ts', name: 'adds', ancestors: [], fullName: 'adds', status: 'failed', durationMs: 1, error: { message: 'expected 3, got 4', stack: 'at sum.test.ts:3:1' } },
        ...Array.from({ length: 4 }, (_, i) => ({ file: 'sum.test.ts', name: `ok ${i}`, ancestors: [], fullName: `ok ${i}`, status: 'passed' as const, durationMs: 1 })),
      ],
    },
  ],
  counts: { passed: 4, failed: 1, skipped: 0, todo: 0, total: 5 },
  diagnostics: [],
  durationMs: 12,
  runtime: 'worker',
};

describe('RoomEventReporter: runs', () => {
  it('reports a run when it starts and its result with the summary and the report when it ends', () => {
    const runs = new RunController(new Y.Doc());
    const sent: ReportedRoomEvent[] = [];
    createRoomEventReporter({ send: (event) => sent.push(ReportedRoomEvent.parse(event)), runs: runs.state });
    runs.begin('run-1', { kind: 'tests' });
    runs.testResult('run-1', REPORT.files[0]!.tests[0]!);
    runs.finish('run-1', { status: 'failed', durationMs: 12, runtime: 'worker', report: REPORT });
    expect(sent).toEqual([
      { kind: 'run', payload: { runId: 'run-1', mode: 'tests' } },
      {
        kind: 'run-result',
        payload: { runId: 'run-1', mode: 'tests', status: 'failed', durationMs: 12, counts: REPORT.counts, summary: '4 passed, 1 failed', shared: { kind: 'tests', report: REPORT } },
      },
    ]);

    runs.begin('run-2', { kind: 'program', entry: 'main.ts' });
    runs.finish('run-2', { status: 'crashed', durationMs: 3, crash: 'The sandbox did not start.\nmore' });
    expect(sent.slice(2)).toEqual([
      { kind: 'run', payload: { runId: 'run-2', mode: 'program', path: 'main.ts' } },
      { kind: 'run-result', payload: { runId: 'run-2', mode: 'program', path: 'main.ts', status: 'error', durationMs: 3, summary: 'could not run: The sandbox did not start.' } },
    ]);
  });
});

describe('RoomEventReporter: pastes and focus', () => {
  it('reports pastes from 200 characters or 5 lines on, with their size, never their text', () => {
    const sent: ReportedRoomEvent[] = [];
    let paste: ((facts: PasteFacts) => void) | undefined;
    const reporter = createRoomEventReporter({
      send: (event) => sent.push(event),
      pastes: (listener) => {
        paste = listener;
        return () => (paste = undefined);
      },
    });
    paste?.({ text: 'x'.repeat(199), path: 'main.ts' });
    paste?.({ text: 'a\nb\nc\nd', path: 'main.ts' });
    paste?.({ text: 'x'.repeat(200), path: 'main.ts' });
    paste?.({ text: 'a\nb\nc\nd\ne', path: undefined });
    expect(sent).toEqual([
      { kind: 'paste', payload: { chars: 200, lines: 1, path: 'main.ts' } },
      { kind: 'paste', payload: { chars: 9, lines: 5 } },
    ]);
    reporter.dispose();
    expect(paste).toBeUndefined();
  });

  it('reports time away from the page when the person is back, if it lasted, and what was still going on at dispose', () => {
    const win = new EventTarget();
    const doc = Object.assign(new EventTarget(), { visibilityState: 'visible', activeElement: null as Element | null });
    let time = 0;
    const sent: ReportedRoomEvent[] = [];
    const reporter = createRoomEventReporter({ send: (event) => sent.push(event), focus: { window: win, document: doc }, now: () => time });

    // A glance away: too short to count.
    win.dispatchEvent(new Event('blur'));
    time += 500;
    win.dispatchEvent(new Event('focus'));
    // Another tab: blur, then hidden, back after 8 s.
    win.dispatchEvent(new Event('blur'));
    time += 100;
    doc.visibilityState = 'hidden';
    doc.dispatchEvent(new Event('visibilitychange'));
    time += 7_900;
    doc.visibilityState = 'visible';
    doc.dispatchEvent(new Event('visibilitychange'));
    win.dispatchEvent(new Event('focus'));
    expect(sent).toEqual([{ kind: 'focus-loss', payload: { durationMs: 8_000, how: 'hidden' } }]);

    // Another window, and the page leaves the room meanwhile.
    win.dispatchEvent(new Event('blur'));
    time += 3_000;
    reporter.dispose();
    expect(sent.at(-1)).toEqual({ kind: 'focus-loss', payload: { durationMs: 3_000, how: 'blur', unfinished: true } });
    expect(sent).toHaveLength(2);
  });
});
