import type { RequestMetric } from './RequestMetric.ts';

/** One kind of request's figures over a session. */
export interface KindSummary {
  /** Requests that ended, cache re-shows included. */
  readonly requests: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly interrupted: number;
  readonly failed: number;
  /** accepted ÷ (accepted + rejected): of what the person judged, the share they took; null before any was judged. */
  readonly acceptanceRate: number | null;
  /** Median time to first token of the requests that got one; null when none did. */
  readonly medianTimeToFirstTokenMs: number | null;
}

/** The session's AI figures: per kind, and the tokens behind them. */
export interface MetricsSummary {
  readonly suggestion: KindSummary;
  readonly quickEdit: KindSummary;
  readonly task: KindSummary;
  readonly tokensIn: number;
  readonly tokensOut: number;
  /** Output tokens spent per accepted change, over every lane (what an accepted change costs); null before one was accepted. */
  readonly tokensOutPerAccepted: number | null;
}

const KINDS = { suggestion: 'suggestion', quickEdit: 'quick-edit', task: 'task' } as const;

/**
 * Sums the per-request records the session machine emits into the figures a person and a host
 * read: how much was shown, how much was taken, and what it cost in tokens.
 */
export function summarizeMetrics(metrics: readonly RequestMetric[]): MetricsSummary {
  let tokensIn = 0;
  let tokensOut = 0;
  let accepted = 0;
  for (const metric of metrics) {
    tokensIn += metric.tokensIn ?? 0;
    tokensOut += metric.tokensOut ?? 0;
    if (metric.outcome === 'accepted') accepted++;
  }
  const of = (kind: RequestMetric['kind']): KindSummary => summarizeKind(metrics.filter((m) => m.kind === kind));
  return {
    suggestion: of(KINDS.suggestion),
    quickEdit: of(KINDS.quickEdit),
    task: of(KINDS.task),
    tokensIn,
    tokensOut,
    tokensOutPerAccepted: accepted === 0 ? null : tokensOut / accepted,
  };
}

function summarizeKind(metrics: readonly RequestMetric[]): KindSummary {
  const count = (outcome: RequestMetric['outcome']): number => metrics.filter((m) => m.outcome === outcome).length;
  const accepted = count('accepted');
  const rejected = count('rejected');
  const firstTokens = metrics.flatMap((m) => (m.timeToFirstTokenMs === null ? [] : [m.timeToFirstTokenMs])).sort((a, b) => a - b);
  return {
    requests: metrics.length,
    accepted,
    rejected,
    interrupted: count('interrupted'),
    failed: count('failed'),
    acceptanceRate: accepted + rejected === 0 ? null : accepted / (accepted + rejected),
    medianTimeToFirstTokenMs: median(firstTokens),
  };
}

function median(sorted: readonly number[]): number | null {
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
