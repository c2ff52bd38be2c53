import { describe, expect, it } from 'vitest';
import { acceptBatch } from './acceptBatch.ts';
import { EMPTY_STREAM, type SequencedStream, type StreamBatch } from './SequencedStream.ts';

function feed(batches: readonly StreamBatch[], maxPending = 8): { stream: SequencedStream; outcomes: string[] } {
  let stream = EMPTY_STREAM;
  const outcomes: string[] = [];
  for (const batch of batches) {
    const result = acceptBatch(stream, batch, maxPending);
    stream = result.stream;
    outcomes.push(result.outcome);
  }
  return { stream, outcomes };
}

describe('acceptBatch', () => {
  it('appends batches in order and ends at the done batch', () => {
    const { stream, outcomes } = feed([
      { seq: 0, text: 'a', done: false },
      { seq: 1, text: 'b', done: false },
      { seq: 2, text: 'c', done: true },
    ]);
    expect(stream).toEqual({ text: 'abc', nextSeq: 3, pending: [], ended: true });
    expect(outcomes).toEqual(['applied', 'applied', 'applied']);
  });

  it('buffers early batches until the gap fills, then applies them in order', () => {
    const { stream, outcomes } = feed([
      { seq: 2, text: 'c', done: true },
      { seq: 1, text: 'b', done: false },
      { seq: 0, text: 'a', done: false },
    ]);
    expect(stream).toEqual({ text: 'abc', nextSeq: 3, pending: [], ended: true });
    expect(outcomes).toEqual(['buffered', 'buffered', 'applied']);
  });

  it('drops duplicates, already-applied batches and anything after the end', () => {
    const { stream, outcomes } = feed([
      { seq: 0, text: 'a', done: false },
      { seq: 0, text: 'a', done: false },
      { seq: 2, text: 'c', done: false },
      { seq: 2, text: 'c', done: false },
      { seq: 1, text: 'b', done: true },
      { seq: 3, text: 'late', done: true },
    ]);
    expect(stream.text).toBe('ab');
    expect(stream.ended).toBe(true);
    expect(stream.pending).toEqual([]);
    expect(outcomes).toEqual(['applied', 'duplicate', 'buffered', 'duplicate', 'applied', 'duplicate']);
  });

  it('refuses more early batches than it may buffer', () => {
    const { outcomes, stream } = feed(
      [
        { seq: 3, text: 'd', done: false },
        { seq: 2, text: 'c', done: false },
        { seq: 4, text: 'e', done: false },
      ],
      2,
    );
    expect(outcomes).toEqual(['buffered', 'buffered', 'overflow']);
    expect(stream.pending.map((b) => b.seq)).toEqual([2, 3]);
  });

  it('drops a batch with a seq that is not a whole number', () => {
    expect(acceptBatch(EMPTY_STREAM, { seq: 0.5, text: 'x', done: false }, 4).outcome).toBe('duplicate');
  });
});
