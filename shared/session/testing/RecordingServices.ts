import type { RequestMetric } from '../../metrics/RequestMetric.ts';
import type { CancelReason } from '../CancelReason.ts';
import type { DeepFileChange } from '../SessionEvent.ts';
import type {
  DeepLaneServices,
  DeepRunAnswer,
  DeepTaskRequest,
  FileToolCall,
  QuickEditApplication,
  QuickEditRequest,
  RunRequest,
  RuntimeServices,
  SessionServices,
  SuggestionInsertion,
  SuggestionRequest,
} from '../SessionServices.ts';

/** One call the machine made to its services. */
export type ServiceCall =
  | { readonly kind: 'requestSuggestion'; readonly request: SuggestionRequest }
  | { readonly kind: 'requestQuickEdit'; readonly request: QuickEditRequest }
  | { readonly kind: 'cancel'; readonly requestId: string; readonly reason: CancelReason }
  | { readonly kind: 'insertSuggestion'; readonly insertion: SuggestionInsertion }
  | { readonly kind: 'applyQuickEdit'; readonly application: QuickEditApplication }
  | { readonly kind: 'startRun'; readonly run: RunRequest }
  | { readonly kind: 'stopRun'; readonly runId: string }
  | { readonly kind: 'startDeepTask'; readonly request: DeepTaskRequest }
  | { readonly kind: 'steerDeepTask'; readonly taskId: string; readonly turnId: number; readonly text: string }
  | { readonly kind: 'interruptDeepTask'; readonly taskId: string }
  | { readonly kind: 'runDeepTool'; readonly taskId: string; readonly callId: string; readonly call: FileToolCall }
  | { readonly kind: 'answerDeepRun'; readonly answer: DeepRunAnswer }
  | { readonly kind: 'applyDeepResult'; readonly taskId: string; readonly files: readonly DeepFileChange[] };

/**
 * Services for tests: every call is recorded in order, and `onInsert` may answer an insertion the
 * way the editor glue does (by reporting the change back as `editor.typed`). Metrics records are
 * kept apart (`metrics`). `lanes` chooses which optional groups the session has: a session
 * without the deep lane's services never proposes it.
 */
export class RecordingServices implements SessionServices {
  readonly calls: ServiceCall[] = [];
  readonly metrics: RequestMetric[] = [];
  onInsert: ((insertion: SuggestionInsertion) => void) | undefined;
  readonly runtime: RuntimeServices | undefined;
  readonly deep: DeepLaneServices | undefined;

  constructor(lanes: { runtime?: boolean; deep?: boolean } = {}) {
    const calls = this.calls;
    this.runtime =
      lanes.runtime === true
        ? {
            startRun: (run) => void calls.push({ kind: 'startRun', run }),
            stopRun: (runId) => void calls.push({ kind: 'stopRun', runId }),
          }
        : undefined;
    this.deep =
      lanes.deep === true
        ? {
            startDeepTask: (request) => void calls.push({ kind: 'startDeepTask', request }),
            steerDeepTask: (steer) => void calls.push({ kind: 'steerDeepTask', ...steer }),
            interruptDeepTask: (taskId) => void calls.push({ kind: 'interruptDeepTask', taskId }),
            runDeepTool: (request) => void calls.push({ kind: 'runDeepTool', ...request }),
            answerDeepRun: (answer) => void calls.push({ kind: 'answerDeepRun', answer }),
            applyDeepResult: (application) => void calls.push({ kind: 'applyDeepResult', ...application }),
          }
        : undefined;
  }

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
  recordMetric(metric: RequestMetric): void {
    this.metrics.push(metric);
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
  /** The calls of one kind. */
  of<K extends ServiceCall['kind']>(kind: K): Extract<ServiceCall, { kind: K }>[] {
    return this.calls.filter((c): c is Extract<ServiceCall, { kind: K }> => c.kind === kind);
  }
}
