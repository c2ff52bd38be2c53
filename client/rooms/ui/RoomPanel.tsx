import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RoomInvite, RoomMember } from '../../../shared/roomMessage.ts';
import { aiPolicyOf, type AiPolicy, type RoomPolicyState, type RoomRole } from '../../../shared/rooms/roomPolicy.ts';
import { Icon } from '../../ui/Icon.tsx';
import { useStore } from '../../ui/useStore.ts';
import type { RoomSession, RoomView } from '../RoomSession.ts';
import type { RoomTabStorage } from '../RoomTabStorage.ts';

const AI_LABELS: Record<AiPolicy, string> = { off: 'AI off', fast: 'Fast lane', 'fast+deep': 'Fast + deep' };
const ROLE_LABELS: Record<RoomRole, string> = { host: 'Host', guest: 'Guest', observer: 'Observer' };
const INVITE_LABELS: Record<RoomRole, string> = { host: 'Your host link · keep private', guest: 'Guest · can edit', observer: 'Observer · read-only' };

/** One person in the room (a person with two tabs is one entry), or someone invited who is not here. */
interface Person {
  personId: string;
  name: string;
  role: RoomRole;
  online: boolean;
  /** The name they chose for their cursor, when it differs from the invite's. */
  chosen?: string;
}

interface Props {
  session: RoomSession;
  tabStorage: RoomTabStorage;
  /** The host's way to the session's replay and report. */
  replayHref: string | undefined;
  /** Extra content from other parts (the presence list). */
  children?: ComponentChildren;
  onClose(): void;
}

/**
 * The room popover: who is here, and for the host the invite links, the policy (lock editing,
 * running, AI per person) and private notes. Everything the host changes is enforced by the
 * server; this only sends the change and shows the room's answer.
 */
export function RoomPanel(props: Props): JSX.Element {
  const { session } = props;
  const view = useStore(session.view);
  const abilities = session.abilities(view);
  const panel = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') props.onClose();
    };
    const onDown = (event: MouseEvent): void => {
      const target = event.target instanceof Element ? event.target : null;
      if (target && !panel.current?.contains(target) && !target.closest('[data-testid="room-button"]')) props.onClose();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('mousedown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('mousedown', onDown);
    };
  }, []);

  return (
    <div class="room-panel" ref={panel} role="dialog" aria-label="Room" data-testid="room-panel">
      <div class="room-panel-head">
        <div>
          <div class="room-panel-title">Shared room</div>
          <div class="room-panel-sub">
            {view.you ? `You are ${view.you.name} · ${ROLE_LABELS[view.you.role]}` : 'Joining…'} · <code>{view.roomId}</code>
          </div>
        </div>
        <button class="icon-button" aria-label="Close" onClick={props.onClose}>
          <Icon name="close" size={14} />
        </button>
      </div>
      {props.children}
      {abilities.host ? <Invites session={session} tabStorage={props.tabStorage} roomId={view.roomId} /> : null}
      <People view={view} session={session} host={abilities.host} invites={abilities.host ? props.tabStorage.invites(view.roomId) : []} />
      {abilities.host && view.policy ? <Controls session={session} policy={view.policy} /> : <YourAbilities session={session} view={view} />}
      {abilities.host ? <Notes session={session} /> : null}
      {abilities.host && props.replayHref ? (
        <a class="button secondary room-replay" href={props.replayHref} target="_blank" rel="noopener" data-testid="room-replay-link">
          <Icon name="clock" size={14} /> Replay / report
        </a>
      ) : null}
    </div>
  );
}

function Invites(props: { session: RoomSession; tabStorage: RoomTabStorage; roomId: string }): JSX.Element {
  const kept = props.tabStorage.invites(props.roomId);
  // The host's own link is the only way back into the room as host from another tab, browser or
  // machine (the token lives in this tab's sessionStorage), so it is shown, marked as private.
  const hostLink = kept.find((invite) => invite.role === 'host');
  const [invites, setInvites] = useState(() => kept.filter((invite) => invite.role !== 'host'));
  const [error, setError] = useState<string | undefined>();
  const more = async (role: 'guest' | 'observer'): Promise<void> => {
    setError(undefined);
    try {
      const count = invites.filter((invite) => invite.role === role).length;
      const invite = await props.session.invite(role, `${role === 'guest' ? 'Guest' : 'Observer'} ${count + 1}`);
      props.tabStorage.keepInvites(props.roomId, [invite]);
      setInvites((list) => [...list, invite]);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <section class="room-section" data-testid="room-invites">
      <h3 class="room-section-title">Invite links</h3>
      {hostLink ? <InviteRow invite={hostLink} /> : null}
      {invites.length === 0 ? <p class="room-muted">No links in this tab yet: make one below.</p> : null}
      {invites.map((invite) => (
        <InviteRow key={invite.token} invite={invite} />
      ))}
      <div class="room-row-actions">
        <button class="button secondary" data-testid="invite-guest" onClick={() => void more('guest')}>
          <Icon name="plus" size={12} /> Guest link
        </button>
        <button class="button secondary" data-testid="invite-observer" onClick={() => void more('observer')}>
          <Icon name="plus" size={12} /> Observer link
        </button>
      </div>
      {error ? <p class="room-error-text">{error}</p> : null}
    </section>
  );
}

function InviteRow({ invite }: { invite: RoomInvite }): JSX.Element {
  const [copied, setCopied] = useState(false);
  const url = new URL(invite.link, location.origin).href;
  const expires = new Date(invite.expiresAt);
  const days = Math.max(0, Math.round((invite.expiresAt - Date.now()) / 86_400_000));
  const copy = async (): Promise<void> => {
    await navigator.clipboard.writeText(url).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };
  return (
    <div class="room-invite" data-testid={`invite-${invite.role}`} data-link={url}>
      <div class="room-invite-head">
        <span class={`room-role role-${invite.role}`} title={invite.role === 'host' ? 'Anyone with this link is host of the room: keep it to yourself.' : undefined}>
          {INVITE_LABELS[invite.role]}
        </span>
        <span class="room-muted" title={expires.toLocaleString()}>
          {invite.name} · expires in {days} day{days === 1 ? '' : 's'}
        </span>
      </div>
      <div class="room-invite-link">
        <input class="room-input mono" readOnly value={url} aria-label={`${invite.role} link`} onFocus={(e) => e.currentTarget.select()} />
        <button class="button secondary" data-testid={`copy-${invite.role}`} onClick={() => void copy()}>
          <Icon name={copied ? 'check' : 'link'} size={13} /> {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

function People(props: { view: RoomView; session: RoomSession; host: boolean; invites: readonly RoomInvite[] }): JSX.Element {
  const { view } = props;
  const people = peopleOf(view.members, props.invites, (personId) => props.session.chosenName(personId));
  return (
    <section class="room-section" data-testid="room-people">
      <h3 class="room-section-title">People</h3>
      <ul class="room-people">
        {people.map((person) => (
          <li key={person.personId} class="room-person" data-testid="room-person" data-person={person.personId} data-online={person.online}>
            <span class={`room-online ${person.online ? 'on' : 'off'}`} title={person.online ? 'Here now' : 'Not here'} />
            <span class="room-person-name" title={person.chosen ? `Invited as ${person.name}` : undefined}>
              {person.chosen ?? person.name}
              {person.chosen ? <span class="room-muted"> · {person.name}</span> : null}
              {person.personId === view.you?.personId ? <span class="room-muted"> (you)</span> : null}
            </span>
            <span class={`room-role role-${person.role}`}>{ROLE_LABELS[person.role]}</span>
            {view.policy && person.role !== 'observer' ? (
              props.host ? (
                <select
                  class="room-select"
                  data-testid="room-ai-select"
                  aria-label={`AI for ${person.name}`}
                  value={aiPolicyOf(view.policy, person.personId)}
                  onChange={(event) => props.session.changePolicy({ kind: 'set-ai', personId: person.personId, ai: event.currentTarget.value as AiPolicy })}
                >
                  {(Object.keys(AI_LABELS) as AiPolicy[]).map((ai) => (
                    <option key={ai} value={ai}>
                      {AI_LABELS[ai]}
                    </option>
                  ))}
                </select>
              ) : (
                <span class="room-muted">{AI_LABELS[aiPolicyOf(view.policy, person.personId)]}</span>
              )
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Controls(props: { session: RoomSession; policy: RoomPolicyState }): JSX.Element {
  const { policy, session } = props;
  return (
    <section class="room-section" data-testid="room-controls">
      <h3 class="room-section-title">Room rules</h3>
      <label class="room-check">
        <input type="checkbox" data-testid="room-lock-editing" checked={policy.editingLocked} onChange={(e) => session.changePolicy({ kind: 'lock-editing', locked: e.currentTarget.checked })} />
        Lock editing (only you can change files)
      </label>
      <label class="room-check">
        <input
          type="checkbox"
          data-testid="room-disable-running"
          checked={policy.runningDisabled}
          onChange={(e) => session.changePolicy({ kind: 'disable-running', disabled: e.currentTarget.checked })}
        />
        Turn running off for guests
      </label>
      <label class="room-check room-check-select">
        AI for people you have not set
        <select
          class="room-select"
          data-testid="room-default-ai"
          value={policy.defaultAi}
          onChange={(e) => session.changePolicy({ kind: 'set-default-ai', ai: e.currentTarget.value as AiPolicy })}
        >
          {(Object.keys(AI_LABELS) as AiPolicy[]).map((ai) => (
            <option key={ai} value={ai}>
              {AI_LABELS[ai]}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}

function YourAbilities(props: { session: RoomSession; view: RoomView }): JSX.Element {
  const abilities = props.session.abilities(props.view);
  return (
    <section class="room-section" data-testid="room-abilities">
      <h3 class="room-section-title">What you can do</h3>
      <ul class="room-abilities">
        <li class={abilities.edit.ok ? 'tone-ok' : 'tone-warn'}>{abilities.edit.ok ? 'Edit files' : abilities.edit.reason}</li>
        <li class={abilities.run.ok ? 'tone-ok' : 'tone-warn'}>{abilities.run.ok ? 'Run code and tests' : abilities.run.reason}</li>
        <li class={abilities.ai === 'off' ? 'tone-warn' : 'tone-ok'} data-testid="room-your-ai">
          {abilities.ai === 'off' ? 'The host has turned AI off for you' : `AI: ${AI_LABELS[abilities.ai]}`}
        </li>
      </ul>
    </section>
  );
}

function Notes({ session }: { session: RoomSession }): JSX.Element {
  const notes = useStore(session.notes);
  const [text, setText] = useState<string | undefined>(undefined);
  const [saved, setSaved] = useState<'saved' | 'unsaved' | 'offline'>('saved');
  const shown = text ?? notes?.text ?? '';
  const save = (): void => {
    if (text === undefined || text === notes?.text) return;
    setSaved(session.saveNotes(text) ? 'saved' : 'offline');
  };
  return (
    <section class="room-section" data-testid="room-notes">
      <h3 class="room-section-title">
        Private notes <span class="room-muted">· only you see these</span>
      </h3>
      <textarea
        class="room-input room-notes"
        data-testid="room-notes-text"
        rows={4}
        maxLength={32 * 1024}
        placeholder="Notes on this session, kept with the room for you alone."
        value={shown}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setSaved('unsaved');
        }}
        onBlur={save}
      />
      <div class="room-muted room-notes-state" data-testid="room-notes-state">
        {saved === 'offline' ? 'Not connected: the notes will be saved when you leave the box again.' : saved === 'unsaved' ? 'Saved when you leave the box.' : notes?.updatedAt ? `Saved ${new Date(notes.updatedAt).toLocaleTimeString()}` : ''}
      </div>
    </section>
  );
}

/** People by person id (a member per connection), the host first, then by name; invited people not here last. */
function peopleOf(members: readonly RoomMember[], invites: readonly RoomInvite[], chosenName: (personId: string) => string | undefined): Person[] {
  const byId = new Map<string, Person>();
  for (const member of members) {
    const name = chosenName(member.personId);
    // Awareness is what a page says of itself: it is shown only beside the invite's name, for a person the server knows.
    byId.set(member.personId, { personId: member.personId, name: member.name, role: member.role, online: true, ...(name && name !== member.name ? { chosen: name } : {}) });
  }
  for (const invite of invites) {
    if (!byId.has(invite.personId)) byId.set(invite.personId, { personId: invite.personId, name: invite.name, role: invite.role, online: false });
  }
  const rank = (person: Person): number => (person.role === 'host' ? 0 : person.online ? 1 : 2);
  return [...byId.values()].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
