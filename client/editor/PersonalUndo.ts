import * as Y from 'yjs';
import { LocalEditOrigin } from './LocalEditOrigin.ts';

/** How long a pause ends a typing burst, in ms: edits closer together than this undo together. */
export const UNDO_CAPTURE_MS = 500;

/** Where the cursor goes after an undo or redo: the offset just after the last change it made. */
export interface UndoResult {
  offset: number;
}

/**
 * One person's undo history of one file. It records only the transactions this person's editor
 * made (origin `LocalEditOrigin`), so undo takes back their own edits and never a peer's, and it
 * works on Yjs items, not offsets, so it stays right when remote edits moved the text around.
 * Edits closer together than `captureTimeout` are one step; `stopCapturing()` ends a step at once
 * (an accepted suggestion or an applied quick edit is exactly one step because the editor asks
 * for undo stops around it).
 */
export class PersonalUndo {
  private readonly manager: Y.UndoManager;
  private lastChange: number | undefined;
  private readonly onText = (event: Y.YTextEvent, transaction: Y.Transaction): void => {
    if (transaction.origin !== this.manager) return;
    this.lastChange = offsetAfter(event.delta);
  };

  constructor(
    private readonly text: Y.Text,
    options: { captureTimeout?: number } = {},
  ) {
    this.manager = new Y.UndoManager(text, {
      trackedOrigins: new Set([LocalEditOrigin]),
      captureTimeout: options.captureTimeout ?? UNDO_CAPTURE_MS,
    });
    text.observe(this.onText);
  }

  canUndo(): boolean {
    return this.manager.canUndo();
  }

  canRedo(): boolean {
    return this.manager.canRedo();
  }

  /** Takes back this person's last step; answers where the change happened, or undefined when there was nothing to undo. */
  undo(): UndoResult | undefined {
    return this.run(() => this.manager.undo());
  }

  /** Brings back the last undone step; answers where, or undefined when there was nothing to redo. */
  redo(): UndoResult | undefined {
    return this.run(() => this.manager.redo());
  }

  /** Ends the current step: the next edit starts a new one. */
  stopCapturing(): void {
    this.manager.stopCapturing();
  }

  /** Forgets the history (both stacks). */
  clear(): void {
    this.manager.clear();
  }

  dispose(): void {
    this.text.unobserve(this.onText);
    this.manager.destroy();
  }

  private run(step: () => unknown): UndoResult | undefined {
    this.lastChange = undefined;
    // A step whose items a peer already deleted changes nothing; the next one is tried, as Yjs does.
    const item = step();
    const offset = this.lastChange;
    this.lastChange = undefined;
    if (item === null || offset === undefined) return undefined;
    return { offset };
  }
}

/** The offset just after the last change a delta makes (the end of its last insert, or where its last delete was). */
function offsetAfter(delta: Y.YTextEvent['delta']): number | undefined {
  let at = 0;
  let last: number | undefined;
  for (const op of delta) {
    if (op.retain !== undefined) {
      at += op.retain;
    } else if (op.insert !== undefined) {
      at += typeof op.insert === 'string' ? op.insert.length : 1;
      last = at;
    } else if (op.delete !== undefined) {
      last = at;
    }
  }
  return last;
}
