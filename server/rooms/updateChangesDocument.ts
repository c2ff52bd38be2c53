import * as Y from 'yjs';

/**
 * Whether applying `update` (v1) to `doc` would change it: it holds content past what the
 * document has seen of some client, or deletes something the document has not deleted.
 *
 * A read-only person's client may still answer sync step 1 with a step 2, and a step 2 always
 * carries the sender's whole delete set; refusing those would refuse every reconnect. Only an
 * update that would change the document is an edit.
 */
export function updateChangesDocument(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update);
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    if (struct.id.clock + struct.length > Y.getState(doc.store, struct.id.client)) return true;
  }
  for (const [client, deletes] of ds.clients) {
    for (const deleted of deletes) {
      if (!isDeletedInDocument(doc, client, deleted.clock, deleted.len)) return true;
    }
  }
  return false;
}

/**
 * Whether every struct of `client` in [clock, clock + len) is known to `doc` and deleted. Looks
 * only at the structs in the range (a client's structs are contiguous from clock 0 and sorted),
 * not at the whole document: a backspace is checked in time independent of the file's size.
 */
function isDeletedInDocument(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  if (len <= 0) return true;
  // Content the document has not seen yet: deleting it is news (Yjs keeps it as a pending delete).
  if (clock + len > Y.getState(doc.store, client)) return false;
  const structs = doc.store.clients.get(client);
  if (!structs) return false;
  for (let index = Y.findIndexSS(structs, clock); index < structs.length; index++) {
    const struct = structs[index];
    if (!struct || struct.id.clock >= clock + len) break;
    if (!struct.deleted) return false;
  }
  return true;
}
