import { describe, expect, it } from 'vitest';
import { debounceDelay, type DebounceInput } from './debounceDelay.ts';
import { SESSION_DEFAULTS } from './SessionOptions.ts';

const plain: DebounceInput = { before: 'const total = ite', lineSuffix: ' + 1', typingIntervalMs: null, roundTripMs: null };
const delay = (input: Partial<DebounceInput>) => debounceDelay({ ...plain, ...input }, SESSION_DEFAULTS);

describe('debounceDelay', () => {
  it('waits the base delay mid-line, with no typing rhythm or latency known', () => {
    expect(delay({})).toBe(75);
  });

  it('is shorter at line end and right after "." or "("', () => {
    expect(delay({ lineSuffix: '' })).toBe(38);
    expect(delay({ lineSuffix: '   ' })).toBe(38);
    expect(delay({ before: 'items.', lineSuffix: ')' })).toBe(38);
    expect(delay({ before: 'console.log(', lineSuffix: ')' })).toBe(38);
  });

  it('is longer while typing fast, and outlasts the key interval', () => {
    expect(delay({ typingIntervalMs: 60 })).toBe(150);
    expect(delay({ typingIntervalMs: 140 })).toBe(210);
    expect(delay({ typingIntervalMs: 60, lineSuffix: '' })).toBe(90);
    // A slow typist is not "fast": the base delay stands.
    expect(delay({ typingIntervalMs: 400 })).toBe(75);
  });

  it('grows with the measured round trip, within a bound', () => {
    expect(delay({ roundTripMs: 40 })).toBe(85);
    expect(delay({ roundTripMs: 200 })).toBe(125);
    expect(delay({ roundTripMs: 5000 })).toBe(175);
  });

  it('stays within the configured minimum and maximum', () => {
    expect(delay({ typingIntervalMs: 190, roundTripMs: 5000 })).toBeLessThanOrEqual(SESSION_DEFAULTS.maxDebounceMs);
    expect(delay({ typingIntervalMs: 199, roundTripMs: 5000 })).toBe(175);
    expect(debounceDelay({ ...plain, typingIntervalMs: 149, roundTripMs: 5000 }, SESSION_DEFAULTS)).toBe(300);
    expect(debounceDelay({ ...plain, lineSuffix: '' }, { ...SESSION_DEFAULTS, baseDebounceMs: 10 })).toBe(SESSION_DEFAULTS.minDebounceMs);
  });
});
