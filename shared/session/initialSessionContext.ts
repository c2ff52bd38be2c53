import { EMPTY_STREAM } from './SequencedStream.ts';
import type { DeepLaneContext, FastLaneContext, QuickEditContext, RuntimeContext, SessionContext, SessionInput } from './SessionContext.ts';
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
  alsoSelected: [],
  rejections: 0,
  handoffDeclined: false,
  sentAt: 0,
  firstTextAt: null,
  usage: null,
  metricPending: false,
};

/** A runtime still booting, with nothing run yet. */
export const INITIAL_RUNTIME: RuntimeContext = { name: null, failure: null, current: null, queue: [], last: null, failingTestOutput: null };

/** A deep lane with nothing proposed. */
export const INITIAL_DEEP_LANE: DeepLaneContext = {
  proposal: null,
  taskId: null,
  startedAt: null,
  adapter: null,
  model: null,
  budgets: null,
  turnId: null,
  narration: '',
  plan: [],
  toolCalls: [],
  files: [],
  tests: { before: null, after: null },
  usage: { inputTokens: 0, outputTokens: 0 },
  steer: null,
  steerRefusal: null,
  summary: null,
  applied: [],
  failure: null,
  budget: null,
  interruption: null,
  figures: null,
  metricPending: false,
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
    runtime: INITIAL_RUNTIME,
    deep: INITIAL_DEEP_LANE,
    models: { fast: null, deep: null },
  };
}

