import type * as Y from 'yjs';

/** One simulated person in a room, on either server: a real Y.Doc kept in sync over a real socket. */
export interface RoomsBenchClient {
  doc: Y.Doc;
  /** Resolves once the client holds the room's document (it got the server's answer to its step 1). */
  synced: Promise<void>;
  /** Refusals and errors the server sent this client (a run with any measured something else). */
  readonly errors: number;
  close(): void;
}
