import { describe, expect, it } from 'vitest';
import { InboundMessageLimit } from './InboundMessageLimit.ts';
import { MESSAGE_LIMITS } from './messageLimits.ts';

describe('InboundMessageLimit', () => {
  it('lets a cancel through after other messages have emptied their bucket', () => {
    const limit = new InboundMessageLimit(() => 0);
    let taken = 0;
    for (let i = 0; i < MESSAGE_LIMITS.burst * 2; i++) if (limit.take('suggest')) taken++;
    expect(taken).toBe(MESSAGE_LIMITS.burst);
    expect(limit.take('ping')).toBe(false);
    expect(limit.take('cancel')).toBe(true);
    expect(limit.take('deep-interrupt')).toBe(true);
  });

  it('bounds cancels by their own bucket, which refills with time', () => {
    let now = 0;
    const limit = new InboundMessageLimit(() => now);
    let taken = 0;
    for (let i = 0; i < MESSAGE_LIMITS.stopBurst * 2; i++) if (limit.take('cancel')) taken++;
    expect(taken).toBe(MESSAGE_LIMITS.stopBurst);
    // A flood of cancels does not eat the other messages' allowance either.
    expect(limit.take('suggest')).toBe(true);
    now += 1000 / MESSAGE_LIMITS.stopsPerSecond;
    expect(limit.take('cancel')).toBe(true);
    expect(limit.take('cancel')).toBe(false);
  });

  it('counts unknown event names against the main bucket', () => {
    const limit = new InboundMessageLimit(() => 0);
    for (let i = 0; i < MESSAGE_LIMITS.burst; i++) limit.take('format-disk');
    expect(limit.take('ping')).toBe(false);
    expect(limit.take('cancel')).toBe(true);
  });

  it('names the allowance a refused message exceeded', () => {
    expect(InboundMessageLimit.describe('cancel')).toMatch(/cancel and interrupt messages per second/);
    expect(InboundMessageLimit.describe('deep-interrupt')).toMatch(/cancel and interrupt messages per second/);
    expect(InboundMessageLimit.describe('suggest')).toMatch(/messages per second/);
  });
});
