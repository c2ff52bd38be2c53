import { describe, expect, it } from 'vitest';
import { relayAnswerToSessionEvent } from './relayAnswerToSessionEvent.ts';
import { startTestSession } from './session/testing/startTestSession.ts';

describe('relayAnswerToSessionEvent', () => {
  it('turns batches and done into the machine’s sequenced batches', () => {
    expect(relayAnswerToSessionEvent({ type: 'suggestion-batch', requestId: 'f1', seq: 0, text: 'ab' }, 'fast')).toEqual({
      type: 'fast.batch',
      requestId: 'f1',
      seq: 0,
      text: 'ab',
      done: false,
    });
    const done = {
      type: 'suggestion-done',
      requestId: 'q2',
      seq: 3,
      finishReason: 'stop',
      usage: { inputTokens: 1, outputTokens: 2 },
      timeToFirstTokenMs: 5,
      tokensPerSecond: null,
    } as const;
    expect(relayAnswerToSessionEvent(done, 'quick')).toEqual({ type: 'quick.batch', requestId: 'q2', seq: 3, text: '', done: true, usage: { inputTokens: 1, outputTokens: 2 } });
  });

  it('carries a quick edit’s resolved edits on its done batch', () => {
    const edits = [{ start: 0, end: 3, text: 'let' }];
    const done = { type: 'suggestion-done', requestId: 'q3', seq: 1, finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 2 }, timeToFirstTokenMs: 5, tokensPerSecond: null, edits } as const;
    expect(relayAnswerToSessionEvent(done, 'quick')).toEqual({ type: 'quick.batch', requestId: 'q3', seq: 1, text: '', done: true, edits, usage: { inputTokens: 1, outputTokens: 2 } });
  });

  it('tells our limits from the provider’s failures', () => {
    const error = (code: 'budget' | 'rate-limited' | 'timeout' | 'ai-off' | 'interrupted', scope?: 'person' | 'room' | 'provider') =>
      relayAnswerToSessionEvent({ type: 'suggestion-error', requestId: 'f1', code, message: 'm', retryAfterMs: 10, ...(scope ? { scope } : {}) }, 'fast');
    expect(error('budget', 'person')).toEqual({ type: 'fast.limited', requestId: 'f1', message: 'm', retryAfterMs: 10 });
    expect(error('rate-limited', 'room')).toMatchObject({ type: 'fast.limited' });
    expect(error('rate-limited', 'provider')).toEqual({ type: 'fast.failed', requestId: 'f1', status: 'rate-limited', message: 'm', retryAfterMs: 10 });
    expect(error('timeout')).toMatchObject({ type: 'fast.failed', status: 'timeout' });
    expect(error('ai-off')).toMatchObject({ type: 'fast.failed', status: 'misconfigured' });
    expect(error('interrupted')).toMatchObject({ type: 'fast.failed', status: 'unavailable' });
  });

  it('ends a request the dispatcher refused, and ignores errors that name none', () => {
    expect(relayAnswerToSessionEvent({ type: 'error', code: 'too-large', message: 'big', requestId: 'q1' }, 'quick')).toEqual({
      type: 'quick.failed',
      requestId: 'q1',
      status: 'refused',
      message: 'big',
    });
    expect(relayAnswerToSessionEvent({ type: 'error', code: 'invalid-message', message: 'bad' }, 'fast')).toBeUndefined();
  });

  it('drives the session machine: a streamed answer becomes ghost text, then a whole suggestion', () => {
    const s = startTestSession({ text: 'const x = ' });
    s.send({ type: 'fast.trigger', cursor: s.doc.cursor });
    const [requestId] = s.services.suggestionRequests;
    s.send(relayAnswerToSessionEvent({ type: 'suggestion-batch', requestId: requestId!, seq: 0, text: '4' }, 'fast')!);
    s.send(relayAnswerToSessionEvent({ type: 'suggestion-batch', requestId: requestId!, seq: 1, text: '2;' }, 'fast')!);
    expect(s.fast).toBe('streaming');
    s.send(
      relayAnswerToSessionEvent(
        { type: 'suggestion-done', requestId: requestId!, seq: 2, finishReason: 'stop', usage: { inputTokens: 3, outputTokens: 2 }, timeToFirstTokenMs: 1, tokensPerSecond: 2 },
        'fast',
      )!,
    );
    expect(s.fast).toBe('shown');
    expect(s.ghost?.text).toBe('42;');
  });

  it('drives the session machine: our budget interrupts with "budget"', () => {
    const s = startTestSession({ text: 'const x = ' });
    s.send({ type: 'fast.trigger', cursor: s.doc.cursor });
    const [requestId] = s.services.suggestionRequests;
    s.send(relayAnswerToSessionEvent({ type: 'suggestion-error', requestId: requestId!, code: 'budget', scope: 'person', message: 'spent', retryAfterMs: 1_000 }, 'fast')!);
    expect(s.fast).toBe('interrupted');
    expect(s.context.fast.interruption?.reason).toBe('budget');
  });
});
