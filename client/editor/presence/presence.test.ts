import { afterEach, describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { filesOf } from '../../../shared/workspaceDoc.ts';
import { resolvePresenceCursor, toPresenceCursor } from './cursorPosition.ts';
import { PRESENCE_COLORS, presenceColor } from './presenceColor.ts';
import { readPeers } from './presenceState.ts';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const step of cleanup.splice(0)) step();
});

/** Two tabs of a room: documents and awareness forwarded both ways, as the room relays them. */
function twoTabs(): { docA: Y.Doc; docB: Y.Doc; a: Awareness; b: Awareness } {
  const docA = new Y.Doc();
  const docB = new Y.Doc();
  docA.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'relay') Y.applyUpdate(docB, update, 'relay');
  });
  docB.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== 'relay') Y.applyUpdate(docA, update, 'relay');
  });
  const a = new Awareness(docA);
  const b = new Awareness(docB);
  const forward = (from: Awareness, to: Awareness) => ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin === 'relay') return;
    applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...added, ...updated, ...removed]), 'relay');
  };
  a.on('update', forward(a, b));
  b.on('update', forward(b, a));
  cleanup.push(() => {
    a.destroy();
    b.destroy();
  });
  return { docA, docB, a, b };
}

describe('presence state', () => {
  it('gives each person a palette colour, the same for the same id', () => {
    expect(presenceColor('person-ana')).toBe(presenceColor('person-ana'));
    expect(PRESENCE_COLORS).toContain(presenceColor('person-ana'));
    const used = new Set(Array.from({ length: 200 }, (_, i) => presenceColor(`person-${i}`)));
    // Spread over the whole palette, not a few colours.
    expect(used.size).toBe(PRESENCE_COLORS.length);
  });

  it('lists the other tab with its user and cursor, and forgets it when it leaves', () => {
    const { docA, docB, a, b } = twoTabs();
    filesOf(docA).set('src/sum.ts', new Y.Text('export const sum = 1;\n'));
    b.setLocalStateField('user', { personId: 'p-bo', name: 'Bo', color: presenceColor('p-bo'), role: 'guest' });
    const textB = filesOf(docB).get('src/sum.ts');
    if (!textB) throw new Error('the file did not reach B');
    b.setLocalStateField('cursor', toPresenceCursor('src/sum.ts', textB, { anchor: 7, head: 12 }));
    a.setLocalStateField('user', { personId: 'p-ana', name: 'Ana', color: presenceColor('p-ana') });

    const peers = readPeers(a.getStates(), a.clientID);
    expect(peers.map((peer) => [peer.user.name, peer.user.role, peer.cursor?.path])).toEqual([['Bo', 'guest', 'src/sum.ts']]);
    const textA = filesOf(docA).get('src/sum.ts');
    if (!textA || !peers[0]?.cursor) throw new Error('no cursor');
    expect(resolvePresenceCursor(peers[0].cursor, textA)).toEqual({ anchor: 7, head: 12 });

    // A types before B's selection: B's selection still covers the same characters.
    textA.insert(0, '// header\n');
    expect(resolvePresenceCursor(peers[0].cursor, textA)).toEqual({ anchor: 17, head: 22 });
    expect(textA.toString().slice(17, 22)).toBe('const');

    b.setLocalState(null);
    expect(readPeers(a.getStates(), a.clientID)).toEqual([]);
  });

  it('skips states that do not parse, and positions of another file', () => {
    const { docA, a, b } = twoTabs();
    filesOf(docA).set('a.ts', new Y.Text('aaaa'));
    filesOf(docA).set('b.ts', new Y.Text('bbbb'));
    b.setLocalStateField('user', { personId: '', name: 'X' });
    expect(readPeers(a.getStates(), a.clientID)).toEqual([]);
    // A colour a tab sends is not used: the person's colour comes from their id.
    b.setLocalStateField('user', { personId: 'p-x', name: 'X', color: 'red; background: url(x)' });
    expect(readPeers(a.getStates(), a.clientID).map((peer) => peer.user.color)).toEqual([presenceColor('p-x')]);
    const textA = filesOf(docA).get('a.ts');
    const textB = filesOf(docA).get('b.ts');
    if (!textA || !textB) throw new Error('no files');
    const cursor = toPresenceCursor('a.ts', textA, { anchor: 1, head: 1 });
    expect(resolvePresenceCursor(cursor, textB)).toBeUndefined();
    expect(resolvePresenceCursor({ path: 'a.ts', anchor: 'nonsense', head: { item: 5 } }, textA)).toBeUndefined();
  });
});
