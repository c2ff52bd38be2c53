import * as Y from 'yjs';
import type { RoomClock } from './RoomClock.ts';

/** One person's edits over a short window, as the event log keeps them. */
export interface EditBatch {
  personId: string;
  /** Epoch ms of the first and last edit in the batch. */
  from: number;
  to: number;
  /** How many updates were merged. */
  updates: number;
  /** The merged Yjs update (v1). */
  update: Uint8Array;
}

/**
 * Gathers each person's accepted updates into one batch per window (`windowMs` from the first),
 * so the event log gets one "edit" entry per burst of typing rather than one per keystroke, and
 * each entry carries the merged update: replay applies them in order to rebuild the files at any
 * moment, whatever compaction did to the stored document.
 */
export class EditBatcher {
  private readonly open = new Map<string, { from: number; to: number; updates: Uint8Array[]; timer: unknown }>();

  constructor(
    private readonly clock: RoomClock,
    private readonly windowMs: number,
    private readonly onBatch: (batch: EditBatch) => void,
  ) {}

  add(personId: string, update: Uint8Array): void {
    const now = this.clock.now();
    const batch = this.open.get(personId);
    if (batch) {
      batch.updates.push(update);
      batch.to = now;
      return;
    }
    const timer = this.clock.setTimeout(() => this.flush(personId), this.windowMs);
    this.open.set(personId, { from: now, to: now, updates: [update], timer });
  }

  /** Closes one person's batch now (they left), or everyone's. */
  flush(personId?: string): void {
    for (const id of personId === undefined ? [...this.open.keys()] : [personId]) {
      const batch = this.open.get(id);
      if (!batch) continue;
      this.open.delete(id);
      this.clock.clearTimeout(batch.timer);
      const update = batch.updates.length === 1 ? (batch.updates[0] as Uint8Array) : Y.mergeUpdates(batch.updates);
      this.onBatch({ personId: id, from: batch.from, to: batch.to, updates: batch.updates.length, update });
    }
  }
}
