import { GLOBAL_EXPECT } from '@vitest/expect';
import { describe, expect, it } from 'vitest';
import type { RawTestResult } from '../sandboxProtocol.ts';
import { checkAssertionCounts, resetAssertionState } from './createExpect.ts';
import { createTestKit, type TestKit } from './createTestKit.ts';
import { executeTestFile } from './executeTestFile.ts';
import { interpretModes } from './interpretModes.ts';
import { serializeError } from './serializeError.ts';
import { TestCollector } from './TestCollector.ts';

/** The runner's API as a test file sees it: loosely typed, like globals. */
interface Chainable {
  (name: string, ...rest: unknown[]): unknown;
  only: Chainable;
  skip: Chainable;
  todo: Chainable;
  fails: Chainable;
  each(...table: unknown[]): Chainable;
  skipIf(condition: unknown): Chainable;
  runIf(condition: unknown): Chainable;
}
type Hook = (fn: () => unknown, timeout?: number) => void;
interface Matchers {
  toBe(value: unknown): void;
  toEqual(value: unknown): void;
  toHaveBeenCalledWith(...args: unknown[]): void;
  not: Matchers;
  rejects: { toThrow(): Promise<void> };
}
interface Expect {
  (value: unknown): Matchers;
  soft(value: unknown): Matchers;
  assertions(count: number): void;
  hasAssertions(): void;
}
interface LooseApi {
  describe: Chainable;
  it: Chainable;
  test: Chainable;
  xit: Chainable;
  beforeAll: Hook;
  afterAll: Hook;
  beforeEach: Hook;
  afterEach: Hook;
  expect: Expect;
  vi: { fn(): () => unknown; spyOn(target: object, key: string): unknown };
}

/**
 * Runs a "test file" (a function that declares tests through the runner's API) the way the
 * user-code worker runs a bundle, and returns what it reported.
 */
async function runFile(declare: (api: LooseApi) => void, testTimeoutMs = 1000): Promise<{ results: RawTestResult[]; fileErrors: string[] }> {
  // The kit installs its expect as the global one; give vitest's back when done.
  const vitestExpect = Object.getOwnPropertyDescriptor(globalThis, GLOBAL_EXPECT);
  const scope = { setTimeout, clearTimeout, setInterval, clearInterval, Date, performance: { now: () => performance.now() } } as unknown as typeof globalThis;
  let kit: TestKit;
  try {
    kit = createTestKit({
      scope,
      setTimer: (fn, ms) => {
        const id = setTimeout(fn, ms);
        return () => clearTimeout(id);
      },
      now: () => performance.now(),
      locate: () => undefined,
    });
  } finally {
    if (vitestExpect) Object.defineProperty(globalThis, GLOBAL_EXPECT, vitestExpect);
  }
  const collector = new TestCollector('a.test.ts');
  kit.state.collector = collector;
  declare(kit.api as unknown as LooseApi);
  await collector.collect();
  kit.state.collector = undefined;
  interpretModes(collector.root);
  const results: RawTestResult[] = [];
  const fileErrors = await executeTestFile(collector.root, {
    file: 'a.test.ts',
    testTimeoutMs,
    hookTimeoutMs: testTimeoutMs,
    setTimer: (fn, ms) => {
      const id = setTimeout(fn, ms);
      return () => clearTimeout(id);
    },
    now: () => performance.now(),
    serializeError: (error) => serializeError(error, (text) => text),
    onTestStart: () => {},
    onTestResult: (result) => results.push(result),
    state: kit.state,
    beforeTest: (running) => resetAssertionState(kit.expect, running.fullName),
    afterTest: () => checkAssertionCounts(kit.expect),
    contextExpect: kit.expect,
  });
  return { results, fileErrors: fileErrors.map((e) => e.message) };
}

const summary = (results: RawTestResult[]) => results.map((r) => `${[...r.ancestors, r.name].join(' > ')}: ${r.status}`);

describe('the test runner', () => {
  it('runs hooks in vitest order, scoped to their describe blocks', async () => {
    const order: string[] = [];
    const { results } = await runFile(({ describe, it, beforeAll, afterAll, beforeEach, afterEach }) => {
      beforeAll(() => void order.push('beforeAll outer'));
      afterAll(() => void order.push('afterAll outer'));
      beforeEach(() => void order.push('beforeEach outer'));
      afterEach(() => void order.push('afterEach outer'));
      it('first', () => void order.push('test first'));
      describe('inner', () => {
        beforeAll(() => void order.push('beforeAll inner'));
        beforeEach(() => void order.push('beforeEach inner'));
        afterEach(() => void order.push('afterEach inner'));
        afterAll(() => void order.push('afterAll inner'));
        it('second', async () => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          order.push('test second');
        });
      });
    });
    expect(summary(results)).toEqual(['first: passed', 'inner > second: passed']);
    expect(order).toEqual([
      'beforeAll outer',
      'beforeEach outer',
      'test first',
      'afterEach outer',
      'beforeAll inner',
      'beforeEach outer',
      'beforeEach inner',
      'test second',
      'afterEach inner',
      'afterEach outer',
      'afterAll inner',
      'afterAll outer',
    ]);
  });

  it('fails every test under a failing beforeAll, and only those', async () => {
    const { results } = await runFile(({ describe, it, beforeAll }) => {
      describe('broken', () => {
        beforeAll(() => {
          throw new Error('no database');
        });
        it('a', () => {});
        it('b', () => {});
      });
      it('fine', () => {});
    });
    expect(summary(results)).toEqual(['broken > a: failed', 'broken > b: failed', 'fine: passed']);
    expect(results[0]?.error?.message).toBe('beforeAll hook failed: no database');
  });

  it('applies .only across the whole file', async () => {
    // The runner's own API under other names: this suite's checks for a forgotten .only (lint,
    // the pre-submit grep) must not mistake the feature under test for a focused test.
    const { results } = await runFile(({ describe: group, it: check }) => {
      check('plain', () => {});
      check.only('focused', () => {});
      group('group', () => {
        check('inside', () => {});
      });
      group.only('focused group', () => {
        check('runs', () => {});
        check.skip('still skipped', () => {});
      });
    });
    expect(summary(results)).toEqual([
      'plain: skipped',
      'focused: passed',
      'group > inside: skipped',
      'focused group > runs: passed',
      'focused group > still skipped: skipped',
    ]);
  });

  it('supports skip, todo, fails, skipIf/runIf and the jest aliases', async () => {
    const { results } = await runFile(({ it, describe, xit }) => {
      it.skip('skipped', () => {});
      it.todo('later');
      it('no body');
      it.fails('expected to fail', () => {
        throw new Error('yes');
      });
      it.fails('passes unexpectedly', () => {});
      it.skipIf(true)('skipIf true', () => {});
      it.runIf(true)('runIf true', () => {});
      describe.skip('skipped group', () => {
        it('inside', () => {});
      });
      describe.todo('todo group');
      xit('xit', () => {});
    });
    expect(summary(results)).toEqual([
      'skipped: skipped',
      'later: todo',
      'no body: todo',
      'expected to fail: passed',
      'passes unexpectedly: failed',
      'skipIf true: skipped',
      'runIf true: passed',
      'skipped group > inside: skipped',
      'xit: skipped',
    ]);
    expect(results[4]?.error?.message).toBe('Expect test to fail');
  });

  it('titles .each cases from arrays, objects and tagged-template tables', async () => {
    const seen: unknown[] = [];
    const { results } = await runFile(({ it, test }) => {
      it.each([
        [1, 1, 2],
        [2, 3, 5],
      ])('add(%i, %i) -> %i', (a: number, b: number, sum: number) => {
        seen.push([a, b, sum]);
      });
      test.each([{ name: 'ann', age: 3 }])('$name is $age (#%#)', (row: unknown) => void seen.push(row));
      test.each`
        a    | b    | expected
        ${1} | ${1} | ${2}
        ${2} | ${2} | ${4}
      `('$a + $b = $expected', ({ a, b, expected }: { a: number; b: number; expected: number }) => void seen.push(a + b === expected));
    });
    expect(results.map((r) => r.name)).toEqual(["add(1, 1) -> 2", 'add(2, 3) -> 5', "'ann' is 3 (#0)", '1 + 1 = 2', '2 + 2 = 4']);
    expect(seen).toEqual([[1, 1, 2], [2, 3, 5], { name: 'ann', age: 3 }, true, true]);
  });

  it('fails a test that passes its own timeout, and keeps going', async () => {
    const { results } = await runFile(({ it }) => {
      it('slow', () => new Promise((resolve) => setTimeout(resolve, 500)), 30);
      it('slow with options', { timeout: 20 }, () => new Promise((resolve) => setTimeout(resolve, 500)));
      it('next', () => {});
    });
    expect(summary(results)).toEqual(['slow: failed', 'slow with options: failed', 'next: passed']);
    expect(results[0]?.error?.message).toMatch(/^Test timed out in 30ms/);
  });

  it('waits for a done callback, and fails with the error it is given', async () => {
    const { results } = await runFile(({ it }) => {
      it('calls done', (done: () => void) => {
        setTimeout(done, 5);
      });
      it('done with error', (done: (e?: unknown) => void) => {
        setTimeout(() => done(new Error('bad')), 5);
      });
      it('context, not done', ({ expect }: { expect: Expect }) => {
        expect(1).toBe(1);
      });
    });
    expect(summary(results)).toEqual(['calls done: passed', 'done with error: failed', 'context, not done: passed']);
  });

  it('reports assertion failures with expected, actual and a plain-text diff', async () => {
    const { results } = await runFile(({ it, expect }) => {
      it('objects', () => {
        expect({ a: 1, b: [1, 2] }).toEqual({ a: 1, b: [1, 3] });
      });
      it('rejects', async () => {
        await expect(Promise.resolve(1)).rejects.toThrow();
      });
    });
    const error = results[0]?.error;
    expect(error?.message).toBe('expected { a: 1, b: [ 1, 2 ] } to deeply equal { a: 1, b: [ 1, 3 ] }');
    expect(error?.diff).toContain('- Expected\n+ Received');
    expect(error?.diff).toContain('-     3,\n+     2,');
    // eslint-disable-next-line no-control-regex
    expect(error?.diff).not.toMatch(/\u001b/);
    expect(results[1]?.status).toBe('failed');
  });

  it('collects expect.soft failures and enforces expect.assertions', async () => {
    const { results } = await runFile(({ it, expect }) => {
      it('soft', () => {
        expect.soft(1).toBe(2);
        expect.soft(3).toBe(4);
      });
      it('counted', () => {
        expect.assertions(2);
        expect(1).toBe(1);
      });
      it('has assertions', () => {
        expect.hasAssertions();
      });
    });
    expect(summary(results)).toEqual(['soft: failed', 'counted: failed', 'has assertions: failed']);
    expect(results[0]?.error?.message).toContain('expected 1 to be 2');
    expect(results[0]?.error?.message).toContain('expected 3 to be 4');
    expect(results[1]?.error?.message).toBe('expected number of assertions to be 2, but got 1');
  });

  it('skips a test from its context, and gives vi spies', async () => {
    const { results } = await runFile(({ it, expect, vi }) => {
      it('skips itself', (context: { skip(): void }) => {
        context.skip();
      });
      it('spies', () => {
        const target = { greet: (name: string) => `hi ${name}` };
        const spy = vi.spyOn(target, 'greet');
        target.greet('ann');
        expect(spy).toHaveBeenCalledWith('ann');
        const fn = vi.fn();
        expect(fn).not.toHaveBeenCalledWith();
      });
    });
    expect(summary(results)).toEqual(['skips itself: skipped', 'spies: passed']);
  });

  it('gives the file the errors of a describe body that throws and of a failing afterAll', async () => {
    const { results, fileErrors } = await runFile(({ describe, it, afterAll }) => {
      describe('bad', () => {
        throw new Error('bad body');
      });
      it('good', () => {});
      afterAll(() => {
        throw new Error('cleanup broke');
      });
    });
    expect(summary(results)).toEqual(['good: passed']);
    expect(fileErrors).toEqual(['describe("bad") failed while collecting: bad body', 'afterAll hook failed: cleanup broke']);
  });
});

describe('the test runner, beyond vitest basics', () => {
  it('polls with expect.poll until the value arrives, and fails when it never does', async () => {
    const { results } = await runFile(({ it, expect }) => {
      const poll = (expect as unknown as { poll(read: () => unknown, options?: object): Matchers }).poll;
      it('arrives', async () => {
        let value = 0;
        setTimeout(() => (value = 3), 30);
        await (poll(() => value, { interval: 5, timeout: 500 }).toBe(3) as unknown as Promise<void>);
      });
      it('never', async () => {
        await (poll(() => 1, { interval: 5, timeout: 30 }).toBe(2) as unknown as Promise<void>);
      });
    });
    expect(summary(results)).toEqual(['arrives: passed', 'never: failed']);
    expect(results[1]?.error?.message).toBe('expected 1 to be 2 // Object.is equality');
  });
});
