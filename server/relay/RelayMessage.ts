import type { SuggestionBatchMessage, SuggestionDoneMessage, SuggestionErrorMessage } from '../../shared/serverMessage.ts';

/** What the relay sends to one connection. */
export type RelayMessage = SuggestionBatchMessage | SuggestionDoneMessage | SuggestionErrorMessage;
