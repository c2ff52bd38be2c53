import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../../shared/testReport.ts';
import { OutputLimiter } from './OutputLimiter.ts';

function collect(maxBytes: number): { limiter: OutputLimiter; chunks: OutputChunk[] } {
  const chunks: OutputChunk[] = [];
  return { limiter: new OutputLimiter(maxBytes, (c) => chunks.push(c)), chunks };
}

describe('OutputLimiter', () => {
  it('merges consecutive writes to one stream and keeps the order across streams', () => {
    const { limiter, chunks } = collect(1000);
    limiter.write('stdout', 'a\n');
    limiter.write('stdout', 'b\n');
    limiter.write('stderr', 'c\n');
    limiter.write('stdout', 'd\n');
    expect(chunks).toEqual([]);
    limiter.flush();
    expect(chunks).toEqual([
      { stream: 'stdout', text: 'a\nb\n' },
      { stream: 'stderr', text: 'c\n' },
      { stream: 'stdout', text: 'd\n' },
    ]);
  });

  it('keeps exactly the byte budget and reports the rest in one system line', () => {
    const { limiter, chunks } = collect(10);
    limiter.write('stdout', '12345678');
    limiter.write('stdout', 'abcdef');
    limiter.write('stderr', 'more');
    limiter.finish();
    expect(chunks).toEqual([
      { stream: 'stdout', text: '12345678ab' },
      { stream: 'system', text: 'Output truncated: 8 more bytes not shown (limit 10 bytes).\n' },
    ]);
    expect(limiter.droppedBytes).toBe(8);
  });

  it('counts bytes, not characters, and never splits a character', () => {
    const { limiter, chunks } = collect(5);
    limiter.write('stdout', 'aé€'); // 1 + 2 + 3 bytes
    limiter.finish();
    expect(chunks[0]).toEqual({ stream: 'stdout', text: 'aé' });
    expect(limiter.droppedBytes).toBe(3);
  });

  it('adds a note after the output', () => {
    const { limiter, chunks } = collect(100);
    limiter.write('stdout', 'x');
    limiter.finish('Stopped after 3 ms.');
    expect(chunks).toEqual([
      { stream: 'stdout', text: 'x' },
      { stream: 'system', text: 'Stopped after 3 ms.\n' },
    ]);
  });
});
