import type { JSX } from 'preact';
import { Icon } from '../ui/Icon.tsx';

/** What went wrong applying a reviewed task's files, one line each (in the review and after it). */
export function ApplyProblems(props: { problems: readonly string[]; class?: string }): JSX.Element {
  return (
    <ul class={props.class === undefined ? 'deep-problems' : `deep-problems ${props.class}`} data-testid="deep-apply-problems">
      {props.problems.map((p) => (
        <li key={p}>
          <Icon name="alert" size={12} /> {p}
        </li>
      ))}
    </ul>
  );
}
