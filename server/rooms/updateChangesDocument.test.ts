import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { updateChangesDocument } from './updateChangesDocument.ts';

function synced(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  const text = server.getText('t');
  text.insert(0, 'hello world, hello rooms');
  text.delete(0, 6);
  text.delete(5, 3);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

describe('updateChangesDocument', () => {
  it('a step 2 from a client that has nothing new does not change the document, though it carries the delete set', () => {
    const { server, client } = synced();
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0);
    expect(updateChangesDocument(server, step2)).toBe(false);
  });

  it('an insert changes it', () => {
    const { server, client } = synced();
    client.getText('t').insert(0, '!');
    expect(updateChangesDocument(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))).toBe(true);
  });

  it('a delete alone changes it', () => {
    const { server, client } = synced();
    client.getText('t').delete(0, 1);
    expect(updateChangesDocument(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))).toBe(true);
  });

  it('an update the document already has does not', () => {
    const { server, client } = synced();
    let update: Uint8Array = new Uint8Array();
    client.on('update', (u: Uint8Array) => (update = u));
    client.getText('t').insert(3, 'abc');
    Y.applyUpdate(server, update);
    expect(updateChangesDocument(server, update)).toBe(false);
    expect(updateChangesDocument(server, new Uint8Array([0, 0]))).toBe(false);
  });
});
