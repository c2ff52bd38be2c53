import type { SequencedStream, StreamBatch } from './SequencedStream.ts';

/**
 * What became of a batch: applied (with any buffered batches it unblocked), buffered until the
 * gap before it fills, dropped as a duplicate (or as arriving after the end), or refused because
 * too many batches are already waiting (the answer is then treated as broken).
 */
export type BatchOutcome = 'applied' | 'buffered' | 'duplicate' | 'overflow';

/** Adds `batch` to `stream` in sequence order; never mutates `stream`. */
export function acceptBatch(stream: SequencedStream, batch: StreamBatch, maxPending: number): { stream: SequencedStream; outcome: BatchOutcome } {
  if (stream.ended || !Number.isInteger(batch.seq) || batch.seq < stream.nextSeq || stream.pending.some((p) => p.seq === batch.seq)) {
    return { stream, outcome: 'duplicate' };
  }
  if (batch.seq > stream.nextSeq) {
    if (stream.pending.length >= maxPending) return { stream, outcome: 'overflow' };
    const pending = [...stream.pending, batch].sort((a, b) => a.seq - b.seq);
    return { stream: { ...stream, pending }, outcome: 'buffered' };
  }
  let { text, nextSeq } = stream;
  let ended = false;
  let pending = stream.pending;
  let next: StreamBatch | undefined = batch;
  while (next !== undefined) {
    text += next.text;
    nextSeq += 1;
    ended = next.done;
    if (ended) {
      // Nothing after the end belongs to the answer.
      pending = [];
      break;
    }
    const seq = nextSeq;
    next = pending.find((p) => p.seq === seq);
    if (next !== undefined) pending = pending.filter((p) => p.seq !== seq);
  }
  return { stream: { text, nextSeq, pending, ended }, outcome: 'applied' };
}
