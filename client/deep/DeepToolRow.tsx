import type { JSX } from 'preact';
import type { DeepToolActivity } from '../../shared/session/SessionContext.ts';
import { Icon } from '../ui/Icon.tsx';

/** Each tool as the activity list names it. */
export const TOOL_VERBS: Record<string, string> = {
  list_files: 'List files',
  read_file: 'Read file',
  search: 'Search',
  apply_patch: 'Patch',
  run_tests: 'Run tests',
  run_program: 'Run program',
  update_plan: 'Update plan',
};

/** One tool call of a deep task: what it was, whether it is waiting, running, done or failed, and the server's one-line summary. */
export function DeepToolRow({ activity }: { activity: DeepToolActivity }): JSX.Element {
  const icon = activity.status === 'ok' ? 'check' : activity.status === 'failed' ? 'cross' : activity.status === 'queued' ? 'clock' : null;
  return (
    <li class={`deep-tool is-${activity.status}`} data-testid="deep-tool" data-status={activity.status} data-name={activity.name}>
      <span class="deep-tool-icon">{icon ? <Icon name={icon} size={12} /> : <span class="spinner small" />}</span>
      <span class="deep-tool-name">{TOOL_VERBS[activity.name] ?? activity.name}</span>
      <span class="deep-tool-summary" title={activity.summary ?? undefined}>
        {activity.summary ?? (activity.status === 'queued' ? 'waiting for the runtime…' : 'running…')}
      </span>
    </li>
  );
}

