import type { GhostText } from '../../shared/session/selectGhostText.ts';
import { monaco } from '../editor/monaco.ts';
import type { Store } from '../ui/Store.ts';
import { ghostFor } from './ghostFor.ts';
import { modelCursorContext } from './modelCursorContext.ts';
import type { SessionActor } from './SessionActor.ts';

/** Context key: the machine's ghost text belongs to this editor's model and cursor. */
const GHOST_KEY = 'pairlaneGhostVisible';
/** Our keys act only on a ghost Monaco actually shows, and leave the suggest widget its own Tab. */
const WHEN_GHOST = `${GHOST_KEY} && inlineSuggestionVisible && !suggestWidgetVisible`;

/**
 * Renders the session machine's ghost text through Monaco's inline completions and binds the
 * keys to the machine.
 *
 * The provider answers from the machine's current ghost (only at the model and offset it
 * belongs to), and is asked again (`onDidChangeInlineCompletions`) every time the ghost changes,
 * so streamed text grows on screen. Monaco never inserts the completion: Tab, Ctrl/Cmd+→ and Esc
 * are bound above Monaco's own inline-suggest keys (editor keybindings outweigh contributions)
 * to `fast.accept`, `fast.acceptWord` and `fast.dismiss`, and the machine's `insertSuggestion`
 * is the one insertion. Without a ghost, Tab is Monaco's (indent, snippet, suggest widget).
 */
export function attachGhostText(
  editor: monaco.editor.IStandaloneCodeEditor,
  actor: SessionActor,
  ghost: Store<GhostText | null>,
  pathOf: (model: monaco.editor.ITextModel) => string | undefined,
): monaco.IDisposable {
  const visible = editor.createContextKey<boolean>(GHOST_KEY, false);
  const changed = new monaco.Emitter<void>();

  const current = (model: monaco.editor.ITextModel, position: monaco.IPosition): GhostText | null =>
    ghostFor(ghost.get(), pathOf(model), model.getOffsetAt(position));

  const provider = monaco.languages.registerInlineCompletionsProvider('*', {
    displayName: 'Pairlane fast lane',
    // The machine has already debounced; Monaco's own wait would only add to it.
    debounceDelayMs: 0,
    onDidChangeInlineCompletions: changed.event,
    provideInlineCompletions(model, position, context) {
      // While the suggest widget previews an item, its text is what the ghost would be compared to: stay out.
      if (context.selectedSuggestionInfo !== undefined) return { items: [] };
      if (model !== editor.getModel()) return { items: [] };
      const shown = current(model, position);
      if (!shown) return { items: [] };
      return { items: [{ insertText: shown.text, range: monaco.Range.fromPositions(position), completeBracketPairs: false }] };
    },
    disposeInlineCompletions() {
      // Items hold no resources: they are views of the machine's state.
    },
  });

  let wasShown = false;
  const update = (): void => {
    const model = editor.getModel();
    const position = editor.getPosition();
    const shown = model && position ? current(model, position) : null;
    visible.set(shown !== null);
    if (shown) changed.fire();
    // Take a ghost that is over off the screen now, not after Monaco's next fetch.
    else if (wasShown) editor.trigger('pairlane.fast-lane', 'editor.action.inlineSuggest.hide', undefined);
    wasShown = shown !== null;
  };
  const unsubscribe = ghost.subscribe(update);

  const actions = [
    editor.addAction({
      id: 'pairlane.fastLane.accept',
      label: 'Accept AI suggestion',
      keybindings: [monaco.KeyCode.Tab],
      precondition: WHEN_GHOST,
      run: () => actor.send({ type: 'fast.accept' }),
    }),
    editor.addAction({
      id: 'pairlane.fastLane.acceptWord',
      label: 'Accept next word of AI suggestion',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.RightArrow],
      precondition: WHEN_GHOST,
      run: () => actor.send({ type: 'fast.acceptWord' }),
    }),
    editor.addAction({
      id: 'pairlane.fastLane.dismiss',
      label: 'Dismiss AI suggestion',
      keybindings: [monaco.KeyCode.Escape],
      precondition: WHEN_GHOST,
      run: () => actor.send({ type: 'fast.dismiss' }),
    }),
    editor.addAction({
      id: 'pairlane.fastLane.trigger',
      label: 'Suggest with AI',
      keybindings: [monaco.KeyMod.Alt | monaco.KeyCode.Backslash],
      precondition: 'editorTextFocus',
      run: () => {
        const model = editor.getModel();
        const position = editor.getPosition();
        const path = model ? pathOf(model) : undefined;
        if (model && position && path !== undefined) actor.send({ type: 'fast.trigger', cursor: modelCursorContext(model, path, position) });
      },
    }),
  ];

  return {
    dispose() {
      unsubscribe();
      for (const action of actions) action.dispose();
      provider.dispose();
      changed.dispose();
      visible.reset();
    },
  };
}
