import * as Y from 'yjs';
import type { RoomEvent } from '../../roomEvent.ts';
import { createFile, fileText } from '../../../workspaceDoc.ts';

/** A session's edit log as the server writes it, and the files after each edit, for checking a replay. */
export interface TypedSession {
  events: RoomEvent[];
  /** filesAfter[k]: the files after the first k edit events. */
  filesAfter: Array<Record<string, string>>;
}

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A small deterministic generator (mulberry32), so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Two people typing into a workspace for `edits` edit events, a few seconds apart: inserts,
 * deletions and a new file now and then, each edit one Yjs update from that person's own document
 * merged into the room's, logged as an `edit` event `{ from, to, updates, update }` the way the
 * server's EditBatcher logs it.
 */
export function typedSession(edits: number, options: { roomId?: string; start?: number; seed?: number } = {}): TypedSession {
  const roomId = options.roomId ?? 'room-typed';
  const start = options.start ?? Date.UTC(2026, 10, 21, 9, 0, 0);
  const next = random(options.seed ?? 1);
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  const events: RoomEvent[] = [];
  const filesAfter: Array<Record<string, string>> = [{}];
  let seq = 0;
  let at = start;
  const readAll = (doc: Y.Doc): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [path, text] of doc.getMap<Y.Text>('files')) out[path] = text.toString();
    return out;
  };
  const log = (person: 0 | 1, change: (doc: Y.Doc) => void): void => {
    const doc = docs[person];
    const captured: Uint8Array[] = [];
    const listen = (update: Uint8Array) => captured.push(update);
    doc.on('update', listen);
    change(doc);
    doc.off('update', listen);
    if (captured.length === 0) return;
    const update = Y.mergeUpdates(captured);
    Y.applyUpdate(docs[person === 0 ? 1 : 0], update);
    events.push({ roomId, seq: seq++, at, personId: person === 0 ? 'p-host' : 'p-guest', kind: 'edit', payload: { from: at, to: at + 500, updates: captured.length, update: base64(update) } });
    filesAfter.push(readAll(doc));
    at += 1000 + Math.floor(next() * 3000);
  };

  log(0, (doc) => createFile(doc, 'src/sum.ts', 'export function sum(a: number, b: number): number {\n  return a + b;\n}\n'));
  let files = ['src/sum.ts'];
  while (events.length < edits) {
    const person = next() < 0.6 ? 0 : 1;
    log(person, (doc) => {
      const roll = next();
      if (roll < 0.05 && files.length < 8) {
        const path = `src/part${files.length}.ts`;
        createFile(doc, path, `// part ${files.length}\n`);
        files = [...files, path];
        return;
      }
      const text = fileText(doc, files[Math.floor(next() * files.length)] as string) as Y.Text;
      if (roll < 0.3 && text.length > 40) {
        const from = Math.floor(next() * (text.length - 10));
        text.delete(from, 1 + Math.floor(next() * 8));
      } else {
        const words = ['const x = 1;\n', 'sum', '(a, b)', ' // note\n', 'return ', 'if (a > b) {\n}\n', 'x'];
        text.insert(Math.floor(next() * (text.length + 1)), words[Math.floor(next() * words.length)] as string);
      }
    });
  }
  docs[0].destroy();
  docs[1].destroy();
  return { events, filesAfter };
}
