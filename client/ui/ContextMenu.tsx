import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Icon, type IconName } from './Icon.tsx';

export type MenuItem =
  | { separator: true }
  | { heading: string }
  | {
      separator?: false;
      heading?: undefined;
      label: string;
      hint?: string;
      icon?: IconName;
      shortcut?: string;
      danger?: boolean;
      testId?: string;
      action(): void;
    };

/**
 * A floating menu at a point (a right-click, or under a toolbar button). Closes on a pick, on
 * Escape, or on a click anywhere else; arrow keys move between items. Kept inside the window.
 */
export function ContextMenu({ x, y, items, onClose, testId }: { x: number; y: number; items: MenuItem[]; onClose(): void; testId?: string }): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);
  const [position, setPosition] = useState({ left: x, top: y });

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    setPosition({ left: Math.max(4, Math.min(x, innerWidth - width - 4)), top: Math.max(4, Math.min(y, innerHeight - height - 4)) });
    el.querySelector<HTMLButtonElement>('button')?.focus();
  }, [x, y]);

  useEffect(() => {
    const onDown = (event: MouseEvent): void => {
      if (!ref.current?.contains(event.target as Node)) onClose();
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      }
    };
    window.addEventListener('mousedown', onDown, true);
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('blur', onClose);
    return () => {
      window.removeEventListener('mousedown', onDown, true);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  const move = (event: KeyboardEvent): void => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[(index + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length];
    next?.focus();
  };

  return (
    <div class="menu" role="menu" ref={ref} style={{ left: `${position.left}px`, top: `${position.top}px` }} onKeyDown={move} data-testid={testId ?? 'context-menu'}>
      {items.map((item, i) => {
        if ('separator' in item && item.separator) return <div key={i} class="menu-separator" role="separator" />;
        if ('heading' in item && item.heading !== undefined) return <div key={i} class="menu-heading">{item.heading}</div>;
        const entry = item as Extract<MenuItem, { label: string }>;
        return (
          <button
            key={i}
            class={`menu-item${entry.danger ? ' danger' : ''}`}
            role="menuitem"
            data-testid={entry.testId}
            onClick={() => {
              onClose();
              entry.action();
            }}
          >
            <span class="menu-icon">{entry.icon ? <Icon name={entry.icon} size={15} /> : null}</span>
            <span class="menu-label">
              {entry.label}
              {entry.hint ? <span class="menu-hint">{entry.hint}</span> : null}
            </span>
            {entry.shortcut ? <kbd class="menu-shortcut">{entry.shortcut}</kbd> : null}
          </button>
        );
      })}
    </div>
  );
}
