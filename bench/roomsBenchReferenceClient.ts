import WebSocket from 'ws';
import { Awareness } from 'y-protocols/awareness';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RoomsBenchClient } from './roomsBenchClient.ts';

/**
 * A person on the reference server: y-websocket's own WebsocketProvider (over `ws`, Node having
 * no WebSocket of its own in 20), a Y.Doc that starts with `initial` and an awareness state with
 * its name. BroadcastChannel is off: Node has one, and providers of the same room in one process
 * would otherwise sync through it instead of the server.
 */
export function connectReferenceClient(url: string, roomId: string, initial: Uint8Array, name: string): RoomsBenchClient {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initial);
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name } });
  const provider = new WebsocketProvider(url, roomId, doc, {
    awareness,
    disableBc: true,
    WebSocketPolyfill: WebSocket as unknown as NonNullable<ConstructorParameters<typeof WebsocketProvider>[3]>['WebSocketPolyfill'],
  });
  let errors = 0;
  const synced = new Promise<void>((resolve, reject) => {
    provider.on('sync', (isSynced: boolean) => {
      if (isSynced) resolve();
    });
    provider.on('connection-error', () => {
      errors++;
      reject(new Error(`could not connect to ${url}`));
    });
  });
  return {
    doc,
    synced,
    get errors() {
      return errors;
    },
    close: () => {
      provider.destroy();
      awareness.destroy();
      doc.destroy();
    },
  };
}
