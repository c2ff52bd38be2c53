import * as Y from 'yjs';
import { filesOf } from '../shared/workspaceDoc.ts';
import type { RoomsBenchClient } from './roomsBenchClient.ts';
import { BENCH_FILES } from './roomsBenchDocument.ts';

/** Propagation times, in ms, gathered over one phase. */
export interface PropagationSamples {
  /** One per edit and receiver: from the typist's keystroke to that receiver's doc having it applied. */
  perReceiver: number[];
  /** One per edit: until the last receiver had it. */
  allReceived: number[];
  /** Edits typed. */
  edits: number;
}

interface PendingEdit {
  /** An insert: the typist's client id and its clock after the edit (a receiver has it once its state reaches that). */
  client: number;
  clock: number;
  /** A backspace: the id of the character deleted (a receiver has it once that character is deleted there). */
  deleted?: { client: number; clock: number };
  typedAt: number;
  /** False while the typist's own transaction runs (its clock is not known yet). */
  sent: boolean;
  waiting: Set<number>;
  latest: number;
}

const TYPED = 'const total = rule0(lines).cents + 1;\n';
/** Every eighth keystroke is a backspace, as in real typing (and a deletion is its own kind of update). */
const BACKSPACE_EVERY = 8;

/**
 * One room of benchmark clients: a typist types one character at a time into a file, and every
 * other client's doc is watched for the moment that keystroke is applied. A keystroke is
 * recognised by the typist's Yjs clock (state vector entry), so the check costs the same whatever
 * the document's size and whichever server relays it.
 */
export class RoomsBenchRoom {
  private pending: PendingEdit[] = [];
  private readonly cursors: number[];
  private readonly listeners: Array<() => void> = [];

  constructor(
    readonly clients: RoomsBenchClient[],
    private readonly samples: PropagationSamples,
  ) {
    this.cursors = clients.map((client, i) => Math.floor((filesOf(client.doc).get(fileFor(i))?.length ?? 0) * 0.6));
    clients.forEach((client, receiver) => {
      const listener = (): void => this.check(receiver, client.doc);
      client.doc.on('afterTransaction', listener);
      this.listeners.push(() => client.doc.off('afterTransaction', listener));
    });
  }

  /** Client `typist` types one character at its cursor, or deletes the one before it. */
  type(typist: number): void {
    const client = this.clients[typist];
    if (!client) throw new RangeError(`no client ${typist}`);
    const text = filesOf(client.doc).get(fileFor(typist));
    if (!text) throw new Error(`${fileFor(typist)} is missing`);
    const at = Math.min(this.cursors[typist] ?? 0, text.length);
    const waiting = new Set(this.clients.keys());
    waiting.delete(typist);
    const backspace = this.samples.edits % BACKSPACE_EVERY === BACKSPACE_EVERY - 1 && at > 0;
    const edit: PendingEdit = { client: client.doc.clientID, clock: 0, typedAt: performance.now(), sent: false, waiting, latest: 0 };
    if (backspace) {
      const target = Y.createRelativePositionFromTypeIndex(text, at - 1).item;
      if (!target) throw new Error('no character before the cursor');
      edit.deleted = { client: target.client, clock: target.clock };
    }
    this.pending.push(edit);
    // The send happens inside: RoomSyncClient / the provider emit the update synchronously.
    if (backspace) text.delete(at - 1, 1);
    else text.insert(at, TYPED[this.samples.edits % TYPED.length] as string);
    edit.clock = Y.getState(client.doc.store, client.doc.clientID);
    edit.sent = true;
    this.cursors[typist] = backspace ? at - 1 : at + 1;
    this.samples.edits++;
  }

  get pendingEdits(): number {
    return this.pending.length;
  }

  /** Receivers still waiting for some edit (counted once per edit and receiver). */
  get missing(): number {
    return this.pending.reduce((sum, edit) => sum + edit.waiting.size, 0);
  }

  /** Whether every client holds the same files. */
  converged(): boolean {
    const first = this.clients[0];
    if (!first) return true;
    const reference = BENCH_FILES.map((path) => filesOf(first.doc).get(path)?.toString());
    return this.clients.every((client) => BENCH_FILES.every((path, i) => filesOf(client.doc).get(path)?.toString() === reference[i]));
  }

  stopWatching(): void {
    for (const off of this.listeners.splice(0)) off();
  }

  private check(receiver: number, doc: Y.Doc): void {
    if (this.pending.length === 0) return;
    const now = performance.now();
    let done = 0;
    for (const edit of this.pending) {
      if (!edit.sent || !edit.waiting.has(receiver)) continue;
      if (!(edit.deleted ? isDeletedIn(doc, edit.deleted) : Y.getState(doc.store, edit.client) >= edit.clock)) continue;
      edit.waiting.delete(receiver);
      this.samples.perReceiver.push(now - edit.typedAt);
      edit.latest = now;
      if (edit.waiting.size === 0) {
        this.samples.allReceived.push(edit.latest - edit.typedAt);
        done++;
      }
    }
    if (done > 0) this.pending = this.pending.filter((edit) => edit.waiting.size > 0);
  }
}

/** Whether `doc` holds the character with this id, deleted. */
function isDeletedIn(doc: Y.Doc, id: { client: number; clock: number }): boolean {
  if (Y.getState(doc.store, id.client) <= id.clock) return false;
  const structs = doc.store.clients.get(id.client);
  return structs?.[Y.findIndexSS(structs, id.clock)]?.deleted ?? false;
}

/** Each client types into its own file, as people in a room mostly do. */
function fileFor(client: number): string {
  return BENCH_FILES[client % BENCH_FILES.length] as string;
}
