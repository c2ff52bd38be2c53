import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { YjsDeliveryWatch } from './YjsDeliveryWatch.ts';

describe('YjsDeliveryWatch', () => {
  it('is delivering while observers hear a peer’s update, and not after', () => {
    const peer = new Y.Doc();
    peer.getText('f').insert(0, 'hello');
    const doc = new Y.Doc();
    const watch = new YjsDeliveryWatch(doc);
    const seen: boolean[] = [];
    doc.getText('f').observe(() => seen.push(watch.delivering));
    expect(watch.delivering).toBe(false);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(peer), 'remote');
    expect(seen).toEqual([true]);
    expect(watch.delivering).toBe(false);
  });

  it('is not delivering while the local side makes its own transaction (the person typing)', () => {
    const doc = new Y.Doc();
    const watch = new YjsDeliveryWatch(doc);
    const during: boolean[] = [];
    doc.transact(() => {
      during.push(watch.delivering);
      doc.getText('f').insert(0, 'typed');
      during.push(watch.delivering);
    }, 'monaco-binding');
    expect(during).toEqual([false, false]);
    expect(watch.delivering).toBe(false);
  });

  it('stops watching when disposed', () => {
    const doc = new Y.Doc();
    const watch = new YjsDeliveryWatch(doc);
    watch.dispose();
    const seen: boolean[] = [];
    doc.getText('f').observe(() => seen.push(watch.delivering));
    doc.getText('f').insert(0, 'x');
    expect(seen).toEqual([false]);
  });
});
