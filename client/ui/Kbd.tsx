import type { JSX } from 'preact';

/** Whether shortcuts use ⌘ (Apple platforms) rather than Ctrl. */
export const isApple = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const symbols: Record<string, string> = isApple
  ? { Mod: '⌘', Shift: '⇧', Enter: '↵', Alt: '⌥', Escape: 'Esc' }
  : { Mod: 'Ctrl', Shift: 'Shift', Enter: 'Enter', Alt: 'Alt', Escape: 'Esc' };

/** A shortcut as text, e.g. "Ctrl+Shift+Enter" or "⌘⇧↵", for tooltips. */
export function shortcutText(keys: readonly string[]): string {
  const parts = keys.map((k) => symbols[k] ?? k);
  return isApple ? parts.join('') : parts.join('+');
}

/** A shortcut drawn as keycaps. */
export function Kbd({ keys }: { keys: readonly string[] }): JSX.Element {
  return (
    <span class="kbd-group">
      {keys.map((k) => (
        <kbd key={k} class="kbd">
          {symbols[k] ?? k}
        </kbd>
      ))}
    </span>
  );
}
