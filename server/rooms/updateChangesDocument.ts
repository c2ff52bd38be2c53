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
  if (ds.clients.size === 0) return false;
  const known = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, deletes] of ds.clients) {
    const covered = known.clients.get(client) ?? [];
    for (const deleted of deletes) {
      if (!isCovered(covered, deleted.clock, deleted.len)) return true;
    }
  }
  return false;
}

/** Whether [clock, clock + len) lies inside the sorted, merged ranges `ranges`. */
function isCovered(ranges: ReadonlyArray<{ clock: number; len: number }>, clock: number, len: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = ranges[middle];
    if (!range) return false;
    if (clock < range.clock) high = middle - 1;
    else if (clock >= range.clock + range.len) low = middle + 1;
    else return clock + len <= range.clock + range.len;
  }
  return false;
}
