import { monaco } from '../../editor/monaco.ts';
import type { LineDiffPlan } from './planLineDiff.ts';

/** Where the diff sits in the editor's model. */
export interface DiffAnchor {
  /** The model line (1-based) of the original text's first line. */
  readonly firstLine: number;
  /** The model line (1-based) the original text's line -1 stands for: a caret mid-line inserts below its line. */
  readonly insertBase: number;
  /** The model lines (1-based, inclusive) of the selection, highlighted while the quick edit is open. */
  readonly selectionLines: { readonly from: number; readonly to: number } | null;
  /** A range (model offsets) the refusal is about, marked as the offending text. */
  readonly offending: { readonly start: number; readonly end: number } | null;
}

/**
 * Draws a quick edit's answer in the editor as an inline diff: original lines struck out (or
 * dimmed while the answer has not reached them) by decorations, proposed lines in view zones
 * after the lines they follow, in the editor's own font and colours. Every render replaces the
 * previous drawing; `clear` removes it all.
 */
export class InlineDiff {
  private readonly decorations: monaco.editor.IEditorDecorationsCollection;
  private zoneIds: string[] = [];
  /** What the zones show now, so a render that changes nothing in them leaves them alone. */
  private zoneKey = '';
  /** Colourised inserts by their text: colouring is asynchronous and the same lines come back on every batch. */
  private readonly colored = new Map<string, string>();

  constructor(private readonly editor: monaco.editor.IStandaloneCodeEditor) {
    this.decorations = editor.createDecorationsCollection();
  }

  render(plan: LineDiffPlan | null, anchor: DiffAnchor): void {
    const model = this.editor.getModel();
    if (!model) return this.clear();
    const decorations: monaco.editor.IModelDeltaDecoration[] = [];
    const marked = new Set<number>();
    for (const line of plan?.marked ?? []) {
      const lineNumber = anchor.firstLine + line.line;
      if (lineNumber > model.getLineCount()) continue;
      marked.add(lineNumber);
      const removed = line.kind === 'removed';
      decorations.push({
        range: new monaco.Range(lineNumber, 1, lineNumber, model.getLineMaxColumn(lineNumber)),
        options: {
          isWholeLine: true,
          className: removed ? 'quick-edit-line is-removed' : 'quick-edit-line is-pending',
          linesDecorationsClassName: removed ? 'quick-edit-gutter is-removed' : 'quick-edit-gutter is-pending',
          inlineClassName: removed ? 'quick-edit-text is-removed' : 'quick-edit-text is-pending',
          stickiness: monaco.editor.TrackedRangeStickiness.NeverGrowsWhenTypingAtEdges,
        },
      });
    }
    if (anchor.selectionLines) {
      for (let line = anchor.selectionLines.from; line <= Math.min(anchor.selectionLines.to, model.getLineCount()); line++) {
        if (marked.has(line)) continue;
        decorations.push({
          range: new monaco.Range(line, 1, line, 1),
          options: { isWholeLine: true, className: 'quick-edit-line is-selected', linesDecorationsClassName: 'quick-edit-gutter is-selected' },
        });
      }
    }
    if (anchor.offending) {
      const start = model.getPositionAt(anchor.offending.start);
      const end = model.getPositionAt(Math.max(anchor.offending.end, anchor.offending.start));
      decorations.push({
        range: new monaco.Range(start.lineNumber, 1, end.lineNumber, 1),
        options: { isWholeLine: true, className: 'quick-edit-line is-offending', linesDecorationsClassName: 'quick-edit-gutter is-offending' },
      });
      decorations.push({
        range: monaco.Range.fromPositions(start, end),
        options: { inlineClassName: 'quick-edit-text is-offending' },
      });
    }
    this.decorations.set(decorations);
    this.renderZones(plan, anchor, model);
  }

  clear(): void {
    this.decorations.clear();
    this.removeZones();
    this.colored.clear();
  }

  dispose(): void {
    this.clear();
  }

  private renderZones(plan: LineDiffPlan | null, anchor: DiffAnchor, model: monaco.editor.ITextModel): void {
    const inserts = plan?.inserts ?? [];
    const key = JSON.stringify([anchor.insertBase, inserts]);
    if (key === this.zoneKey) return;
    this.removeZones();
    this.zoneKey = key;
    const font = this.editor.getOption(monaco.editor.EditorOption.fontInfo);
    const lineHeight = this.editor.getOption(monaco.editor.EditorOption.lineHeight);
    const languageId = model.getLanguageId();
    const tabSize = model.getOptions().tabSize;
    const barLeft = this.editor.getLayoutInfo().decorationsLeft + 4;
    this.editor.changeViewZones((zones) => {
      for (const insert of inserts) {
        const node = document.createElement('div');
        node.className = 'quick-edit-insert';
        node.dataset.testid = 'quick-edit-insert';
        Object.assign(node.style, {
          fontFamily: font.fontFamily,
          fontSize: `${font.fontSize}px`,
          fontWeight: font.fontWeight,
          letterSpacing: `${font.letterSpacing}px`,
          lineHeight: `${lineHeight}px`,
        });
        const text = insert.lines.join('\n');
        const cached = this.colored.get(`${languageId}\n${text}`);
        fillLines(node, insert.lines, cached, insert.growing);
        if (cached === undefined && !insert.growing) {
          // Plain first, coloured when the tokenizer answers (if this drawing is still current).
          void monaco.editor.colorize(text, languageId, { tabSize }).then((html) => {
            this.colored.set(`${languageId}\n${text}`, html);
            if (node.isConnected) fillLines(node, insert.lines, html, false);
          });
        }
        const margin = document.createElement('div');
        margin.className = 'quick-edit-insert-margin';
        // The bar lines up with the removed lines' bar, drawn by a line decoration at this offset.
        const bar = document.createElement('div');
        bar.className = 'quick-edit-insert-bar';
        bar.style.left = `${barLeft}px`;
        margin.append(bar);
        const afterLineNumber = Math.min(anchor.insertBase + insert.afterLine, model.getLineCount());
        this.zoneIds.push(zones.addZone({ afterLineNumber, heightInLines: insert.lines.length, domNode: node, marginDomNode: margin, ordinal: 1 }));
      }
    });
  }

  private removeZones(): void {
    const ids = this.zoneIds;
    this.zoneIds = [];
    this.zoneKey = '';
    if (ids.length > 0) this.editor.changeViewZones((zones) => ids.forEach((id) => zones.removeZone(id)));
  }
}

/** One div per proposed line, from Monaco's colourised HTML when there is some. */
function fillLines(node: HTMLElement, lines: readonly string[], html: string | undefined, growing: boolean): void {
  node.replaceChildren();
  // colorize() answers one `<br/>`-separated run of spans; split it back into lines.
  const coloured = html?.split(/<br\s*\/?>/) ?? null;
  lines.forEach((line, index) => {
    const row = document.createElement('div');
    row.className = 'quick-edit-insert-line';
    const part = coloured?.[index];
    if (part !== undefined && coloured!.length >= lines.length) row.innerHTML = part;
    else row.textContent = line;
    if (line === '' && row.textContent === '') row.append('\u200b');
    if (growing && index === lines.length - 1) {
      const caret = document.createElement('span');
      caret.className = 'quick-edit-caret';
      row.append(caret);
    }
    node.append(row);
  });
}
