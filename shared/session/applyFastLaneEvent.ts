import { acceptBatch } from './acceptBatch.ts';
import type { FastLaneContext, SessionContext } from './SessionContext.ts';
import type { SessionEvent } from './SessionEvent.ts';

/** Weight of a new sample in the smoothed typing interval and round trip. */
const SMOOTHING = 0.3;

/**
 * The fast lane's data after `event`, before any decision: the cursor and typing speed of editor
 * events, and the batches of requests in flight (in order, duplicates dropped). A request whose
 * last batch arrives leaves the in-flight list and enters the cache. Pure; the machine's guards
 * look at the result to choose a transition and its actions commit it.
 */
export function applyFastLaneEvent(context: SessionContext, event: SessionEvent): FastLaneContext {
  const fast = context.fast;
  switch (event.type) {
    case 'editor.typed': {
      const now = context.clock.now();
      const gap = fast.lastTypedAt === null ? null : now - fast.lastTypedAt;
      const typingIntervalMs =
        gap === null || gap > context.options.typingBurstGapMs ? null : fast.typingIntervalMs === null ? gap : smooth(fast.typingIntervalMs, gap);
      return { ...fast, cursor: event.cursor, lastTypedAt: now, typingIntervalMs };
    }
    case 'editor.changed':
    case 'editor.moved':
      return { ...fast, cursor: event.cursor };
    case 'fast.trigger':
      return event.cursor === undefined ? fast : { ...fast, cursor: event.cursor };
    case 'fast.batch': {
      const request = fast.inFlight.find((r) => r.requestId === event.requestId);
      if (request === undefined) return fast;
      const { stream, outcome } = acceptBatch(request.stream, event, context.options.maxBufferedBatches);
      if (outcome !== 'applied') return outcome === 'buffered' ? { ...fast, inFlight: fast.inFlight.map((r) => (r === request ? { ...r, stream } : r)) } : fast;
      const firstText = request.stream.nextSeq === 0;
      const roundTripMs = firstText ? smoothOrFirst(fast.roundTripMs, context.clock.now() - request.sentAt) : fast.roundTripMs;
      const followed = fast.active?.requestId === request.requestId ? fast.active : null;
      const active =
        followed === null
          ? fast.active
          : {
              ...followed,
              text: stream.text,
              complete: stream.ended,
              firstTextAt: followed.firstTextAt ?? (stream.text === '' ? null : context.clock.now()),
              usage: event.usage ?? followed.usage,
            };
      if (stream.ended) {
        return {
          ...fast,
          active,
          roundTripMs,
          inFlight: fast.inFlight.filter((r) => r !== request),
          cache: fast.cache.remember({ requestId: request.requestId, anchor: request.anchor, text: stream.text }),
        };
      }
      return { ...fast, active, roundTripMs, inFlight: fast.inFlight.map((r) => (r === request ? { ...r, stream } : r)) };
    }
    case 'latency.measured':
      return Number.isFinite(event.roundTripMs) && event.roundTripMs >= 0 ? { ...fast, roundTripMs: smoothOrFirst(fast.roundTripMs, event.roundTripMs) } : fast;
    default:
      return fast;
  }
}

function smooth(previous: number, sample: number): number {
  return previous + SMOOTHING * (sample - previous);
}

function smoothOrFirst(previous: number | null, sample: number): number {
  return previous === null ? sample : smooth(previous, sample);
}
