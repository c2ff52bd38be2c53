import { and } from 'xstate';
import { sessionSetup } from './sessionSetup.ts';

const open = { guard: 'quickSelectionValid', target: '#session.quickEdit.instructing', reenter: true, actions: 'openQuickEdit' } as const;
const cancelRequest = (reason: 'cancelled' | 'timeout' | 'bad-response') => ({ type: 'cancelQuickRequest', params: { reason } }) as const;
const redirect = { guard: 'instructionGiven', target: 'streaming', actions: { type: 'requestQuickEdit', params: { cancelCurrent: false } } } as const;

/**
 * Quick edit: a targeted change of a selection, following an instruction.
 *
 * idle → instructing (selection + instruction) → streaming (the new text grows as an inline diff)
 * → review → applied | rejected. An answer that changes text outside the selection is `refused`
 * with the reason; a provider error, a budget or a silent stream ends in `failed`. A redirect
 * while streaming cancels the request and starts another with the instruction added, keeping the
 * conversation; after an answer (reviewed, refused or failed) a redirect asks again the same way.
 */
export const quickEditRegion = sessionSetup.createStateConfig({
  initial: 'idle',
  states: {
    idle: { on: { 'quick.open': open } },
    instructing: {
      on: {
        'quick.open': open,
        'quick.submit': { guard: 'instructionGiven', target: 'streaming', actions: { type: 'requestQuickEdit', params: { cancelCurrent: false } } },
        'quick.cancel': { target: 'idle' },
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
        'quick.redirect': { guard: 'instructionGiven', target: 'streaming', reenter: true, actions: { type: 'requestQuickEdit', params: { cancelCurrent: true } } },
        'quick.cancel': { target: 'idle', actions: cancelRequest('cancelled') },
        'quick.open': { ...open, actions: [cancelRequest('cancelled'), 'openQuickEdit'] },
        'editor.typed': { guard: 'quickDocumentChanged', target: 'refused', actions: [cancelRequest('cancelled'), 'refuseStaleQuickEdit'] },
        'editor.changed': { guard: 'quickDocumentChanged', target: 'refused', actions: [cancelRequest('cancelled'), 'refuseStaleQuickEdit'] },
      },
    },
    review: {
      on: {
        'quick.accept': { target: 'applied', actions: 'applyQuickEdit' },
        'quick.reject': { target: 'rejected' },
        'quick.cancel': { target: 'rejected' },
        'quick.redirect': redirect,
        'quick.open': open,
        'editor.typed': { guard: 'quickDocumentChanged', target: 'refused', actions: 'refuseStaleQuickEdit' },
        'editor.changed': { guard: 'quickDocumentChanged', target: 'refused', actions: 'refuseStaleQuickEdit' },
      },
    },
    refused: {
      on: {
        'quick.redirect': { ...redirect, guard: and(['instructionGiven', 'quickRedirectable']) },
        'quick.open': open,
        'quick.cancel': { target: 'idle' },
      },
    },
    failed: { on: { 'quick.redirect': redirect, 'quick.open': open, 'quick.cancel': { target: 'idle' } } },
    applied: { on: { 'quick.open': open } },
    rejected: { on: { 'quick.open': open } },
  },
});
