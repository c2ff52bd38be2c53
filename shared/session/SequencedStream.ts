/** One streamed batch of an answer: `seq` counts from 0 per request; the last batch has `done`. */
export interface StreamBatch {
  readonly seq: number;
  readonly text: string;
  readonly done: boolean;
}

/**
 * An answer assembled from batches that may arrive out of order or twice: `text` holds the
 * batches 0..nextSeq-1 in order, `pending` the ones that arrived early.
 */
export interface SequencedStream {
  readonly text: string;
  readonly nextSeq: number;
  readonly pending: readonly StreamBatch[];
  /** The `done` batch and every batch before it have been applied. */
  readonly ended: boolean;
}

/** A stream before its first batch. */
export const EMPTY_STREAM: SequencedStream = { text: '', nextSeq: 0, pending: [], ended: false };
