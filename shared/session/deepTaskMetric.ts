import type { RequestMetric, RequestOutcome } from '../metrics/RequestMetric.ts';
import type { SessionContext } from './SessionContext.ts';

/**
 * The metrics record of the deep task, ending now with `outcome`; null when it has had one. The
 * server's figures (sent with the task's ending) are preferred; before they arrive, the machine's
 * own: the running token totals and its clock.
 */
export function deepTaskMetric(context: SessionContext, outcome: RequestOutcome, detail: string | null): RequestMetric | null {
  const { deep } = context;
  if (!deep.metricPending || deep.taskId === null) return null;
  const now = context.clock.now();
  const figures = deep.figures;
  return {
    requestId: deep.taskId,
    lane: 'deep',
    kind: 'task',
    model: figures?.model ?? deep.model ?? context.models.deep,
    tokensIn: figures?.inputTokens ?? deep.usage.inputTokens,
    tokensOut: figures?.outputTokens ?? deep.usage.outputTokens,
    timeToFirstTokenMs: figures?.timeToFirstTokenMs ?? null,
    durationMs: Math.max(0, now - (deep.startedAt ?? now)),
    outcome,
    detail,
    fromCache: false,
    endedAt: now,
  };
}
