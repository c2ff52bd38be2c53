import type { JSX } from 'preact';
import { useRef } from 'preact/hooks';

/**
 * A vertical drag handle between two panes. It reports the pointer's horizontal movement since
 * the drag began; the owner turns that into a width and clamps it. Double-click resets.
 */
export function SplitHandle({ onDrag, onReset, label, testId }: { onDrag(deltaX: number, phase: 'start' | 'move' | 'end'): void; onReset(): void; label: string; testId?: string }): JSX.Element {
  const start = useRef<number | undefined>(undefined);
  return (
    <div
      class="split-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      title={`${label} (double-click to reset)`}
      data-testid={testId}
      onPointerDown={(e) => {
        e.preventDefault();
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = e.clientX;
        document.body.classList.add('is-resizing');
        onDrag(0, 'start');
      }}
      onPointerMove={(e) => {
        if (start.current !== undefined) onDrag(e.clientX - start.current, 'move');
      }}
      onPointerUp={(e) => {
        if (start.current === undefined) return;
        onDrag(e.clientX - start.current, 'end');
        start.current = undefined;
        document.body.classList.remove('is-resizing');
      }}
      onDblClick={onReset}
    />
  );
}
