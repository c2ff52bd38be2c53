import { monaco } from './monaco.ts';
import type { RunMarker } from './runMarkers.ts';
import { pathOf } from './WorkspaceModels.ts';

/** The marker owner for run results, apart from the TypeScript service's own markers. */
const OWNER = 'pairlane-run';

/**
 * Replaces the run markers on every workspace model with `markers` (an empty list clears them).
 * A marker spans from its column to the end of its line, so the whole failing expression is
 * underlined; lines past the end of a file (it changed since the run) clamp to the last line.
 */
export function applyRunMarkers(markers: readonly RunMarker[]): void {
  const byFile = new Map<string, RunMarker[]>();
  for (const marker of markers) byFile.set(marker.file, [...(byFile.get(marker.file) ?? []), marker]);
  for (const model of monaco.editor.getModels()) {
    const path = pathOf(model.uri);
    if (path === undefined) continue;
    const mine = byFile.get(path) ?? [];
    monaco.editor.setModelMarkers(
      model,
      OWNER,
      mine.map((m) => {
        const line = Math.min(Math.max(1, m.line), model.getLineCount());
        const endColumn = model.getLineMaxColumn(line);
        const startColumn = Math.min(Math.max(1, m.column), Math.max(1, endColumn - 1));
        return {
          severity: m.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: m.message,
          source: 'run',
          startLineNumber: line,
          startColumn,
          endLineNumber: line,
          endColumn,
        };
      }),
    );
  }
}
