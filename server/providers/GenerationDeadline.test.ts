import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GenerationDeadline } from './GenerationDeadline.ts';

describe('GenerationDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const clock = () => Date.now();

  it('aborts with the message once the deadline passes', () => {
    const deadline = new GenerationDeadline(new AbortController().signal, clock);
    deadline.arm(100, 'no first token');
    vi.advanceTimersByTime(99);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
    expect(deadline.timedOut).toBe('no first token');
  });

  it('moves the deadline later on each arm, with one timer', () => {
    const deadline = new GenerationDeadline(new AbortController().signal, clock);
    deadline.arm(100, 'first');
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(60);
      deadline.arm(100, 'idle');
    }
    expect(vi.getTimerCount()).toBe(1);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(99);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.timedOut).toBe('idle');
  });

  it('moves the deadline earlier when armed with less time left', () => {
    const deadline = new GenerationDeadline(new AbortController().signal, clock);
    deadline.arm(10_000, 'first');
    deadline.arm(150, 'idle');
    vi.advanceTimersByTime(150);
    expect(deadline.timedOut).toBe('idle');
  });

  it('follows the caller cancel without calling it a timeout, and stops on dispose', () => {
    const caller = new AbortController();
    const deadline = new GenerationDeadline(caller.signal, clock);
    deadline.arm(100, 'late');
    caller.abort();
    expect(deadline.signal.aborted).toBe(true);
    deadline.dispose();
    vi.advanceTimersByTime(1000);
    expect(deadline.timedOut).toBeUndefined();
    expect(vi.getTimerCount()).toBe(0);
  });
});
