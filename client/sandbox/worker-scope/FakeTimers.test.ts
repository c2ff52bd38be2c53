import { describe, expect, it } from 'vitest';
import { FakeTimers } from './FakeTimers.ts';

function fakeScope() {
  return { setTimeout, clearTimeout, setInterval, clearInterval, Date, performance: { now: () => 0 } } as unknown as typeof globalThis;
}

describe('FakeTimers', () => {
  it('fires timeouts and intervals in time order as the clock is advanced', () => {
    const scope = fakeScope();
    const timers = new FakeTimers(scope);
    timers.install(1_000);
    const fired: string[] = [];
    scope.setTimeout(() => fired.push(`late@${scope.Date.now()}`), 50);
    scope.setTimeout(() => fired.push(`early@${scope.Date.now()}`), 10);
    const interval = scope.setInterval(() => fired.push(`tick@${scope.Date.now()}`), 20);
    timers.advanceBy(45);
    expect(fired).toEqual(['early@1010', 'tick@1020', 'tick@1040']);
    scope.clearInterval(interval);
    timers.advanceBy(100);
    expect(fired).toEqual(['early@1010', 'tick@1020', 'tick@1040', 'late@1050']);
    expect(new scope.Date().getTime()).toBe(1145);
    timers.uninstall();
    expect(scope.setTimeout).toBe(setTimeout);
  });

  it('runs all timers, refuses an endless chain, and runs only what was pending', () => {
    const scope = fakeScope();
    const timers = new FakeTimers(scope);
    timers.install(0);
    let count = 0;
    const again = () => {
      count += 1;
      scope.setTimeout(again, 1);
    };
    scope.setTimeout(again, 1);
    timers.runOnlyPending();
    expect(count).toBe(1);
    expect(() => timers.runAll()).toThrow('Aborting after running 10000 timers');
    timers.uninstall();
  });

  it('lets microtasks run between timers when advanced asynchronously', async () => {
    const scope = fakeScope();
    const timers = new FakeTimers(scope);
    timers.install(0);
    const seen: number[] = [];
    scope.setTimeout(() => {
      void Promise.resolve().then(() => scope.setTimeout(() => seen.push(scope.Date.now()), 5));
    }, 5);
    await timers.advanceByAsync(20);
    expect(seen).toEqual([10]);
    timers.uninstall();
  });
});
