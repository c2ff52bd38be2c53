import type { GhostText } from '../../shared/session/selectGhostText.ts';
import { monaco } from '../editor/monaco.ts';
import type { Store } from '../ui/Store.ts';
import { ghostFor } from './ghostFor.ts';
import { inlineCompletionsModelOf } from './inlineCompletionsModelOf.ts';
import { markTiming } from './markTiming.ts';
import { modelCursorContext } from './modelCursorContext.ts';
import type { SessionActor } from './SessionActor.ts';

/** Context key: the machine's ghost text belongs to this editor's model and cursor. */
const GHOST_KEY = 'pairlaneGhostVisible';
/** Our keys act only on a ghost Monaco actually shows, and leave the suggest widget its own Tab. */
const WHEN_GHOST = `${GHOST_KEY} && inlineSuggestionVisible && !suggestWidgetVisible`;

/**
 * Monaco cancels a fetch that a newer one supersedes by rejecting a promise nobody awaits inside
 * its inline-completions model; with ghost text refetched per streamed token that happens often.
 * Such a rejection is Monaco's `CancellationError` (name and message "Canceled") and means
 * nothing went wrong, so it is kept out of the page's error reporting; every other one passes.
 */
function ignoreMonacoCancellations(): () => void {
  const onRejection = (event: PromiseRejectionEvent): void => {
    const reason: unknown = event.reason;
    if (reason instanceof Error && reason.name === 'Canceled' && reason.message === 'Canceled') event.preventDefault();
  };
  window.addEventListener('unhandledrejection', onRejection);
  return () => window.removeEventListener('unhandledrejection', onRejection);
}

/**
 * Renders the session machine's ghost text through Monaco's inline completions and binds the
 * keys to the machine.
 *
 * The provider answers from the machine's current ghost (only at the model and offset it
 * belongs to), and Monaco is made to ask again every time the ghost changes, so streamed text
 * grows on screen. Monaco never inserts the completion: Tab, Ctrl/Cmd+→ and Esc
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
  const stopIgnoring = ignoreMonacoCancellations();

  const provider: monaco.languages.InlineCompletionsProvider = {
    displayName: 'Pairlane fast lane',
    // The machine has already debounced; Monaco's own wait would only add to it.
    debounceDelayMs: 0,
    provideInlineCompletions(model, position, context) {
      // While the suggest widget previews an item, the ghost would be measured against it: stay out.
      if (context.selectedSuggestionInfo !== undefined || model !== editor.getModel()) return { items: [] };
      const shown = ghostFor(ghost.get(), pathOf(model), model.getOffsetAt(position));
      if (!shown) return { items: [] };
      lastProvided = shown;
      markTiming('pairlane:ghost-provided', { requestId: shown.requestId, chars: shown.text.length });
      return { items: [{ insertText: shown.text, range: monaco.Range.fromPositions(position), completeBracketPairs: false }] };
    },
    disposeInlineCompletions() {
      // Items hold nothing: they are views of the machine's state.
    },
  };
  // Each change of the ghost registers the provider anew (a new registration is a new provider
  // to Monaco) and asks Monaco's model to fetch from it: see inlineCompletionsModelOf for why.
  let registration = monaco.languages.registerInlineCompletionsProvider('*', provider);
  /** The ghost the provider last handed Monaco. */
  let lastProvided: GhostText | null = null;
  const refetch = (attempt = 0): void => {
    const target = ghost.get();
    const fresh = { ...provider };
    const next = monaco.languages.registerInlineCompletionsProvider('*', fresh);
    registration.dispose();
    registration = next;
    inlineCompletionsModelOf(editor)
      ?.trigger(undefined, { provider: fresh })
      .then(() => {
        // Monaco can drop a fetch without asking the provider (its model was busy or suppressed
        // for a moment): ask again, a couple of times, while this ghost is still the one to show.
        if (ghost.get() === target && lastProvided !== target && attempt < 2) refetch(attempt + 1);
      })
      // A fetch superseded by the next token rejects with a cancellation: expected, not a failure.
      .catch(() => undefined);
  };

  let wasShown = false;
  const update = (): void => {
    const model = editor.getModel();
    const position = editor.getPosition();
    const shown = model && position ? ghostFor(ghost.get(), pathOf(model), model.getOffsetAt(position)) : null;
    visible.set(shown !== null);
    if (shown) refetch();
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
      registration.dispose();
      stopIgnoring();
      visible.reset();
    },
  };
}
