import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { EditBatcher, type EditBatch } from './EditBatcher.ts';
import { ManualClock } from '../deep/testing/ManualClock.ts';

describe('EditBatcher', () => {
  it('merges one person’s updates over the window into one batch that rebuilds the same text', () => {
    const clock = new ManualClock();
    clock.advance(1_000);
    const batches: EditBatch[] = [];
    const batcher = new EditBatcher(clock, 2_000, (batch) => batches.push(batch));
    const doc = new Y.Doc();
    doc.on('update', (update: Uint8Array) => batcher.add('p-1', update));
    const text = doc.getText('t');
    text.insert(0, 'hel');
    clock.advance(500);
    text.insert(3, 'lo');
    expect(batches).toEqual([]);
    clock.advance(1_500);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toMatchObject({ personId: 'p-1', from: 1_000, to: 1_500, updates: 2 });
    const replayed = new Y.Doc();
    Y.applyUpdate(replayed, batches[0]?.update ?? new Uint8Array());
    expect(replayed.getText('t').toString()).toBe('hello');
  });

  it('keeps people apart, and flushes one person when they leave', () => {
    const clock = new ManualClock();
    const batches: EditBatch[] = [];
    const batcher = new EditBatcher(clock, 2_000, (batch) => batches.push(batch));
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.on('update', (update: Uint8Array) => batcher.add('a', update));
    b.on('update', (update: Uint8Array) => batcher.add('b', update));
    a.getText('t').insert(0, 'A');
    b.getText('t').insert(0, 'B');
    batcher.flush('a');
    expect(batches.map((batch) => batch.personId)).toEqual(['a']);
    batcher.flush();
    expect(batches.map((batch) => batch.personId)).toEqual(['a', 'b']);
    clock.advance(5_000);
    expect(batches).toHaveLength(2);
  });
});
