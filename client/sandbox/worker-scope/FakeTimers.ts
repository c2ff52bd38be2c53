interface Scheduled {
  id: number;
  at: number;
  fn: () => void;
  /** Set for setInterval: the period to reschedule with. */
  every?: number;
}

type TimerGlobals = {
  setTimeout: typeof setTimeout;
  clearTimeout: typeof clearTimeout;
  setInterval: typeof setInterval;
  clearInterval: typeof clearInterval;
  Date: DateConstructor;
};

const LOOP_LIMIT = 10_000;

/**
 * vi.useFakeTimers(): a clock the test moves by hand. setTimeout/setInterval/Date (and
 * performance.now) read it; advanceTimersByTime, runAllTimers, runOnlyPendingTimers and
 * advanceTimersToNextTimer fire what falls due, in time order, as @sinonjs/fake-timers does.
 */
export class FakeTimers {
  private real?: TimerGlobals & { performanceNow: () => number };
  private clock = 0;
  private nextId = 1;
  private queue: Scheduled[] = [];

  constructor(private readonly scope: typeof globalThis) {}

  isFake(): boolean {
    return this.real !== undefined;
  }

  install(startAt: number = Date.now()): void {
    if (this.real) return;
    const scope = this.scope as unknown as TimerGlobals & { performance: Performance };
    const real = {
      setTimeout: scope.setTimeout,
      clearTimeout: scope.clearTimeout,
      setInterval: scope.setInterval,
      clearInterval: scope.clearInterval,
      Date: scope.Date,
      performanceNow: scope.performance.now.bind(scope.performance),
    };
    this.real = real;
    this.clock = startAt;
    this.queue = [];
    const perfStart = real.performanceNow() - startAt;
    const schedule = (fn: unknown, ms: unknown, args: unknown[], every: boolean) => {
      const delay = Math.max(0, Number(ms) || 0);
      const id = this.nextId++;
      const call = typeof fn === 'function' ? () => (fn as (...a: unknown[]) => unknown)(...args) : () => {};
      this.queue.push({ id, at: this.clock + delay, fn: call, ...(every ? { every: Math.max(1, delay) } : {}) });
      return id;
    };
    const cancel = (id: unknown) => {
      this.queue = this.queue.filter((t) => t.id !== id);
    };
    const fake = {
      setTimeout: (fn: unknown, ms?: unknown, ...args: unknown[]) => schedule(fn, ms, args, false),
      setInterval: (fn: unknown, ms?: unknown, ...args: unknown[]) => schedule(fn, ms, args, true),
      clearTimeout: cancel,
      clearInterval: cancel,
    };
    Object.assign(scope, fake);
    const clock = () => this.clock;
    const RealDate = real.Date;
    class FakeDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(clock());
        else super(...(args as [string]));
      }
      static override now(): number {
        return clock();
      }
    }
    scope.Date = FakeDate as DateConstructor;
    scope.performance.now = () => this.clock + perfStart;
  }

  uninstall(): void {
    const real = this.real;
    if (!real) return;
    const scope = this.scope as unknown as TimerGlobals & { performance: Performance };
    scope.setTimeout = real.setTimeout;
    scope.clearTimeout = real.clearTimeout;
    scope.setInterval = real.setInterval;
    scope.clearInterval = real.clearInterval;
    scope.Date = real.Date;
    scope.performance.now = real.performanceNow;
    this.real = undefined;
    this.queue = [];
  }

  now(): number {
    return this.clock;
  }

  setSystemTime(time: number | string | Date): void {
    this.clock = new (this.real?.Date ?? Date)(time).getTime();
  }

  count(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue = [];
  }

  advanceBy(ms: number): void {
    const target = this.clock + Math.max(0, ms);
    this.fireUntil(target);
    this.clock = target;
  }

  async advanceByAsync(ms: number): Promise<void> {
    const target = this.clock + Math.max(0, ms);
    for (let fired = 0; ; fired += 1) {
      this.guard(fired);
      await Promise.resolve();
      const next = this.nextDue();
      if (!next || next.at > target) break;
      this.fire(next);
    }
    this.clock = target;
    await Promise.resolve();
  }

  runAll(): void {
    for (let fired = 0; ; fired += 1) {
      this.guard(fired);
      const next = this.nextDue();
      if (!next) return;
      this.fire(next);
    }
  }

  async runAllAsync(): Promise<void> {
    for (let fired = 0; ; fired += 1) {
      this.guard(fired);
      await Promise.resolve();
      const next = this.nextDue();
      if (!next) return;
      this.fire(next);
    }
  }

  runOnlyPending(): void {
    const pending = new Set(this.queue.map((t) => t.id));
    for (;;) {
      const next = this.queue.filter((t) => pending.has(t.id)).sort(byDue)[0];
      if (!next) return;
      pending.delete(next.id);
      this.fire(next);
    }
  }

  advanceToNext(steps = 1): void {
    for (let i = 0; i < steps; i += 1) {
      const next = this.nextDue();
      if (!next) return;
      this.fire(next);
    }
  }

  private fireUntil(target: number): void {
    for (let fired = 0; ; fired += 1) {
      this.guard(fired);
      const next = this.nextDue();
      if (!next || next.at > target) return;
      this.fire(next);
    }
  }

  private fire(timer: Scheduled): void {
    this.clock = Math.max(this.clock, timer.at);
    if (timer.every !== undefined) timer.at = this.clock + timer.every;
    else this.queue = this.queue.filter((t) => t !== timer);
    timer.fn();
  }

  private nextDue(): Scheduled | undefined {
    return [...this.queue].sort(byDue)[0];
  }

  private guard(fired: number): void {
    if (fired >= LOOP_LIMIT) throw new Error(`Aborting after running ${LOOP_LIMIT} timers, assuming an infinite loop!`);
  }
}

function byDue(a: Scheduled, b: Scheduled): number {
  return a.at - b.at || a.id - b.id;
}
