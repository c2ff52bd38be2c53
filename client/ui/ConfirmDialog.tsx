import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export interface ConfirmOptions {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
}

/** Asks the person to confirm something; resolves true when they do. */
export type Confirm = (options: ConfirmOptions) => Promise<boolean>;

/** A modal question with two answers. Enter confirms, Escape or a click outside cancels. */
export function ConfirmDialog({ options, onAnswer }: { options: ConfirmOptions; onAnswer(ok: boolean): void }): JSX.Element {
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    confirmButton.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        onAnswer(false);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onAnswer]);

  return (
    <div class="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onAnswer(false)}>
      <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="dialog-title" data-testid="confirm-dialog">
        <h2 id="dialog-title" class="dialog-title">
          {options.title}
        </h2>
        <p class="dialog-body">{options.body}</p>
        <div class="dialog-actions">
          <button class="button ghost" data-testid="confirm-cancel" onClick={() => onAnswer(false)}>
            Cancel
          </button>
          <button
            ref={confirmButton}
            class={`button ${options.danger ? 'danger' : 'primary'}`}
            data-testid="confirm-ok"
            onClick={() => onAnswer(true)}
          >
            {options.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
