import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyOffsetEdits, deltaToEdits } from './deltaToEdits.ts';

/** A small seeded generator, so a failing case can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('deltaToEdits', () => {
  it('replays a remote transaction onto the old text', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'hello world\nsecond line');
    const before = text.toString();
    let replayed = '';
    text.observe((event) => {
      replayed = applyOffsetEdits(before, deltaToEdits(event.delta));
    });
    doc.transact(() => {
      text.delete(0, 5);
      text.insert(0, 'HELLO');
      text.insert(text.length, '!\nthird');
      text.delete(8, 3);
    });
    expect(replayed).toBe(text.toString());
  });

  it('keeps any two peers equal under random concurrent edits (seeded)', () => {
    for (let seed = 1; seed <= 40; seed += 1) {
      const next = random(seed);
      const a = new Y.Doc();
      const b = new Y.Doc();
      const ta = a.getText('t');
      const tb = b.getText('t');
      ta.insert(0, 'const x = 1;\nconsole.log(x);\n');
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
      // B mirrors what an editor model would hold: its text, updated only through deltaToEdits.
      let mirror = ta.toString();
      ta.observe((event) => {
        mirror = applyOffsetEdits(mirror, deltaToEdits(event.delta));
      });
      for (let round = 0; round < 5; round += 1) {
        for (let i = 0; i < 3; i += 1) {
          const at = Math.floor(next() * (tb.length + 1));
          if (next() < 0.5 && tb.length > 0) tb.delete(Math.min(at, tb.length - 1), Math.min(1 + Math.floor(next() * 4), tb.length - Math.min(at, tb.length - 1)));
          else tb.insert(at, ['a', '\n', 'ün', '{}', '// é\n'][Math.floor(next() * 5)] ?? 'x');
        }
        Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
        expect(mirror, `seed ${seed}`).toBe(ta.toString());
      }
    }
  });
});
