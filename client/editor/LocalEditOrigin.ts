import type { AiAttribution } from '../../shared/rooms/aiAttribution.ts';

/**
 * The origin of every Yjs transaction made from this person's editor. A class, so a
 * `Y.UndoManager` can track all of them by constructor (`trackedOrigins: new Set([LocalEditOrigin])`)
 * while remote changes, whose origin is something else, stay out of this person's undo; and so a
 * change accepted from an AI lane can carry its attribution to the room.
 */
export class LocalEditOrigin {
  /**
   * @param binding what made the transaction (the Monaco model), so the binding skips its own echo
   * @param attribution the AI answer this change was accepted from, if any
   */
  constructor(
    readonly binding: object,
    readonly attribution?: AiAttribution,
  ) {}
}

let current: AiAttribution | undefined;

/**
 * Runs `change` (which edits a Monaco model synchronously) with `attribution` as the origin of
 * the Yjs transaction the editor binding makes from it. Accepting a suggestion is one edit, so it
 * becomes one attributed transaction.
 */
export function runAttributed<T>(attribution: AiAttribution, change: () => T): T {
  const outer = current;
  current = attribution;
  try {
    return change();
  } finally {
    current = outer;
  }
}

/** The origin for a transaction the binding is about to make from the person's own edit. */
export function localEditOrigin(binding: object): LocalEditOrigin {
  return new LocalEditOrigin(binding, current);
}
