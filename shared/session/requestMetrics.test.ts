/** One metrics record per AI request when it ends, for both lanes (the deep lane's are in deepLaneRegion.test.ts). */
import { describe, expect, it } from 'vitest';
import { RequestMetric } from '../metrics/RequestMetric.ts';
import { startTestSession, type TestSession } from './testing/startTestSession.ts';

const START = 'const total = ';

/** A session that asked for suggestion f1 at the end of START, 30 ms after the last key. */
function asked(): TestSession {
  const s = startTestSession({ text: START });
  s.send({ type: 'ai.models', fast: 'fast-model', deep: null });
  s.send({ type: 'fast.trigger', cursor: s.doc.cursor });
  expect(s.fast).toBe('requesting');
  return s;
}

const usage = { inputTokens: 90, outputTokens: 4 };

describe('metrics records', () => {
  it('records an accepted suggestion with its model, tokens, time to first token and duration', () => {
    const s = asked();
    s.clock.increment(120);
    s.send({ type: 'fast.batch', requestId: 'f1', seq: 0, text: 'a + b', done: false });
    s.clock.increment(30);
    s.send({ type: 'fast.batch', requestId: 'f1', seq: 1, text: ';', done: true, usage });
    s.clock.increment(50);
    s.send({ type: 'fast.accept' });
    expect(s.services.metrics).toEqual([
      { requestId: 'f1', lane: 'fast', kind: 'suggestion', model: 'fast-model', tokensIn: 90, tokensOut: 4, timeToFirstTokenMs: 120, durationMs: 200, outcome: 'accepted', detail: 'tab', fromCache: false, endedAt: 200 },
    ]);
    // The record is the schema's shape, so it can be sent or stored as it is.
    expect(RequestMetric.parse(s.services.metrics[0])).toEqual(s.services.metrics[0]);
  });

  it('records each way a suggestion ends, once', () => {
    const typed = asked();
    typed.send({ type: 'fast.batch', requestId: 'f1', seq: 0, text: 'a + b;', done: true });
    typed.type('a + b;');
    expect(typed.services.metrics).toMatchObject([{ requestId: 'f1', outcome: 'accepted', detail: 'typing' }]);

    const dismissed = asked();
    dismissed.send({ type: 'fast.batch', requestId: 'f1', seq: 0, text: 'a + b;', done: true });
    dismissed.send({ type: 'fast.dismiss' });
    expect(dismissed.services.metrics).toMatchObject([{ outcome: 'rejected', detail: 'dismissed' }]);

    const typedOver = asked();
    typedOver.send({ type: 'fast.batch', requestId: 'f1', seq: 0, text: 'a + b', done: false });
    typedOver.type('x');
    expect(typedOver.services.metrics).toMatchObject([{ requestId: 'f1', outcome: 'rejected', detail: 'typed-over' }]);

    const replaced = asked();
    replaced.send({ type: 'fast.trigger' });
    expect(replaced.services.metrics).toMatchObject([{ requestId: 'f1', outcome: 'interrupted', detail: 'replaced', timeToFirstTokenMs: null }]);

    const failed = asked();
    failed.send({ type: 'fast.failed', requestId: 'f1', status: 'unavailable', message: 'down' });
    expect(failed.services.metrics).toMatchObject([{ outcome: 'failed', detail: 'unavailable' }]);

    const limited = asked();
    limited.send({ type: 'fast.limited', requestId: 'f1', message: 'budget' });
    expect(limited.services.metrics).toMatchObject([{ outcome: 'failed', detail: 'budget' }]);

    const timedOut = asked();
    timedOut.clock.increment(5000);
    expect(timedOut.services.metrics).toMatchObject([{ outcome: 'failed', detail: 'timeout', durationMs: 5000 }]);

    for (const s of [typed, dismissed, typedOver, replaced, failed, limited, timedOut]) expect(s.services.metrics).toHaveLength(1);
  });

  it('records a suggestion shown again from the cache as a record of its own', () => {
    const s = asked();
    s.send({ type: 'fast.batch', requestId: 'f1', seq: 0, text: 'a + b;', done: true });
    s.type('x');
    s.backspace();
    expect(s.fast).toBe('shown');
    s.send({ type: 'fast.accept' });
    expect(s.services.metrics).toMatchObject([
      { requestId: 'f1', outcome: 'rejected', fromCache: false },
      { requestId: 'f1', outcome: 'accepted', fromCache: true, tokensIn: null, timeToFirstTokenMs: 0 },
    ]);
  });

  it('records each quick-edit request: accepted, rejected, redirected, failed, refused', () => {
    const SOURCE = 'function f() {\n  return 1;\n}\n';
    const BODY = { start: SOURCE.indexOf('  return'), end: SOURCE.indexOf('}') };
    const open = () => {
      const s = startTestSession({ text: SOURCE });
      s.send({ type: 'ai.models', fast: 'fast-model', deep: null });
      s.send({ type: 'quick.open', path: 'src/main.ts', documentText: SOURCE, selection: BODY });
      s.send({ type: 'quick.submit', instruction: 'return 2' });
      return s;
    };
    const s = open();
    s.clock.increment(200);
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: '  return 2;\n', done: false });
    s.clock.increment(100);
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 1, text: '', done: true, usage: { inputTokens: 300, outputTokens: 8 } });
    s.send({ type: 'quick.redirect', instruction: 'return 3' });
    s.send({ type: 'quick.redirect', instruction: 'return 4' });
    s.send({ type: 'quick.batch', requestId: 'q3', seq: 0, text: '  return 4;\n', done: true });
    s.send({ type: 'quick.accept' });
    expect(s.services.metrics).toEqual([
      { requestId: 'q1', lane: 'fast', kind: 'quick-edit', model: 'fast-model', tokensIn: 300, tokensOut: 8, timeToFirstTokenMs: 200, durationMs: 300, outcome: 'rejected', detail: 'redirected', fromCache: false, endedAt: 300 },
      expect.objectContaining({ requestId: 'q2', outcome: 'interrupted', detail: 'redirected', timeToFirstTokenMs: null }),
      expect.objectContaining({ requestId: 'q3', outcome: 'accepted', detail: null }),
    ]);

    const rejected = open();
    rejected.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: '  return 2;\n', done: true });
    rejected.send({ type: 'quick.reject' });
    expect(rejected.services.metrics).toMatchObject([{ outcome: 'rejected', detail: 'rejected' }]);

    const failed = open();
    failed.send({ type: 'quick.failed', requestId: 'q1', status: 'refused', message: 'no' });
    failed.send({ type: 'quick.cancel' });
    expect(failed.services.metrics).toMatchObject([{ outcome: 'failed', detail: 'refused' }]);

    const refused = open();
    refused.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: SOURCE.slice(BODY.start, BODY.end), done: true });
    expect(refused.quick).toBe('refused');
    expect(refused.services.metrics).toMatchObject([{ outcome: 'failed', detail: 'no-change' }]);

    const cancelled = open();
    cancelled.send({ type: 'quick.cancel' });
    expect(cancelled.services.metrics).toMatchObject([{ outcome: 'interrupted', detail: 'cancelled' }]);

    const stale = open();
    stale.send({ type: 'editor.typed', cursor: { path: 'src/main.ts', offset: 1, before: 'f', lineSuffix: '' } });
    expect(stale.services.metrics).toMatchObject([{ outcome: 'interrupted', detail: 'document-changed' }]);
  });
});
