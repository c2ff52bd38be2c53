import type { JSX } from 'preact';
import { useStore } from '../../ui/useStore.ts';
import type { Presence } from './attachPresence.ts';
import type { Peer, PresenceUser } from './presenceState.ts';
import './presence.css';

interface Props {
  presence: Presence;
}

interface Person {
  user: PresenceUser;
  /** The file of the tab this person moved in last (the one with a cursor), if any. */
  path: string | undefined;
}

/**
 * Who is here: this person first, then everyone else with their colour, role and the file they
 * are on. Clicking someone follows them (their file opens and their cursor stays in view); clicking
 * them again, Esc, or any edit or click in the editor stops it. A person with several tabs is one
 * entry.
 */
export function PresenceList({ presence }: Props): JSX.Element {
  const { me, peers, following } = useStore(presence.state);
  const people = byPerson(peers).filter((person) => person.user.personId !== me.personId);
  return (
    <ul class="presence-list" aria-label="People in this room" data-testid="presence-list">
      <li>
        <div class="presence-person" style={{ '--presence-color': me.color }} data-testid={`presence-${me.personId}`}>
          <span class="presence-dot" />
          <span class="presence-name">
            {me.name}
            <span class="presence-you">you</span>
          </span>
        </div>
      </li>
      {people.map((person) => {
        const followed = following === person.user.personId;
        return (
          <li key={person.user.personId}>
            <button
              type="button"
              class="presence-person"
              style={{ '--presence-color': person.user.color }}
              aria-pressed={followed}
              title={followed ? `Stop following ${person.user.name}` : `Follow ${person.user.name}`}
              data-testid={`presence-${person.user.personId}`}
              onClick={() => (followed ? presence.stopFollowing() : presence.follow(person.user.personId))}
            >
              <span class="presence-dot" />
              <span class="presence-name">
                {person.user.name}
                {person.user.role ? <span class="presence-role">{person.user.role}</span> : null}
              </span>
              <span class="presence-action">{followed ? 'following' : 'follow'}</span>
              <span class="presence-file">{person.path ?? 'no file open'}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function byPerson(peers: readonly Peer[]): Person[] {
  const people = new Map<string, Person>();
  for (const peer of peers) {
    const known = people.get(peer.user.personId);
    // A later tab (higher client id) with a cursor wins; a tab without one never hides one that has it.
    if (!known || peer.cursor) people.set(peer.user.personId, { user: peer.user, path: peer.cursor?.path ?? known?.path });
  }
  return [...people.values()];
}
