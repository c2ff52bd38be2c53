import './quickEdit.css';
import { createRef, h, render } from 'preact';
import { mayBeSearchReplaceAnswer } from '../../../shared/searchReplaceBlocks.ts';
import { selectQuickEdit, type QuickEditView } from '../../../shared/session/selectQuickEdit.ts';
import { monaco } from '../../editor/monaco.ts';
import type { SessionActor } from '../SessionActor.ts';
import { InlineDiff, type DiffAnchor } from './InlineDiff.ts';
import { planLineDiff, type LineDiffPlan } from './planLineDiff.ts';
import { QuickEditPanel } from './QuickEditPanel.tsx';
import { QuickEditWidget } from './QuickEditWidget.ts';
import { wholeLinesOf } from './wholeLinesOf.ts';

/** States in which the widget is on screen. */
const OPEN = new Set<QuickEditView['state']>(['instructing', 'streaming', 'review', 'refused', 'failed']);

/**
 * Binds the quick-edit command (Ctrl/Cmd+K on a selection) of `editor` to the session machine:
 * opens the instruction widget, renders the streamed answer as an inline diff from
 * `selectQuickEdit`, and sends the widget's commands as `quick.*` events. `pathOf` names the
 * workspace file of a model. Returns what undoes every binding.
 *
 * The selection is widened to whole lines (a caret stays a caret). While an answer is under
 * review the editor's DOM node carries `data-claims-mod-enter`, so the app's Ctrl/Cmd+Enter
 * (run) leaves that key to Accept.
 */
export function attachQuickEdit(
  editor: monaco.editor.IStandaloneCodeEditor,
  actor: SessionActor,
  pathOf: (model: monaco.editor.ITextModel) => string | undefined,
): monaco.IDisposable {
  const available = editor.createContextKey<boolean>('pairlaneQuickEditAvailable', false);
  const open = editor.createContextKey<boolean>('pairlaneQuickEditOpen', false);
  const reviewing = editor.createContextKey<boolean>('pairlaneQuickEditReview', false);
  const widget = new QuickEditWidget(editor);
  const diff = new InlineDiff(editor);
  const inputRef = createRef<HTMLInputElement>();
  let shownState: QuickEditView['state'] | null = null;
  let frame: number | undefined;

  const currentPath = (): string | undefined => {
    const model = editor.getModel();
    return model ? pathOf(model) : undefined;
  };
  const updateAvailable = (): void => available.set(currentPath() !== undefined);
  updateAvailable();

  const send = {
    instruction(text: string): void {
      const view = selectQuickEdit(actor.getSnapshot());
      // The diff shows what changes from here on; the editor's own selection would only cover it.
      const selection = editor.getSelection();
      if (view?.state === 'instructing' && selection && !selection.isEmpty()) editor.setSelection(monaco.Selection.fromPositions(selection.getStartPosition()));
      actor.send(view?.state === 'instructing' ? { type: 'quick.submit', instruction: text } : { type: 'quick.redirect', instruction: text });
    },
    accept: (): void => actor.send({ type: 'quick.accept' }),
    reject: (): void => actor.send({ type: 'quick.reject' }),
    close: (): void => actor.send({ type: 'quick.cancel' }),
  };

  const openHere = (): void => {
    const model = editor.getModel();
    const path = model ? pathOf(model) : undefined;
    const selection = editor.getSelection();
    if (!model || path === undefined || !selection) return;
    const documentText = model.getValue();
    const lines = wholeLinesOf(documentText, { start: model.getOffsetAt(selection.getStartPosition()), end: model.getOffsetAt(selection.getEndPosition()) });
    if (lines.start !== lines.end) {
      // Show the person what the quick edit is about: the whole lines, as they will be rewritten.
      editor.setSelection(monaco.Range.fromPositions(model.getPositionAt(lines.start), model.getPositionAt(lines.end)));
    }
    actor.send({ type: 'quick.open', path, documentText, selection: lines });
    // Now, not next frame: the next key the person types belongs in the instruction input.
    if (frame !== undefined) cancelAnimationFrame(frame);
    draw();
    if (shownState === 'instructing') {
      widget.reveal(model.getPositionAt(lines.end).lineNumber);
      inputRef.current?.focus();
    }
  };

  function draw(): void {
    frame = undefined;
    const view = selectQuickEdit(actor.getSnapshot());
    const model = editor.getModel();
    const visible = view !== null && OPEN.has(view.state) && model !== null && pathOf(model) === view.path;
    open.set(visible);
    reviewing.set(visible && view.state === 'review');
    const domNode = editor.getDomNode();
    if (domNode) {
      if (visible && view.state === 'review') domNode.dataset.claimsModEnter = '';
      else delete domNode.dataset.claimsModEnter;
    }
    if (!visible) {
      const hadFocus = widget.getDomNode().contains(document.activeElement);
      widget.hide();
      diff.clear();
      render(null, widget.content);
      if (shownState !== null && hadFocus) editor.focus();
      shownState = null;
      return;
    }
    const start = model.getPositionAt(view.selection.start);
    const end = model.getPositionAt(view.selection.end);
    const caret = view.selection.start === view.selection.end;
    const editsAnswer = view.state === 'streaming' && mayBeSearchReplaceAnswer(view.proposed);
    const plan: LineDiffPlan | null =
      (view.state === 'streaming' && !editsAnswer) || view.state === 'review' ? planLineDiff(view.original, view.proposed, view.state === 'streaming') : null;
    const anchor: DiffAnchor = {
      firstLine: start.lineNumber,
      // A caret inside a line inserts into it: the new lines are shown below that line.
      insertBase: caret && start.column > 1 ? start.lineNumber + 1 : start.lineNumber,
      selectionLines: caret || plan !== null ? null : { from: start.lineNumber, to: end.lineNumber },
      offending: view.state === 'refused' && view.refusal?.reason === 'outside-selection' && view.refusal.range ? view.refusal.range : null,
    };
    widget.show(start.lineNumber);
    diff.render(plan, anchor);
    render(
      h(QuickEditPanel, {
        view,
        counts: plan && (plan.added > 0 || plan.removed > 0) ? { added: plan.added, removed: plan.removed } : null,
        editsAnswer,
        inputRef,
        onInstruction: send.instruction,
        onAccept: send.accept,
        onReject: send.reject,
        onClose: send.close,
      }),
      widget.content,
    );
    shownState = view.state;
  }
  // Batches arrive faster than frames: draw once per frame, from the latest snapshot.
  const schedule = (): void => {
    frame ??= requestAnimationFrame(draw);
  };

  const disposables: monaco.IDisposable[] = [
    editor.addAction({
      id: 'pairlane.quickEdit',
      label: 'Edit with AI…',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyK],
      // A dynamic binding wins over Monaco's Ctrl+K chords (Ctrl+K Ctrl+C …) wherever this one applies.
      precondition: 'pairlaneQuickEditAvailable',
      keybindingContext: 'editorTextFocus',
      contextMenuGroupId: '1_modification',
      contextMenuOrder: 0,
      run: openHere,
    }),
    editor.onDidChangeModel(() => {
      updateAvailable();
      // The quick edit is about one file: leaving it closes it (and stops its request).
      const view = selectQuickEdit(actor.getSnapshot());
      if (view && OPEN.has(view.state)) send.close();
      schedule();
    }),
  ];
  const keys: Array<[string, string, number, () => void, string]> = [
    ['close', 'Close the quick edit', monaco.KeyCode.Escape, send.close, 'pairlaneQuickEditOpen && !suggestWidgetVisible && !findWidgetVisible'],
    ['accept', 'Accept the quick edit', monaco.KeyCode.Tab, send.accept, 'pairlaneQuickEditReview && !suggestWidgetVisible'],
    ['acceptMod', 'Accept the quick edit', monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, send.accept, 'pairlaneQuickEditReview'],
  ];
  for (const [id, label, key, run, precondition] of keys) {
    disposables.push(editor.addAction({ id: `pairlane.quickEdit.${id}`, label, keybindings: [key], precondition, keybindingContext: 'editorTextFocus', run }));
  }
  const subscription = actor.subscribe(schedule);
  schedule();

  return {
    dispose() {
      subscription.unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
      disposables.forEach((d) => d.dispose());
      open.reset();
      reviewing.reset();
      available.reset();
      render(null, widget.content);
      diff.dispose();
      widget.dispose();
      delete editor.getDomNode()?.dataset.claimsModEnter;
    },
  };
}
