import { and, not, or, stateIn } from 'xstate';
import { sessionSetup } from './sessionSetup.ts';

/** The deep lane can take a proposal: no task of it is running or waiting for review. */
const deepLaneFree = not(or([stateIn({ deepLane: 'planning' }), stateIn({ deepLane: 'working' }), stateIn({ deepLane: 'steerQueued' }), stateIn({ deepLane: 'reviewing' })]));
/** Guard: a promotion criterion holds and the deep lane is free (`rejection`: the event turns an answer down). */
const handoffWanted = (rejection: boolean) => and([{ type: 'quickHandoff', params: { rejection } }, deepLaneFree]);
/** Moves the quick edit aside and proposes the deep lane. */
const handOff = (rejection: boolean, cancelCurrent = false) => ({ type: 'handOffQuick', params: { rejection, cancelCurrent } }) as const;
const toDeepLane = (rejection: boolean) => ({ guard: handoffWanted(rejection), target: 'handedOff', actions: handOff(rejection) }) as const;

const open = { guard: 'quickSelectionValid', target: '#session.quickEdit.instructing', reenter: true, actions: 'openQuickEdit' } as const;
const cancelRequest = (reason: 'cancelled' | 'timeout' | 'bad-response') => ({ type: 'cancelQuickRequest', params: { reason } }) as const;
const redirect = { guard: 'instructionGiven', target: 'streaming', actions: { type: 'requestQuickEdit', params: { cancelCurrent: false } } } as const;
/** The person asks for the deep lane instead. */
const askDeepLane = { 'quick.handOff': toDeepLane(false) } as const;

/**
 * Quick edit: a targeted change of a selection, following an instruction.
 *
 * idle → instructing (selection + instruction) → streaming (the new text grows as an inline diff)
 * → review → applied | rejected. An answer that changes text outside the selection is `refused`
 * with the reason; a provider error, a budget or a silent stream ends in `failed`. A redirect
 * while streaming cancels the request and starts another with the instruction added, keeping the
 * conversation; after an answer (reviewed, refused or failed) a redirect asks again the same way.
 *
 * Handoff: when a promotion criterion holds (promotionReasons.ts: the instruction names several
 * files or asks for tests to pass, the selection spans files, the answer was turned down twice,
 * or the person asks with `quick.handOff`) and the deep lane is free, the quick edit moves aside
 * (`handedOff`) and raises `deep.propose` with its context; `deep.decline` brings it back.
 */
export const quickEditRegion = sessionSetup.createStateConfig({
  initial: 'idle',
  states: {
    idle: { on: { 'quick.open': open } },
    instructing: {
      on: {
        'quick.open': open,
        'quick.submit': [
          { guard: and(['instructionGiven', handoffWanted(false)]), target: 'handedOff', actions: handOff(false) },
          { guard: 'instructionGiven', target: 'streaming', actions: { type: 'requestQuickEdit', params: { cancelCurrent: false } } },
        ],
        'quick.cancel': { target: 'idle' },
        ...askDeepLane,
      },
    },
    streaming: {
      after: {
        quickEditStall: {
          target: 'failed',
          actions: [cancelRequest('timeout'), { type: 'failQuickWith', params: { status: 'timeout', message: 'The quick edit stopped answering.' } }],
        },
      },
      on: {
        'quick.batch': [
          {
            guard: 'quickBatchOverflows',
            target: 'failed',
            actions: [cancelRequest('bad-response'), { type: 'failQuickWith', params: { status: 'bad-response', message: 'The answer arrived too far out of order.' } }],
          },
          { guard: 'quickAnswerAccepted', target: 'review', actions: ['commitQuickBatch', 'concludeQuickAnswer'] },
          { guard: 'quickAnswerRefused', target: 'refused', actions: ['commitQuickBatch', 'concludeQuickAnswer'] },
          // Re-entered so the stall timeout counts from the latest batch.
          { guard: 'quickAnswer', target: 'streaming', reenter: true, actions: 'commitQuickBatch' },
        ],
        'quick.failed': { guard: 'quickAnswer', target: 'failed', actions: 'failQuick' },
        'quick.limited': { guard: 'quickAnswer', target: 'failed', actions: 'failQuick' },
        'quick.redirect': [
          { guard: and(['instructionGiven', handoffWanted(false)]), target: 'handedOff', actions: handOff(false, true) },
          { guard: 'instructionGiven', target: 'streaming', reenter: true, actions: { type: 'requestQuickEdit', params: { cancelCurrent: true } } },
        ],
        'quick.cancel': { target: 'idle', actions: [cancelRequest('cancelled'), 'abandonQuick'] },
        'quick.open': { ...open, actions: [cancelRequest('cancelled'), 'openQuickEdit'] },
        'editor.typed': { guard: 'quickDocumentChanged', target: 'refused', actions: [cancelRequest('cancelled'), 'refuseStaleQuickEdit'] },
        'editor.changed': { guard: 'quickDocumentChanged', target: 'refused', actions: [cancelRequest('cancelled'), 'refuseStaleQuickEdit'] },
      },
    },
    review: {
      on: {
        'quick.accept': { target: 'applied', actions: 'applyQuickEdit' },
        'quick.reject': [toDeepLane(true), { target: 'rejected', actions: { type: 'rejectQuick', params: { detail: 'rejected' } } }],
        'quick.cancel': { target: 'rejected', actions: { type: 'rejectQuick', params: { detail: 'closed' } } },
        'quick.redirect': [{ ...toDeepLane(true), guard: and(['instructionGiven', handoffWanted(true)]) }, redirect],
        ...askDeepLane,
        'quick.open': open,
        'editor.typed': { guard: 'quickDocumentChanged', target: 'refused', actions: 'refuseStaleQuickEdit' },
        'editor.changed': { guard: 'quickDocumentChanged', target: 'refused', actions: 'refuseStaleQuickEdit' },
      },
    },
    refused: {
      on: {
        'quick.redirect': [
          { ...toDeepLane(false), guard: and(['instructionGiven', 'quickRedirectable', handoffWanted(false)]) },
          { ...redirect, guard: and(['instructionGiven', 'quickRedirectable']) },
        ],
        'quick.open': open,
        'quick.cancel': { target: 'idle' },
        ...askDeepLane,
      },
    },
    failed: {
      on: {
        'quick.redirect': [{ ...toDeepLane(false), guard: and(['instructionGiven', handoffWanted(false)]) }, redirect],
        'quick.open': open,
        'quick.cancel': { target: 'idle' },
        ...askDeepLane,
      },
    },
    applied: { on: { 'quick.open': open } },
    rejected: { on: { 'quick.open': open } },
    /** Moved aside for a deep-lane proposal; declining it brings the quick edit back, conversation and all. */
    handedOff: { on: { 'quick.open': open, 'deep.decline': { guard: stateIn({ deepLane: 'proposed' }), target: 'instructing', actions: 'declineHandoff' } } },
  },
});
