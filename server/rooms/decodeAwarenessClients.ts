import * as decoding from 'lib0/decoding';

/** One entry of an awareness update: whose state, and whether it is removed (null). */
export interface AwarenessEntry {
  clientId: number;
  removed: boolean;
}

/**
 * The client ids an awareness update sets or removes, read the way y-protocols writes them
 * (count, then client id, clock and JSON state each), so the room can check who owns them
 * before applying anything. Throws on bytes that are not an awareness update.
 */
export function decodeAwarenessClients(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: AwarenessEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const state: unknown = JSON.parse(decoding.readVarString(decoder));
    entries.push({ clientId, removed: state === null });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after the awareness update');
  return entries;
}
