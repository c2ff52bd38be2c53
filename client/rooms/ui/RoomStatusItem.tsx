import type { JSX } from 'preact';
import { useLingering } from '../../ui/useLingering.ts';
import { useStore } from '../../ui/useStore.ts';
import type { RoomSession } from '../RoomSession.ts';

const AI_TEXT = { off: 'AI off', fast: 'AI fast', 'fast+deep': 'AI fast + deep' } as const;
/**
 * How long edits may wait with no acknowledgement before the status says so. Each keystroke waits
 * the store's commit (10-30 ms); shown at once, the count and the dot would flicker as a person types.
 */
export const UNSENT_SHOWN_AFTER_MS = 1000;

/** The status bar's room item: the role, what the host allows, and edits the server has not stored yet. */
export function RoomStatusItem({ session }: { session: RoomSession }): JSX.Element {
  const view = useStore(session.view);
  // Shown when edits have waited a second with no acknowledgement arriving, not while they flow.
  const acknowledgements = useStore(session.acknowledgements);
  const unsent = useLingering(view.unstored > 0, UNSENT_SHOWN_AFTER_MS, acknowledgements) ? view.unstored : 0;
  const abilities = session.abilities(view);
  const role = view.you ? view.you.role[0]?.toUpperCase() + view.you.role.slice(1) : 'Room';
  const parts = [role];
  if (view.you && view.you.role !== 'observer') parts.push(abilities.ai === 'off' ? 'AI off by host' : AI_TEXT[abilities.ai]);
  if (!abilities.edit.ok && view.you?.role !== 'observer') parts.push('editing locked');
  if (!abilities.run.ok && view.you?.role !== 'observer') parts.push('running off');
  const tone = view.phase === 'joined' ? (unsent > 0 ? 'busy' : 'ok') : view.phase === 'refused' ? 'fail' : 'warn';
  const title =
    view.phase === 'joined'
      ? unsent > 0
        ? `${unsent} of your edits are on their way to the server.`
        : 'In the room: every edit is stored on the server.'
      : view.phase === 'refused'
        ? (view.refusal ?? 'Refused')
        : 'Not in the room right now: your edits are kept in this browser and merge when the connection is back.';
  return (
    <span class={`status-item tone-${tone}`} title={title} data-testid="status-room" data-phase={view.phase} data-ai={abilities.ai}>
      <span class="status-dot" />
      Room · {parts.join(' · ')}
      {unsent > 0 ? ` · ${unsent} unsent` : ''}
    </span>
  );
}
