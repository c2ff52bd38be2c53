import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ChangedLines } from '../../shared/rooms/replay/changedLines.ts';
import { monaco } from '../editor/monaco.ts';
import { trackWidgetFocus } from '../editor/widgetFocusKeys.ts';

interface Props {
  path: string | undefined;
  /** The file's contents at the scrubbed moment (undefined: it does not exist then). */
  text: string | undefined;
  /** What the edit at this moment changed in this file, highlighted. */
  change: ChangedLines | undefined;
}

function replayUri(path: string): monaco.Uri {
  return monaco.Uri.from({ scheme: 'replay', path: `/${path}` });
}

/**
 * A read-only Monaco editor showing one file as it was at the scrubbed moment, with the lines the
 * edit at that moment changed highlighted and brought into view. One model per path, updated in
 * place, so scrolling and colouring survive scrubbing.
 */
export function ReplayEditor({ path, text, change }: Props): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const decorations = useRef<monaco.editor.IEditorDecorationsCollection | undefined>(undefined);
  const models = useRef(new Map<string, monaco.editor.ITextModel>());

  useEffect(() => {
    if (!host.current) return;
    const created = monaco.editor.create(host.current, {
      model: null,
      theme: 'pairlane-dark',
      readOnly: true,
      domReadOnly: true,
      automaticLayout: true,
      fontFamily: '"JetBrains Mono Variable", "JetBrains Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 13,
      lineHeight: 20,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderLineHighlight: 'none',
      padding: { top: 10, bottom: 10 },
      stickyScroll: { enabled: false },
      overviewRulerBorder: false,
      scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10, useShadows: false },
      glyphMargin: false,
      folding: false,
      lineNumbersMinChars: 3,
    });
    editor.current = created;
    const widgetFocus = trackWidgetFocus(created);
    decorations.current = created.createDecorationsCollection();
    const owned = models.current;
    return () => {
      widgetFocus.dispose();
      created.dispose();
      for (const model of owned.values()) model.dispose();
      owned.clear();
      editor.current = undefined;
    };
  }, []);

  useEffect(() => {
    const view = editor.current;
    if (!view) return;
    if (path === undefined || text === undefined) {
      view.setModel(null);
      return;
    }
    let model = models.current.get(path);
    if (!model) {
      model = monaco.editor.createModel(text, undefined, replayUri(path));
      models.current.set(path, model);
    } else if (model.getValue() !== text) {
      model.setValue(text);
    }
    if (view.getModel() !== model) view.setModel(model);
    const lines = model.getLineCount();
    if (change && change.kind !== 'removed') {
      const from = Math.min(change.from, lines);
      const to = Math.min(Math.max(change.to, change.from), lines);
      // Only deleted lines: a thin marker where they were, not a highlighted line.
      const deletedOnly = change.to < change.from;
      decorations.current?.set([
        {
          range: new monaco.Range(from, 1, to, 1),
          options: {
            isWholeLine: true,
            className: deletedOnly ? 'replay-deleted-line' : 'replay-changed-line',
            linesDecorationsClassName: 'replay-changed-gutter',
            overviewRuler: { color: '#8fb3ff', position: monaco.editor.OverviewRulerLane.Full },
          },
        },
      ]);
      view.revealLinesInCenterIfOutsideViewport(from, to, monaco.editor.ScrollType.Immediate);
    } else {
      decorations.current?.clear();
    }
  }, [path, text, change]);

  return <div class="replay-monaco" ref={host} data-testid="replay-editor" data-path={path ?? ''} />;
}
