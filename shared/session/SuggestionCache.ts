import { continuationAt } from './continuationAt.ts';
import type { CursorContext } from './CursorContext.ts';

/** A completed suggestion and where it was asked for. */
export interface CachedSuggestion {
  readonly requestId: string;
  readonly anchor: CursorContext;
  readonly text: string;
}

/** A cache hit: the suggestion, and what of it is left to show at the cursor looked up. */
export interface CacheHit {
  readonly suggestion: CachedSuggestion;
  readonly remaining: string;
}

/**
 * The last few completed suggestions, most recent first, so that backspacing (or typing again)
 * into a place where a suggestion was shown brings it back without a request. A suggestion
 * matches any cursor that is its anchor plus a typed prefix of it (`continuationAt`), so one
 * entry serves every position along the suggestion. Immutable: every change returns a new cache.
 */
export class SuggestionCache {
  constructor(
    readonly entries: readonly CachedSuggestion[] = [],
    readonly capacity = 16,
  ) {}

  /** The cache with `suggestion` first; an entry for the same request or the same anchor is replaced. */
  remember(suggestion: CachedSuggestion): SuggestionCache {
    if (suggestion.text === '') return this;
    const others = this.entries.filter((e) => e.requestId !== suggestion.requestId && !sameAnchor(e.anchor, suggestion.anchor));
    return new SuggestionCache([suggestion, ...others].slice(0, this.capacity), this.capacity);
  }

  /** The most recent suggestion with something left to show at `cursor`, or null. */
  lookup(cursor: CursorContext): CacheHit | null {
    for (const suggestion of this.entries) {
      const continuation = continuationAt(suggestion.anchor, suggestion.text, cursor);
      if (continuation.kind === 'remaining') return { suggestion, remaining: continuation.text };
    }
    return null;
  }

  /** The cache without the suggestion of `requestId` (dismissed suggestions do not come back). */
  forget(requestId: string): SuggestionCache {
    if (!this.entries.some((e) => e.requestId === requestId)) return this;
    return new SuggestionCache(
      this.entries.filter((e) => e.requestId !== requestId),
      this.capacity,
    );
  }
}

function sameAnchor(a: CursorContext, b: CursorContext): boolean {
  return a.path === b.path && a.offset === b.offset && a.before === b.before && a.lineSuffix === b.lineSuffix;
}
