import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * Asks a person for the name others see next to their cursor, once, when they first enter a
 * room. The invite already gave them a name on the server (members list, event log); this one
 * labels their cursor.
 */
export function NameDialog(props: { suggested: string; role: string; onDone(name: string): void }): JSX.Element {
  const [name, setName] = useState(props.suggested);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const done = (): void => props.onDone(name.trim() || props.suggested);
  return (
    <div class="dialog-backdrop">
      <form
        class="dialog"
        aria-labelledby="name-dialog-title"
        data-testid="room-name-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          done();
        }}
      >
        <h2 id="name-dialog-title" class="dialog-title">
          You are joining a shared room
        </h2>
        <p class="dialog-body">
          You are in as <strong>{props.role}</strong>. What name should the others see next to your cursor?
        </p>
        <input
          ref={input}
          class="room-input"
          data-testid="room-name-input"
          maxLength={64}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
          aria-label="Your name"
        />
        <div class="dialog-actions">
          <button type="submit" class="button primary" data-testid="room-name-ok">
            Join
          </button>
        </div>
      </form>
    </div>
  );
}
