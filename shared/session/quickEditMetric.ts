import type { RequestMetric, RequestOutcome } from '../metrics/RequestMetric.ts';
import type { SessionContext } from './SessionContext.ts';

/** The metrics record of the quick edit's current request, ending now with `outcome`; null when it has had one. */
export function quickEditMetric(context: SessionContext, outcome: RequestOutcome, detail: string | null): RequestMetric | null {
  const { quick } = context;
  if (!quick.metricPending || quick.requestId === null) return null;
  const now = context.clock.now();
  return {
    requestId: quick.requestId,
    lane: 'fast',
    kind: 'quick-edit',
    model: context.models.fast,
    tokensIn: quick.usage?.inputTokens ?? null,
    tokensOut: quick.usage?.outputTokens ?? null,
    timeToFirstTokenMs: quick.firstTextAt === null ? null : quick.firstTextAt - quick.sentAt,
    durationMs: Math.max(0, now - quick.sentAt),
    outcome,
    detail,
    fromCache: false,
    endedAt: now,
  };
}
