/**
 * A page for end-to-end tests of the editor binding and presence in real Chromium, without a
 * server: one person per page, their workspace document and awareness relayed between pages by
 * the test (which calls `window.presenceLab`). It builds the same pieces the app does
 * (WorkspaceModels, attachPresence, PresenceList) and counts the listeners they hold through
 * wrappers of its own, so a test can check that nothing leaks. Not part of the app's build.
 */
import '../../../styles/app.css';
import { render } from 'preact';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createFile, deleteFile, filesOf } from '../../../../shared/workspaceDoc.ts';
import { configureLanguages } from '../../configureLanguages.ts';
import { monaco } from '../../monaco.ts';
import { WorkspaceModels } from '../../WorkspaceModels.ts';
import { attachPresence, type Presence, type PresenceMe } from '../attachPresence.ts';
import { FilePresence } from '../FilePresence.tsx';
import { PresenceList } from '../PresenceList.tsx';
import './presenceLab.css';

type Kind = 'doc' | 'awareness';

declare global {
  interface Window {
    /** Provided by the test: carries an update of this page to the other pages. */
    presenceLabSend?: (kind: Kind, update: number[]) => void;
    presenceLab: PresenceLab;
  }
}

const RELAY = 'relay';

/**
 * Live listeners by what they listen to, counted through the wrappers below: only those made
 * while our code runs (`ours`), since Monaco's own features subscribe lazily at idle times.
 */
const live = new Map<string, number>();
let counting = false;
function ours<T>(run: () => T): T {
  const outer = counting;
  counting = true;
  try {
    return run();
  } finally {
    counting = outer;
  }
}
function counted<T extends (...args: never[]) => monaco.IDisposable>(name: string, subscribe: T): T {
  return ((...args: Parameters<T>) => {
    if (!counting) return subscribe(...args);
    live.set(name, (live.get(name) ?? 0) + 1);
    const subscription = subscribe(...args);
    let disposed = false;
    return {
      dispose() {
        if (!disposed) live.set(name, (live.get(name) ?? 0) - 1);
        disposed = true;
        subscription.dispose();
      },
    };
  }) as T;
}

// Every model the workspace creates gets its content listeners counted, before the binding subscribes.
monaco.editor.onDidCreateModel((model) => {
  model.onDidChangeContent = counted('model.onDidChangeContent', model.onDidChangeContent.bind(model));
});

const doc = new Y.Doc();
const awareness = new Awareness(doc);
doc.on('update', (update: Uint8Array, origin: unknown) => {
  if (origin !== RELAY) window.presenceLabSend?.('doc', [...update]);
});
awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
  if (origin !== RELAY) window.presenceLabSend?.('awareness', [...encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed])]);
});

let models: WorkspaceModels | undefined;
let editor: monaco.editor.IStandaloneCodeEditor | undefined;
let presence: Presence | undefined;
let me: PresenceMe | undefined;

function requireEditor(): { editor: monaco.editor.IStandaloneCodeEditor; models: WorkspaceModels } {
  if (!editor || !models) throw new Error('call start() first');
  return { editor, models };
}

function open(path: string): void {
  const { editor, models } = requireEditor();
  const model = models.get(path) ?? null;
  if (editor.getModel() !== model) editor.setModel(model);
  document.getElementById('lab-editor')?.setAttribute('data-path', path);
}

function attach(): void {
  const { editor, models } = requireEditor();
  const person = me;
  if (!person) throw new Error('call start() first');
  presence = ours(() => attachPresence({ editor, models, awareness, me: person, openFile: open }));
  const people = document.getElementById('lab-people');
  const shown = presence;
  if (people)
    render(
      <>
        <PresenceList presence={shown} />
        <ul class="lab-files">
          {[...filesOf(doc).keys()].sort().map((path) => (
            <li key={path}>
              {path}
              <FilePresence presence={shown} path={path} />
            </li>
          ))}
        </ul>
      </>,
      people,
    );
}

const lab = {
  /** Seeds the workspace (the first page only; the others receive it). */
  seed(files: Record<string, string>): void {
    for (const [path, content] of Object.entries(files)) createFile(doc, path, content);
  },
  receive(kind: Kind, update: number[]): void {
    if (kind === 'doc') ours(() => Y.applyUpdate(doc, Uint8Array.from(update), RELAY));
    else applyAwarenessUpdate(awareness, Uint8Array.from(update), RELAY);
  },
  /** Everything this page has, for a page that joins later. */
  state(): { doc: number[]; awareness: number[] } {
    return { doc: [...Y.encodeStateAsUpdate(doc)], awareness: [...encodeAwarenessUpdate(awareness, [...awareness.getStates().keys()])] };
  },
  start(person: PresenceMe, path: string): void {
    configureLanguages();
    me = person;
    models = ours(() => new WorkspaceModels(doc));
    const host = document.getElementById('lab-editor');
    if (!host) throw new Error('no editor host');
    const created = monaco.editor.create(host, {
      model: null,
      theme: 'pairlane-dark',
      automaticLayout: true,
      fontSize: 13.5,
      lineHeight: 21,
      minimap: { enabled: false },
      fixedOverflowWidgets: true,
      padding: { top: 12, bottom: 12 },
    });
    for (const name of ['onDidChangeCursorSelection', 'onDidChangeModel', 'onDidChangeModelContent', 'onKeyDown', 'onMouseDown'] as const) {
      const subscribe = created[name].bind(created) as (...args: never[]) => monaco.IDisposable;
      Object.assign(created, { [name]: counted(`editor.${name}`, subscribe) });
    }
    editor = created;
    open(path);
    attach();
    editor.focus();
  },
  open,
  /** Detaches presence and attaches it again, as a remount does. */
  reattach(): void {
    presence?.dispose();
    attach();
  },
  follow(personId: string): void {
    presence?.follow(personId);
  },
  following(): string | undefined {
    return presence?.state.get().following;
  },
  /** Puts the caret (or a selection) at offsets of the file shown. */
  select(anchor: number, head = anchor): void {
    const { editor } = requireEditor();
    const model = editor.getModel();
    if (!model) return;
    editor.setSelection(monaco.Selection.fromPositions(model.getPositionAt(anchor), model.getPositionAt(head)));
    editor.focus();
  },
  cursor(): number | undefined {
    const { editor } = requireEditor();
    const position = editor.getPosition();
    const model = editor.getModel();
    return position && model ? model.getOffsetAt(position) : undefined;
  },
  text(path: string): string | undefined {
    return filesOf(doc).get(path)?.toString();
  },
  modelText(path: string): string | undefined {
    return models?.get(path)?.getValue();
  },
  /** An edit straight into the document, as a peer without an editor (or an import) makes it. */
  insertRaw(path: string, offset: number, text: string): void {
    filesOf(doc).get(path)?.insert(offset, text);
  },
  addAndRemove(path: string, times: number): void {
    ours(() => {
      for (let i = 0; i < times; i++) {
        createFile(doc, path, `// ${i}\r\nexport {};\n`);
        deleteFile(doc, path);
      }
    });
  },
  counts(): Record<string, number> {
    const files = filesOf(doc);
    let textObservers = 0;
    for (const text of files.values()) textObservers += (text as unknown as { _eH: { l: unknown[] } })._eH.l.length;
    const observers = (doc as unknown as { _observers: Map<string, Set<unknown>> })._observers;
    const awarenessObservers = (awareness as unknown as { _observers: Map<string, Set<unknown>> })._observers;
    let decorations = 0;
    for (const model of monaco.editor.getModels()) decorations += model.getAllDecorations().filter((d) => d.options.className?.includes('pairlane-remote')).length;
    return {
      ...Object.fromEntries(live),
      textObservers,
      docObservers: [...observers.values()].reduce((n, set) => n + set.size, 0),
      awarenessChange: awarenessObservers.get('change')?.size ?? 0,
      models: monaco.editor.getModels().length,
      decorations,
      widgets: document.querySelectorAll('.pairlane-remote-cursor').length,
      styleElements: document.querySelectorAll('style[data-pairlane-presence]').length,
    };
  },
};
type PresenceLab = typeof lab;
window.presenceLab = lab;
document.body.dataset.ready = 'true';
