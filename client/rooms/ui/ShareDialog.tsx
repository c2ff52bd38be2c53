import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Before a room exists: asks the host's name and makes a room of this workspace. The files are
 * copied into the room (the local workspace stays as it is) and the page opens the room.
 */
export function ShareDialog(props: { suggestedName: string; fileCount: number; connected: boolean; onShare(hostName: string): Promise<void>; onClose(): void }): JSX.Element {
  const [name, setName] = useState(props.suggestedName);
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        props.onClose();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  const share = async (): Promise<void> => {
    setState({ busy: true });
    try {
      await props.onShare(name.trim() || 'Host');
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <div class="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !state.busy && props.onClose()}>
      <form
        class="dialog"
        aria-labelledby="share-dialog-title"
        data-testid="share-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void share();
        }}
      >
        <h2 id="share-dialog-title" class="dialog-title">
          Share this workspace
        </h2>
        <p class="dialog-body">
          A room gets a copy of your {props.fileCount} file{props.fileCount === 1 ? '' : 's'}. You host it: you get links for guests (who can edit) and
          observers (who watch), and you decide who may edit, run and use AI. Your own workspace stays as it is.
        </p>
        <label class="room-field">
          <span>Your name</span>
          <input
            ref={input}
            class="room-input"
            data-testid="share-name-input"
            maxLength={64}
            value={name}
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </label>
        {!props.connected ? <p class="room-error-text">Not connected to the Pairlane server: a room needs it.</p> : null}
        {state.error ? (
          <p class="room-error-text" data-testid="share-error">
            {state.error}
          </p>
        ) : null}
        <div class="dialog-actions">
          <button type="button" class="button ghost" onClick={props.onClose} disabled={state.busy}>
            Cancel
          </button>
          <button type="submit" class="button primary" data-testid="share-create" disabled={state.busy || !props.connected}>
            {state.busy ? <span class="spinner" /> : null}
            Create room
          </button>
        </div>
      </form>
    </div>
  );
}
