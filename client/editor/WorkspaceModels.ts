import type * as Y from 'yjs';
import { filesOf } from '../../shared/workspaceDoc.ts';
import { bindYText } from './bindYText.ts';
import { monaco } from './monaco.ts';
import { PersonalUndo } from './PersonalUndo.ts';
import { routeUndo } from './routeUndo.ts';

interface Entry {
  model: monaco.editor.ITextModel;
  text: Y.Text;
  undo: PersonalUndo;
  unbind: () => void;
}

/** The Monaco URI of a workspace file: file:///<path>, so relative imports resolve between models. */
export function uriOf(path: string): monaco.Uri {
  return monaco.Uri.from({ scheme: 'file', path: `/${path}` });
}

/** The workspace path of a model URI, or undefined for a model outside the workspace. */
export function pathOf(uri: monaco.Uri): string | undefined {
  return uri.scheme === 'file' && !uri.path.startsWith('/node_modules/') ? uri.path.slice(1) : undefined;
}

/**
 * One Monaco model per workspace file, each bound to its Y.Text, kept in step with the document:
 * a file added (locally, by a template, or later by a peer) gets a model; a file removed loses it.
 * All files have models, not only open ones, so the TypeScript service sees the whole program.
 * Each model's undo and redo are this person's own (`PersonalUndo`, one per file): they never
 * take back a peer's edit. A file removed or replaced takes its binding and its history with it.
 */
export class WorkspaceModels {
  private readonly entries = new Map<string, Entry>();
  private readonly files: Y.Map<Y.Text>;
  private readonly observer: (event: Y.YMapEvent<Y.Text>) => void;
  private readonly listeners = new Set<() => void>();

  constructor(doc: Y.Doc) {
    this.files = filesOf(doc);
    for (const [path, text] of this.files) this.attach(path, text);
    this.observer = (event) => {
      for (const path of event.keysChanged) {
        const text = this.files.get(path);
        const current = this.entries.get(path);
        if (current && current.text !== text) this.detach(path);
        if (text && !this.entries.has(path)) this.attach(path, text);
      }
      for (const listener of this.listeners) listener();
    };
    this.files.observe(this.observer);
  }

  /** The model of a file, if the file exists. */
  get(path: string): monaco.editor.ITextModel | undefined {
    return this.entries.get(path)?.model;
  }

  /** The Y.Text a file's model is bound to, if the file exists. */
  textOf(path: string): Y.Text | undefined {
    return this.entries.get(path)?.text;
  }

  /** The person's undo history of a file, if the file exists. */
  undoOf(path: string): PersonalUndo | undefined {
    return this.entries.get(path)?.undo;
  }

  /** Calls `listener` after files gained or lost models; returns the unsubscribe function. */
  onDidChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.files.unobserve(this.observer);
    for (const path of [...this.entries.keys()]) this.detach(path);
  }

  private attach(path: string, text: Y.Text): void {
    const uri = uriOf(path);
    // A model can outlive its entry when a file is removed and re-added in one transaction.
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(text.toString(), undefined, uri);
    // One line ending everywhere, whatever the platform: offsets in the model and in the
    // Y.Text must count the same characters, for every peer.
    model.setEOL(monaco.editor.EndOfLineSequence.LF);
    const undo = new PersonalUndo(text);
    const unbindText = bindYText(text, model);
    const unrouteUndo = routeUndo(model, undo);
    const unbind = (): void => {
      unrouteUndo();
      unbindText();
      undo.dispose();
    };
    this.entries.set(path, { model, text, undo, unbind });
  }

  private detach(path: string): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    entry.unbind();
    entry.model.dispose();
    this.entries.delete(path);
  }
}
