import * as Y from 'yjs';
import type { RoomServerMessage } from '../../shared/roomMessage.ts';
import { RoomSyncClient } from '../../shared/rooms/RoomSyncClient.ts';
import { listFolders, readFiles, replaceWorkspace } from '../../shared/workspaceDoc.ts';
import type { ServerConnection } from '../net/ServerConnection.ts';

type Created = Extract<RoomServerMessage, { type: 'room-created' }>;

/** How long the server has to create the room and store its files. */
const SHARE_TIMEOUT_MS = 20_000;

/**
 * Makes a room of this workspace: asks the server for a room (this person its host), then puts a
 * copy of every file and folder into it as the host and waits until the server has stored them,
 * so the page that opens the room next finds them there. The local workspace is left as it was.
 */
export async function shareWorkspace(connection: ServerConnection, workspace: Y.Doc, hostName: string): Promise<Created> {
  const requestId = `create-${crypto.randomUUID()}`;
  const created = await answer(connection, (message) => (message.type === 'room-created' || message.type === 'room-error') && message.requestId === requestId, () =>
    connection.sendRoom({ type: 'room-create', requestId, hostName }),
  );
  if (created.type !== 'room-created') throw new Error(created.type === 'room-error' ? created.message : 'The server did not create the room.');

  // The copy is made while not joined, so the join's step 2 carries it and its ack means "stored".
  const copy = new Y.Doc();
  const sync = new RoomSyncClient({ roomId: created.roomId, doc: copy, send: (message) => void connection.sendRoom(message) });
  replaceWorkspace(copy, readFiles(workspace), listFolders(workspace));
  const stop = connection.onRoomMessage((message) => sync.receive(message));
  try {
    const joined = await answer(connection, (message) => (message.type === 'room-joined' || message.type === 'room-error') && message.roomId === created.roomId, () =>
      connection.sendRoom({ type: 'room-join', roomId: created.roomId, token: created.host.token }),
    );
    if (joined.type !== 'room-joined') throw new Error(joined.type === 'room-error' ? joined.message : 'The room could not be joined.');
    await withTimeout(sync.whenAcknowledged(), 'The server did not store the files in time.');
    connection.sendRoom({ type: 'room-leave', roomId: created.roomId });
  } finally {
    stop();
    sync.destroy();
    copy.destroy();
  }
  return created;
}

/** Sends with `send` and resolves with the first room message `matches` accepts. */
function answer(connection: ServerConnection, matches: (message: RoomServerMessage) => boolean, send: () => boolean): Promise<RoomServerMessage> {
  return withTimeout(
    new Promise<RoomServerMessage>((resolve, reject) => {
      const stop = connection.onRoomMessage((message) => {
        if (!matches(message)) return;
        stop();
        resolve(message);
      });
      if (!send()) {
        stop();
        reject(new Error('Not connected to the Pairlane server.'));
      }
    }),
    'The server did not answer in time.',
  );
}

function withTimeout<T>(promise: Promise<T>, message: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), SHARE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
