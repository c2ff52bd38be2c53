import type { DeepFailureStatus, DeepTestSummary } from '../../shared/deepLane/protocol.ts';
import type { PromotionReason } from '../../shared/session/PromotionReason.ts';
import type { DeepLaneView } from '../../shared/session/selectDeepLane.ts';

/** How a state reads in the panel's header: a word or two, and the colour it carries. */
export interface DeepLaneHeadline {
  readonly label: string;
  readonly tone: 'running' | 'ok' | 'fail' | 'warn' | 'muted' | 'accent';
  /** One sentence under the header when the task ended otherwise than in review. */
  readonly detail: string | null;
}

/** Each promotion criterion as the proposal shows it. */
export const REASON_LABELS: Record<PromotionReason, string> = {
  'names-several-files': 'names several files',
  'asks-for-tests': 'asks for tests to pass',
  'spans-files': 'the selection spans files',
  'rejected-twice': 'the quick answer was turned down twice',
  asked: 'you asked for it',
};

const FAILURE_LABELS: Record<DeepFailureStatus, string> = {
  unavailable: 'Model unavailable',
  timeout: 'Model timed out',
  'rate-limited': 'Rate limited',
  'bad-response': 'Bad model answer',
  refused: 'Refused',
  misconfigured: 'Misconfigured',
  'ai-off': 'Deep lane off',
  unsupported: 'Model cannot use tools',
  busy: 'Another task runs',
  'invalid-request': 'Invalid request',
  budget: 'Budget spent',
  looping: 'Stopped: looping',
  internal: 'Internal error',
};

const BUDGET_LABELS = { turns: 'model turns', tokens: 'tokens', 'wall-time': 'time' } as const;

/** A count with thin grouping: 12 345. */
export function formatCount(n: number): string {
  return Math.round(n).toLocaleString('en-US').replace(/,/g, '\u2009');
}

/** A budget's figure in its unit: turns and tokens as counts, wall time in seconds or minutes. */
function budgetFigure(which: 'turns' | 'tokens' | 'wall-time', value: number): string {
  if (which !== 'wall-time') return formatCount(value);
  return value >= 120_000 ? `${Math.round(value / 60_000)} min` : `${Math.round(value / 1000)} s`;
}

/** The header of the panel for a state, with what to say when the task ended without a result. */
export function deepLaneHeadline(view: DeepLaneView): DeepLaneHeadline {
  switch (view.state) {
    case 'proposed':
      return { label: 'Proposed', tone: 'accent', detail: null };
    case 'planning':
      return { label: 'Planning', tone: 'running', detail: null };
    case 'working':
      return { label: 'Working', tone: 'running', detail: null };
    case 'steerQueued':
      return { label: 'Steer queued', tone: 'running', detail: null };
    case 'reviewing':
      return { label: 'Review', tone: 'accent', detail: null };
    case 'applied':
      return { label: 'Applied', tone: 'ok', detail: null };
    case 'discarded':
      return { label: 'Discarded', tone: 'muted', detail: view.applied.length > 0 ? `The rest was dropped; ${view.applied.length} file${view.applied.length === 1 ? '' : 's'} applied before stay.` : 'Nothing was written to the workspace.' };
    case 'failed':
      return view.failure === null
        ? { label: 'Failed', tone: 'fail', detail: 'The task failed. Nothing was written to the workspace.' }
        : { label: FAILURE_LABELS[view.failure.status], tone: 'fail', detail: `${view.failure.message} Nothing was written to the workspace.` };
    case 'budgetLimited': {
      const budget = view.budget;
      const detail =
        budget === null
          ? 'A budget ran out. Nothing was written to the workspace.'
          : `The task used ${budgetFigure(budget.which, budget.used)} of its ${budgetFigure(budget.which, budget.limit)} ${BUDGET_LABELS[budget.which]} and stopped. Nothing was written to the workspace.`;
      return { label: budget === null ? 'Budget spent' : `Out of ${BUDGET_LABELS[budget.which]}`, tone: 'warn', detail };
    }
    case 'interrupted':
      return {
        label: 'Interrupted',
        tone: 'warn',
        detail: view.interruption?.by === 'server' ? 'The server stopped the task. Your files are as they were.' : 'Stopped. Your files are as they were.',
      };
  }
}

/** A test run in a few words: "2 passed", "1 failed, 1 passed", "build error". */
export function describeTestSummary(summary: DeepTestSummary | null): { text: string; tone: 'ok' | 'fail' | 'warn' | 'muted' } {
  if (summary === null) return { text: 'not run', tone: 'muted' };
  const { counts, status } = summary;
  if (status === 'build-error') return { text: 'build error', tone: 'fail' };
  if (status === 'timeout') return { text: 'timed out', tone: 'warn' };
  if (status === 'stopped') return { text: 'stopped', tone: 'warn' };
  const parts = [counts.failed > 0 ? `${counts.failed} failed` : null, counts.passed > 0 ? `${counts.passed} passed` : null, counts.skipped + counts.todo > 0 ? `${counts.skipped + counts.todo} skipped` : null].filter((p) => p !== null);
  return { text: parts.length === 0 ? 'no tests' : parts.join(', '), tone: counts.failed > 0 || status === 'failed' || status === 'error' ? 'fail' : 'ok' };
}
