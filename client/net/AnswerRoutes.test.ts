import { describe, expect, it } from 'vitest';
import type { RelayAnswer } from '../../shared/relayAnswerToSessionEvent.ts';
import { AnswerRoutes } from './AnswerRoutes.ts';

const batch = (requestId: string, seq: number): RelayAnswer => ({ type: 'suggestion-batch', requestId, seq, text: `t${seq}` });
const done = (requestId: string, seq: number): RelayAnswer => ({
  type: 'suggestion-done',
  requestId,
  seq,
  finishReason: 'stop',
  usage: { inputTokens: 1, outputTokens: 1 },
  timeToFirstTokenMs: 1,
  tokensPerSecond: null,
});

describe('AnswerRoutes', () => {
  it('hands each answer to the request that asked, until its last answer', () => {
    const routes = new AnswerRoutes();
    const a: RelayAnswer[] = [];
    const b: RelayAnswer[] = [];
    routes.open('a', (m) => a.push(m));
    routes.open('b', (m) => b.push(m));
    expect(routes.deliver(batch('a', 0))).toBe(true);
    expect(routes.deliver(batch('b', 0))).toBe(true);
    expect(routes.deliver(done('a', 1))).toBe(true);
    expect(routes.deliver(batch('a', 2))).toBe(false);
    expect(a.map((m) => m.type)).toEqual(['suggestion-batch', 'suggestion-done']);
    expect(b).toHaveLength(1);
    expect(routes.size).toBe(1);
  });

  it('ends a route on an error naming the request, and ignores errors naming none', () => {
    const routes = new AnswerRoutes();
    const heard: RelayAnswer[] = [];
    routes.open('r', (m) => heard.push(m));
    expect(routes.deliver({ type: 'error', code: 'internal', message: 'no id' })).toBe(false);
    expect(routes.deliver({ type: 'error', code: 'too-large', message: 'too big', requestId: 'r' })).toBe(true);
    expect(routes.size).toBe(0);
    expect(heard).toHaveLength(1);
  });

  it('drops answers to a cancelled request', () => {
    const routes = new AnswerRoutes();
    const heard: RelayAnswer[] = [];
    routes.open('c', (m) => heard.push(m));
    routes.close('c');
    expect(routes.deliver(batch('c', 0))).toBe(false);
    expect(heard).toEqual([]);
  });

  it('fails every open request at once when the connection drops', () => {
    const routes = new AnswerRoutes();
    const heard: RelayAnswer[] = [];
    routes.open('x', (m) => heard.push(m));
    routes.open('y', (m) => heard.push(m));
    routes.failAll('unavailable', 'lost');
    expect(heard).toEqual([
      { type: 'suggestion-error', requestId: 'x', code: 'unavailable', message: 'lost' },
      { type: 'suggestion-error', requestId: 'y', code: 'unavailable', message: 'lost' },
    ]);
    expect(routes.size).toBe(0);
  });
});
