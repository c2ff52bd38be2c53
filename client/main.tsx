import '@fontsource-variable/inter/wght.css';
import '@fontsource-variable/jetbrains-mono/wght.css';
import './styles/app.css';
import { render } from 'preact';
import type * as Y from 'yjs';
import { hasFile, listFiles } from '../shared/workspaceDoc.ts';
import { inspectSession } from './ai/inspectSession.ts';
import type { EditorKit } from './editor/startEditor.ts';
import { ServerConnection } from './net/ServerConnection.ts';
import { openRoomWorkspace } from './rooms/openRoomWorkspace.ts';
import { RoomSession } from './rooms/RoomSession.ts';
import { RoomTabStorage } from './rooms/RoomTabStorage.ts';
import { personName } from './rooms/ui/personName.ts';
import { createWebContainerRuntime } from './runtime/webcontainer/createWebContainerRuntime.ts';
import { createWorkerRuntime } from './runtime/worker/createWorkerRuntime.ts';
import { createPythonRuntime } from './runtime/python/createPythonRuntime.ts';
import { isPythonFile } from '../shared/isPythonTestFile.ts';
import { runtimePreference, selectRuntime } from './runtime/selectRuntime.ts';
import { readReplayLink } from './replay/replayLink.ts';
import { App } from './ui/App.tsx';
import { RunController } from './ui/RunController.ts';
import { Store } from './ui/Store.ts';
import { EditorTabs } from './workspace/EditorTabs.ts';
import { openLocalWorkspace } from './workspace/openLocalWorkspace.ts';
import { defaultTemplate } from './workspace/templates.ts';
import { WorkspaceCommands } from './workspace/WorkspaceCommands.ts';

/**
 * Starts the playground in the order that gets a person to a working page soonest: Monaco's
 * chunk starts downloading at once, the runtime starts booting (its workers compile esbuild off
 * the main thread), the workspace loads from IndexedDB and the page paints; the editor replaces
 * its placeholder when Monaco is in.
 */
async function start(root: HTMLElement): Promise<void> {
  performance.mark('pairlane:start');
  const editorModule = import('./editor/startEditor.ts');
  // Stately's inspector, only with ?inspect (nothing of it loads otherwise).
  const inspect = inspectSession();
  const runtimes = selectRuntime({
    preference: runtimePreference(location.search),
    factories: { worker: () => createWorkerRuntime(), webcontainer: () => createWebContainerRuntime(), python: () => createPythonRuntime() },
    now: () => performance.now(),
  });
  // The relay server is optional: a static host without it leaves the status bar saying so.
  const connection = new URLSearchParams(location.search).has('offline') ? undefined : new ServerConnection();
  // `/?room=<id>#token=…`: a shared room, with its own copy of the files in this browser.
  const roomTabs = new RoomTabStorage(sessionStorage);
  const roomLink = connection ? roomTabs.readLink(location, history) : undefined;
  const workspace = roomLink ? await openRoomWorkspace(roomLink.roomId) : await openLocalWorkspace();
  performance.mark('pairlane:workspace-open');
  // A room's tabs are this tab's alone (sessionStorage: a reload keeps them, another tab has its own),
  // apart from the local workspace's, which localStorage keeps.
  const tabs = roomLink ? new EditorTabs(sessionStorage, `pairlane.tabs.v1:room:${roomLink.roomId}`) : new EditorTabs(localStorage);
  if (workspace.firstVisit) tabs.reset(defaultTemplate.open);
  else tabs.retain((p) => hasFile(workspace.doc, p));
  const commands = new WorkspaceCommands(workspace.doc, tabs);
  // Pyodide takes seconds to boot: it starts in the background as soon as a Python file is open.
  tabs.state.subscribe(({ open }) => {
    if (open.some(isPythonFile)) runtimes.warmPython();
  });
  if (tabs.state.get().open.some(isPythonFile)) runtimes.warmPython();
  const runs = new RunController(workspace.doc);
  const editorKit = new Store<EditorKit | undefined>(undefined);
  const room =
    connection && roomLink?.token
      ? new RoomSession({ roomId: roomLink.roomId, token: roomLink.token, doc: workspace.doc, connection, name: personName.read(localStorage) ?? 'Guest' })
      : undefined;
  if (room) openFirstFileWhenSynced(workspace.doc, tabs);

  root.replaceChildren();
  render(
    <App
      doc={workspace.doc}
      editorKit={editorKit}
      tabs={tabs}
      commands={commands}
      runs={runs}
      runtimes={runtimes}
      connection={connection}
      applyTemplate={workspace.applyTemplate}
      room={room}
      roomTabs={roomTabs}
      roomWithoutToken={roomLink && !roomLink.token ? roomLink.roomId : undefined}
    />,
    root,
  );
  performance.mark('pairlane:shell-rendered');

  const { startEditor } = await editorModule;
  // The session machine decides every run: Run, Test and Stop reach the runtime through it.
  const kit = startEditor(workspace.doc, connection, { runtime: { runtimes, runs }, inspect: await inspect });
  runs.attach(kit.ai.actor);
  kit.applyRunMarkers(runs.markers.get());
  runs.markers.subscribe((markers) => kit.applyRunMarkers(markers));
  editorKit.set(kit);
  root.dataset.ready = 'true';
  // Marks for measuring start-up (bench and devtools read them); they cost nothing otherwise.
  performance.mark('pairlane:editor-ready');
}

/** A room's files arrive with its first sync: open its main file then, when no tab is open. */
function openFirstFileWhenSynced(doc: Y.Doc, tabs: EditorTabs): void {
  const tryOpen = (): boolean => {
    if (tabs.state.get().open.length > 0) return true;
    const files = listFiles(doc);
    if (files.length === 0) return false;
    const main = ['src/main.ts', 'src/index.ts', 'main.ts', 'index.ts', 'src/main.js', 'index.js'].find((p) => files.includes(p)) ?? files[0];
    if (main) tabs.reset([main]);
    return true;
  };
  if (tryOpen()) return;
  const onUpdate = (): void => {
    if (tryOpen()) doc.off('update', onUpdate);
  };
  doc.on('update', onUpdate);
}

const root = document.getElementById('app');
// `/?room=<id>&view=replay#token=…`: the host's replay of a room, its own lazily loaded chunk; nothing of the editor app starts.
const replay = readReplayLink(location);
if (root && replay) {
  void import('./replay/startReplay.tsx').then(({ startReplay }) => startReplay(root, replay));
} else if (root) {
  start(root).catch((error: unknown) => {
    // Never a blank page: say what went wrong where the app would have been.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    root.innerHTML = '';
    const box = document.createElement('div');
    box.className = 'boot-error';
    box.setAttribute('data-testid', 'boot-error');
    const title = document.createElement('h1');
    title.textContent = 'Pairlane could not start';
    const detail = document.createElement('pre');
    detail.textContent = message;
    box.append(title, detail);
    root.append(box);
    console.error(error);
  });
}
