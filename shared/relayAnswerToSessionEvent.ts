import type { ErrorMessage, SuggestionBatchMessage, SuggestionDoneMessage, SuggestionErrorMessage } from './serverMessage.ts';
import type { FastLaneEvent, QuickEditEvent } from './session/SessionEvent.ts';
import type { ProviderStatus } from './session/ProviderStatus.ts';

/** Any server answer to an AI request: the relay's, or the dispatcher's refusal of the request itself. */
export type RelayAnswer = SuggestionBatchMessage | SuggestionDoneMessage | SuggestionErrorMessage | ErrorMessage;

type AnswerEvent = Extract<FastLaneEvent | QuickEditEvent, { requestId: string }>;

/**
 * What the session machine should hear for a server answer to one of its requests (`lane`: the
 * request was a `suggest` (fast) or a `quick-edit` (quick)); undefined for an `error` that names
 * no request. The glue sends the result to the actor as it is.
 * - `suggestion-done` becomes the last batch (`done: true`, no text) at its `seq`; a quick edit's
 *   carries the `edits` the relay resolved the answer to, when it did.
 * - Our own limits (`budget`, and `rate-limited` for a person or room) are `*.limited`; the
 *   provider's rate limit and every other failure are `*.failed` with the provider's status.
 * - `ai-off` is `misconfigured` (its message says how to turn AI on); `interrupted` (a newer
 *   request took the slot) is `unavailable`; `invalid-request` and a refused message are `refused`.
 */
export function relayAnswerToSessionEvent(message: RelayAnswer, lane: 'fast' | 'quick'): AnswerEvent | undefined {
  if (message.requestId === undefined) return undefined;
  const requestId = message.requestId;
  switch (message.type) {
    case 'suggestion-batch':
      return { type: `${lane}.batch`, requestId, seq: message.seq, text: message.text, done: false };
    case 'suggestion-done':
      // The usage goes along for the session's metrics records.
      if (lane === 'quick' && message.edits !== undefined) return { type: 'quick.batch', requestId, seq: message.seq, text: '', done: true, edits: message.edits, usage: message.usage };
      return { type: `${lane}.batch`, requestId, seq: message.seq, text: '', done: true, usage: message.usage };
    case 'suggestion-error': {
      const ours = message.code === 'budget' || (message.code === 'rate-limited' && message.scope !== undefined && message.scope !== 'provider');
      if (ours) return limited(lane, requestId, message.message, message.retryAfterMs);
      return failed(lane, requestId, statusOf(message.code), message.message, message.retryAfterMs);
    }
    case 'error':
      // The dispatcher refused the request before the relay saw it (malformed, too large, flood).
      if (message.code === 'rate-limited') return limited(lane, requestId, message.message, undefined);
      return failed(lane, requestId, 'refused', message.message, undefined);
  }
}

function statusOf(code: SuggestionErrorMessage['code']): ProviderStatus {
  switch (code) {
    case 'ai-off':
      return 'misconfigured';
    case 'interrupted':
      return 'unavailable';
    case 'invalid-request':
    case 'budget':
      return 'refused';
    default:
      return code;
  }
}

function limited(lane: 'fast' | 'quick', requestId: string, message: string, retryAfterMs: number | undefined): AnswerEvent {
  return retryAfterMs === undefined ? { type: `${lane}.limited`, requestId, message } : { type: `${lane}.limited`, requestId, message, retryAfterMs };
}

function failed(lane: 'fast' | 'quick', requestId: string, status: ProviderStatus, message: string, retryAfterMs: number | undefined): AnswerEvent {
  if (lane === 'quick') return { type: 'quick.failed', requestId, status, message };
  return retryAfterMs === undefined ? { type: 'fast.failed', requestId, status, message } : { type: 'fast.failed', requestId, status, message, retryAfterMs };
}
