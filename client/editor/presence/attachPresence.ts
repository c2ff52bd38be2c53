import type { Awareness } from 'y-protocols/awareness';
import { Store } from '../../ui/Store.ts';
import { monaco } from '../monaco.ts';
import { pathOf, type WorkspaceModels } from '../WorkspaceModels.ts';
import { resolvePresenceCursor, toPresenceCursor } from './cursorPosition.ts';
import { presenceColor } from './presenceColor.ts';
import { readPeers, type Peer, type PresenceCursor, type PresenceUser } from './presenceState.ts';
import './presence.css';

/** How long a peer's name stays shown after their cursor moved, in ms (then only on hover). */
export const LABEL_SHOWN_MS = 3000;

/** This person, as others see them (their colour is `presenceColor(personId)`, the same everywhere). */
export interface PresenceMe {
  personId: string;
  name: string;
  role?: PresenceUser['role'];
}

/** What the presence UI shows: this person, the others (one entry per tab), who is followed. */
export interface PresenceView {
  me: PresenceUser;
  peers: readonly Peer[];
  /** The person id being followed, if any. */
  following: string | undefined;
}

export interface PresenceOptions {
  editor: monaco.editor.IStandaloneCodeEditor;
  models: WorkspaceModels;
  /** The room's awareness (y-protocols), over the workspace document the models are bound to. */
  awareness: Awareness;
  me: PresenceMe;
  /** Opens a file the way the app does (its tab), so follow mode can go where the followed person is. */
  openFile(path: string): void;
}

/** What `attachPresence` hands back: the state to render, follow mode, and the way to detach. */
export interface Presence {
  readonly state: Store<PresenceView>;
  /** Follows a person: opens their file and keeps their cursor in view until this person edits, clicks or presses Esc. */
  follow(personId: string): void;
  stopFollowing(): void;
  /** Changes how others see this person (a new name, the role the room gave). */
  updateMe(me: PresenceMe): void;
  dispose(): void;
}

interface RemoteCursor {
  widget: monaco.editor.IContentWidget;
  node: HTMLElement;
  label: HTMLElement;
  position: monaco.IPosition | null;
  /** The last cursor seen, to tell a move from a state renewal. */
  seen: string;
  fresh: ReturnType<typeof setTimeout> | undefined;
}

/**
 * Shows who is in the room and where. This person's user and cursor (file, selection as Yjs
 * relative positions) go into the awareness state; every other person on the file shown gets
 * their selection in their colour and a caret with their name above it (a DOM element,
 * `.pairlane-remote-cursor-label`, shown for a few seconds after they move and on hover). Follow
 * mode opens the followed person's file and keeps their cursor in view.
 *
 * Everything it adds (listeners, decorations, widgets, timers, the style rules for colours) goes
 * with `dispose()`; switching files reuses the same decorations and widgets.
 *
 * ```ts
 * // once the editor exists and the room is joined (awareness: new Awareness(doc) on the room's doc)
 * const presence = attachPresence({ editor, models: kit.models, awareness, me: { personId, name, role }, openFile: (p) => tabs.open(p) });
 * <PresenceList presence={presence} />   // who is here; click to follow
 * presence.dispose();                     // leaving the room or unmounting the editor
 * ```
 */
export function attachPresence({ editor, models, awareness, me, openFile }: PresenceOptions): Presence {
  let user = toUser(me);
  awareness.setLocalStateField('user', user);
  const state = new Store<PresenceView>({ me: user, peers: [], following: undefined });
  const decorations = editor.createDecorationsCollection();
  const cursors = new Map<number, RemoteCursor>();
  const colorRules = document.createElement('style');
  colorRules.dataset.pairlanePresence = '';
  document.head.append(colorRules);
  let ruledColors = '';
  let lastSent = '';
  let renderQueued = false;
  let disposed = false;

  const currentPath = (): string | undefined => {
    const model = editor.getModel();
    return model ? pathOf(model.uri) : undefined;
  };

  // ---- this person's cursor → awareness
  const sendCursor = (): void => {
    const model = editor.getModel();
    const path = model ? pathOf(model.uri) : undefined;
    const text = path === undefined ? undefined : models.textOf(path);
    const selection = editor.getSelection();
    let cursor: PresenceCursor | null = null;
    if (model && path !== undefined && text && selection) {
      cursor = toPresenceCursor(path, text, {
        anchor: model.getOffsetAt(selection.getSelectionStart()),
        head: model.getOffsetAt(selection.getPosition()),
      });
    }
    const serial = JSON.stringify(cursor);
    if (serial === lastSent) return;
    lastSent = serial;
    awareness.setLocalStateField('cursor', cursor);
  };

  // ---- the others → decorations and labelled carets
  const setColorRules = (peers: readonly Peer[]): void => {
    const colors = [...new Set(peers.map((peer) => peer.user.color))].sort();
    const serial = colors.join();
    if (serial === ruledColors) return;
    ruledColors = serial;
    // The colours are our palette's (`presenceColor`), never a peer's string, so they are safe in a style sheet.
    colorRules.textContent = colors
      .map((color) => `.monaco-editor .${selectionClass(color)} { background-color: ${color}38; }`)
      .join('\n');
  };

  const cursorFor = (peer: Peer): RemoteCursor => {
    const existing = cursors.get(peer.clientId);
    if (existing) return existing;
    const node = document.createElement('div');
    node.className = 'pairlane-remote-cursor';
    const caret = document.createElement('div');
    caret.className = 'pairlane-remote-cursor-caret';
    const label = document.createElement('div');
    label.className = 'pairlane-remote-cursor-label';
    node.append(caret, label);
    const entry: RemoteCursor = {
      node,
      label,
      position: null,
      seen: '',
      fresh: undefined,
      widget: {
        // Inside the editor's own layer: with the page's fixed overflow widgets, a caret would be
        // placed in page coordinates and drift by the editor's offset. The label flips below the
        // caret on the first line instead of overflowing.
        allowEditorOverflow: false,
        getId: () => `pairlane.presence.${peer.clientId}`,
        getDomNode: () => node,
        getPosition: () => ({ position: entry.position, preference: [monaco.editor.ContentWidgetPositionPreference.EXACT] }),
      },
    };
    cursors.set(peer.clientId, entry);
    editor.addContentWidget(entry.widget);
    return entry;
  };

  const dropCursor = (clientId: number): void => {
    const entry = cursors.get(clientId);
    if (!entry) return;
    clearTimeout(entry.fresh);
    editor.removeContentWidget(entry.widget);
    cursors.delete(clientId);
  };

  const render = (): void => {
    renderQueued = false;
    if (disposed) return;
    const peers = readPeers(awareness.getStates(), awareness.clientID);
    setColorRules(peers);
    const model = editor.getModel();
    const path = currentPath();
    const text = path === undefined ? undefined : models.textOf(path);
    const shown = new Set<number>();
    const next: monaco.editor.IModelDeltaDecoration[] = [];
    if (model && text) {
      for (const peer of peers) {
        if (!peer.cursor || peer.cursor.path !== path) continue;
        const selection = resolvePresenceCursor(peer.cursor, text);
        if (!selection) continue;
        shown.add(peer.clientId);
        const head = model.getPositionAt(selection.head);
        if (selection.anchor !== selection.head) {
          const anchor = model.getPositionAt(selection.anchor);
          next.push({
            range: monaco.Range.fromPositions(anchor, head),
            options: {
              className: `pairlane-remote-selection ${selectionClass(peer.user.color)}`,
              stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
              hoverMessage: { value: peer.user.name },
            },
          });
        }
        next.push({
          range: monaco.Range.fromPositions(head),
          // The class only names it (a collapsed range draws nothing); the caret is the widget below.
          options: { className: 'pairlane-remote-head', overviewRuler: { color: peer.user.color, position: monaco.editor.OverviewRulerLane.Center } },
        });
        const entry = cursorFor(peer);
        entry.node.style.setProperty('--presence-color', peer.user.color);
        entry.node.classList.toggle('is-first-line', head.lineNumber === 1);
        entry.node.dataset.person = peer.user.personId;
        entry.label.textContent = peer.user.name;
        const seen = JSON.stringify(peer.cursor);
        if (seen !== entry.seen) {
          entry.seen = seen;
          entry.node.classList.add('is-fresh');
          clearTimeout(entry.fresh);
          entry.fresh = setTimeout(() => entry.node.classList.remove('is-fresh'), LABEL_SHOWN_MS);
        }
        entry.position = head;
        editor.layoutContentWidget(entry.widget);
      }
    }
    decorations.set(next);
    for (const clientId of [...cursors.keys()]) if (!shown.has(clientId)) dropCursor(clientId);
    const following = state.get().following;
    state.set({ me: user, peers, following: following !== undefined && peers.some((peer) => peer.user.personId === following) ? following : undefined });
    track();
  };

  const queueRender = (): void => {
    if (renderQueued) return;
    renderQueued = true;
    queueMicrotask(render);
  };

  // ---- follow mode
  const banner = createBanner(() => stopFollowing());
  let bannerShown = false;
  const showBanner = (name: string | undefined): void => {
    if (name === undefined) {
      if (bannerShown) editor.removeOverlayWidget(banner.widget);
      bannerShown = false;
      return;
    }
    banner.text.textContent = `Following ${name} — Esc to stop`;
    if (!bannerShown) editor.addOverlayWidget(banner.widget);
    bannerShown = true;
  };

  const track = (): void => {
    const following = state.get().following;
    const peer = following === undefined ? undefined : state.get().peers.find((candidate) => candidate.user.personId === following && candidate.cursor);
    showBanner(following === undefined ? undefined : (peer ?? state.get().peers.find((candidate) => candidate.user.personId === following))?.user.name);
    if (!peer?.cursor) return;
    if (peer.cursor.path !== currentPath()) {
      if (models.get(peer.cursor.path)) openFile(peer.cursor.path);
      return;
    }
    const position = cursors.get(peer.clientId)?.position;
    if (position) editor.revealPositionInCenterIfOutsideViewport(position, monaco.editor.ScrollType.Smooth);
  };

  const follow = (personId: string): void => {
    if (personId === user.personId) return;
    state.set({ ...state.get(), following: personId });
    track();
  };

  const stopFollowing = (): void => {
    if (state.get().following === undefined) return;
    state.set({ ...state.get(), following: undefined });
    showBanner(undefined);
  };

  // Any key in the editor (typing, moving) or a click in it is the person taking over.
  const keyDown = editor.onKeyDown((event) => {
    if (state.get().following === undefined) return;
    if (event.keyCode === monaco.KeyCode.Escape) {
      event.preventDefault();
      event.stopPropagation();
    }
    if (!isModifierOnly(event.keyCode)) stopFollowing();
  });
  const mouseDown = editor.onMouseDown(() => stopFollowing());
  // Esc stops following wherever the focus is (the list of people, a button).
  const escape = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && state.get().following !== undefined) stopFollowing();
  };
  window.addEventListener('keydown', escape);

  const onAwareness = (): void => queueRender();
  awareness.on('change', onAwareness);
  const selectionListener = editor.onDidChangeCursorSelection(sendCursor);
  // After the app finished showing the file (it restores the file's scroll position right after
  // the swap), so a followed cursor is revealed on top of that.
  const modelListener = editor.onDidChangeModel(() => {
    sendCursor();
    queueRender();
  });
  // Edits move the characters the relative positions point at: place the carets again.
  const contentListener = editor.onDidChangeModelContent(queueRender);
  sendCursor();
  render();

  return {
    state,
    follow,
    stopFollowing,
    updateMe(next) {
      user = toUser(next);
      awareness.setLocalStateField('user', user);
      state.set({ ...state.get(), me: user });
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      awareness.off('change', onAwareness);
      for (const listener of [selectionListener, modelListener, contentListener, keyDown, mouseDown]) listener.dispose();
      window.removeEventListener('keydown', escape);
      for (const clientId of [...cursors.keys()]) dropCursor(clientId);
      decorations.clear();
      showBanner(undefined);
      colorRules.remove();
      // Others stop seeing a cursor that no longer moves; the user stays until the room goes.
      awareness.setLocalStateField('cursor', null);
    },
  };
}

function toUser(me: PresenceMe): PresenceUser {
  return { personId: me.personId, name: me.name, color: presenceColor(me.personId), ...(me.role ? { role: me.role } : {}) };
}

/** The class of a selection in `color` (its rule is in the presence style element). */
function selectionClass(color: string): string {
  return `pairlane-presence-selection-${color.slice(1).toLowerCase()}`;
}

function isModifierOnly(keyCode: monaco.KeyCode): boolean {
  return keyCode === monaco.KeyCode.Shift || keyCode === monaco.KeyCode.Ctrl || keyCode === monaco.KeyCode.Alt || keyCode === monaco.KeyCode.Meta;
}

function createBanner(onStop: () => void): { widget: monaco.editor.IOverlayWidget; text: HTMLElement } {
  const node = document.createElement('div');
  node.className = 'pairlane-follow-banner';
  node.setAttribute('role', 'status');
  node.dataset.testid = 'follow-banner';
  const text = document.createElement('span');
  const stop = document.createElement('button');
  stop.type = 'button';
  stop.textContent = 'Stop';
  stop.addEventListener('click', onStop);
  node.append(text, stop);
  return {
    text,
    widget: {
      getId: () => 'pairlane.presence.follow',
      getDomNode: () => node,
      getPosition: () => ({ preference: monaco.editor.OverlayWidgetPositionPreference.TOP_CENTER }),
    },
  };
}
