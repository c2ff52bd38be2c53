import {
  addCustomEqualityTesters,
  chai,
  ASYMMETRIC_MATCHERS_OBJECT,
  ChaiStyleAssertions,
  customMatchers,
  getState,
  GLOBAL_EXPECT,
  JestAsymmetricMatchers,
  JestChaiExpect,
  JestExtend,
  setState,
  type ExpectStatic,
  type MatcherState,
} from '@vitest/expect';

/** What the runner reads after a test to enforce `expect.assertions(n)` / `expect.hasAssertions()`. */
export type AssertionState = Pick<
  MatcherState,
  'assertionCalls' | 'expectedAssertionsNumber' | 'expectedAssertionsNumberErrorGen' | 'isExpectingAssertions' | 'isExpectingAssertionsError'
>;

type Loose = Record<string, unknown>;

/** Timers fake timers do not touch (expect.poll must keep polling under vi.useFakeTimers()). */
export interface RealClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
}

const defaultClock: RealClock = { now: () => performance.now(), setTimer: (fn, ms) => setTimeout(fn, ms) };

let pluginsInstalled = false;

/**
 * vitest's `expect`, built from the same parts vitest builds it from (@vitest/expect's chai
 * plugins and asymmetric matchers): `toEqual`, `toMatchObject`, `toThrow`, `.resolves/.rejects`,
 * `expect.soft`, `expect.extend`, `expect.assertions`… `currentTest` ties assertions to the
 * running test, which `expect.soft` and un-awaited async assertions need.
 */
export function createExpect(currentTest: () => object | undefined, clock: RealClock = defaultClock): ExpectStatic {
  if (!pluginsInstalled) {
    chai.use(JestExtend);
    chai.use(JestChaiExpect);
    chai.use(ChaiStyleAssertions);
    chai.use(JestAsymmetricMatchers);
    chai.use(unsupportedSnapshots);
    pluginsInstalled = true;
  }
  const expect = ((value: unknown, message?: string): unknown => {
    const { assertionCalls } = getState(expect);
    setState({ assertionCalls: assertionCalls + 1 }, expect);
    const assertion = chai.expect(value, message) as unknown as { withTest(test: object): unknown };
    const test = currentTest();
    return test ? assertion.withTest(test) : assertion;
  }) as unknown as ExpectStatic;
  const loose = expect as unknown as Loose;
  Object.assign(expect, chai.expect);
  Object.assign(expect, (globalThis as unknown as Record<symbol, unknown>)[ASYMMETRIC_MATCHERS_OBJECT]);
  loose.getState = () => getState(expect);
  loose.setState = (state: Partial<MatcherState>) => setState(state, expect);
  Object.defineProperty(globalThis, GLOBAL_EXPECT, { value: expect, writable: true, configurable: true });
  resetAssertionState(expect, '');
  const chaiExpect = chai.expect as unknown as { extend(expect: ExpectStatic, matchers: unknown): void };
  loose.extend = (matchers: unknown) => chaiExpect.extend(expect, matchers);
  loose.addEqualityTesters = addCustomEqualityTesters;
  loose.soft = (value: unknown, message?: string) => (expect(value, message) as unknown as { withContext(c: object): unknown }).withContext({ soft: true });
  loose.unreachable = (message?: string) => chai.assert.fail(`expected${message ? ` "${message}" ` : ' '}not to be reached`);
  function assertions(expected: number) {
    const errorGen = () => new Error(`expected number of assertions to be ${expected}, but got ${getState(expect).assertionCalls}`);
    setState({ expectedAssertionsNumber: expected, expectedAssertionsNumberErrorGen: errorGen }, expect);
  }
  function hasAssertions() {
    setState({ isExpectingAssertions: true, isExpectingAssertionsError: new Error('expected any number of assertion, but got none') }, expect);
  }
  loose.poll = (read: () => unknown, options?: number | { interval?: number; timeout?: number }) => pollAssertion(expect, clock, read, options);
  chai.util.addMethod(expect, 'assertions', assertions);
  chai.util.addMethod(expect, 'hasAssertions', hasAssertions);
  expect.extend(customMatchers);
  return expect;
}

/**
 * expect.poll(read).toBe(x): reads and asserts again every `interval` ms until the assertion
 * passes or `timeout` ms have gone by (then the last failure is thrown). Always awaited.
 */
function pollAssertion(expect: ExpectStatic, clock: RealClock, read: () => unknown, options: number | { interval?: number; timeout?: number } = {}): unknown {
  const { interval = 50, timeout = 1000 } = typeof options === 'number' ? { timeout: options } : options;
  const matchers = (negate: boolean): unknown =>
    new Proxy(
      {},
      {
        get: (_target, name) => {
          if (name === 'not') return matchers(!negate);
          if (name === 'then') return undefined;
          return async (...args: unknown[]) => {
            const deadline = clock.now() + timeout;
            for (;;) {
              try {
                const assertion = expect(await read()) as unknown as Record<string | symbol, unknown>;
                const target = (negate ? assertion.not : assertion) as Record<string | symbol, (...a: unknown[]) => unknown>;
                return await target[name]?.(...args);
              } catch (error) {
                if (clock.now() >= deadline) throw error;
                await new Promise<void>((resolve) => clock.setTimer(resolve, interval));
              }
            }
          };
        },
      },
    );
  return matchers(false);
}

/** Clears the per-test counters, as vitest does before each test. */
export function resetAssertionState(expect: ExpectStatic, currentTestName: string): void {
  setState(
    {
      assertionCalls: 0,
      isExpectingAssertions: false,
      isExpectingAssertionsError: null,
      expectedAssertionsNumber: null,
      expectedAssertionsNumberErrorGen: null,
      currentTestName,
    },
    expect,
  );
}

/** Throws what `expect.assertions(n)` or `expect.hasAssertions()` asked for, if the test fell short. */
export function checkAssertionCounts(expect: ExpectStatic): void {
  const state = getState(expect) as AssertionState;
  if (state.expectedAssertionsNumber !== null && state.expectedAssertionsNumber !== undefined && state.assertionCalls !== state.expectedAssertionsNumber) {
    throw state.expectedAssertionsNumberErrorGen?.() ?? new Error(`expected number of assertions to be ${state.expectedAssertionsNumber}`);
  }
  if (state.isExpectingAssertions === true && state.assertionCalls === 0) {
    throw state.isExpectingAssertionsError ?? new Error('expected any number of assertion, but got none');
  }
}

/** Snapshot matchers need files on disk; say so plainly instead of "Invalid Chai property". */
function unsupportedSnapshots(api: Chai.ChaiStatic, utils: Chai.ChaiUtils): void {
  for (const name of ['toMatchSnapshot', 'toMatchInlineSnapshot', 'toThrowErrorMatchingSnapshot', 'toThrowErrorMatchingInlineSnapshot', 'toMatchFileSnapshot']) {
    utils.addMethod(api.Assertion.prototype, name, () => {
      throw new Error(`${name}() is not supported by the offline runtime (snapshots need files on disk); use toEqual() or toMatchObject() instead`);
    });
  }
}
