import { assign, enqueueActions, setup } from 'xstate';
import type { RequestMetric, RequestOutcome } from '../metrics/RequestMetric.ts';
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
import type { ActiveSuggestion, FastLaneContext, QuickEditContext, SessionContext, SessionInput } from './SessionContext.ts';
import { promotionReasons } from './promotionReasons.ts';
import type { PromotionReason } from './PromotionReason.ts';
import { quickEditMetric } from './quickEditMetric.ts';
import { suggestionMetric } from './suggestionMetric.ts';
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

/** A suggestion that stops early counts as rejected when the person had text of it, else as interrupted. */
function stopOutcome(active: ActiveSuggestion): RequestOutcome {
  return active.text === '' ? 'interrupted' : 'rejected';
}

function record(context: SessionContext, metric: RequestMetric | null): void {
  if (metric !== null) context.services.recordMetric?.(metric);
}

type Enqueue = (action: () => void) => void;

/** Ends the quick edit's current request for the metrics (once): enqueues its record, returns the context without the pending mark. */
function endQuickRequest(context: SessionContext, enqueue: Enqueue, outcome: RequestOutcome, detail: string | null): QuickEditContext {
  const metric = quickEditMetric(context, outcome, detail);
  if (metric !== null) enqueue(() => record(context, metric));
  return { ...context.quick, metricPending: false };
}

/** The person's instructions of the quick edit's conversation, with `instruction` (the newest) last. */
function quickInstructions(quick: QuickEditContext, instruction: string | undefined): string[] {
  const turns = quick.turns.filter((t) => t.role === 'user').map((t) => t.text);
  const newest = instruction?.trim() ?? '';
  return newest === '' ? turns : [...turns, newest];
}

/** The promotion criteria that hold for the quick edit as `event` would leave it (`rejection`: the event turns an answer down). */
function quickPromotion(context: SessionContext, event: SessionEvent, rejection: boolean): PromotionReason[] {
  if (context.services.deep === undefined) return [];
  const instruction = event.type === 'quick.submit' || event.type === 'quick.redirect' || event.type === 'quick.handOff' ? event.instruction : undefined;
  const { quick } = context;
  if (quickInstructions(quick, instruction).length === 0) return [];
  if (quick.handoffDeclined && event.type !== 'quick.handOff') return [];
  return promotionReasons({
    instruction: instruction ?? '',
    paths: [quick.path, ...quick.alsoSelected.map((s) => s.path)],
    rejections: quick.rejections + (rejection ? 1 : 0),
    asked: event.type === 'quick.handOff',
  });
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
    /** A promotion criterion holds for the quick edit (the deep lane must also be free: see quickEditRegion.ts). */
    quickHandoff: ({ context, event }, params: { rejection: boolean }) => quickPromotion(context, event, params.rejection).length > 0,
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
      const previous = fast.active;
      const interruption = previous === null ? fast.interruption : { requestId: previous.requestId, reason: 'replaced' as const };
      const now = context.clock.now();
      enqueue.assign({
        requestCount: context.requestCount + 1,
        fast: { ...fast, inFlight, interruption, active: { requestId, anchor: cursor, text: '', complete: false, source: 'stream', sentAt: now, firstTextAt: null, usage: null } },
      });
      if (previous !== null) enqueue(() => record(context, suggestionMetric(context, previous, stopOutcome(previous), 'replaced')));
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
      enqueue(() => record(context, suggestionMetric(context, active, stopOutcome(active), params.reason)));
    }),
    /** Drops a followed suggestion that has nothing left to do (all of it typed, or empty). */
    settleActive: enqueueActions(({ context, enqueue }) => {
      const active = context.fast.active;
      enqueue.assign({ fast: { ...context.fast, active: null } });
      // Never shown: an empty answer, or one the person had typed in full before it arrived.
      if (active !== null) enqueue(() => record(context, suggestionMetric(context, active, active.text === '' ? 'failed' : 'interrupted', active.text === '' ? 'empty' : 'typed-before-shown')));
    }),
    showFromCache: assign({
      fast: ({ context }) => {
        const { fast } = context;
        const hit = fast.cursor === null ? null : fast.cache.lookup(fast.cursor);
        if (hit === null) return fast;
        const { requestId, anchor, text } = hit.suggestion;
        const now = context.clock.now();
        return { ...fast, active: { requestId, anchor, text, complete: true, source: 'cache', sentAt: now, firstTextAt: now, usage: null } };
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
      enqueue(() => record(context, suggestionMetric(context, active, 'accepted', 'tab')));
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
    acceptedByTyping: enqueueActions(({ context, enqueue }) => {
      const { fast } = context;
      const active = fast.active;
      if (active === null) return;
      enqueue.assign({ fast: { ...fast, active: null, accepted: { requestId: active.requestId, text: active.text, via: 'typing' } } });
      enqueue(() => record(context, suggestionMetric(context, active, 'accepted', 'typing')));
    }),
    /** Esc on a shown suggestion: it is also forgotten by the cache, so it does not come back. */
    dismissActive: enqueueActions(({ context, enqueue }) => {
      const { fast } = context;
      const active = fast.active;
      if (active === null) return;
      enqueue.assign({ fast: { ...fast, active: null, cache: fast.cache.forget(active.requestId), dismissed: { requestId: active.requestId } } });
      enqueue(() => record(context, suggestionMetric(context, active, 'rejected', 'dismissed')));
    }),
    /** The followed request failed: the error is recorded for the UI; a rate limit pauses automatic requests. */
    failActive: enqueueActions(({ context, event, enqueue }) => {
      const { fast } = context;
      const active = fast.active;
      if (event.type !== 'fast.failed' || active === null) return;
      enqueue.assign({
        fast: {
          ...fast,
          active: null,
          inFlight: withoutRequest(fast, event.requestId),
          error: { requestId: event.requestId, status: event.status, message: event.message },
          pausedUntil: event.status === 'rate-limited' ? pauseAfter(context, event.retryAfterMs) : fast.pausedUntil,
        },
      });
      enqueue(() => record(context, suggestionMetric(context, active, 'failed', event.status)));
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
      enqueue(() => record(context, suggestionMetric(context, active, 'failed', params.status)));
    }),
    /** The server reached a budget or rate limit: record it and pause automatic requests. */
    limitActive: enqueueActions(({ context, event, enqueue }) => {
      const { fast } = context;
      const active = fast.active;
      if (event.type !== 'fast.limited' || active === null) return;
      enqueue.assign({
        fast: {
          ...fast,
          active: null,
          inFlight: withoutRequest(fast, event.requestId),
          interruption: { requestId: event.requestId, reason: 'budget' as const },
          pausedUntil: pauseAfter(context, event.retryAfterMs),
        },
      });
      enqueue(() => record(context, suggestionMetric(context, active, 'failed', 'budget')));
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

    /** Opens a quick edit; a request of the one open before ends (rejected if it was under review). */
    openQuickEdit: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'quick.open') return;
      endQuickRequest(context, enqueue, context.quick.proposal === null ? 'interrupted' : 'rejected', 'reopened');
      enqueue.assign({
        quick: { ...INITIAL_QUICK_EDIT, path: event.path, documentText: event.documentText, selection: event.selection, alsoSelected: event.alsoSelected ?? [] },
      });
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
      // A redirect ends the request before it: cut short while streaming, turned down after review.
      const rejected = !params.cancelCurrent && quick.proposal !== null;
      endQuickRequest(context, enqueue, rejected ? 'rejected' : 'interrupted', 'redirected');
      enqueue.assign({
        requestCount: context.requestCount + 1,
        quick: {
          ...quick,
          turns,
          requestId,
          stream: EMPTY_STREAM,
          answerEdits: null,
          proposal: null,
          refusal: null,
          failure: null,
          rejections: quick.rejections + (rejected ? 1 : 0),
          sentAt: context.clock.now(),
          firstTextAt: null,
          usage: null,
          metricPending: true,
        },
      });
      if (params.cancelCurrent && previous !== null) enqueue(() => services.cancel(previous, 'redirected'));
      enqueue(() => services.requestQuickEdit({ requestId, path: quick.path, documentText: quick.documentText, selection: quick.selection, turns }));
    }),
    commitQuickBatch: assign({
      quick: ({ context, event }) => {
        if (event.type !== 'quick.batch') return context.quick;
        const quick = applyQuickBatch(context.quick, event, context.options.maxBufferedBatches).quick;
        const firstTextAt = quick.firstTextAt ?? (quick.stream.text === '' ? null : context.clock.now());
        return { ...quick, firstTextAt, usage: event.usage ?? quick.usage };
      },
    }),
    /** The answer is complete: keep its verdict (proposal or refusal) and add it to the conversation. */
    concludeQuickAnswer: enqueueActions(({ context, enqueue }) => {
      const { quick } = context;
      const verdict = quickAnswerVerdict(quick);
      const turns = [...quick.turns, { role: 'assistant' as const, text: quick.stream.text }];
      if (verdict === null) return;
      if (verdict.ok) {
        enqueue.assign({ quick: { ...quick, turns, proposal: { edits: verdict.edits, replacement: verdict.replacement } } });
        return;
      }
      enqueue.assign({ quick: { ...endQuickRequest(context, enqueue, 'failed', verdict.refusal.reason), turns, refusal: verdict.refusal } });
    }),
    cancelQuickRequest: ({ context }, params: { reason: CancelReason }) => {
      const requestId = context.quick.requestId;
      if (requestId !== null) context.services.cancel(requestId, params.reason);
    },
    failQuick: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'quick.failed' && event.type !== 'quick.limited') return;
      const status = event.type === 'quick.failed' ? event.status : ('budget' as const);
      enqueue.assign({ quick: { ...endQuickRequest(context, enqueue, 'failed', status), failure: { status, message: event.message } } });
    }),
    failQuickWith: enqueueActions(({ context, enqueue }, params: { status: 'timeout' | 'bad-response'; message: string }) => {
      enqueue.assign({ quick: { ...endQuickRequest(context, enqueue, 'failed', params.status), failure: { status: params.status, message: params.message } } });
    }),
    refuseStaleQuickEdit: enqueueActions(({ context, enqueue }) => {
      const outcome = context.quick.proposal === null ? 'interrupted' : 'rejected';
      enqueue.assign({
        quick: {
          ...endQuickRequest(context, enqueue, outcome, 'document-changed'),
          proposal: null,
          refusal: { reason: 'document-changed' as const, message: 'The document changed while the quick edit was open; select and ask again.' },
        },
      });
    }),
    applyQuickEdit: enqueueActions(({ context, enqueue }) => {
      const { quick, services } = context;
      if (quick.requestId === null || quick.proposal === null) return;
      const application = { requestId: quick.requestId, path: quick.path, edits: quick.proposal.edits };
      enqueue(() => services.applyQuickEdit(application));
      enqueue.assign({ quick: endQuickRequest(context, enqueue, 'accepted', null) });
    }),
    /** The person declined the deep lane: the quick edit comes back and is not proposed again unless they ask. */
    declineHandoff: assign({ quick: ({ context }) => ({ ...context.quick, handoffDeclined: true }) }),
    /** The person turned the answer under review down (or closed the quick edit on it). */
    rejectQuick: enqueueActions(({ context, enqueue }, params: { detail: 'rejected' | 'closed' }) => {
      enqueue.assign({ quick: { ...endQuickRequest(context, enqueue, 'rejected', params.detail), rejections: context.quick.rejections + 1 } });
    }),
    /** The person closed the quick edit while its answer was streaming (the request is cancelled with `cancelQuickRequest`). */
    abandonQuick: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ quick: endQuickRequest(context, enqueue, 'interrupted', 'cancelled') });
    }),
    /**
     * Moves the quick edit aside and proposes the deep lane with its context: the conversation's
     * first instruction, the later ones as constraints, the selection and the files selected with
     * it. A request in flight is cancelled (`cancelCurrent`, a redirect while streaming); an
     * answer under review counts as turned down (`rejection`).
     */
    handOffQuick: enqueueActions(({ context, event, enqueue }, params: { rejection: boolean; cancelCurrent: boolean }) => {
      const { quick } = context;
      const reasons = quickPromotion(context, event, params.rejection);
      const instruction = event.type === 'quick.submit' || event.type === 'quick.redirect' || event.type === 'quick.handOff' ? event.instruction : undefined;
      const instructions = quickInstructions(quick, instruction);
      if (params.cancelCurrent && quick.requestId !== null) {
        const requestId = quick.requestId;
        enqueue(() => context.services.cancel(requestId, 'redirected'));
      }
      // Handing over an answer under review turns it down; one still coming is cut short.
      const ended = endQuickRequest(context, enqueue, params.rejection || quick.proposal !== null ? 'rejected' : 'interrupted', 'handed-off');
      enqueue.assign({ quick: { ...ended, rejections: quick.rejections + (params.rejection ? 1 : 0) } });
      const { start, end } = quick.selection;
      enqueue.raise({
        type: 'deep.propose',
        instruction: instructions[0] ?? '',
        ...(instructions.length > 1 ? { constraints: instructions.slice(1).join('\n') } : {}),
        selection: { path: quick.path, start, end, text: quick.documentText.slice(start, end) },
        openFiles: [...new Set([quick.path, ...quick.alsoSelected.map((s) => s.path)])],
        reasons,
        fromQuickEdit: true,
      });
    }),
  },
});
