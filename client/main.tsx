import '@fontsource-variable/inter/wght.css';
import '@fontsource-variable/jetbrains-mono/wght.css';
import './styles/app.css';
import { render } from 'preact';
import { hasFile } from '../shared/workspaceDoc.ts';
import { configureLanguages } from './editor/configureLanguages.ts';
import { WorkspaceModels } from './editor/WorkspaceModels.ts';
import { ServerConnection } from './net/ServerConnection.ts';
import { createWebContainerRuntime } from './runtime/webcontainer/createWebContainerRuntime.ts';
import { createWorkerRuntime } from './runtime/worker/createWorkerRuntime.ts';
import { runtimePreference, selectRuntime } from './runtime/selectRuntime.ts';
import { App } from './ui/App.tsx';
import { RunController } from './ui/RunController.ts';
import { EditorTabs } from './workspace/EditorTabs.ts';
import { openLocalWorkspace } from './workspace/openLocalWorkspace.ts';
import { defaultTemplate } from './workspace/templates.ts';
import { WorkspaceCommands } from './workspace/WorkspaceCommands.ts';

/**
 * Starts the playground: the runtime first (so it boots while the rest loads), then the
 * workspace from IndexedDB, the editor models bound to it, and the UI.
 */
async function start(root: HTMLElement): Promise<void> {
  const runtimes = selectRuntime({
    preference: runtimePreference(location.search),
    factories: { worker: () => createWorkerRuntime(), webcontainer: () => createWebContainerRuntime() },
    now: () => performance.now(),
  });
  configureLanguages();
  const workspace = await openLocalWorkspace();
  const models = new WorkspaceModels(workspace.doc);
  const tabs = new EditorTabs();
  if (workspace.firstVisit) tabs.reset(defaultTemplate.open);
  else tabs.retain((p) => hasFile(workspace.doc, p));
  const commands = new WorkspaceCommands(workspace.doc, tabs);
  const runs = new RunController(workspace.doc, runtimes);
  // The relay server is optional: a static host without it leaves the status bar saying so.
  const connection = new URLSearchParams(location.search).has('offline') ? undefined : new ServerConnection();

  root.replaceChildren();
  render(
    <App
      doc={workspace.doc}
      models={models}
      tabs={tabs}
      commands={commands}
      runs={runs}
      runtimes={runtimes}
      connection={connection}
      applyTemplate={workspace.applyTemplate}
    />,
    root,
  );
  root.dataset.ready = 'true';
}

const root = document.getElementById('app');
if (root) {
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
