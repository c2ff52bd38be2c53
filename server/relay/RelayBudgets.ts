import type { LaneBudgets } from '../lanes/LaneConfig.ts';
import { SlidingWindowLimit } from './SlidingWindowLimit.ts';

const HOUR_MS = 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

/** Who asks, once the connection is in a room: the person its token names, and the room. */
export interface RelayIdentity {
  personId: string;
  roomId: string;
}

/** The limits one request is checked and charged against. */
export interface RequestLimits {
  personTokens: SlidingWindowLimit;
  personRequests: SlidingWindowLimit;
  roomTokens: SlidingWindowLimit;
}

/** Above this many people (or rooms) kept, the ones with nothing left in their windows are forgotten. */
const PRUNE_ABOVE = 2_000;

/**
 * The fast lane's budgets across connections. A person in a room is one budget however many tabs
 * they have open, and each room has its own; a connection in no room is a person of its own, and
 * such connections share the server's one "room" budget (the playground without rooms is one room).
 */
export class RelayBudgets {
  private readonly people = new Map<string, { tokens: SlidingWindowLimit; requests: SlidingWindowLimit }>();
  private readonly rooms = new Map<string, SlidingWindowLimit>();
  /** The budget shared by every connection that is in no room. */
  private readonly serverRoom: SlidingWindowLimit;

  constructor(
    private readonly budgets: LaneBudgets,
    private readonly now: () => number,
  ) {
    this.serverRoom = this.roomLimit();
  }

  /** Limits for a connection in no room: its own person limits, the server's room budget. */
  forConnection(): RequestLimits {
    return { ...this.personLimits(), roomTokens: this.serverRoom };
  }

  /** Limits for a person in a room: shared by all their connections, and the room's own budget. */
  forIdentity(identity: RelayIdentity): RequestLimits {
    if (this.people.size > PRUNE_ABOVE) forgetUnused(this.people, (p) => isUnused(p.tokens) && isUnused(p.requests));
    if (this.rooms.size > PRUNE_ABOVE) forgetUnused(this.rooms, isUnused);
    let person = this.people.get(identity.personId);
    if (!person) {
      const limits = this.personLimits();
      person = { tokens: limits.personTokens, requests: limits.personRequests };
      this.people.set(identity.personId, person);
    }
    let room = this.rooms.get(identity.roomId);
    if (!room) {
      room = this.roomLimit();
      this.rooms.set(identity.roomId, room);
    }
    return { personTokens: person.tokens, personRequests: person.requests, roomTokens: room };
  }

  private personLimits(): Omit<RequestLimits, 'roomTokens'> {
    return {
      personTokens: new SlidingWindowLimit(this.budgets.tokensPerPersonPerHour, HOUR_MS, this.now),
      personRequests: new SlidingWindowLimit(this.budgets.requestsPerPersonPerMinute, MINUTE_MS, this.now),
    };
  }

  private roomLimit(): SlidingWindowLimit {
    return new SlidingWindowLimit(this.budgets.tokensPerRoomPerHour, HOUR_MS, this.now);
  }
}

function isUnused(limit: SlidingWindowLimit): boolean {
  return limit.unlimited || limit.remaining() === limit.limit;
}

function forgetUnused<T>(map: Map<string, T>, unused: (value: T) => boolean): void {
  for (const [key, value] of map) if (unused(value)) map.delete(key);
}
