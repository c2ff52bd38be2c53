import type { SuggestionErrorMessage } from '../../shared/serverMessage.ts';
import { ProviderError } from '../providers/ModelProvider.ts';

/**
 * A failed generation as the client's typed error: a provider's own status and message pass
 * through as they are (they are written for people and never hold a key); anything else is a
 * bug or an unexpected failure, reported as "unavailable" without internals.
 */
export function toSuggestionError(requestId: string, error: unknown): SuggestionErrorMessage {
  if (error instanceof ProviderError) {
    return {
      type: 'suggestion-error',
      requestId,
      code: error.code,
      message: error.message,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: Math.max(0, Math.round(error.retryAfterMs)) } : {}),
      ...(error.code === 'rate-limited' ? { scope: 'provider' as const } : {}),
    };
  }
  return { type: 'suggestion-error', requestId, code: 'unavailable', message: 'The model call failed unexpectedly; the server log has the details.' };
}
