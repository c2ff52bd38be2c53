import type { RoomInvite } from '../../shared/roomMessage.ts';

/** A room this tab is in: its id and the token it joins with (undefined: the link had none and this tab kept none). */
export interface RoomLink {
  roomId: string;
  token: string | undefined;
}

const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What a tab keeps about the rooms it is in, in sessionStorage (this tab only, gone with it):
 * the token it joins with and, for the host, the invites the server gave.
 */
export class RoomTabStorage {
  constructor(private readonly storage: Storage) {}

  /**
   * The room the address names (`/?room=<id>#token=<token>`), or undefined. The token comes from
   * the fragment (which browsers never send to a server) the first time, is kept, and is taken
   * out of the address bar at once, so it does not end up in history, bookmarks or a screen
   * share; a reload finds it here.
   */
  readLink(location: Location, history: History): RoomLink | undefined {
    const roomId = new URLSearchParams(location.search).get('room');
    if (roomId === null || !ROOM_ID.test(roomId)) return undefined;
    const fromFragment = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
    if (fromFragment) {
      this.keepToken(roomId, fromFragment);
      history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    }
    return { roomId, token: fromFragment ?? this.storage.getItem(tokenKey(roomId)) ?? undefined };
  }

  /** Keeps `token` as this tab's way into `roomId` (the host's own, after creating the room). */
  keepToken(roomId: string, token: string): void {
    this.storage.setItem(tokenKey(roomId), token);
  }

  /** The invites the host was given for `roomId` in this tab, oldest first. */
  invites(roomId: string): RoomInvite[] {
    try {
      const parsed: unknown = JSON.parse(this.storage.getItem(invitesKey(roomId)) ?? '[]');
      return Array.isArray(parsed) ? (parsed as RoomInvite[]) : [];
    } catch {
      return [];
    }
  }

  /** Adds invites to the ones kept for the host (a reload still shows them). */
  keepInvites(roomId: string, invites: readonly RoomInvite[]): void {
    this.storage.setItem(invitesKey(roomId), JSON.stringify([...this.invites(roomId), ...invites]));
  }
}

function tokenKey(roomId: string): string {
  return `pairlane-room-token:${roomId}`;
}

function invitesKey(roomId: string): string {
  return `pairlane-room-invites:${roomId}`;
}
