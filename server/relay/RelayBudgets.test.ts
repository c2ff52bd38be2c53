import { describe, expect, it } from 'vitest';
import type { LaneBudgets } from '../lanes/LaneConfig.ts';
import { RelayBudgets } from './RelayBudgets.ts';

function budgets(overrides: Partial<LaneBudgets> = {}): LaneBudgets {
  return {
    maxTokensPerRequest: 128,
    tokensPerPersonPerHour: 1_000,
    tokensPerRoomPerHour: 1_500,
    requestsPerPersonPerMinute: 2,
    ...overrides,
  };
}

describe('RelayBudgets', () => {
  it('gives one person in a room one budget across their connections (tabs)', () => {
    const relay = new RelayBudgets(budgets(), () => 0);
    const tab1 = relay.forIdentity({ personId: 'p-ana', roomId: 'r1' });
    const tab2 = relay.forIdentity({ personId: 'p-ana', roomId: 'r1' });
    tab1.personRequests.charge(1);
    tab2.personRequests.charge(1);
    expect(tab1.personRequests.remaining()).toBe(0);
    tab1.personTokens.charge(600);
    expect(tab2.personTokens.remaining()).toBe(400);
  });

  it('keeps each room its own budget, shared by everyone in it', () => {
    const relay = new RelayBudgets(budgets(), () => 0);
    relay.forIdentity({ personId: 'p-ana', roomId: 'r1' }).roomTokens.charge(1_000);
    expect(relay.forIdentity({ personId: 'p-bo', roomId: 'r1' }).roomTokens.remaining()).toBe(500);
    expect(relay.forIdentity({ personId: 'p-cy', roomId: 'r2' }).roomTokens.remaining()).toBe(1_500);
  });

  it('gives a connection in no room its own person limits and the server-wide room budget', () => {
    const relay = new RelayBudgets(budgets(), () => 0);
    const a = relay.forConnection();
    const b = relay.forConnection();
    a.personRequests.charge(2);
    expect(b.personRequests.remaining()).toBe(2);
    a.roomTokens.charge(1_000);
    expect(b.roomTokens.remaining()).toBe(500);
    // The rooms' budgets are not the server's.
    expect(relay.forIdentity({ personId: 'p-ana', roomId: 'r1' }).roomTokens.remaining()).toBe(1_500);
  });

  it('forgets people with nothing left in their windows once many are kept, and keeps the others', () => {
    let now = 0;
    const relay = new RelayBudgets(budgets(), () => now);
    relay.forIdentity({ personId: 'p-busy', roomId: 'r-busy' }).personTokens.charge(900);
    for (let i = 0; i < 2_100; i++) relay.forIdentity({ personId: `p-${i}`, roomId: `r-${i}` });
    now += 1;
    relay.forIdentity({ personId: 'p-new', roomId: 'r-new' });
    expect(relay.forIdentity({ personId: 'p-busy', roomId: 'r-busy' }).personTokens.remaining()).toBe(100);
  });
});
