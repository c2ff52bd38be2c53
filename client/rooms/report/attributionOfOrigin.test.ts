import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RoomClientMessage } from '../../../shared/roomMessage.ts';
import type { AiAttribution } from '../../../shared/rooms/aiAttribution.ts';
import { RoomSyncClient } from '../../../shared/rooms/RoomSyncClient.ts';
import { startTestSession } from '../../../shared/session/testing/startTestSession.ts';
import { localEditOrigin, runAttributed } from '../../editor/LocalEditOrigin.ts';
import { attributionOfOrigin } from './attributionOfOrigin.ts';

const FAST: AiAttribution = { lane: 'fast', model: 'qwen-coder', requestId: 'f1' };

/** A joined room client over `doc`, recording what it sends. */
function joined(doc: Y.Doc) {
  const sent: RoomClientMessage[] = [];
  const sync = new RoomSyncClient({ roomId: 'r', doc, send: (message) => sent.push(message), attributionOf: attributionOfOrigin });
  sync.receive({ type: 'room-joined', roomId: 'r', you: { personId: 'p', name: 'Ana', role: 'guest' }, policy: { editingLocked: false, runningDisabled: false, defaultAi: 'fast', ai: {} }, members: [] });
  sent.length = 0;
  return { sent, sync };
}

/** What the editor binding does for one Monaco edit: one transaction with the binding's origin (bindYText). */
function bindingEdit(doc: Y.Doc, binding: object, edit: () => void): void {
  doc.transact(edit, localEditOrigin(binding));
}

describe('attributed edits', () => {
  it('an accept is exactly one transaction, sent to the room with its attribution; the person’s typing is not', () => {
    const doc = new Y.Doc();
    const text = doc.getMap<Y.Text>('files').set('main.ts', new Y.Text('const a = '));
    const { sent } = joined(doc);
    const transactions: unknown[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => transactions.push(attributionOfOrigin(transaction.origin)));
    const model = {};

    bindingEdit(doc, model, () => text.insert(text.length, '1'));
    runAttributed(FAST, () => bindingEdit(doc, model, () => text.insert(text.length, ';\nconst b = a + 1;')));
    bindingEdit(doc, model, () => text.insert(text.length, '\n'));

    expect(transactions).toEqual([undefined, FAST, undefined]);
    expect(sent.map((message) => (message.type === 'room-sync' ? (message.attribution ?? null) : message.type))).toEqual([null, FAST, null]);
    // Nothing attributed leaks out of runAttributed, even after a throw inside it.
    expect(() => runAttributed(FAST, () => { throw new Error('edit failed'); })).toThrow('edit failed');
    bindingEdit(doc, model, () => text.insert(0, '//'));
    expect(sent.at(-1)).not.toHaveProperty('attribution');
  });

  it('ghost text and a streaming quick edit never touch the document; only the accept does, once, attributed', () => {
    const s = startTestSession({ text: 'const total = ' });
    const doc = new Y.Doc();
    const text = doc.getMap<Y.Text>('files').set(s.doc.path, new Y.Text(s.doc.text));
    const { sent } = joined(doc);
    const updates: Array<AiAttribution | undefined> = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => updates.push(attributionOfOrigin(origin)));
    /** Carries out the machine's document services the way AiSession does: an attributed editor edit. */
    let carried = 0;
    const carryOut = (): void => {
      const calls = s.services.calls.slice(carried);
      carried += calls.length;
      for (const call of calls) {
        if (call.kind === 'insertSuggestion') {
          runAttributed({ lane: 'fast', model: 'qwen-coder', requestId: call.insertion.requestId }, () => bindingEdit(doc, {}, () => text.insert(call.insertion.at, call.insertion.text)));
        }
        if (call.kind === 'applyQuickEdit') {
          const edits = [...call.application.edits].sort((a, b) => b.start - a.start);
          runAttributed({ lane: 'quick-edit', model: 'qwen-coder', requestId: call.application.requestId }, () =>
            bindingEdit(doc, {}, () => {
              for (const edit of edits) {
                text.delete(edit.start, edit.end - edit.start);
                text.insert(edit.start, edit.text);
              }
            }),
          );
        }
      }
    };

    // The person types "4" (their own edit), and the fast lane suggests the rest.
    s.type('4');
    bindingEdit(doc, {}, () => text.insert(text.length, '4'));
    updates.length = 0;
    s.clock.increment(s.context.fast.debounceMs);
    const id = s.services.suggestionRequests.at(-1) ?? 'f1';
    s.stream(id, ['2', ';'], { done: false });
    expect(s.ghost?.text).toBe('2;');
    carryOut();
    expect(updates).toEqual([]);
    s.send({ type: 'fast.accept' });
    carryOut();
    expect(updates).toEqual([{ lane: 'fast', model: 'qwen-coder', requestId: id }]);
    expect(text.toString()).toBe('const total = 42;');

    const source = text.toString();
    s.send({ type: 'quick.open', path: s.doc.path, documentText: source, selection: { start: 0, end: 5 } });
    s.send({ type: 'quick.submit', instruction: 'use let' });
    const quickId = s.context.quick.requestId ?? '';
    s.send({ type: 'quick.batch', requestId: quickId, seq: 0, text: 'le', done: false });
    s.send({ type: 'quick.batch', requestId: quickId, seq: 1, text: 't', done: true });
    expect(s.quick).toBe('review');
    carryOut();
    expect(updates).toHaveLength(1);
    s.send({ type: 'quick.accept' });
    carryOut();
    expect(updates).toEqual([{ lane: 'fast', model: 'qwen-coder', requestId: id }, { lane: 'quick-edit', model: 'qwen-coder', requestId: quickId }]);
    expect(text.toString()).toBe('let total = 42;');
    expect(sent.filter((message) => message.type === 'room-sync').map((message) => message.type === 'room-sync' && (message.attribution?.lane ?? null))).toEqual([null, 'fast', 'quick-edit']);
  });
});
