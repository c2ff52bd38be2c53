import { io as connect, type Socket } from 'socket.io-client';
import * as syncProtocol from 'y-protocols/sync';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { PROTOCOL_VERSION } from '../shared/protocolVersion.ts';
import { ROOM_SERVER_MESSAGE_TYPES, type RoomClientMessage, type RoomClientToServerEvents, type RoomServerToClientEvents } from '../shared/roomMessage.ts';
import { parseRoomServerMessage } from '../shared/rooms/parseRoomServerMessage.ts';
import { RoomSyncClient } from '../shared/rooms/RoomSyncClient.ts';
import type { RoomsBenchClient } from './roomsBenchClient.ts';
import { SOCKET_PARSER_OPTIONS } from '../shared/socket/socketParserOptions.ts';

/**
 * A person in a Pairlane room as the app has one: a socket.io-client (websocket), a RoomSyncClient
 * over a Y.Doc that starts with `initial` (the workspace it has open), an awareness state with
 * its name, joined with its invite token.
 */
export function connectPairlaneClient(url: string, roomId: string, token: string, initial: Uint8Array, name: string): RoomsBenchClient {
  const socket: Socket<RoomServerToClientEvents, RoomClientToServerEvents> = connect(url, {
    ...SOCKET_PARSER_OPTIONS,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth: { protocolVersion: PROTOCOL_VERSION },
  });
  const doc = new Y.Doc();
  Y.applyUpdate(doc, initial);
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name } });
  const send = (message: RoomClientMessage): void => {
    (socket.emit as (event: string, payload: RoomClientMessage) => void)(message.type, message);
  };
  const sync = new RoomSyncClient({ roomId, doc, awareness, send });
  let errors = 0;
  let resolveSynced: () => void = () => undefined;
  let rejectSynced: (error: Error) => void = () => undefined;
  const synced = new Promise<void>((resolve, reject) => {
    resolveSynced = resolve;
    rejectSynced = reject;
  });
  // Every room event, as the app's ServerConnection listens for them.
  for (const type of ROOM_SERVER_MESSAGE_TYPES) {
    socket.on(type, ((raw: unknown) => {
      // Checked against the protocol as the app's ServerConnection does with every room message.
      const parsed = parseRoomServerMessage(raw);
      if (!parsed.success) {
        errors++;
        rejectSynced(new Error(`the server sent a "${type}" that does not match the protocol`));
        return;
      }
      const message = parsed.data;
      sync.receive(message);
      if (message.type === 'room-sync' && message.data[0] === syncProtocol.messageYjsSyncStep2) resolveSynced();
      if (message.type === 'room-error') {
        errors++;
        rejectSynced(new Error(`room-error ${message.code}: ${message.message}`));
      }
    }) as never);
  }
  socket.on('connect', () => send({ type: 'room-join', roomId, token }));
  socket.on('connect_error', (error) => rejectSynced(error));
  return {
    doc,
    synced,
    get errors() {
      return errors;
    },
    close: () => {
      sync.destroy();
      awareness.destroy();
      socket.disconnect();
      doc.destroy();
    },
  };
}
