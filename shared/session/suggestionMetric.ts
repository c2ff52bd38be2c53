import type { RequestMetric, RequestOutcome } from '../metrics/RequestMetric.ts';
import type { ActiveSuggestion, SessionContext } from './SessionContext.ts';

/** The metrics record of a followed suggestion that ends now with `outcome`. */
export function suggestionMetric(context: SessionContext, active: ActiveSuggestion, outcome: RequestOutcome, detail: string | null): RequestMetric {
  const now = context.clock.now();
  return {
    requestId: active.requestId,
    lane: 'fast',
    kind: 'suggestion',
    model: context.models.fast,
    tokensIn: active.usage?.inputTokens ?? null,
    tokensOut: active.usage?.outputTokens ?? null,
    timeToFirstTokenMs: active.firstTextAt === null ? null : active.firstTextAt - active.sentAt,
    durationMs: Math.max(0, now - active.sentAt),
    outcome,
    detail,
    fromCache: active.source === 'cache',
    endedAt: now,
  };
}
