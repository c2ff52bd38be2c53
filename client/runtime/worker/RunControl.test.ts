import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunControl } from './RunControl.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('RunControl', () => {
  it('calls onTimeout at the limit, and ends exactly once', () => {
    vi.useFakeTimers();
    const ends: string[] = [];
    const control = new RunControl({ timeoutMs: 1000, onTimeout: () => ends.push(control.end() ? 'timeout' : 'late timeout'), onEnd: () => ends.push('end') });
    vi.advanceTimersByTime(999);
    expect(ends).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(ends).toEqual(['end', 'timeout']);
    expect(control.end()).toBe(false);
    expect(control.isOver).toBe(true);
  });

  it('stops the clock when the run ends first', () => {
    vi.useFakeTimers();
    const onTimeout = vi.fn();
    const control = new RunControl({ timeoutMs: 1000, onTimeout, onEnd: () => {} });
    expect(control.end()).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(onTimeout).not.toHaveBeenCalled();
  });
});
