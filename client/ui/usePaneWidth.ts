import { useRef, useState } from 'preact/hooks';

export interface PaneWidth {
  width: number;
  drag(deltaX: number, phase: 'start' | 'move' | 'end'): void;
  reset(): void;
}

/**
 * A pane width the person can drag (see SplitHandle), clamped, remembered in localStorage.
 * `direction` is 1 for a pane left of its handle (dragging right widens it), -1 for one right of it.
 */
export function usePaneWidth(name: string, initial: number, min: number, max: number, direction: 1 | -1): PaneWidth {
  const key = `pairlane.pane.${name}`;
  const clamp = (w: number): number => Math.round(Math.min(Math.max(w, min), Math.min(max, window.innerWidth * 0.6)));
  const [width, setWidth] = useState(() => {
    const stored = Number(localStorage.getItem(key));
    return stored > 0 ? clamp(stored) : initial;
  });
  const start = useRef(width);
  return {
    width,
    drag(deltaX, phase) {
      if (phase === 'start') start.current = width;
      const next = clamp(start.current + direction * deltaX);
      setWidth(next);
      if (phase === 'end') localStorage.setItem(key, String(next));
    },
    reset() {
      setWidth(initial);
      localStorage.removeItem(key);
    },
  };
}
