/**
 * Emits a user-timing mark for tools that watch the page (the ghost-text benchmark, devtools'
 * performance panel) and drops it from the timeline buffer at once: a PerformanceObserver has
 * already been handed the entry, and a long session would otherwise keep one per keystroke.
 */
export function markTiming(name: string, detail?: Record<string, unknown>): void {
  performance.mark(name, detail === undefined ? undefined : { detail });
  performance.clearMarks(name);
}
