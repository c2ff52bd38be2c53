import type { KindSummary, MetricsSummary } from '../../../shared/metrics/summarizeMetrics.ts';

const number = new Intl.NumberFormat('en');

function acceptance(kind: KindSummary, taken: string): string {
  const judged = kind.accepted + kind.rejected;
  if (judged === 0) return `${number.format(kind.requests)} asked`;
  return `${number.format(judged)} judged, ${number.format(kind.accepted)} ${taken} (${Math.round((kind.acceptanceRate ?? 0) * 100)} %)`;
}

/**
 * The session's AI figures as lines for the status popover: per kind, what was judged and taken,
 * the median time to the first token, and the tokens spent per accepted change. Empty when no
 * request has ended yet.
 */
export function describeSessionMetrics(summary: MetricsSummary): string[] {
  const lines: string[] = [];
  const { suggestion, quickEdit, task } = summary;
  if (suggestion.requests > 0) {
    const firstToken = suggestion.medianTimeToFirstTokenMs === null ? '' : ` · first token ${Math.round(suggestion.medianTimeToFirstTokenMs)} ms (median)`;
    lines.push(`Suggestions: ${acceptance(suggestion, 'accepted')}${firstToken}`);
  }
  if (quickEdit.requests > 0) lines.push(`Quick edits: ${acceptance(quickEdit, 'applied')}`);
  if (task.requests > 0) lines.push(`Deep tasks: ${acceptance(task, 'applied')}`);
  if (lines.length === 0) return lines;
  const perAccepted = summary.tokensOutPerAccepted === null ? '' : ` · ${number.format(Math.round(summary.tokensOutPerAccepted))} out per accepted change`;
  lines.push(`Tokens: ${number.format(summary.tokensIn)} in, ${number.format(summary.tokensOut)} out${perAccepted}`);
  return lines;
}
