import type { JSX, RefObject } from 'preact';
import type { QuickEditView } from '../../../shared/session/selectQuickEdit.ts';
import { Icon } from '../../ui/Icon.tsx';
import { Kbd } from '../../ui/Kbd.tsx';

/** What the panel shows beside the machine's view of the quick edit. */
export interface QuickEditPanelProps {
  readonly view: QuickEditView;
  /** Lines added and removed by the answer so far; null while nothing is drawn. */
  readonly counts: { readonly added: number; readonly removed: number } | null;
  /** The streaming answer is a list of search/replace edits: it is shown once complete. */
  readonly editsAnswer: boolean;
  readonly inputRef: RefObject<HTMLInputElement | null>;
  /** Enter with text: the first instruction or a follow-up. */
  onInstruction(text: string): void;
  onAccept(): void;
  onReject(): void;
  /** Esc: stop, reject or close, whatever the state means by it. */
  onClose(): void;
}

const PLACEHOLDERS: Partial<Record<QuickEditView['state'], string>> = {
  instructing: 'Describe the change, e.g. “make it iterative”',
  streaming: 'Redirect it, e.g. “no, keep it recursive”',
  review: 'Ask for a change to this answer…',
  refused: 'Say it differently…',
  failed: 'Try again, or say it differently…',
  applied: '',
  rejected: '',
};

/**
 * The quick-edit widget's content: the conversation so far, the instruction input (usable for a
 * follow-up while the answer streams and in review), and the state: writing, the diff's size with
 * Accept and Reject, or why the answer was refused or failed.
 */
export function QuickEditPanel(props: QuickEditPanelProps): JSX.Element {
  const { view, inputRef } = props;
  const closed = view.refusal?.reason === 'document-changed';

  const onKeyDown = (event: KeyboardEvent): void => {
    const mod = event.ctrlKey || event.metaKey;
    const input = event.currentTarget as HTMLInputElement;
    if (event.key === 'Enter' && mod) {
      if (view.state === 'review') props.onAccept();
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      const text = input.value.trim();
      if (text === '' || closed) return;
      props.onInstruction(text);
      input.value = '';
    } else if (event.key === 'Escape') {
      props.onClose();
    } else if (event.key === 'Tab' && view.state === 'review' && input.value === '') {
      props.onAccept();
    } else {
      // Everything else is typing in the input: the editor's own key bindings stay out of it.
      event.stopPropagation();
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div class={`quick-edit-panel is-${view.state}`} data-testid="quick-edit" data-state={view.state}>
      {view.turns.some((turn) => turn.role === 'user') && <Turns view={view} />}
      <div class="quick-edit-row">
        <Icon name="sparkles" size={14} class="quick-edit-icon" />
        <input
          ref={inputRef}
          class="quick-edit-input"
          data-testid="quick-edit-input"
          type="text"
          spellcheck={false}
          autocomplete="off"
          aria-label="Quick edit instruction"
          placeholder={PLACEHOLDERS[view.state]}
          disabled={closed}
          onKeyDown={onKeyDown}
        />
        {view.state === 'review' && (
          <div class="quick-edit-actions">
            <button type="button" class="quick-edit-button is-accept" data-testid="quick-edit-accept" onMouseDown={keepFocus} onClick={props.onAccept}>
              Accept <Kbd keys={['Mod', 'Enter']} />
            </button>
            <button type="button" class="quick-edit-button" data-testid="quick-edit-reject" onMouseDown={keepFocus} onClick={props.onReject}>
              Reject <Kbd keys={['Escape']} />
            </button>
          </div>
        )}
      </div>
      <Status {...props} />
    </div>
  );
}

function Turns({ view }: { view: QuickEditView }): JSX.Element {
  // A final answer as the last turn is the one on screen (the diff): only earlier ones are listed.
  const last = view.turns.at(-1);
  const turns = last?.role === 'assistant' && !last.partial ? view.turns.slice(0, -1) : view.turns;
  return (
    <ol class="quick-edit-turns" data-testid="quick-edit-turns" aria-label="Conversation">
      {turns.map((turn, index) =>
        turn.role === 'user' ? (
          <li key={index} class="quick-edit-turn is-user" title={turn.text}>
            {turn.text}
          </li>
        ) : (
          <li key={index} class="quick-edit-turn is-assistant" title={turn.partial ? 'The answer was interrupted here' : 'The answer'}>
            {turn.partial ? 'interrupted' : 'answered'}
          </li>
        ),
      )}
    </ol>
  );
}

function Status({ view, counts, editsAnswer }: QuickEditPanelProps): JSX.Element {
  switch (view.state) {
    case 'instructing':
      return (
        <div class="quick-edit-status">
          <span class="quick-edit-hint">
            <Kbd keys={['Enter']} /> to send · <Kbd keys={['Escape']} /> to close
          </span>
        </div>
      );
    case 'streaming':
      return (
        <div class="quick-edit-status" data-testid="quick-edit-status">
          <span class="spinner small" aria-hidden="true" />
          <span class="quick-edit-doing">{editsAnswer ? 'Receiving edits…' : 'Writing…'}</span>
          {counts && <Counts counts={counts} />}
          <span class="quick-edit-hint">
            <Kbd keys={['Enter']} /> redirects · <Kbd keys={['Escape']} /> stops
          </span>
        </div>
      );
    case 'review':
      return (
        <div class="quick-edit-status" data-testid="quick-edit-status">
          <span class="quick-edit-doing">Review the change</span>
          {counts && <Counts counts={counts} />}
          <span class="quick-edit-hint">
            <Kbd keys={['Tab']} /> also accepts
          </span>
        </div>
      );
    case 'refused':
      return (
        <div class="quick-edit-status is-problem" data-testid="quick-edit-status" role="alert">
          <Icon name="alert" size={14} />
          <span class="quick-edit-message" data-testid="quick-edit-message">
            {view.refusal?.message ?? 'The answer was refused.'}
          </span>
        </div>
      );
    case 'failed':
      return (
        <div class="quick-edit-status is-problem" data-testid="quick-edit-status" role="alert">
          <Icon name="alert" size={14} />
          <span class="quick-edit-message" data-testid="quick-edit-message">
            <strong>{failureTitle(view.failure?.status)}</strong> {view.failure?.message}
          </span>
        </div>
      );
    default:
      return <div class="quick-edit-status" />;
  }
}

function Counts({ counts }: { counts: { added: number; removed: number } }): JSX.Element {
  return (
    <span class="quick-edit-counts" data-testid="quick-edit-counts">
      <span class="is-added">+{counts.added}</span> <span class="is-removed">−{counts.removed}</span>
    </span>
  );
}

function failureTitle(status: string | undefined): string {
  switch (status) {
    case 'timeout':
      return 'Timed out.';
    case 'budget':
      return 'Budget reached.';
    case 'rate-limited':
      return 'Rate limited.';
    case 'unavailable':
      return 'Model unavailable.';
    case 'misconfigured':
      return 'AI is off.';
    case 'bad-response':
      return 'Unusable answer.';
    case 'refused':
      return 'Request refused.';
    default:
      return 'Failed.';
  }
}

/** A click on a button must not take focus from the input: typing a follow-up goes on. */
function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}
