import type { JSX } from 'preact';
import { useStore } from '../../ui/useStore.ts';
import type { Presence } from './attachPresence.ts';
import './presence.css';

interface Props {
  presence: Presence;
  path: string;
}

/**
 * Who else is on a file, as small dots in their colours (for a tab or a tree row); nothing when
 * nobody is. Each dot's title names the person, so the dots read without hovering the list.
 */
export function FilePresence({ presence, path }: Props): JSX.Element | null {
  const { peers, me } = useStore(presence.state);
  const here = new Map<string, { name: string; color: string }>();
  for (const peer of peers) {
    if (peer.cursor?.path === path && peer.user.personId !== me.personId) here.set(peer.user.personId, peer.user);
  }
  if (here.size === 0) return null;
  const names = [...here.values()].map((person) => person.name).join(', ');
  return (
    <span class="file-presence" title={`Here: ${names}`} aria-label={`Here: ${names}`} data-testid={`file-presence-${path}`}>
      {[...here.entries()].map(([personId, person]) => (
        <span key={personId} class="presence-dot file-presence-dot" style={{ '--presence-color': person.color }} />
      ))}
    </span>
  );
}
