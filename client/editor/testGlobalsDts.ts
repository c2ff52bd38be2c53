/**
 * Declarations for the test API the runtime provides (it follows vitest's), handed to the
 * TypeScript language service as an extra lib. With it, test files type-check without red
 * squiggles whether they use the globals (`describe`, `it`, `expect`, `vi`, hooks) or import them
 * from 'vitest' or '@jest/globals'. It covers the common API compactly, not every overload.
 */
export const testGlobalsDts = String.raw`
declare namespace Vitest {
  type Awaitable<T> = T | PromiseLike<T>;
  type TestFn = () => Awaitable<unknown>;
  type DoneFn = (done: (error?: unknown) => void) => void;
  type HookFn = () => Awaitable<unknown>;
  type Options = number | { timeout?: number; retry?: number; repeats?: number };

  interface Each {
    <T extends any[] | [any]>(cases: ReadonlyArray<T>): (name: string, fn: (...args: T) => Awaitable<unknown>, options?: Options) => void;
    <T>(cases: readonly T[]): (name: string, fn: (arg: T) => Awaitable<unknown>, options?: Options) => void;
    (strings: TemplateStringsArray, ...values: unknown[]): (name: string, fn: (arg: any) => Awaitable<unknown>, options?: Options) => void;
  }

  interface Test {
    (name: string, fn?: TestFn | DoneFn, options?: Options): void;
    only: Test;
    skip: Test;
    todo(name: string): void;
    fails: Test;
    concurrent: Test;
    sequential: Test;
    skipIf(condition: unknown): Test;
    runIf(condition: unknown): Test;
    each: Each;
    for: Each;
  }

  interface Describe {
    (name: string, fn: () => void, options?: Options): void;
    only: Describe;
    skip: Describe;
    todo(name: string): void;
    concurrent: Describe;
    sequential: Describe;
    skipIf(condition: unknown): Describe;
    runIf(condition: unknown): Describe;
    each: Each;
  }

  interface Assertion<R = void> {
    not: Assertion<R>;
    resolves: Assertion<Promise<R>>;
    rejects: Assertion<Promise<R>>;
    toBe(expected: unknown): R;
    toEqual(expected: unknown): R;
    toStrictEqual(expected: unknown): R;
    toBeTruthy(): R;
    toBeFalsy(): R;
    toBeNull(): R;
    toBeUndefined(): R;
    toBeDefined(): R;
    toBeNaN(): R;
    toBeTypeOf(type: 'string' | 'number' | 'bigint' | 'boolean' | 'symbol' | 'undefined' | 'object' | 'function'): R;
    toBeInstanceOf(expected: abstract new (...args: any[]) => unknown): R;
    toBeGreaterThan(expected: number | bigint): R;
    toBeGreaterThanOrEqual(expected: number | bigint): R;
    toBeLessThan(expected: number | bigint): R;
    toBeLessThanOrEqual(expected: number | bigint): R;
    toBeCloseTo(expected: number, digits?: number): R;
    toBeOneOf(expected: readonly unknown[]): R;
    toContain(expected: unknown): R;
    toContainEqual(expected: unknown): R;
    toHaveLength(length: number): R;
    toHaveProperty(path: string | readonly (string | number)[], value?: unknown): R;
    toMatch(expected: string | RegExp): R;
    toMatchObject(expected: object): R;
    toSatisfy(predicate: (value: any) => boolean, message?: string): R;
    toThrow(expected?: string | RegExp | Error | (new (...args: any[]) => Error)): R;
    toThrowError(expected?: string | RegExp | Error | (new (...args: any[]) => Error)): R;
    toHaveBeenCalled(): R;
    toHaveBeenCalledOnce(): R;
    toHaveBeenCalledTimes(times: number): R;
    toHaveBeenCalledWith(...args: unknown[]): R;
    toHaveBeenLastCalledWith(...args: unknown[]): R;
    toHaveBeenNthCalledWith(n: number, ...args: unknown[]): R;
    toHaveReturned(): R;
    toHaveReturnedTimes(times: number): R;
    toHaveReturnedWith(value: unknown): R;
    toHaveLastReturnedWith(value: unknown): R;
    toBeCalled(): R;
    toBeCalledTimes(times: number): R;
    toBeCalledWith(...args: unknown[]): R;
    toMatchSnapshot(message?: string): R;
    toMatchInlineSnapshot(snapshot?: string): R;
  }

  interface AsymmetricMatcher {
    asymmetricMatch(other: unknown): boolean;
  }

  interface Expect {
    <T>(actual: T, message?: string): Assertion;
    soft<T>(actual: T, message?: string): Assertion;
    poll<T>(fn: () => Awaitable<T>, options?: { timeout?: number; interval?: number }): Assertion<Promise<void>>;
    assertions(count: number): void;
    hasAssertions(): void;
    unreachable(message?: string): never;
    anything(): any;
    any(constructor: unknown): any;
    arrayContaining<T>(items: readonly T[]): any;
    objectContaining<T extends object>(shape: T): any;
    stringContaining(text: string): any;
    stringMatching(pattern: string | RegExp): any;
    closeTo(value: number, digits?: number): any;
    not: {
      arrayContaining<T>(items: readonly T[]): any;
      objectContaining<T extends object>(shape: T): any;
      stringContaining(text: string): any;
      stringMatching(pattern: string | RegExp): any;
    };
    extend(matchers: Record<string, (this: { isNot: boolean; equals(a: unknown, b: unknown): boolean }, received: any, ...expected: any[]) => { pass: boolean; message: () => string }>): void;
  }

  interface MockResult<R> {
    type: 'return' | 'throw' | 'incomplete';
    value: R;
  }

  interface Mock<A extends any[] = any[], R = any> {
    (...args: A): R;
    new (...args: A): R;
    mock: {
      calls: A[];
      results: MockResult<R>[];
      instances: unknown[];
      lastCall: A | undefined;
    };
    getMockName(): string;
    mockName(name: string): this;
    mockClear(): this;
    mockReset(): this;
    mockRestore(): void;
    getMockImplementation(): ((...args: A) => R) | undefined;
    mockImplementation(fn: (...args: A) => R): this;
    mockImplementationOnce(fn: (...args: A) => R): this;
    mockReturnValue(value: R): this;
    mockReturnValueOnce(value: R): this;
    mockResolvedValue(value: Awaited<R>): this;
    mockResolvedValueOnce(value: Awaited<R>): this;
    mockRejectedValue(reason: unknown): this;
    mockRejectedValueOnce(reason: unknown): this;
    mockReturnThis(): this;
  }

  type Procedure = (...args: any[]) => any;

  interface Vi {
    fn<T extends Procedure = Procedure>(implementation?: T): Mock<Parameters<T>, ReturnType<T>>;
    spyOn<T extends object, K extends keyof T>(object: T, method: K, accessType?: 'get' | 'set'): T[K] extends Procedure ? Mock<Parameters<T[K]>, ReturnType<T[K]>> : Mock;
    isMockFunction(fn: unknown): fn is Mock;
    clearAllMocks(): Vi;
    resetAllMocks(): Vi;
    restoreAllMocks(): Vi;
    useFakeTimers(options?: { now?: number | Date; toFake?: string[] }): Vi;
    useRealTimers(): Vi;
    isFakeTimers(): boolean;
    advanceTimersByTime(ms: number): Vi;
    advanceTimersByTimeAsync(ms: number): Promise<Vi>;
    advanceTimersToNextTimer(): Vi;
    runAllTimers(): Vi;
    runAllTimersAsync(): Promise<Vi>;
    runOnlyPendingTimers(): Vi;
    getTimerCount(): number;
    setSystemTime(time: number | string | Date): Vi;
    getMockedSystemTime(): Date | null;
    getRealSystemTime(): number;
    stubGlobal(name: string, value: unknown): Vi;
    unstubAllGlobals(): Vi;
    waitFor<T>(callback: () => Awaitable<T>, options?: number | { timeout?: number; interval?: number }): Promise<T>;
    mocked<T>(item: T, deep?: boolean): T;
  }

  interface Jest extends Omit<Vi, 'useFakeTimers'> {
    useFakeTimers(options?: { now?: number | Date }): Jest;
  }
}

declare const describe: Vitest.Describe;
declare const suite: Vitest.Describe;
declare const it: Vitest.Test;
declare const test: Vitest.Test;
declare const expect: Vitest.Expect;
declare const vi: Vitest.Vi;
declare const jest: Vitest.Jest;
declare function beforeAll(fn: Vitest.HookFn, timeout?: number): void;
declare function afterAll(fn: Vitest.HookFn, timeout?: number): void;
declare function beforeEach(fn: Vitest.HookFn, timeout?: number): void;
declare function afterEach(fn: Vitest.HookFn, timeout?: number): void;

declare module 'vitest' {
  export const describe: Vitest.Describe;
  export const suite: Vitest.Describe;
  export const it: Vitest.Test;
  export const test: Vitest.Test;
  export const expect: Vitest.Expect;
  export const vi: Vitest.Vi;
  export const vitest: Vitest.Vi;
  export function beforeAll(fn: Vitest.HookFn, timeout?: number): void;
  export function afterAll(fn: Vitest.HookFn, timeout?: number): void;
  export function beforeEach(fn: Vitest.HookFn, timeout?: number): void;
  export function afterEach(fn: Vitest.HookFn, timeout?: number): void;
  export type Mock<A extends any[] = any[], R = any> = Vitest.Mock<A, R>;
}

declare module '@jest/globals' {
  export const describe: Vitest.Describe;
  export const it: Vitest.Test;
  export const test: Vitest.Test;
  export const expect: Vitest.Expect;
  export const jest: Vitest.Jest;
  export function beforeAll(fn: Vitest.HookFn, timeout?: number): void;
  export function afterAll(fn: Vitest.HookFn, timeout?: number): void;
  export function beforeEach(fn: Vitest.HookFn, timeout?: number): void;
  export function afterEach(fn: Vitest.HookFn, timeout?: number): void;
}
`;
