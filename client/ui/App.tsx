import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type * as Y from 'yjs';
import type { SourceLocation } from '../../shared/testReport.ts';
import { DeepLanePanel } from '../deep/DeepLanePanel.tsx';
import { hasFile } from '../../shared/workspaceDoc.ts';
import { programMarkers, testReportMarkers } from '../editor/runMarkers.ts';
import type { EditorKit } from '../editor/startEditor.ts';
import type { monaco } from '../editor/monaco.ts';
import { PresenceList } from '../editor/presence/PresenceList.tsx';
import type { RoomSession } from '../rooms/RoomSession.ts';
import type { RoomTabStorage } from '../rooms/RoomTabStorage.ts';
import { RoomBanner } from '../rooms/ui/RoomBanner.tsx';
import { RoomControls } from '../rooms/ui/RoomControls.tsx';
import { RoomStatusItem } from '../rooms/ui/RoomStatusItem.tsx';
import { useRoomEditor } from '../rooms/ui/useRoomEditor.ts';
import type { ServerConnection, ConnectionState } from '../net/ServerConnection.ts';
import { isTestFile } from '../runtime/isTestFile.ts';
import { isPythonTestFile } from '../../shared/isPythonTestFile.ts';
import type { RuntimeSelection, RuntimeStatus } from '../runtime/selectRuntime.ts';
import type { EditorTabs } from '../workspace/EditorTabs.ts';
import { templates, type Template } from '../workspace/templates.ts';
import type { WorkspaceCommands } from '../workspace/WorkspaceCommands.ts';
import type { CursorInfo, EditorHandle } from './CodeEditor.tsx';
import { ConfirmDialog, type Confirm, type ConfirmOptions } from './ConfirmDialog.tsx';
import { describeRunControls } from './describeRunControls.ts';
import { EditorSkeleton } from './EditorSkeleton.tsx';
import { EmptyEditor } from './EmptyEditor.tsx';
import { FileTree, type FileTreeHandle } from './FileTree.tsx';
import { ResultsPanel, type ResultsTab } from './ResultsPanel.tsx';
import type { RunController } from './RunController.ts';
import { Store } from './Store.ts';
import { SplitHandle } from './SplitHandle.tsx';
import { StatusBar } from './StatusBar.tsx';
import { replayLink } from '../replay/replayLink.ts';
import { TabBar } from './TabBar.tsx';
import { Toolbar } from './Toolbar.tsx';
import { useStore } from './useStore.ts';
import { useWorkspaceLists } from './useWorkspaceLists.ts';
import { usePaneWidth } from './usePaneWidth.ts';

export interface AppServices {
  doc: Y.Doc;
  /** Monaco and the models, once its chunk has loaded; a skeleton stands in until then. */
  editorKit: Store<EditorKit | undefined>;
  tabs: EditorTabs;
  commands: WorkspaceCommands;
  runs: RunController;
  runtimes: RuntimeSelection;
  connection: ServerConnection | undefined;
  applyTemplate(template: Template): void;
  /** The shared room this tab is in, if any (`/?room=…`). */
  room: RoomSession | undefined;
  /** What this tab keeps about its rooms (tokens, the host's invites). */
  roomTabs: RoomTabStorage;
  /** The room the address names when this tab has no invite for it. */
  roomWithoutToken: string | undefined;
}

const RUNNABLE = /\.(?:[cm]?[jt]sx?|py)$/;
/** A test file of either runtime: vitest/jest names, or pytest's test_*.py and *_test.py. */
const isAnyTestFile = (path: string): boolean => isTestFile(path) || isPythonTestFile(path);

/** What Run does: the active file when it can run, else the workspace's main file. */
function runTargetOf(active: string | undefined, files: readonly string[]): { entry?: string; testFile?: string; label: string } | undefined {
  if (active && RUNNABLE.test(active)) return isAnyTestFile(active) ? { testFile: active, label: active } : { entry: active, label: active };
  const main =
    ['src/main.ts', 'src/main.js', 'src/index.ts', 'src/index.js', 'main.ts', 'main.js', 'index.ts', 'index.js', 'main.py', 'src/main.py'].find((p) => files.includes(p)) ??
    files.find((p) => RUNNABLE.test(p) && !isAnyTestFile(p));
  return main ? { entry: main, label: main } : undefined;
}

function useRuntimeStatus(runtimes: RuntimeSelection): RuntimeStatus {
  const [status, setStatus] = useState(runtimes.status);
  useEffect(() => runtimes.subscribe(setStatus), [runtimes]);
  return status;
}

function useConnection(connection: ServerConnection | undefined): ConnectionState | undefined {
  const [state, setState] = useState(connection?.state);
  useEffect(() => connection?.subscribe(setState), [connection]);
  return state;
}

/** The playground: toolbar, file tree, tabs and editor, results, status bar. */
export function App(services: AppServices): JSX.Element {
  const { doc, tabs, commands, runs, runtimes } = services;
  const kit = useStore(services.editorKit);
  const { files, folders } = useWorkspaceLists(doc);
  const { open, active } = useStore(tabs.state);
  const run = useStore(runs.state);
  const testRun = useStore(runs.lastTestRun);
  const outputVersion = useStore(runs.outputVersion);
  const edited = useStore(runs.edited);
  const runtimeView = useStore(runs.runtime);
  const runtime = useRuntimeStatus(runtimes);
  const connection = useConnection(services.connection);
  // The cursor moves on every keystroke; only the status bar listens, not the whole app.
  const cursor = useMemo(() => new Store<CursorInfo | undefined>(undefined), []);
  const [resultsTab, setResultsTab] = useState<ResultsTab>('output');
  const [dialog, setDialog] = useState<{ options: ConfirmOptions; resolve(ok: boolean): void } | undefined>();
  const editor = useRef<EditorHandle | undefined>(undefined);
  const [editorInstance, setEditorInstance] = useState<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const room = useRoomEditor(services.room, { models: kit?.models, editor: editorInstance, openFile: (p) => tabs.open(p), ai: kit?.ai, runs: runs.state });
  const tree = useRef<FileTreeHandle | undefined>(undefined);
  // Default widths follow the window so a 1024-pixel screen still leaves the editor room.
  const sidebar = usePaneWidth('sidebar', Math.min(240, Math.max(180, Math.round(innerWidth * 0.17))), 160, 420, 1);
  const results = usePaneWidth('results', Math.min(460, Math.max(300, Math.round(innerWidth * 0.33))), 300, 760, -1);

  // Tabs follow the files: a file deleted or renamed elsewhere closes its tab.
  useEffect(() => tabs.retain((p) => hasFile(doc, p)), [files]);

  const confirm: Confirm = useCallback((options) => new Promise<boolean>((resolve) => setDialog({ options, resolve })), []);

  const testFiles = useMemo(() => files.filter(isAnyTestFile), [files]);
  const target = runTargetOf(active, files);
  // Run, Test and Stop go to the session machine, which decides what runs when; the controls render from its view.
  const described = describeRunControls(
    runtimeView,
    target ? { label: target.label, enabled: true } : { label: '', enabled: false, reason: 'No Python, JavaScript or TypeScript file to run' },
    testFiles.length,
  );
  // In a room, the host may have turned running off for this person (the room refuses their runs too).
  const runRefusal = room.abilities && !room.abilities.run.ok ? room.abilities.run.reason : undefined;
  // Likewise for changing files: the tree, the templates and the commands behind them stay still.
  const editRefusal = room.abilities && !room.abilities.edit.ok ? room.abilities.edit.reason : undefined;
  useEffect(() => commands.setReadOnlyReason(() => editRefusal), [editRefusal]);
  const controls = runRefusal
    ? { ...described, run: { enabled: false, title: runRefusal }, test: { enabled: false, title: runRefusal } }
    : described;

  const doRun = (): void => {
    if (!target || !controls.run.enabled) return;
    if (target.testFile) {
      setResultsTab('tests');
      runs.run({ kind: 'tests', testFiles: [target.testFile] });
    } else if (target.entry) {
      setResultsTab('output');
      runs.run({ kind: 'program', entry: target.entry });
    }
  };
  const doTest = (): void => {
    if (!controls.test.enabled) return;
    setResultsTab('tests');
    runs.run({ kind: 'tests' });
  };
  const doStop = (): void => runs.stop();

  const openLocation = (location: SourceLocation): void => {
    if (!hasFile(doc, location.file)) return;
    editor.current?.reveal(location.file, location.line, location.column);
    tabs.open(location.file);
  };

  const applyTemplate = async (template: Template): Promise<void> => {
    if (editRefusal) return;
    const ok =
      files.length === 0 ||
      (await confirm({
        title: `Start from “${template.name}”?`,
        body: `The ${files.length} file${files.length === 1 ? '' : 's'} in this workspace will be replaced by the template's ${Object.keys(template.files).length}. This cannot be undone.`,
        confirmLabel: 'Replace workspace',
        danger: true,
      }));
    if (!ok) return;
    services.applyTemplate(template);
    tabs.reset(template.open);
  };

  // Shortcuts work wherever focus is, the editor included, so they are caught before Monaco sees them.
  const keys = useRef({ doRun, doTest, doStop, escStops: false, dialogOpen: false });
  keys.current = { doRun, doTest, doStop, escStops: controls.escStops, dialogOpen: dialog !== undefined };
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const mod = event.ctrlKey || event.metaKey;
      if (keys.current.dialogOpen) return;
      // A widget in the editor that offers Mod+Enter itself (a quick edit under review: Accept) marks the editor so.
      const claimed = event.target instanceof Element && event.target.closest('[data-claims-mod-enter]') !== null;
      if (mod && event.key === 'Enter' && !claimed) {
        event.preventDefault();
        event.stopPropagation();
        if (event.shiftKey) keys.current.doTest();
        else keys.current.doRun();
      } else if (event.key === 'Escape' && keys.current.escStops && !document.querySelector('.menu')) {
        keys.current.doStop();
      } else if (mod && event.key.toLowerCase() === 's') {
        // Everything is saved as it is typed; keep the browser's "Save page" dialog away.
        event.preventDefault();
      }
    };
    // On Linux a middle click pastes the primary selection into whatever has focus, even when
    // the click lands on a tab or the tree: a middle-click to close a tab would paste into the
    // editor. Only the editor itself may take that paste.
    const onMiddleUp = (event: MouseEvent): void => {
      if (event.button === 1 && !(event.target instanceof Element && event.target.closest('.monaco-editor'))) event.preventDefault();
    };
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('mouseup', onMiddleUp, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('mouseup', onMiddleUp, true);
    };
  }, []);

  const problems = useMemo(() => {
    const markers = run?.report ? testReportMarkers(run.report) : run?.program ? programMarkers(run.program) : [];
    const counts = new Map<string, number>();
    for (const m of markers) counts.set(m.file, (counts.get(m.file) ?? 0) + 1);
    return counts;
  }, [run]);

  const testStatus = useMemo(() => {
    const status = new Map<string, 'passed' | 'failed'>();
    for (const file of testRun?.report?.files ?? []) {
      if (file.status === 'failed') status.set(file.file, 'failed');
      else if (file.status === 'passed') status.set(file.file, 'passed');
    }
    return status;
  }, [testRun]);

  const showEditor = active !== undefined && files.includes(active);
  const ai = kit?.ai;

  return (
    <div
      class="app"
      data-testid="app"
      style={{ gridTemplateColumns: `${sidebar.width}px 1px minmax(320px, 1fr) 1px ${results.width}px` }}
    >
      <Toolbar
        controls={controls}
        runLabel={target?.label}
        runtime={runtime}
        templates={templates}
        onRun={doRun}
        onTest={doTest}
        onStop={doStop}
        onNewFile={() => tree.current?.startCreate('file')}
        onNewFolder={() => tree.current?.startCreate('folder')}
        onTemplate={(t) => void applyTemplate(t)}
        room={
          <RoomControls
            session={services.room}
            tabStorage={services.roomTabs}
            connection={services.connection}
            connected={connection?.status === 'connected'}
            doc={doc}
            fileCount={files.length}
            replayHref={services.room ? replayLink(services.room.link) : undefined}
            presence={room.presence ? <PresenceList presence={room.presence} /> : undefined}
          />
        }
      />
      <FileTree
        files={files}
        folders={folders}
        activePath={active}
        edited={edited}
        testStatus={testStatus}
        commands={commands}
        readOnly={editRefusal}
        onOpen={(p) => tabs.open(p)}
        confirm={confirm}
        handle={tree}
      />
      <SplitHandle label="Resize the file tree" onDrag={sidebar.drag} onReset={sidebar.reset} testId="split-sidebar" />
      <main class="editor-column">
        <TabBar open={open} active={active} edited={edited} problems={problems} onActivate={(p) => tabs.open(p)} onClose={(p) => tabs.close(p)} />
        <div class="editor-stack">
          {kit ? (
            <kit.CodeEditor
              models={kit.models}
              path={showEditor ? active : undefined}
              onCursor={(info) => cursor.set(info)}
              handle={editor}
              onEditor={(instance) => {
                const attached = ai?.attach(instance);
                setEditorInstance(instance);
                return {
                  dispose: () => {
                    attached?.dispose();
                    setEditorInstance(undefined);
                  },
                };
              }}
            />
          ) : null}
          {!kit && showEditor ? <EditorSkeleton /> : null}
          {services.room ? <RoomBanner session={services.room} /> : null}
          {services.roomWithoutToken !== undefined ? (
            <div class="room-banner-stack">
              <div class="room-banner tone-fail" role="alert" data-testid="room-no-token">
                This tab has no invite for room {services.roomWithoutToken}: open the invite link you were sent.
              </div>
            </div>
          ) : null}
          {!showEditor ? (
            <EmptyEditor
              hasFiles={files.length > 0}
              templates={templates}
              onTemplate={(t) => void applyTemplate(t)}
              onNewFile={() => tree.current?.startCreate('file')}
              onOpen={(p) => tabs.open(p)}
              suggestions={files.slice(0, 6)}
            />
          ) : null}
        </div>
        {ai?.deep ? (
          <DeepLanePanel actor={ai.actor} glue={ai.deep} openFiles={active === undefined ? open : [active, ...open.filter((p) => p !== active)]} onOpenFile={(p) => tabs.open(p)} />
        ) : null}
      </main>
      <SplitHandle label="Resize the results" onDrag={results.drag} onReset={results.reset} testId="split-results" />
      <ResultsPanel
        tab={resultsTab}
        onTab={setResultsTab}
        run={run}
        testRun={testRun}
        output={runs.output}
        outputVersion={outputVersion}
        entry={target?.label}
        testFileCount={testFiles.length}
        onOpen={openLocation}
        remoteRuns={services.room?.remoteRuns}
        onRunTestFile={(file) => {
          if (controls.test.enabled) runs.run({ kind: 'tests', testFiles: [file] });
        }}
      />
      <StatusBar
        runtime={runtime}
        connection={connection}
        ai={services.connection ? { aiStatus: services.connection.aiStatus, fastLane: ai?.fastLane, limit: ai?.limit, metrics: ai?.metrics } : undefined}
        cursor={cursor}
        showCursor={showEditor}
        room={services.room ? <RoomStatusItem session={services.room} /> : undefined}
      />
      {dialog ? (
        <ConfirmDialog
          options={dialog.options}
          onAnswer={(ok) => {
            dialog.resolve(ok);
            setDialog(undefined);
          }}
        />
      ) : null}
    </div>
  );
}
