import type { RoomServerMessage } from '../../shared/roomMessage.ts';
import type { RoomRole } from '../../shared/rooms/roomPolicy.ts';

/** One connection in a room, as the room sees it: who (from the verified token) and how to reach it. */
export interface RoomPeer {
  /** Unique per connection: one person may be in a room from several tabs. */
  connectionId: string;
  person: { personId: string; name: string; role: RoomRole };
  send(message: RoomServerMessage): void;
}
