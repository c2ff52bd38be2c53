import { SimulatedClock } from 'xstate';
import { describe, expect, it } from 'vitest';
import { ToolDeadlines } from './ToolDeadlines.ts';

describe('ToolDeadlines', () => {
  it('lets a call answered in time through once, and expires one that is not, once', () => {
    const clock = new SimulatedClock();
    const expired: [string, number][] = [];
    const deadlines = new ToolDeadlines(clock, (callId, ms) => expired.push([callId, ms]));
    deadlines.start('fast', 1000);
    deadlines.start('slow', 1000);
    clock.increment(500);
    expect(deadlines.settle('fast')).toBe(true);
    expect(deadlines.settle('fast')).toBe(false);
    clock.increment(500);
    expect(expired).toEqual([['slow', 1000]]);
    expect(deadlines.settle('slow')).toBe(false);
    // Arming an expired call again does not give it a second life.
    deadlines.start('slow', 1000);
    clock.increment(2000);
    expect(expired).toHaveLength(1);
  });

  it('clears every deadline without answering', () => {
    const clock = new SimulatedClock();
    const expired: string[] = [];
    const deadlines = new ToolDeadlines(clock, (callId) => expired.push(callId));
    deadlines.start('a', 10);
    expect(deadlines.pending('a')).toBe(true);
    deadlines.clear();
    clock.increment(100);
    expect(expired).toEqual([]);
    expect(deadlines.pending('a')).toBe(false);
    expect(deadlines.settle('a')).toBe(false);
  });
});
