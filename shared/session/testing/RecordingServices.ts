import type { CancelReason } from '../CancelReason.ts';
import type { QuickEditApplication, QuickEditRequest, SessionServices, SuggestionInsertion, SuggestionRequest } from '../SessionServices.ts';

/** One call the machine made to its services. */
export type ServiceCall =
  | { readonly kind: 'requestSuggestion'; readonly request: SuggestionRequest }
  | { readonly kind: 'requestQuickEdit'; readonly request: QuickEditRequest }
  | { readonly kind: 'cancel'; readonly requestId: string; readonly reason: CancelReason }
  | { readonly kind: 'insertSuggestion'; readonly insertion: SuggestionInsertion }
  | { readonly kind: 'applyQuickEdit'; readonly application: QuickEditApplication };

/**
 * Services for tests: every call is recorded in order, and `onInsert` may answer an insertion the
 * way the editor glue does (by reporting the change back as `editor.typed`).
 */
export class RecordingServices implements SessionServices {
  readonly calls: ServiceCall[] = [];
  onInsert: ((insertion: SuggestionInsertion) => void) | undefined;

  requestSuggestion(request: SuggestionRequest): void {
    this.calls.push({ kind: 'requestSuggestion', request });
  }
  requestQuickEdit(request: QuickEditRequest): void {
    this.calls.push({ kind: 'requestQuickEdit', request });
  }
  cancel(requestId: string, reason: CancelReason): void {
    this.calls.push({ kind: 'cancel', requestId, reason });
  }
  insertSuggestion(insertion: SuggestionInsertion): void {
    this.calls.push({ kind: 'insertSuggestion', insertion });
    this.onInsert?.(insertion);
  }
  applyQuickEdit(application: QuickEditApplication): void {
    this.calls.push({ kind: 'applyQuickEdit', application });
  }

  /** Ids of the suggestion requests sent, in order. */
  get suggestionRequests(): string[] {
    return this.calls.flatMap((c) => (c.kind === 'requestSuggestion' ? [c.request.requestId] : []));
  }
  get quickEditRequests(): QuickEditRequest[] {
    return this.calls.flatMap((c) => (c.kind === 'requestQuickEdit' ? [c.request] : []));
  }
  /** The cancels sent, as "id:reason". */
  get cancels(): string[] {
    return this.calls.flatMap((c) => (c.kind === 'cancel' ? [`${c.requestId}:${c.reason}`] : []));
  }
  get insertions(): SuggestionInsertion[] {
    return this.calls.flatMap((c) => (c.kind === 'insertSuggestion' ? [c.insertion] : []));
  }
}
