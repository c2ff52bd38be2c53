import { describe, expect, it } from 'vitest';
import { SlidingWindowLimit } from './SlidingWindowLimit.ts';

describe('SlidingWindowLimit', () => {
  it('counts charges within the window and frees them as they age out', () => {
    let now = 0;
    const limit = new SlidingWindowLimit(10, 1_000, () => now);
    limit.charge(4);
    now = 300;
    limit.charge(6);
    expect(limit.remaining()).toBe(0);
    expect(limit.retryAfterMs()).toBe(700);
    expect(limit.retryAfterMs(4)).toBe(700);
    // 5 needs the second charge to age out too.
    expect(limit.retryAfterMs(5)).toBe(1_000);
    now = 1_000;
    expect(limit.remaining()).toBe(4);
    now = 1_300;
    expect(limit.remaining()).toBe(10);
  });

  it('settles a reservation to what was really spent', () => {
    const limit = new SlidingWindowLimit(100, 1_000, () => 0);
    const charge = limit.charge(80);
    expect(limit.remaining()).toBe(20);
    charge.settle(15);
    expect(limit.remaining()).toBe(85);
  });

  it('ignores the settlement of a charge that has already aged out', () => {
    let now = 0;
    const limit = new SlidingWindowLimit(10, 1_000, () => now);
    const old = limit.charge(10);
    now = 1_500;
    expect(limit.remaining()).toBe(10);
    old.settle(3);
    limit.charge(4);
    expect(limit.remaining()).toBe(6);
  });

  it('has no limit at 0', () => {
    const limit = new SlidingWindowLimit(0, 1_000, () => 0);
    limit.charge(1e9);
    expect(limit.remaining()).toBe(Infinity);
    expect(limit.retryAfterMs()).toBe(0);
  });

  it('asks for the whole window when more is wanted than the limit', () => {
    const limit = new SlidingWindowLimit(5, 1_000, () => 0);
    expect(limit.retryAfterMs(6)).toBe(1_000);
  });
});
