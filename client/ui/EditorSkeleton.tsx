import type { JSX } from 'preact';

/** Placeholder lines while Monaco's chunk loads, shaped like code so the page does not jump. */
export function EditorSkeleton(): JSX.Element {
  const widths = [46, 62, 38, 0, 54, 70, 44, 30, 0, 58, 66, 40];
  return (
    <div class="editor-skeleton" data-testid="editor-loading" aria-label="Loading the editor">
      {widths.map((w, i) => (
        <div key={i} class="skeleton-line">
          <span class="skeleton-gutter">{i + 1}</span>
          {w > 0 ? <span class="skeleton-bar" style={{ width: `${w}%` }} /> : null}
        </div>
      ))}
    </div>
  );
}
