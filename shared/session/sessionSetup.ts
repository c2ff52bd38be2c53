import { assign, enqueueActions, setup } from 'xstate';
import { activeStatus, type ActiveStatus } from './activeStatus.ts';
import { acceptBatch } from './acceptBatch.ts';
import { applyFastLaneEvent } from './applyFastLaneEvent.ts';
import { applyQuickBatch } from './applyQuickBatch.ts';
import { quickAnswerVerdict } from './quickAnswerVerdict.ts';
import { continuationAt } from './continuationAt.ts';
import { debounceDelay } from './debounceDelay.ts';
import type { InterruptReason } from './InterruptReason.ts';
import { nextWord } from './nextWord.ts';
import { EMPTY_STREAM } from './SequencedStream.ts';
import { INITIAL_QUICK_EDIT } from './initialSessionContext.ts';
import type { FastLaneContext, QuickEditContext, SessionContext, SessionInput } from './SessionContext.ts';
import type { SessionEvent } from './SessionEvent.ts';
import { shouldAutoTrigger } from './shouldAutoTrigger.ts';
import type { CancelReason } from './CancelReason.ts';

type EventOf<T extends SessionEvent['type']> = Extract<SessionEvent, { type: T }>;
type AnswerEvent = EventOf<'fast.batch'> | EventOf<'fast.failed'> | EventOf<'fast.limited'>;

function isAnswer(event: SessionEvent): event is AnswerEvent {
  return event.type === 'fast.batch' || event.type === 'fast.failed' || event.type === 'fast.limited';
}

function isActiveAnswer(fast: FastLaneContext, event: SessionEvent): boolean {
  return isAnswer(event) && fast.active?.requestId === event.requestId && fast.inFlight.some((r) => r.requestId === event.requestId);
}

function isBackgroundAnswer(fast: FastLaneContext, event: SessionEvent): boolean {
  return isAnswer(event) && fast.active?.requestId !== event.requestId && fast.inFlight.some((r) => r.requestId === event.requestId);
}

function cacheHitIn(fast: FastLaneContext): boolean {
  return fast.cursor !== null && fast.cache.lookup(fast.cursor) !== null;
}

function autoTriggerIn(context: SessionContext, fast: FastLaneContext): boolean {
  return fast.cursor !== null && shouldAutoTrigger(fast.cursor, context.options) && context.clock.now() >= fast.pausedUntil;
}

function withoutRequest(fast: FastLaneContext, requestId: string): FastLaneContext['inFlight'] {
  return fast.inFlight.filter((r) => r.requestId !== requestId);
}

function isCurrentQuickAnswer(quick: QuickEditContext, event: SessionEvent): boolean {
  return (event.type === 'quick.batch' || event.type === 'quick.failed' || event.type === 'quick.limited') && quick.requestId !== null && event.requestId === quick.requestId;
}

function pauseAfter(context: SessionContext, retryAfterMs: number | undefined): number {
  const ms = retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs >= 0 ? retryAfterMs : context.options.limitPauseMs;
  return Math.max(context.fast.pausedUntil, context.clock.now() + ms);
}

/**
 * The session machine's types, guards, actions and delays. The regions (fastLaneRegion.ts,
 * quickEditRegion.ts, later runtime and deep lane) are built on it with `createStateConfig`, so
 * every region sees the same typed context and events.
 *
 * Guards named "...After" look at the context as the current event would leave it
 * (`applyFastLaneEvent`), since XState evaluates guards before actions; those named "...Now" look
 * at the context as it is (for eventless transitions, after the event has been committed).
 */
export const sessionSetup = setup({
  types: {
    context: {} as SessionContext,
    events: {} as SessionEvent,
    input: {} as SessionInput,
  },
  delays: {
    debounce: ({ context }) => context.fast.debounceMs,
    firstBatchTimeout: ({ context }) => context.options.firstBatchTimeoutMs,
    stallTimeout: ({ context }) => context.options.stallTimeoutMs,
    quickEditStall: ({ context }) => context.options.quickEditStallMs,
  },
  guards: {
    /** The followed suggestion's status after the event is one of `statuses`. */
    activeAfter: ({ context, event }, params: { statuses: readonly ActiveStatus[] }) =>
      params.statuses.includes(activeStatus(applyFastLaneEvent(context, event))),
    activeAnswer: ({ context, event }) => isActiveAnswer(context.fast, event),
    backgroundAnswer: ({ context, event }) => isBackgroundAnswer(context.fast, event),
    /** The batch cannot be taken: too many batches already wait for a gap to fill. */
    batchOverflows: ({ context, event }) => {
      if (event.type !== 'fast.batch') return false;
      const request = context.fast.inFlight.find((r) => r.requestId === event.requestId);
      return request !== undefined && acceptBatch(request.stream, event, context.options.maxBufferedBatches).outcome === 'overflow';
    },
    cacheHitAfter: ({ context, event }) => cacheHitIn(applyFastLaneEvent(context, event)),
    cacheHitNow: ({ context }) => cacheHitIn(context.fast),
    autoTriggerNow: ({ context }) => autoTriggerIn(context, context.fast),
    activeNow: ({ context }) => context.fast.active !== null,
    /** A cursor is known for an explicit request (from the event or an earlier one). */
    cursorKnownAfter: ({ context, event }) => applyFastLaneEvent(context, event).cursor !== null,
    /** There is ghost text to take. */
    ghostShown: ({ context }) => {
      const { active, cursor } = context.fast;
      return active !== null && cursor !== null && continuationAt(active.anchor, active.text, cursor).kind === 'remaining';
    },

    quickSelectionValid: ({ event }) =>
      event.type === 'quick.open' &&
      Number.isInteger(event.selection.start) &&
      Number.isInteger(event.selection.end) &&
      event.selection.start >= 0 &&
      event.selection.start <= event.selection.end &&
      event.selection.end <= event.documentText.length,
    instructionGiven: ({ event }) => (event.type === 'quick.submit' || event.type === 'quick.redirect') && event.instruction.trim() !== '',
    quickAnswer: ({ context, event }) => isCurrentQuickAnswer(context.quick, event),
    quickBatchOverflows: ({ context, event }) =>
      event.type === 'quick.batch' && isCurrentQuickAnswer(context.quick, event) && applyQuickBatch(context.quick, event, context.options.maxBufferedBatches).outcome === 'overflow',
    /** The answer is complete and passed validation. */
    quickAnswerAccepted: ({ context, event }) =>
      event.type === 'quick.batch' && isCurrentQuickAnswer(context.quick, event) && applyQuickBatch(context.quick, event, context.options.maxBufferedBatches).verdict?.ok === true,
    /** The answer is complete and failed validation. */
    quickAnswerRefused: ({ context, event }) =>
      event.type === 'quick.batch' && isCurrentQuickAnswer(context.quick, event) && applyQuickBatch(context.quick, event, context.options.maxBufferedBatches).verdict?.ok === false,
    /** The event changed the document the quick edit is about. */
    quickDocumentChanged: ({ context, event }) => (event.type === 'editor.typed' || event.type === 'editor.changed') && event.cursor.path === context.quick.path,
    /** A follow-up makes sense: the document is still the one the conversation is about. */
    quickRedirectable: ({ context }) => context.quick.refusal?.reason !== 'document-changed',
  },
  actions: {
    /** Commits `applyFastLaneEvent`. */
    commitFast: assign({ fast: ({ context, event }) => applyFastLaneEvent(context, event) }),
    chooseDebounce: assign({
      fast: ({ context }) => {
        const { fast } = context;
        const cursor = fast.cursor;
        const debounceMs =
          cursor === null
            ? context.options.baseDebounceMs
            : debounceDelay({ before: cursor.before, lineSuffix: cursor.lineSuffix, typingIntervalMs: fast.typingIntervalMs, roundTripMs: fast.roundTripMs }, context.options);
        return { ...fast, debounceMs };
      },
    }),
    /**
     * Sends a new suggestion request for the cursor and follows it. The suggestion followed until
     * now is `replaced` (it stays in flight to feed the cache); if that would make more than
     * `maxInFlight` requests, the oldest are cancelled first.
     */
    requestSuggestion: enqueueActions(({ context, enqueue }, params: { trigger: 'auto' | 'explicit' }) => {
      const { fast, options, services } = context;
      const cursor = fast.cursor;
      if (cursor === null) return;
      const requestId = `${context.idPrefix}f${context.requestCount + 1}`;
      const inFlight = [...fast.inFlight];
      const cancelled: string[] = [];
      while (inFlight.length >= Math.max(1, options.maxInFlight)) cancelled.push(inFlight.shift()!.requestId);
      inFlight.push({ requestId, anchor: cursor, sentAt: context.clock.now(), stream: EMPTY_STREAM });
      const interruption = fast.active === null ? fast.interruption : { requestId: fast.active.requestId, reason: 'replaced' as const };
      enqueue.assign({
        requestCount: context.requestCount + 1,
        fast: { ...fast, inFlight, interruption, active: { requestId, anchor: cursor, text: '', complete: false, source: 'stream' } },
      });
      for (const id of cancelled) enqueue(() => services.cancel(id, 'replaced'));
      enqueue(() => services.requestSuggestion({ requestId, cursor, trigger: params.trigger }));
    }),
    /** Stops following the suggestion (cancelling it if still in flight) and records why. */
    interruptActive: enqueueActions(({ context, enqueue }, params: { reason: Exclude<InterruptReason, 'budget'> }) => {
      const { fast, services } = context;
      const active = fast.active;
      if (active === null) return;
      const inFlight = fast.inFlight.some((r) => r.requestId === active.requestId);
      enqueue.assign({
        fast: { ...fast, active: null, inFlight: withoutRequest(fast, active.requestId), interruption: { requestId: active.requestId, reason: params.reason } },
      });
      if (inFlight) enqueue(() => services.cancel(active.requestId, params.reason));
    }),
    /** Drops a followed suggestion that has nothing left to do (all of it typed, or empty). */
    settleActive: assign({ fast: ({ context }) => ({ ...context.fast, active: null }) }),
    showFromCache: assign({
      fast: ({ context }) => {
        const { fast } = context;
        const hit = fast.cursor === null ? null : fast.cache.lookup(fast.cursor);
        if (hit === null) return fast;
        const { requestId, anchor, text } = hit.suggestion;
        return { ...fast, active: { requestId, anchor, text, complete: true, source: 'cache' } };
      },
    }),
    /** Tab: asks the glue to insert what is left of the suggestion; a stream still coming is cancelled. */
    acceptWhole: enqueueActions(({ context, enqueue }) => {
      const { fast, services } = context;
      const { active, cursor } = fast;
      if (active === null || cursor === null) return;
      const continuation = continuationAt(active.anchor, active.text, cursor);
      if (continuation.kind !== 'remaining') return;
      const inFlight = fast.inFlight.some((r) => r.requestId === active.requestId);
      enqueue.assign({
        fast: { ...fast, active: null, inFlight: withoutRequest(fast, active.requestId), accepted: { requestId: active.requestId, text: continuation.text, via: 'tab' } },
      });
      if (inFlight) enqueue(() => services.cancel(active.requestId, 'accepted'));
      enqueue(() => services.insertSuggestion({ requestId: active.requestId, path: cursor.path, at: cursor.offset, text: continuation.text, kind: 'whole' }));
    }),
    /**
     * Ctrl/Cmd+→: asks the glue to insert the next word. The state does not change here: the
     * insertion comes back as `editor.typed` and is consumed like any typing through, so there is
     * no echo to suppress.
     */
    acceptWord: ({ context }) => {
      const { active, cursor } = context.fast;
      if (active === null || cursor === null) return;
      const continuation = continuationAt(active.anchor, active.text, cursor);
      if (continuation.kind !== 'remaining') return;
      context.services.insertSuggestion({ requestId: active.requestId, path: cursor.path, at: cursor.offset, text: nextWord(continuation.text), kind: 'word' });
    },
    acceptedByTyping: assign({
      fast: ({ context }) => {
        const { fast } = context;
        const active = fast.active;
        return active === null ? fast : { ...fast, active: null, accepted: { requestId: active.requestId, text: active.text, via: 'typing' } };
      },
    }),
    /** Esc on a shown suggestion: it is also forgotten by the cache, so it does not come back. */
    dismissActive: assign({
      fast: ({ context }) => {
        const { fast } = context;
        const active = fast.active;
        return active === null ? fast : { ...fast, active: null, cache: fast.cache.forget(active.requestId), dismissed: { requestId: active.requestId } };
      },
    }),
    /** The followed request failed: the error is recorded for the UI; a rate limit pauses automatic requests. */
    failActive: assign({
      fast: ({ context, event }) => {
        const { fast } = context;
        if (event.type !== 'fast.failed' || fast.active === null) return fast;
        return {
          ...fast,
          active: null,
          inFlight: withoutRequest(fast, event.requestId),
          error: { requestId: event.requestId, status: event.status, message: event.message },
          pausedUntil: event.status === 'rate-limited' ? pauseAfter(context, event.retryAfterMs) : fast.pausedUntil,
        };
      },
    }),
    /** The followed request outlived its time limit (or its answer broke): cancel it and say so. */
    abandonActive: enqueueActions(({ context, enqueue }, params: { status: 'timeout' | 'bad-response' }) => {
      const { fast, services, options } = context;
      const active = fast.active;
      if (active === null) return;
      const message =
        params.status === 'timeout'
          ? `No suggestion arrived within ${active.text === '' ? options.firstBatchTimeoutMs : options.stallTimeoutMs} ms.`
          : 'The suggestion arrived too far out of order.';
      enqueue.assign({
        fast: { ...fast, active: null, inFlight: withoutRequest(fast, active.requestId), error: { requestId: active.requestId, status: params.status, message } },
      });
      enqueue(() => services.cancel(active.requestId, params.status));
    }),
    /** The server reached a budget or rate limit: record it and pause automatic requests. */
    limitActive: assign({
      fast: ({ context, event }) => {
        const { fast } = context;
        if (event.type !== 'fast.limited' || fast.active === null) return fast;
        return {
          ...fast,
          active: null,
          inFlight: withoutRequest(fast, event.requestId),
          interruption: { requestId: event.requestId, reason: 'budget' as const },
          pausedUntil: pauseAfter(context, event.retryAfterMs),
        };
      },
    }),
    /** A request nobody waits for failed or was limited: forget it (a limit still pauses automatic requests). */
    dropBackground: assign({
      fast: ({ context, event }) => {
        const { fast } = context;
        if (event.type !== 'fast.failed' && event.type !== 'fast.limited') return fast;
        const limited = event.type === 'fast.limited' || event.status === 'rate-limited';
        return { ...fast, inFlight: withoutRequest(fast, event.requestId), pausedUntil: limited ? pauseAfter(context, event.retryAfterMs) : fast.pausedUntil };
      },
    }),
    /** A request nobody waits for sent a broken answer: cancel and forget it. */
    abandonBackground: enqueueActions(({ context, enqueue, event }) => {
      if (event.type !== 'fast.batch') return;
      const { fast, services } = context;
      enqueue.assign({ fast: { ...fast, inFlight: withoutRequest(fast, event.requestId) } });
      enqueue(() => services.cancel(event.requestId, 'bad-response'));
    }),

    openQuickEdit: assign({
      quick: ({ event }) => (event.type === 'quick.open' ? { ...INITIAL_QUICK_EDIT, path: event.path, documentText: event.documentText, selection: event.selection } : INITIAL_QUICK_EDIT),
    }),
    /**
     * Sends the conversation with the new instruction as its last turn. A redirect while the
     * answer is streaming (`cancelCurrent`) first cancels that request and keeps what it had said
     * as a partial assistant turn, so the model sees what it is being redirected from.
     */
    requestQuickEdit: enqueueActions(({ context, event, enqueue }, params: { cancelCurrent: boolean }) => {
      if (event.type !== 'quick.submit' && event.type !== 'quick.redirect') return;
      const { quick, services } = context;
      const previous = quick.requestId;
      const turns = [...quick.turns];
      if (params.cancelCurrent && previous !== null && quick.stream.text !== '') turns.push({ role: 'assistant', text: quick.stream.text, partial: true });
      turns.push({ role: 'user', text: event.instruction.trim() });
      const requestId = `${context.idPrefix}q${context.requestCount + 1}`;
      enqueue.assign({
        requestCount: context.requestCount + 1,
        quick: { ...quick, turns, requestId, stream: EMPTY_STREAM, answerEdits: null, proposal: null, refusal: null, failure: null },
      });
      if (params.cancelCurrent && previous !== null) enqueue(() => services.cancel(previous, 'redirected'));
      enqueue(() => services.requestQuickEdit({ requestId, path: quick.path, documentText: quick.documentText, selection: quick.selection, turns }));
    }),
    commitQuickBatch: assign({
      quick: ({ context, event }) => (event.type === 'quick.batch' ? applyQuickBatch(context.quick, event, context.options.maxBufferedBatches).quick : context.quick),
    }),
    /** The answer is complete: keep its verdict (proposal or refusal) and add it to the conversation. */
    concludeQuickAnswer: assign({
      quick: ({ context }) => {
        const { quick } = context;
        const verdict = quickAnswerVerdict(quick);
        const turns = [...quick.turns, { role: 'assistant' as const, text: quick.stream.text }];
        if (verdict === null) return quick;
        return verdict.ok ? { ...quick, turns, proposal: { edits: verdict.edits, replacement: verdict.replacement } } : { ...quick, turns, refusal: verdict.refusal };
      },
    }),
    cancelQuickRequest: ({ context }, params: { reason: CancelReason }) => {
      const requestId = context.quick.requestId;
      if (requestId !== null) context.services.cancel(requestId, params.reason);
    },
    failQuick: assign({
      quick: ({ context, event }) => {
        if (event.type === 'quick.failed') return { ...context.quick, failure: { status: event.status, message: event.message } };
        if (event.type === 'quick.limited') return { ...context.quick, failure: { status: 'budget' as const, message: event.message } };
        return context.quick;
      },
    }),
    failQuickWith: assign({
      quick: ({ context }, params: { status: 'timeout' | 'bad-response'; message: string }) => ({ ...context.quick, failure: { status: params.status, message: params.message } }),
    }),
    refuseStaleQuickEdit: assign({
      quick: ({ context }) => ({
        ...context.quick,
        proposal: null,
        refusal: { reason: 'document-changed' as const, message: 'The document changed while the quick edit was open; select and ask again.' },
      }),
    }),
    applyQuickEdit: ({ context }) => {
      const { quick, services } = context;
      if (quick.requestId === null || quick.proposal === null) return;
      services.applyQuickEdit({ requestId: quick.requestId, path: quick.path, edits: quick.proposal.edits });
    },
  },
});
