import { describe, expect, it } from 'vitest';
import type { AiLaneStatus } from '../../../shared/serverMessage.ts';
import type { FastLaneStatus } from '../../../shared/session/selectFastLaneStatus.ts';
import { describeFastLane } from './describeFastLane.ts';

const limits = { maxTokensPerRequest: 256, tokensPerPersonPerHour: 1000, tokensPerRoomPerHour: 5000, requestsPerPersonPerMinute: 60 };
const on: AiLaneStatus = { lane: 'fast', enabled: true, provider: 'openai-chat', model: 'coder-1', summary: 'fast lane: openai-chat coder-1', limits };
const off: AiLaneStatus = {
  lane: 'fast',
  enabled: false,
  provider: 'off',
  summary: 'fast lane: off',
  reason: 'PAIRLANE_FAST_PROVIDER is off.',
  howToEnable: 'Set PAIRLANE_FAST_PROVIDER=openai-chat and PAIRLANE_FAST_MODEL, then restart the server.',
  limits,
};
const idle: FastLaneStatus = { state: 'idle', inFlight: 0, pausedUntil: 0 };
const base = { connected: true, limit: undefined, now: 1_000, formatTime: () => '10:30' };

describe('describeFastLane', () => {
  it('says how to turn an off lane on', () => {
    const view = describeFastLane({ ...base, config: off, status: idle });
    expect(view.state).toBe('off');
    expect(view.label).toBe('AI off');
    expect(view.lines).toEqual(['PAIRLANE_FAST_PROVIDER is off.']);
    expect(view.howToEnable).toContain('PAIRLANE_FAST_PROVIDER=openai-chat');
  });

  it('names the model and what the lane is doing', () => {
    expect(describeFastLane({ ...base, config: on, status: idle }).label).toBe('coder-1');
    expect(describeFastLane({ ...base, config: on, status: { ...idle, state: 'requesting', inFlight: 1 } }).label).toBe('coder-1 · thinking…');
    const streaming = describeFastLane({ ...base, config: on, status: { ...idle, state: 'streaming', inFlight: 1 } });
    expect([streaming.state, streaming.label, streaming.tone]).toEqual(['streaming', 'coder-1 · streaming…', 'busy']);
    expect(describeFastLane({ ...base, config: on, status: { ...idle, state: 'shown' } }).label).toBe('coder-1 · Tab to accept');
  });

  it('gives each provider failure its own status and the provider’s message', () => {
    const error = (status: 'unavailable' | 'timeout' | 'rate-limited' | 'misconfigured'): FastLaneStatus => ({ ...idle, state: 'error', status, message: `upstream said ${status}`, requestId: 'p-f1' });
    const unavailable = describeFastLane({ ...base, config: on, status: error('unavailable') });
    expect([unavailable.state, unavailable.label, unavailable.tone]).toEqual(['error-unavailable', 'coder-1 · unavailable', 'fail']);
    expect(unavailable.lines[0]).toBe('upstream said unavailable');
    expect(describeFastLane({ ...base, config: on, status: error('timeout') }).label).toBe('coder-1 · timed out');
    expect(describeFastLane({ ...base, config: on, status: error('misconfigured') }).state).toBe('error-misconfigured');
  });

  it('shows a budget with when it resets, until then', () => {
    const limit = { message: 'Your hourly token budget is spent.', resumesAt: 5_000 };
    const limited = describeFastLane({ ...base, config: on, status: { ...idle, state: 'interrupted', reason: 'budget', requestId: 'p-f2' }, limit });
    expect(limited.state).toBe('limited');
    expect(limited.label).toBe('coder-1 · limit reached · resumes 10:30');
    expect(limited.lines[0]).toBe('Your hourly token budget is spent.');
    expect(describeFastLane({ ...base, now: 6_000, config: on, status: idle, limit }).state).toBe('ready');
  });

  it('says offline when the server is gone, and waits quietly before the server spoke', () => {
    expect(describeFastLane({ ...base, connected: false, config: on, status: idle }).state).toBe('offline');
    expect(describeFastLane({ ...base, config: undefined, status: undefined }).state).toBe('unknown');
    expect(describeFastLane({ ...base, connected: false, config: undefined, status: undefined }).label).toBe('AI offline');
  });
});
