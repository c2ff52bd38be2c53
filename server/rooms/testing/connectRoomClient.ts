import { io as connect, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { ROOM_SERVER_MESSAGE_TYPES, type RoomClientMessage, type RoomClientToServerEvents, type RoomServerMessage, type RoomServerMessageType, type RoomServerToClientEvents } from '../../../shared/roomMessage.ts';
import { RoomSyncClient, type RoomSyncClientOptions } from '../../../shared/rooms/RoomSyncClient.ts';
import { PROTOCOL_VERSION } from '../../../shared/protocolVersion.ts';
import { SOCKET_PARSER_OPTIONS } from '../../../shared/socket/socketParserOptions.ts';

export type RoomClientSocket = Socket<RoomServerToClientEvents, RoomClientToServerEvents>;

/** A real socket.io client in a room, with its own Y.Doc, as a browser tab would be. */
export interface RoomTestClient {
  socket: RoomClientSocket;
  doc: Y.Doc;
  awareness: Awareness;
  sync: RoomSyncClient;
  /** Every room message received, oldest first. */
  received: RoomServerMessage[];
  /** Resolves with the next message of `type` (after any already received, when `fresh`). */
  next<T extends RoomServerMessageType>(type: T, fresh?: boolean): Promise<Extract<RoomServerMessage, { type: T }>>;
  /** Sends a room message as it is (a hostile client can send anything). */
  emit(message: RoomClientMessage | Record<string, unknown>): void;
  /** Joins and resolves when `room-joined` arrived. */
  join(): Promise<Extract<RoomServerMessage, { type: 'room-joined' }>>;
  /** Drops the connection (the doc keeps taking edits). */
  disconnect(): void;
  /** Reconnects and rejoins. */
  reconnect(): Promise<void>;
  close(): void;
}

/**
 * Connects a RoomSyncClient to a server at `url` over socket.io (websocket only, no automatic
 * reconnection: tests decide when the network comes back).
 */
export function connectRoomClient(url: string, room: { roomId: string; token: string }, doc = new Y.Doc(), options: { rejoinOnResync?: boolean; attributionOf?: RoomSyncClientOptions['attributionOf'] } = {}): RoomTestClient {
  const socket: RoomClientSocket = connect(url, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], reconnection: false, forceNew: true, auth: { protocolVersion: PROTOCOL_VERSION } });
  const awareness = new Awareness(doc);
  const received: RoomServerMessage[] = [];
  const waiting: Array<{ type: RoomServerMessageType; after: number; resolve: (message: RoomServerMessage) => void }> = [];
  const emit = (message: RoomClientMessage | Record<string, unknown>): void => {
    (socket.emit as (event: string, payload: unknown) => void)(String(message.type), message);
  };
  const sync = new RoomSyncClient({
    roomId: room.roomId,
    doc,
    awareness,
    send: emit,
    ...(options.attributionOf ? { attributionOf: options.attributionOf } : {}),
    // After a pause, as an app should (a store that is down would otherwise be asked again at once, in a loop).
    onResyncNeeded: () => {
      // A test that drives the sync by hand decides itself when to resync.
      if (options.rejoinOnResync === false) return;
      setTimeout(() => {
        if (socket.connected) emit({ type: 'room-join', roomId: room.roomId, token: room.token });
      }, 50);
    },
  });
  for (const type of ROOM_SERVER_MESSAGE_TYPES) {
    socket.on(type, ((message: RoomServerMessage) => {
      received.push(message);
      sync.receive(message);
      for (const waiter of [...waiting]) {
        if (waiter.type === message.type && received.length > waiter.after) {
          waiting.splice(waiting.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    }) as never);
  }
  socket.on('disconnect', () => {
    // What socket.io buffered while offline belongs to the old session: the rejoin's step 2 replaces it.
    socket.sendBuffer.length = 0;
    sync.disconnected();
  });

  const next = <T extends RoomServerMessageType>(type: T, fresh = true): Promise<Extract<RoomServerMessage, { type: T }>> => {
    if (!fresh) {
      const found = received.find((message) => message.type === type);
      if (found) return Promise.resolve(found as Extract<RoomServerMessage, { type: T }>);
    }
    return new Promise((resolve) => waiting.push({ type, after: received.length, resolve: resolve as (message: RoomServerMessage) => void }));
  };

  const join = () => {
    const joined = next('room-joined');
    const refused = next('room-error');
    emit({ type: 'room-join', roomId: room.roomId, token: room.token });
    return Promise.race([joined, refused.then((error) => Promise.reject(new Error(`join refused: ${error.code} ${error.reason ?? ''}`)))]);
  };

  return {
    socket,
    doc,
    awareness,
    sync,
    received,
    next,
    emit,
    join,
    disconnect: () => socket.disconnect(),
    reconnect: async () => {
      await new Promise<void>((resolve) => {
        socket.once('connect', () => resolve());
        socket.connect();
      });
      await join();
    },
    close: () => {
      sync.destroy();
      awareness.destroy();
      socket.disconnect();
    },
  };
}
