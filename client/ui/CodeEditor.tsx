import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { monaco } from '../editor/monaco.ts';
import type { WorkspaceModels } from '../editor/WorkspaceModels.ts';
import { trackWidgetFocus } from '../editor/widgetFocusKeys.ts';

/** What the rest of the app may ask of the editor. */
export interface EditorHandle {
  /**
   * Puts the cursor at a 1-based line and column of `path` and focuses. When another file is on
   * screen, the position is applied once `path` is shown (after its tab opened).
   */
  reveal(path: string, line: number, column: number): void;
  focus(): void;
}

export interface CursorInfo {
  line: number;
  column: number;
  selected: number;
  language: string;
  /** The file's indentation width (Python files indent by four). */
  tabSize: number;
}

interface Props {
  models: WorkspaceModels;
  /** The file shown, or undefined for none. */
  path: string | undefined;
  onCursor(info: CursorInfo | undefined): void;
  handle: { current: EditorHandle | undefined };
  /** Called once with the editor when it exists (the AI session attaches here); the result is disposed with the editor. */
  onEditor?(editor: monaco.editor.IStandaloneCodeEditor): monaco.IDisposable;
}

/**
 * The one Monaco editor of the page. Switching tabs swaps its model and keeps each file's
 * cursor and scroll position (view state) for when it comes back.
 */
export function CodeEditor({ models, path, onCursor, handle, onEditor }: Props): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const viewStates = useRef(new Map<string, monaco.editor.ICodeEditorViewState>());
  const shown = useRef<string | undefined>(undefined);
  const pendingReveal = useRef<{ path: string; line: number; column: number } | undefined>(undefined);
  const onCursorRef = useRef(onCursor);
  onCursorRef.current = onCursor;

  // Layout effects, so the editor is made and shows the active file in the same commit that marks
  // its tab active: keys typed the moment a new file's tab appears reach that file, never the tree.
  useLayoutEffect(() => {
    if (!host.current) return;
    const editor = monaco.editor.create(host.current, {
      model: null,
      theme: 'pairlane-dark',
      automaticLayout: true,
      fontFamily: '"JetBrains Mono Variable", "JetBrains Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13.5,
      lineHeight: 21,
      fontLigatures: false,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      smoothScrolling: true,
      cursorBlinking: 'smooth',
      cursorSmoothCaretAnimation: 'on',
      renderLineHighlight: 'all',
      padding: { top: 12, bottom: 12 },
      tabSize: 2,
      bracketPairColorization: { enabled: true },
      guides: { bracketPairs: false, indentation: true },
      fixedOverflowWidgets: true,
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, useShadows: false },
      overviewRulerBorder: false,
      hideCursorInOverviewRuler: true,
      stickyScroll: { enabled: false },
      'semanticHighlighting.enabled': true,
      // Ghost text comes from the fast lane; Monaco only renders it (see client/ai/attachGhostText.ts).
      inlineSuggest: { enabled: true, showToolbar: 'never', keepOnBlur: false, suppressSuggestions: false },
    });
    editorRef.current = editor;
    // Keys pressed just after Go to line or Find closes belong to the text, however busy the page is.
    const widgetFocus = trackWidgetFocus(editor);
    const attached = onEditor?.(editor);
    // Monaco measures glyphs once; measure again when the self-hosted font has arrived.
    void document.fonts?.load('13.5px "JetBrains Mono Variable"').then(() => monaco.editor.remeasureFonts());

    const report = (): void => {
      const model = editor.getModel();
      const position = editor.getPosition();
      if (!model || !position) {
        onCursorRef.current(undefined);
        return;
      }
      const selection = editor.getSelection();
      const selected = selection ? model.getValueInRange(selection).length : 0;
      onCursorRef.current({ line: position.lineNumber, column: position.column, selected, language: model.getLanguageId(), tabSize: model.getOptions().tabSize });
    };
    const cursorListener = editor.onDidChangeCursorSelection(report);
    const modelListener = editor.onDidChangeModel(report);
    handle.current = {
      reveal(path, line, column) {
        pendingReveal.current = { path, line, column };
        if (shown.current === path) applyReveal(editor);
      },
      focus: () => editor.focus(),
    };
    return () => {
      cursorListener.dispose();
      modelListener.dispose();
      handle.current = undefined;
      attached?.dispose();
      widgetFocus.dispose();
      editor.dispose();
    };
  }, []);

  useLayoutEffect(() => {
    const show = (): void => {
      const editor = editorRef.current;
      if (!editor) return;
      const model = path === undefined ? undefined : models.get(path);
      if (editor.getModel() === (model ?? null)) return;
      const previous = shown.current;
      if (previous !== undefined && editor.getModel()) {
        const state = editor.saveViewState();
        if (state) viewStates.current.set(previous, state);
      }
      editor.setModel(model ?? null);
      shown.current = model ? path : undefined;
      if (model && path !== undefined) {
        const state = viewStates.current.get(path);
        if (state) editor.restoreViewState(state);
        editor.focus();
      }
      applyReveal(editor);
    };
    show();
    // A template swap or a rename replaces models; follow the active path to its new model.
    return models.onDidChange(show);
  }, [models, path]);

  function applyReveal(editor: monaco.editor.IStandaloneCodeEditor): void {
    const target = pendingReveal.current;
    if (!target || target.path !== shown.current) return;
    pendingReveal.current = undefined;
    const position = { lineNumber: target.line, column: target.column };
    editor.setPosition(position);
    editor.revealPositionInCenterIfOutsideViewport(position, monaco.editor.ScrollType.Immediate);
    editor.focus();
  }

  return <div class="code-editor" ref={host} data-testid="editor" data-path={path ?? ''} />;
}
