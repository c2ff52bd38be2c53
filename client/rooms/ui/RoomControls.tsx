import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import type * as Y from 'yjs';
import { Icon } from '../../ui/Icon.tsx';
import { useStore } from '../../ui/useStore.ts';
import type { ServerConnection } from '../../net/ServerConnection.ts';
import type { RoomSession } from '../RoomSession.ts';
import type { RoomTabStorage } from '../RoomTabStorage.ts';
import { shareWorkspace } from '../shareWorkspace.ts';
import { NameDialog } from './NameDialog.tsx';
import { personName } from './personName.ts';
import { RoomPanel } from './RoomPanel.tsx';
import { ShareDialog } from './ShareDialog.tsx';
import './rooms.css';

/** Set by the tab that just created a room, so the room opens with its invite links shown. */
const OPEN_PANEL_KEY = 'pairlane-room-open-panel';

interface Props {
  /** The room this tab is in, if any. */
  session: RoomSession | undefined;
  tabStorage: RoomTabStorage;
  connection: ServerConnection | undefined;
  connected: boolean;
  /** The workspace a new room is made from. */
  doc: Y.Doc;
  fileCount: number;
  /** Where the host opens the session's replay and report. */
  replayHref: string | undefined;
  /** Who else is here and where (the presence list, with follow mode), shown in the panel. */
  presence?: ComponentChildren;
}

/**
 * The toolbar's room controls. Outside a room: "Share", which makes a room of this workspace and
 * opens it. In a room: the people here and a button for the room panel (invites, people, the
 * host's rules and notes). A guest entering for the first time is asked for a name.
 */
export function RoomControls(props: Props): JSX.Element {
  const { session } = props;
  const [sharing, setSharing] = useState(false);
  const [panel, setPanel] = useState(() => {
    if (!session || sessionStorage.getItem(OPEN_PANEL_KEY) !== session.view.get().roomId) return false;
    sessionStorage.removeItem(OPEN_PANEL_KEY);
    return true;
  });

  if (!session) {
    const connection = props.connection;
    return (
      <>
        <button
          class="button secondary"
          data-testid="share-button"
          disabled={!connection}
          title={connection ? 'Share this workspace in a room: guests edit with you, observers watch' : 'Sharing needs the Pairlane server'}
          onClick={() => setSharing(true)}
        >
          <Icon name="link" size={13} /> Share
        </button>
        {sharing && connection ? (
          <ShareDialog
            suggestedName={personName.read(localStorage) ?? ''}
            fileCount={props.fileCount}
            connected={props.connected}
            onClose={() => setSharing(false)}
            onShare={async (hostName) => {
              const created = await shareWorkspace(connection, props.doc, hostName);
              personName.keep(localStorage, hostName);
              props.tabStorage.keepToken(created.roomId, created.host.token);
              props.tabStorage.keepInvites(created.roomId, [created.host, created.guest, created.observer]);
              sessionStorage.setItem(OPEN_PANEL_KEY, created.roomId);
              location.assign(`/?room=${encodeURIComponent(created.roomId)}`);
            }}
          />
        ) : null}
      </>
    );
  }
  return <InRoom {...props} session={session} panel={panel} setPanel={setPanel} />;
}

function InRoom(props: Props & { session: RoomSession; panel: boolean; setPanel(open: boolean): void }): JSX.Element {
  const { session } = props;
  const view = useStore(session.view);
  const [named, setNamed] = useState(() => personName.read(localStorage) !== undefined);
  const people = new Set(view.members.map((member) => member.personId)).size;
  return (
    <div class="room-controls">
      <button
        class={`button secondary room-button phase-${view.phase}`}
        data-testid="room-button"
        aria-expanded={props.panel}
        title="The room: people, invites and rules"
        onClick={() => props.setPanel(!props.panel)}
      >
        <Icon name="link" size={13} /> Room
        {view.phase === 'joined' ? <span class="count-pill">{people}</span> : <span class="spinner" />}
      </button>
      {props.panel ? (
        <RoomPanel session={session} tabStorage={props.tabStorage} replayHref={props.replayHref} onClose={() => props.setPanel(false)}>
          {props.presence}
        </RoomPanel>
      ) : null}
      {!named && view.you && view.you.role !== 'host' ? (
        <NameDialog
          suggested={view.you.name}
          role={view.you.role}
          onDone={(name) => {
            personName.keep(localStorage, name);
            session.setName(name);
            setNamed(true);
          }}
        />
      ) : null}
    </div>
  );
}
