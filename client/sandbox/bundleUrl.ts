/**
 * How a bundle is named in stack traces that leave the user-code worker. The worker loads each
 * bundle from a blob URL that means nothing outside it, so it rewrites those URLs to
 * `pairlane://bundle/<id>` before sending a stack; the runtime maps such frames back to the
 * original files with the bundle's source map.
 */
export const BUNDLE_URL_PREFIX = 'pairlane://bundle/';

/** Matches `pairlane://bundle/<id>:<line>:<column>` (1-based line and column, as V8 prints them). */
export const BUNDLE_POSITION_PATTERN = /pairlane:\/\/bundle\/(\d+):(\d+):(\d+)/g;

/** A position in a generated bundle, as V8 reports it (1-based line and column). */
export interface BundlePosition {
  bundle: number;
  line: number;
  column: number;
}

/** The first bundle position in a stack: the innermost frame that is user code. */
export function firstBundlePosition(stack: string | undefined): BundlePosition | undefined {
  if (!stack) return undefined;
  const match = new RegExp(BUNDLE_POSITION_PATTERN.source).exec(stack);
  return match ? { bundle: Number(match[1]), line: Number(match[2]), column: Number(match[3]) } : undefined;
}
