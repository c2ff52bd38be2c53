import { EMPTY_STREAM } from './SequencedStream.ts';
import type { FastLaneContext, QuickEditContext, SessionContext, SessionInput } from './SessionContext.ts';
import { SESSION_DEFAULTS } from './SessionOptions.ts';
import { SuggestionCache } from './SuggestionCache.ts';

/** A fast lane with nothing followed, nothing in flight and an empty cache. */
function initialFastLane(cacheSize: number): FastLaneContext {
  return {
    cursor: null,
    active: null,
    inFlight: [],
    cache: new SuggestionCache([], cacheSize),
    debounceMs: 0,
    lastTypedAt: null,
    typingIntervalMs: null,
    roundTripMs: null,
    pausedUntil: 0,
    interruption: null,
    error: null,
    accepted: null,
    dismissed: null,
  };
}

/** A quick edit that is not open. */
export const INITIAL_QUICK_EDIT: QuickEditContext = {
  path: '',
  documentText: '',
  selection: { start: 0, end: 0 },
  turns: [],
  requestId: null,
  stream: EMPTY_STREAM,
  answerEdits: null,
  proposal: null,
  refusal: null,
  failure: null,
};

/** Builds the context a session starts with from its input. */
export function initialSessionContext(input: SessionInput): SessionContext {
  const options = { ...SESSION_DEFAULTS, ...input.options };
  return {
    services: input.services,
    clock: input.clock,
    options,
    idPrefix: input.idPrefix ?? '',
    requestCount: 0,
    fast: initialFastLane(options.cacheSize),
    quick: INITIAL_QUICK_EDIT,
  };
}

