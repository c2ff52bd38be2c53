import type { RelayAnswer } from '../../shared/relayAnswerToSessionEvent.ts';
import type { SuggestionErrorMessage } from '../../shared/serverMessage.ts';

/** Hears every answer to one AI request. */
export type AnswerHandler = (answer: RelayAnswer) => void;

/**
 * Who asked what: request id → the handler of its answers. A route closes on the request's last
 * answer (`suggestion-done`, `suggestion-error`, or an `error` naming it) or when it is cancelled,
 * so a late answer to a cancelled request reaches no one.
 */
export class AnswerRoutes {
  private readonly handlers = new Map<string, AnswerHandler>();

  /** The error that ends a request the server cannot be reached for. */
  static unavailable(requestId: string, message: string): SuggestionErrorMessage {
    return { type: 'suggestion-error', requestId, code: 'unavailable', message };
  }

  get size(): number {
    return this.handlers.size;
  }

  open(requestId: string, handler: AnswerHandler): void {
    this.handlers.set(requestId, handler);
  }

  close(requestId: string): void {
    this.handlers.delete(requestId);
  }

  /** Hands `answer` to its request's handler; false when no open request has its id. */
  deliver(answer: RelayAnswer): boolean {
    const requestId = answer.requestId;
    if (requestId === undefined) return false;
    const handler = this.handlers.get(requestId);
    if (!handler) return false;
    if (answer.type !== 'suggestion-batch') this.handlers.delete(requestId);
    handler(answer);
    return true;
  }

  /** Ends every open request with an error (the connection dropped: none of them will be answered). */
  failAll(code: 'unavailable', message: string): void {
    const open = [...this.handlers];
    this.handlers.clear();
    for (const [requestId, handler] of open) handler({ type: 'suggestion-error', requestId, code, message });
  }
}
