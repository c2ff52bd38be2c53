import { describe, expect, it } from 'vitest';
import type { RoomEvent, RoomEventKind } from '../../shared/rooms/roomEvent.ts';
import { clock, describeEvent, toneOf } from './describeEvent.ts';

const event = (kind: RoomEventKind, payload: Record<string, unknown>): RoomEvent => ({ roomId: 'r', seq: 0, at: 0, personId: 'p', kind, payload: payload as RoomEvent['payload'] });

describe('describeEvent', () => {
  it('says what happened, with lane and model', () => {
    expect(describeEvent(event('edit', { update: 'AA==', updates: 3 }))).toBe('typed (3 changes)');
    expect(describeEvent(event('edit', { update: 'AA==', ai: { lane: 'deep', model: 'big', requestId: 't' } }))).toBe('applied deep · big text');
    expect(describeEvent(event('suggestion-shown', { lane: 'fast', model: 'small', requestId: 'a', lines: 2 }))).toBe('fast · small showed 2 lines');
    expect(describeEvent(event('ai-request', { lane: 'fast', model: null, requestId: 'a', outcome: 'rejected', durationMs: 1500, tokensIn: 10, tokensOut: 2 }))).toBe('fast rejected after 1.5 s, 10 → 2 tokens');
    expect(describeEvent(event('run-result', { status: 'failed', summary: '3 passed, 1 failed' }))).toBe('failed: 3 passed, 1 failed');
    expect(describeEvent(event('focus-loss', { durationMs: 65_000, how: 'hidden' }))).toBe('left the page for 1 min 5 s (tab hidden)');
    expect(describeEvent(event('join', { role: 'guest' }))).toBe('joined as guest');
    expect(describeEvent(event('suggestion-accepted', { nonsense: 1 }))).toBe('suggestion accepted');
  });

  it('colours results by outcome and AI edits as accepted', () => {
    expect(toneOf(event('run-result', { status: 'passed' }))).toBe('pass');
    expect(toneOf(event('run-result', { status: 'build-error' }))).toBe('fail');
    expect(toneOf(event('edit', { update: 'AA==', ai: { lane: 'fast', model: 'm', requestId: 'r' } }))).toBe('accept');
    expect(toneOf(event('paste', {}))).toBe('signal');
  });

  it('formats durations as a clock', () => {
    expect(clock(0)).toBe('0:00');
    expect(clock(65_400)).toBe('1:05');
    expect(clock(3_725_000)).toBe('1:02:05');
  });
});
