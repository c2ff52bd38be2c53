import { describe, expect, it } from 'vitest';
import { BatchCoalescer } from './BatchCoalescer.ts';
import type { RelayClock } from './RelayClock.ts';

/** A clock the test advances by hand. */
function manualClock() {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let ids = 0;
  const clock: RelayClock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = ++ids;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.run();
  };
  return { clock, advance, pending: () => timers.length };
}

function setup(maxChars = 100) {
  const sent: [number, string][] = [];
  const time = manualClock();
  const coalescer = new BatchCoalescer((seq, text) => sent.push([seq, text]), { flushMs: 5, maxChars }, time.clock);
  return { sent, coalescer, ...time };
}

describe('BatchCoalescer', () => {
  it('sends the first text at once, then joins what arrives within the flush time', () => {
    const { sent, coalescer, advance } = setup();
    coalescer.push('a');
    expect(sent).toEqual([[0, 'a']]);
    coalescer.push('b');
    coalescer.push('c');
    expect(sent).toHaveLength(1);
    advance(5);
    expect(sent).toEqual([[0, 'a'], [1, 'bc']]);
    expect(coalescer.nextSeq).toBe(2);
  });

  it('sends at once when the pending text reaches the size limit', () => {
    const { sent, coalescer, pending } = setup(4);
    coalescer.push('first');
    coalescer.push('ab');
    coalescer.push('cd');
    expect(sent).toEqual([[0, 'first'], [1, 'abcd']]);
    expect(pending()).toBe(0);
  });

  it('flushes on demand, and ignores empty text', () => {
    const { sent, coalescer } = setup();
    coalescer.push('');
    expect(sent).toEqual([]);
    coalescer.push('x');
    coalescer.push('y');
    coalescer.flush();
    coalescer.flush();
    expect(sent).toEqual([[0, 'x'], [1, 'y']]);
  });

  it('drops pending text on discard and sends nothing later', () => {
    const { sent, coalescer, advance, pending } = setup();
    coalescer.push('x');
    coalescer.push('y');
    coalescer.discard();
    expect(pending()).toBe(0);
    advance(10);
    expect(sent).toEqual([[0, 'x']]);
  });

  it('asks a flush time given as a function each time text starts to wait', () => {
    const sent: [number, string][] = [];
    const time = manualClock();
    let wait = 5;
    const coalescer = new BatchCoalescer((seq, text) => sent.push([seq, text]), { flushMs: () => wait, maxChars: 100 }, time.clock);
    coalescer.push('first');
    wait = 20;
    coalescer.push('a');
    time.advance(5);
    expect(sent).toEqual([[0, 'first']]);
    time.advance(15);
    expect(sent).toEqual([[0, 'first'], [1, 'a']]);
  });
});
