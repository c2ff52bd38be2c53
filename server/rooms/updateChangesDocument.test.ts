import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SeededRandom } from './testing/seededRandom.ts';
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

  it('a delete of content deleted in part, or not seen yet, changes it; one deleted throughout does not', () => {
    const { server, client } = synced();
    const text = client.getText('t');
    // "world, hello rooms" → delete a range that straddles the earlier deletion at 5..8.
    client.getText('t').delete(3, 5);
    const partly = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(updateChangesDocument(server, partly)).toBe(true);
    Y.applyUpdate(server, partly);
    expect(updateChangesDocument(server, partly)).toBe(false);
    const other = new Y.Doc();
    other.getText('t').insert(0, 'unseen');
    Y.applyUpdate(client, Y.encodeStateAsUpdate(other));
    text.delete(0, text.length);
    // Only the delete set, about content the server has not seen: a change (held as pending).
    const deleteOnly = Y.encodeStateAsUpdate(client, Y.encodeStateVector(client));
    expect(updateChangesDocument(server, deleteOnly)).toBe(true);
  });

  it('agrees with a check against the whole delete set of the document, over random edits', () => {
    const random = new SeededRandom(7);
    for (let round = 0; round < 20; round++) {
      const server = new Y.Doc();
      const peers = [new Y.Doc(), new Y.Doc()];
      for (let step = 0; step < 30; step++) {
        const peer = random.pick(peers);
        const text = peer.getText('t');
        if (text.length > 0 && random.chance(0.4)) {
          const at = random.int(text.length);
          text.delete(at, 1 + random.int(Math.min(4, text.length - at)));
        } else text.insert(random.int(text.length + 1), 'abcdef'.slice(0, 1 + random.int(6)));
        const update = Y.encodeStateAsUpdate(peer, Y.encodeStateVector(server));
        expect(updateChangesDocument(server, update)).toBe(changesByWholeDeleteSet(server, update));
        if (random.chance(0.7)) Y.applyUpdate(server, update);
        expect(updateChangesDocument(server, update)).toBe(changesByWholeDeleteSet(server, update));
        if (random.chance(0.3)) Y.applyUpdate(random.pick(peers), Y.encodeStateAsUpdate(server));
      }
    }
  });
});

/** The definition, checked the slow way: against every deleted range of the document. */
function changesByWholeDeleteSet(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.some((struct) => !(struct instanceof Y.Skip) && struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client))) return true;
  const known = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, deletes] of ds.clients) {
    for (const { clock, len } of deletes) {
      const covered = (known.clients.get(client) ?? []).some((range) => range.clock <= clock && clock + len <= range.clock + range.len);
      if (!covered) return true;
    }
  }
  return false;
}

