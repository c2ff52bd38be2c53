import { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { RoomErrorMessage, RoomInvite, RoomMember, RoomServerMessage } from '../../shared/roomMessage.ts';
import { RoomSyncClient } from '../../shared/rooms/RoomSyncClient.ts';
import { aiPolicyOf, checkRoomAction, type AiPolicy, type RoomPolicyChange, type RoomPolicyState, type RoomRole } from '../../shared/rooms/roomPolicy.ts';
import type { ReportedRoomEvent } from '../../shared/rooms/reportedRoomEvent.ts';
import { aiRefusalText } from '../../shared/rooms/aiRefusalText.ts';
import { RemoteRuns } from './remoteRuns/RemoteRuns.ts';
import { attributionOfOrigin } from './report/attributionOfOrigin.ts';
import type { ConnectionState, ServerConnection } from '../net/ServerConnection.ts';
import { Store } from '../ui/Store.ts';

/** Where this tab is with its room. */
export type RoomPhase = 'connecting' | 'joining' | 'joined' | 'offline' | 'refused';

/** The room as the UI shows it. */
export interface RoomView {
  roomId: string;
  phase: RoomPhase;
  /** Who the server says this tab is (from the token); undefined until the first join. */
  you: { personId: string; name: string; role: RoomRole } | undefined;
  policy: RoomPolicyState | undefined;
  members: RoomMember[];
  /**
   * Local edits the server has not yet stored: sent and not acknowledged, or typed while not
   * joined (those reach the room with the next join's step 2).
   */
  unstored: number;
  /** Why the room refused this tab (a bad or expired token, an unknown room), when `phase` is 'refused'. */
  refusal: string | undefined;
  /** When the connection last came back after having been lost (for the "back online" note). */
  backAt: number | undefined;
}

/** A refusal the person should read, shown as a toast. */
export interface RoomNotice {
  id: number;
  code: RoomErrorMessage['code'];
  message: string;
}

/** What this tab may do in the room now (the server enforces the same rules; these only grey things out). */
export interface RoomAbilities {
  edit: { ok: true } | { ok: false; reason: string };
  run: { ok: true } | { ok: false; reason: string };
  ai: AiPolicy;
  host: boolean;
}

export interface RoomSessionOptions {
  roomId: string;
  token: string;
  /** The room's document (this browser's copy, persisted per room). */
  doc: Y.Doc;
  connection: ServerConnection;
  /** The name this person chose to show next to their cursor (the presence UI puts it in awareness). */
  name: string;
}

/** The longest pause between two rejoins when the server keeps asking for one. */
const MAX_RESYNC_PAUSE_MS = 10_000;
const NOTICE_LIMIT = 5;

/**
 * This tab in a shared room, over the app's one socket: the room's document kept in sync through
 * RoomSyncClient, presence through a y-protocols Awareness on the same document, and the room's
 * members, policy and host notes as stores for the UI.
 *
 * It joins whenever the connection is (re)established, so a dropped connection needs nothing from
 * anyone: edits go on into the local document (persisted in this browser), and the next join's
 * sync step 2 sends the room whatever it lacks. Nothing typed is lost while the tab stays open or
 * is reloaded.
 */
export class RoomSession {
  readonly awareness: Awareness;
  readonly view: Store<RoomView>;
  /** Refusals to show, newest last (a few at most). */
  readonly notices = new Store<readonly RoomNotice[]>([]);
  /** The name shown next to this person's cursor. */
  readonly name: Store<string>;
  /** The runs the others make (everyone sees them, observers included). */
  readonly remoteRuns: RemoteRuns;
  /** The host's private notes (only the host gets them). */
  readonly notes = new Store<{ text: string; updatedAt: number | null } | undefined>(undefined);
  /** How many acknowledgements arrived: while edits wait, a change here says the server is storing them. */
  readonly acknowledgements = new Store<number>(0);
  private readonly sync: RoomSyncClient;
  private readonly stops: Array<() => void> = [];
  private readonly pendingInvites = new Map<string, { resolve(invite: RoomInvite): void; reject(error: Error): void }>();
  /** Local changes since the server last had everything (RoomSyncClient counts offline ones as one). */
  private localEdits = 0;
  private resyncPause = 250;
  private resyncTimer: ReturnType<typeof setTimeout> | undefined;
  private nextNoticeId = 1;
  private wasJoined = false;
  /** The server's id of the connection this tab last joined on. */
  private joinedConnection: string | undefined;
  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (origin !== this.sync) this.localEdits++;
    this.refreshUnstored();
  };

  constructor(private readonly options: RoomSessionOptions) {
    const { doc, connection, roomId } = options;
    this.awareness = new Awareness(doc);
    this.view = new Store<RoomView>({ roomId, phase: 'connecting', you: undefined, policy: undefined, members: [], unstored: 0, refusal: undefined, backAt: undefined });
    this.sync = new RoomSyncClient({
      roomId,
      doc,
      awareness: this.awareness,
      send: (message) => {
        connection.sendRoom(message);
      },
      onResyncNeeded: () => this.rejoinSoon(),
      // An accepted AI suggestion is one transaction whose origin says which lane and model made it.
      attributionOf: attributionOfOrigin,
    });
    this.name = new Store(options.name);
    this.remoteRuns = new RemoteRuns({ roomId, subscribe: (listener) => connection.onRoomMessage(listener), nameOf: (personId) => this.chosenName(personId) });
    this.stops.push(() => this.remoteRuns.dispose());
    doc.on('update', this.onDocUpdate);
    this.stops.push(() => doc.off('update', this.onDocUpdate));
    this.stops.push(connection.onRoomMessage((message) => this.receive(message)));
    this.stops.push(connection.subscribe((state) => this.connectionChanged(state)));
  }

  /** This tab's Yjs client id in awareness (the presence UI leaves it out). */
  get clientId(): number {
    return this.awareness.clientID;
  }

  /** What this tab may do now, under the room's policy and its role. */
  abilities(view: RoomView = this.view.get()): RoomAbilities {
    const { you, policy } = view;
    if (!you || !policy) return { edit: { ok: true }, run: { ok: true }, ai: 'off', host: false };
    const person = { personId: you.personId, role: you.role };
    const edit = checkRoomAction(policy, person, 'edit');
    const run = checkRoomAction(policy, person, 'run');
    return {
      edit: edit.ok ? edit : { ok: false, reason: edit.reason === 'observer-read-only' ? 'You joined as an observer: you can watch, not edit.' : 'The host has locked editing.' },
      run: run.ok ? run : { ok: false, reason: run.reason === 'observer-read-only' ? 'Observers cannot run code in this room.' : 'The host has turned running off in this room.' },
      ai: you.role === 'observer' ? 'off' : aiPolicyOf(policy, you.personId),
      host: you.role === 'host',
    };
  }

  /** The name others see next to this person's cursor; the members list and the log use the invite's name. */
  setName(name: string): void {
    this.name.set(name);
  }

  /**
   * The name a person chose for their cursor (their awareness `user.name`), if one of their tabs
   * says so. What a page says of itself: shown beside the invite's name, never instead of who the
   * server says they are.
   */
  chosenName(personId: string): string | undefined {
    for (const state of this.awareness.getStates().values()) {
      const user: unknown = state['user'];
      if (typeof user !== 'object' || user === null) continue;
      const { personId: id, name } = user as { personId?: unknown; name?: unknown };
      if (id === personId && typeof name === 'string' && name.trim() !== '') return name.trim().slice(0, 64);
    }
    return undefined;
  }

  /** The host changes the room's policy (the server checks it is the host). */
  changePolicy(change: RoomPolicyChange): void {
    this.options.connection.sendRoom({ type: 'room-policy', roomId: this.options.roomId, change });
  }

  /** Asks for the host's notes; they arrive in `notes`. */
  loadNotes(): void {
    this.options.connection.sendRoom({ type: 'room-notes', roomId: this.options.roomId });
  }

  /** Replaces the host's notes; false when not connected (the text stays in the editor for a retry). */
  saveNotes(text: string): boolean {
    return this.options.connection.sendRoom({ type: 'room-notes', roomId: this.options.roomId, text });
  }

  /** A new invite (host only). */
  invite(role: 'guest' | 'observer', name: string): Promise<RoomInvite> {
    const requestId = `invite-${crypto.randomUUID()}`;
    return new Promise((resolve, reject) => {
      if (!this.options.connection.sendRoom({ type: 'room-invite', requestId, roomId: this.options.roomId, role, name })) {
        reject(new Error('Not connected to the server.'));
        return;
      }
      this.pendingInvites.set(requestId, { resolve, reject });
    });
  }

  /** Sends something that happened in this page to the room's event log (dropped while not connected). */
  report(event: ReportedRoomEvent): void {
    if (this.view.get().phase === 'joined') this.options.connection.sendRoom({ type: 'room-event', roomId: this.options.roomId, event });
  }

  /** The room's id and this tab's token for it (the host's replay link carries the token). */
  get link(): { roomId: string; token: string } {
    return { roomId: this.options.roomId, token: this.options.token };
  }

  /** Resolves when every local edit so far is stored by the server. */
  whenStored(): Promise<void> {
    return this.sync.whenAcknowledged();
  }

  /** Removes a shown notice. */
  dismiss(id: number): void {
    this.notices.set((notices) => notices.filter((notice) => notice.id !== id));
  }

  destroy(): void {
    clearTimeout(this.resyncTimer);
    for (const stop of this.stops.splice(0)) stop();
    this.options.connection.sendRoom({ type: 'room-leave', roomId: this.options.roomId });
    this.options.connection.setRoomAiPolicy(undefined);
    this.sync.destroy();
    this.awareness.destroy();
  }

  private connectionChanged(state: ConnectionState): void {
    if (state.status === 'connected') {
      // The state is announced again on every latency measurement: join once per connection.
      if (state.welcome.connectionId === this.joinedConnection) return;
      this.joinedConnection = state.welcome.connectionId;
      this.join();
      return;
    }
    this.joinedConnection = undefined;
    if (this.view.get().phase === 'joined' || this.view.get().phase === 'joining') {
      // What was sent and not stored is resent by the next join's step 2.
      this.sync.disconnected();
    }
    if (this.view.get().phase !== 'refused') this.update({ phase: state.status === 'connecting' ? 'connecting' : 'offline' });
    this.refreshUnstored();
  }

  private join(): void {
    clearTimeout(this.resyncTimer);
    if (this.view.get().phase === 'refused') return;
    this.update({ phase: 'joining' });
    this.options.connection.sendRoom({ type: 'room-join', roomId: this.options.roomId, token: this.options.token });
  }

  /** The server asked for a rejoin (it dropped an update, or lost the room): after a pause that grows while it keeps asking. */
  private rejoinSoon(): void {
    clearTimeout(this.resyncTimer);
    const pause = this.resyncPause;
    this.resyncPause = Math.min(MAX_RESYNC_PAUSE_MS, this.resyncPause * 2);
    this.resyncTimer = setTimeout(() => this.join(), pause);
  }

  private receive(message: RoomServerMessage): void {
    if (message.type === 'room-invited' || (message.type === 'room-error' && message.refused === 'room-invite' && message.requestId)) {
      const pending = message.requestId === undefined ? undefined : this.pendingInvites.get(message.requestId);
      if (pending && message.requestId !== undefined) {
        this.pendingInvites.delete(message.requestId);
        if (message.type === 'room-invited') pending.resolve(message.invite);
        else pending.reject(new Error(message.message));
      }
    }
    // A server without rooms cannot name the room it refuses a join for: it is this one while joining.
    if (message.type === 'room-error' && message.roomId === undefined && message.refused === 'room-join' && this.view.get().phase === 'joining') {
      this.refused(message);
      return;
    }
    if (!('roomId' in message) || message.roomId !== this.options.roomId) return;
    this.sync.receive(message);
    switch (message.type) {
      case 'room-joined': {
        const back = this.wasJoined;
        this.wasJoined = true;
        this.update({ phase: 'joined', you: message.you, policy: message.policy, members: message.members, refusal: undefined, ...(back ? { backAt: Date.now() } : {}) });
        if (message.you.role === 'host') this.loadNotes();
        break;
      }
      case 'room-members':
        this.update({ members: message.members });
        break;
      case 'room-policy-state':
        this.update({ policy: message.policy });
        break;
      case 'room-notes':
        this.notes.set({ text: message.text, updatedAt: message.updatedAt });
        break;
      case 'room-ack':
        if (this.sync.unacknowledged === 0) this.resyncPause = 250;
        this.acknowledgements.set(this.acknowledgements.get() + 1);
        break;
      case 'room-error':
        this.refused(message);
        break;
      default:
        break;
    }
    this.refreshUnstored();
  }

  private refused(error: RoomErrorMessage): void {
    if (error.refused === 'room-join' && (error.code === 'bad-token' || error.code === 'room-not-found' || error.code === 'forbidden' || error.code === 'invalid-message')) {
      this.update({ phase: 'refused', refusal: joinRefusal(error) });
      return;
    }
    if (error.code === 'store-unavailable') this.update({ phase: 'joining' });
    // A rate-limited update is resent by the rejoin: nothing the person has to know.
    if (error.code === 'rate-limited' && error.ackId !== undefined) return;
    const notice: RoomNotice = { id: this.nextNoticeId++, code: error.code, message: noticeText(error) };
    this.notices.set((notices) => [...notices, notice].slice(-NOTICE_LIMIT));
  }

  private refreshUnstored(): void {
    // Every local change counts until the server has acknowledged everything sent (an ack covers all before it).
    if (this.view.get().phase === 'joined' && this.sync.unacknowledged === 0) this.localEdits = 0;
    if (this.localEdits !== this.view.get().unstored) this.update({ unstored: this.localEdits });
  }

  private update(patch: Partial<RoomView>): void {
    const next = { ...this.view.get(), ...patch };
    this.view.set(next);
    const abilities = this.abilities(next);
    this.options.connection.setRoomAiPolicy(next.you ? abilities.ai : undefined);
  }
}

function joinRefusal(error: RoomErrorMessage): string {
  if (error.code === 'room-not-found') return 'This room does not exist on this server (it may have been created on another one).';
  if (error.code === 'forbidden' || error.code === 'invalid-message') return error.message;
  switch (error.reason) {
    case 'expired':
      return 'This invite has expired. Ask the host for a new link.';
    case 'other-room':
      return 'This invite is for another room.';
    default:
      return 'This invite link is not valid (it may have been cut short when copied). Ask the host for a new link.';
  }
}

function noticeText(error: RoomErrorMessage): string {
  if (error.code === 'forbidden') {
    switch (error.reason) {
      case 'observer-read-only':
        return 'You are an observer in this room: your change was not applied.';
      case 'editing-locked':
        return 'The host has locked editing: your change was not applied.';
      case 'running-disabled':
        return 'The host has turned running off in this room.';
      case 'ai-off':
        return aiRefusalText('ai-off');
      case 'host-only':
        return 'Only the host can do that.';
      default:
        return error.message;
    }
  }
  if (error.code === 'too-large') return 'That change is too large to send to the room in one piece.';
  if (error.code === 'store-unavailable') return 'The server could not store the room just now; your edits are kept and will be sent again.';
  return error.message;
}
