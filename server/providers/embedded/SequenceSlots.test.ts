import { describe, expect, it } from 'vitest';
import { SequenceSlots } from './SequenceSlots.ts';

describe('SequenceSlots', () => {
  it('grants up to size at once, then hands released slots to waiters in arrival order', async () => {
    const slots = new SequenceSlots(2);
    const never = new AbortController().signal;
    expect(await slots.acquire(never)).toBe(true);
    expect(await slots.acquire(never)).toBe(true);
    const order: string[] = [];
    const third = slots.acquire(never).then((granted) => order.push(`third ${granted}`));
    const fourth = slots.acquire(never).then((granted) => order.push(`fourth ${granted}`));
    expect(slots.waiting).toBe(2);
    slots.release();
    await third;
    expect(order).toEqual(['third true']);
    slots.release();
    await fourth;
    expect(order).toEqual(['third true', 'fourth true']);
  });

  it('drops a waiter whose signal aborts, without losing the slot it would have had', async () => {
    const slots = new SequenceSlots(1);
    const never = new AbortController().signal;
    await slots.acquire(never);
    const controller = new AbortController();
    const abandoned = slots.acquire(controller.signal);
    const next = slots.acquire(never);
    controller.abort();
    expect(await abandoned).toBe(false);
    expect(slots.waiting).toBe(1);
    slots.release();
    expect(await next).toBe(true);
  });

  it('refuses an aborted signal at once, and a size below one', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await new SequenceSlots(1).acquire(controller.signal)).toBe(false);
    expect(() => new SequenceSlots(0)).toThrow(/positive integer/);
  });
});
