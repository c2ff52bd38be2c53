import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../../shared/testReport.ts';
import { OutputSink } from './OutputSink.ts';

function sink(maxBytes: number, eagerWritesPerInterval = 0) {
  let clock = 0;
  const posts: { chunks: OutputChunk[]; dropped: number }[] = [];
  const timers: (() => void)[] = [];
  const output = new OutputSink({
    post: (chunks, dropped) => posts.push({ chunks, dropped }),
    maxBytes,
    now: () => clock,
    setTimer: (fn) => void timers.push(fn),
    eagerWritesPerInterval,
  });
  return { output, posts, timers, advance: (ms: number) => (clock += ms) };
}

describe('OutputSink', () => {
  it('batches writes into one message per interval, merging a stream', () => {
    const { output, posts, timers } = sink(1000);
    output.write('stdout', 'a\n');
    output.write('stdout', 'b\n');
    output.write('stderr', 'c\n');
    expect(posts).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    expect(posts).toEqual([{ chunks: [{ stream: 'stdout', text: 'a\nb\n' }, { stream: 'stderr', text: 'c\n' }], dropped: 0 }]);
  });

  it('sends the first writes of an interval at once, so a program that prints and then spins loses nothing', () => {
    const { output, posts, timers } = sink(1000, 2);
    output.write('stdout', 'start\n');
    output.write('stdout', 'still here\n');
    expect(posts.map((p) => p.chunks)).toEqual([[{ stream: 'stdout', text: 'start\n' }], [{ stream: 'stdout', text: 'still here\n' }]]);
    output.write('stdout', 'flood\n');
    expect(posts).toHaveLength(2);
    expect(timers).toHaveLength(1);
  });

  it('flushes from the write itself when a tight loop keeps timers from firing', () => {
    const { output, posts, advance } = sink(1000);
    output.write('stdout', 'x');
    advance(20);
    output.write('stdout', 'y');
    expect(posts).toEqual([{ chunks: [{ stream: 'stdout', text: 'xy' }], dropped: 0 }]);
  });

  it('keeps output up to the byte cap and counts what it cuts, multi-byte characters included', () => {
    const { output, posts } = sink(10);
    output.write('stdout', '12345678');
    output.write('stdout', 'é€x');
    output.write('stdout', 'more');
    output.flush();
    expect(posts.at(-1)).toEqual({ chunks: [{ stream: 'stdout', text: '12345678é' }], dropped: 3 + 1 + 4 });
  });
});
