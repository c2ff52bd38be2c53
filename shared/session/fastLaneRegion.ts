import { and, not, or, stateIn } from 'xstate';
import type { ActiveStatus } from './activeStatus.ts';
import { sessionSetup } from './sessionSetup.ts';

/** Guard: the followed suggestion's status, once the event is applied, is one of `statuses`. */
const activeAfter = (...statuses: ActiveStatus[]) => ({ type: 'activeAfter', params: { statuses } }) as const;
/** Guard: an answer to the followed request whose status, once applied, is one of `statuses`. */
const activeAnswerAfter = (...statuses: ActiveStatus[]) => and(['activeAnswer', activeAfter(...statuses)]);

/** While a quick edit is open the fast lane stays quiet: no automatic request, no ghost text. */
const quickEditBusy = or([stateIn({ quickEdit: 'instructing' }), stateIn({ quickEdit: 'streaming' }), stateIn({ quickEdit: 'review' })]);

const interrupt = (reason: 'typed-over' | 'cancelled' | 'replaced') => ({ type: 'interruptActive', params: { reason } }) as const;
const requestSuggestion = (trigger: 'auto' | 'explicit') => ({ type: 'requestSuggestion', params: { trigger } }) as const;

/** Explicit trigger: ask now, replacing whatever is followed. */
const explicitTrigger = [
  { guard: and(['cursorKnownAfter', not(quickEditBusy)]), target: 'requesting', reenter: true, actions: ['commitFast', requestSuggestion('explicit')] },
] as const;

/** A request in the background completed where the cursor is: show it (states where nothing newer is awaited). */
const backgroundShows = [
  { guard: and(['backgroundAnswer', 'cacheHitAfter', not(quickEditBusy)]), target: 'shown', actions: ['commitFast', 'showFromCache'] },
] as const;

/** The followed request failed (shown as an error) or hit a budget or rate limit (an interruption). */
const failedOrLimited = {
  'fast.failed': [{ guard: 'activeAnswer', target: 'error', actions: 'failActive' }],
  'fast.limited': [{ guard: 'activeAnswer', target: 'interrupted', actions: 'limitActive' }],
} as const;

/** A quick edit opening stops the fast lane. */
const quickEditOpens = { guard: 'quickSelectionValid', target: 'interrupted', actions: interrupt('cancelled') } as const;

/*
 * The cursor moved, or the document changed by something other than the person's typing: the
 * followed suggestion stays where it still fits (nothing starts by itself), else it is cancelled.
 */
const debouncingMove = [{ guard: activeAfter('waiting'), actions: 'commitFast' }, { target: 'afterMove', actions: ['commitFast', interrupt('cancelled')] }] as const;
const requestingMove = [
  { guard: activeAfter('waiting'), actions: 'commitFast' },
  { guard: activeAfter('streaming'), target: 'streaming', actions: 'commitFast' },
  { guard: activeAfter('complete'), target: 'shown', actions: 'commitFast' },
  { target: 'afterCancel', actions: ['commitFast', interrupt('cancelled')] },
] as const;
const streamingMove = [
  { guard: activeAfter('streaming'), actions: 'commitFast' },
  { guard: activeAfter('waiting'), target: 'requesting', actions: 'commitFast' },
  { target: 'afterCancel', actions: ['commitFast', interrupt('cancelled')] },
] as const;
const shownMove = [{ guard: activeAfter('complete'), actions: 'commitFast' }, { target: 'afterCancel', actions: ['commitFast', interrupt('cancelled')] }] as const;

/** The cursor moved (or the document changed) while nothing is followed: a cached suggestion may fit there. */
const settledMove = [{ guard: and(['cacheHitAfter', not(quickEditBusy)]), target: 'shown', actions: ['commitFast', 'showFromCache'] }, { actions: 'commitFast' }] as const;

/** Idle and the outcomes (accepted, dismissed, interrupted, error) react alike to what comes next. */
const settled = sessionSetup.createStateConfig({
  on: {
    'editor.typed': { target: 'afterTyping', actions: 'commitFast' },
    'editor.changed': settledMove,
    'editor.moved': settledMove,
    'fast.trigger': explicitTrigger,
    'fast.batch': backgroundShows,
  },
});

/**
 * The fast lane: ghost-text suggestions as the person types.
 *
 * idle → debouncing → requesting → streaming → shown → accepted | dismissed, and interrupted
 * (typed-over, cancelled, replaced, budget) or error (with the provider's status) from any state
 * where a request is followed. Every answer carries its request id; only the followed request's
 * answers change what is shown, older ones still in flight only feed the cache.
 */
export const fastLaneRegion = sessionSetup.createStateConfig({
  initial: 'idle',
  on: {
    // Answers of requests nobody follows any more: keep assembling them for the cache.
    'fast.batch': [{ guard: and(['backgroundAnswer', 'batchOverflows']), actions: 'abandonBackground' }, { actions: 'commitFast' }],
    'fast.failed': { guard: 'backgroundAnswer', actions: 'dropBackground' },
    'fast.limited': { guard: 'backgroundAnswer', actions: 'dropBackground' },
    'latency.measured': { actions: 'commitFast' },
  },
  states: {
    idle: settled,
    accepted: settled,
    dismissed: settled,
    interrupted: settled,
    error: settled,

    /** The person typed: bring a suggestion back from the cache, or debounce, or rest. */
    afterTyping: {
      always: [
        { guard: and(['cacheHitNow', not(quickEditBusy)]), target: 'shown', actions: 'showFromCache' },
        { guard: and(['autoTriggerNow', not(quickEditBusy)]), target: 'debouncing' },
        { target: 'idle' },
      ],
    },
    /** Like afterTyping, but rests in `interrupted` (typed-over) when no new request may start. */
    afterTypedOver: {
      always: [
        { guard: and(['cacheHitNow', not(quickEditBusy)]), target: 'shown', actions: 'showFromCache' },
        { guard: and(['autoTriggerNow', not(quickEditBusy)]), target: 'debouncing' },
        { target: 'interrupted' },
      ],
    },
    /** The cursor left the suggestion: one from the cache may fit where it went. */
    afterCancel: {
      always: [{ guard: and(['cacheHitNow', not(quickEditBusy)]), target: 'shown', actions: 'showFromCache' }, { target: 'interrupted' }],
    },

    /**
     * Waiting for a pause in typing. A request sent before the person typed on may still be
     * followed here: if its first words turn out to be what they typed, it is shown; when the
     * debounce ends a newer request replaces it.
     */
    debouncing: {
      entry: 'chooseDebounce',
      after: {
        debounce: [
          { guard: 'autoTriggerNow', target: 'requesting', actions: requestSuggestion('auto') },
          // A limit paused automatic requests since the debounce started: keep waiting for the
          // request already in flight, if any, rather than drop it unseen.
          { guard: 'activeNow', target: 'requesting' },
          { target: 'idle' },
        ],
      },
      on: {
        'editor.typed': [
          { guard: activeAfter('streaming'), target: 'streaming', actions: 'commitFast' },
          { guard: activeAfter('complete'), target: 'shown', actions: 'commitFast' },
          { guard: activeAfter('waiting'), target: 'debouncing', reenter: true, actions: 'commitFast' },
          { guard: activeAfter('diverged'), target: 'afterTypedOver', actions: ['commitFast', interrupt('typed-over')] },
          { guard: activeAfter('exhausted'), target: 'afterTyping', actions: ['commitFast', 'settleActive'] },
          { target: 'afterTyping', actions: 'commitFast' },
        ],
        'editor.changed': debouncingMove,
        'editor.moved': debouncingMove,
        'fast.batch': [
          { guard: and(['activeAnswer', 'batchOverflows']), actions: { type: 'abandonActive', params: { status: 'bad-response' } } },
          { guard: activeAnswerAfter('streaming'), target: 'streaming', actions: 'commitFast' },
          { guard: activeAnswerAfter('complete'), target: 'shown', actions: 'commitFast' },
          { guard: activeAnswerAfter('diverged'), actions: ['commitFast', interrupt('typed-over')] },
          { guard: activeAnswerAfter('exhausted'), actions: ['commitFast', 'settleActive'] },
          ...backgroundShows,
        ],
        // The person is typing on; a failure of a request they typed past is not worth a message.
        'fast.failed': { guard: 'activeAnswer', actions: 'failActive' },
        'fast.limited': { guard: 'activeAnswer', target: 'interrupted', actions: 'limitActive' },
        'fast.trigger': explicitTrigger,
        'fast.dismiss': { target: 'idle', actions: interrupt('cancelled') },
        'fast.cancel': { target: 'idle', actions: interrupt('cancelled') },
        'quick.open': { guard: 'quickSelectionValid', target: 'idle', actions: interrupt('cancelled') },
      },
    },
    /** After a move while debouncing: a cached suggestion may fit where the cursor went. */
    afterMove: {
      always: [{ guard: and(['cacheHitNow', not(quickEditBusy)]), target: 'shown', actions: 'showFromCache' }, { target: 'idle' }],
    },

    /** A request is followed and nothing of it can be shown yet. */
    requesting: {
      after: { firstBatchTimeout: { target: 'error', actions: { type: 'abandonActive', params: { status: 'timeout' } } } },
      on: {
        'editor.typed': [
          { guard: activeAfter('streaming'), target: 'streaming', actions: 'commitFast' },
          { guard: activeAfter('complete'), target: 'shown', actions: 'commitFast' },
          // Nothing arrived yet to tell whether they typed what it will say: debounce a newer
          // request and keep following this one until then.
          { guard: activeAfter('waiting'), target: 'debouncing', actions: 'commitFast' },
          { guard: activeAfter('diverged'), target: 'afterTypedOver', actions: ['commitFast', interrupt('typed-over')] },
          { guard: activeAfter('exhausted'), target: 'afterTyping', actions: ['commitFast', 'settleActive'] },
          { target: 'afterTyping', actions: 'commitFast' },
        ],
        'editor.changed': requestingMove,
        'editor.moved': requestingMove,
        'fast.batch': [
          { guard: and(['activeAnswer', 'batchOverflows']), target: 'error', actions: { type: 'abandonActive', params: { status: 'bad-response' } } },
          { guard: activeAnswerAfter('streaming'), target: 'streaming', actions: 'commitFast' },
          { guard: activeAnswerAfter('complete'), target: 'shown', actions: 'commitFast' },
          { guard: activeAnswerAfter('diverged'), target: 'afterTypedOver', actions: ['commitFast', interrupt('typed-over')] },
          // An empty answer, or one the person had already typed in full: nothing to show.
          { guard: activeAnswerAfter('exhausted'), target: 'idle', actions: ['commitFast', 'settleActive'] },
        ],
        ...failedOrLimited,
        'fast.trigger': explicitTrigger,
        'fast.dismiss': { target: 'interrupted', actions: interrupt('cancelled') },
        'fast.cancel': { target: 'interrupted', actions: interrupt('cancelled') },
        'quick.open': quickEditOpens,
      },
    },

    /** Ghost text is shown and grows as batches arrive. */
    streaming: {
      after: { stallTimeout: { target: 'error', actions: { type: 'abandonActive', params: { status: 'timeout' } } } },
      on: {
        'editor.typed': [
          // Typing through: the person typed what the suggestion says next.
          { guard: activeAfter('streaming'), actions: 'commitFast' },
          { guard: activeAfter('waiting'), target: 'requesting', actions: 'commitFast' },
          { target: 'afterTypedOver', actions: ['commitFast', interrupt('typed-over')] },
        ],
        'editor.changed': streamingMove,
        'editor.moved': streamingMove,
        'fast.batch': [
          { guard: and(['activeAnswer', 'batchOverflows']), target: 'error', actions: { type: 'abandonActive', params: { status: 'bad-response' } } },
          // Re-entered so the stall timeout counts from the latest batch.
          { guard: activeAnswerAfter('streaming'), target: 'streaming', reenter: true, actions: 'commitFast' },
          { guard: activeAnswerAfter('complete'), target: 'shown', actions: 'commitFast' },
          { guard: activeAnswerAfter('waiting'), target: 'requesting', actions: 'commitFast' },
          { guard: activeAnswerAfter('diverged'), target: 'afterTypedOver', actions: ['commitFast', interrupt('typed-over')] },
          // They had typed all of it by the time it ended.
          { guard: activeAnswerAfter('exhausted'), target: 'accepted', actions: ['commitFast', 'acceptedByTyping'] },
        ],
        ...failedOrLimited,
        'fast.accept': { guard: 'ghostShown', target: 'accepted', actions: 'acceptWhole' },
        'fast.acceptWord': { guard: 'ghostShown', actions: 'acceptWord' },
        'fast.trigger': explicitTrigger,
        'fast.dismiss': { target: 'interrupted', actions: interrupt('cancelled') },
        'fast.cancel': { target: 'interrupted', actions: interrupt('cancelled') },
        'quick.open': quickEditOpens,
      },
    },

    /** The whole suggestion has arrived and is shown. */
    shown: {
      on: {
        'editor.typed': [
          { guard: activeAfter('complete'), actions: 'commitFast' },
          { guard: activeAfter('exhausted'), target: 'accepted', actions: ['commitFast', 'acceptedByTyping'] },
          { target: 'afterTypedOver', actions: ['commitFast', interrupt('typed-over')] },
        ],
        'editor.changed': shownMove,
        'editor.moved': shownMove,
        'fast.accept': { guard: 'ghostShown', target: 'accepted', actions: 'acceptWhole' },
        'fast.acceptWord': { guard: 'ghostShown', actions: 'acceptWord' },
        'fast.trigger': explicitTrigger,
        'fast.dismiss': { target: 'dismissed', actions: 'dismissActive' },
        'fast.cancel': { target: 'interrupted', actions: interrupt('cancelled') },
        'quick.open': quickEditOpens,
      },
    },
  },
});
