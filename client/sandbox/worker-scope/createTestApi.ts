import type { BundlePosition } from '../bundleUrl.ts';
import { formatEachTitle, parseEachTable } from '../formatEachTitle.ts';
import type { TestApiExport } from '../testApiExports.ts';
import type { TestCollector, HookKind } from './TestCollector.ts';
import type { HookFunction, TaskMode, TestFunction } from './testTree.ts';

export interface TestApiDeps {
  /** The collector of the file being imported; undefined while tests run. */
  collector(): TestCollector | undefined;
  /** Position of the user code that called into the API (for the test's location). */
  locate(): BundlePosition | undefined;
  /** Registers a callback on the test that is running now. */
  onCurrentTest(event: 'finished' | 'failed', fn: () => unknown): void;
  expect: unknown;
  assert: unknown;
  chai: unknown;
  vi: unknown;
}

interface Flags {
  mode: TaskMode;
  fails?: boolean;
}

type Callable = (...args: never[]) => unknown;
type Options = { timeout?: number; skip?: boolean; only?: boolean; todo?: boolean; fails?: boolean };

/**
 * describe/it/test and the hooks, with vitest's and jest's modifiers: `.skip .only .todo .fails
 * .each .for .skipIf .runIf .concurrent .sequential`, chainable (`it.skip.each`), plus
 * `xit/xtest/xdescribe/fit/fdescribe`. Everything is recorded into the current file's collector.
 */
export function createTestApi(deps: TestApiDeps): Record<TestApiExport, unknown> {
  const collector = (what: string) => {
    const current = deps.collector();
    if (!current) throw new Error(`${what}() can only be called while a test file is being loaded`);
    return current;
  };

  const declareTest = (flags: Flags, rawName: unknown, a?: unknown, b?: unknown, declaredAt = deps.locate()) => {
    const { fn, options } = splitArgs(a, b);
    const mode = modeOf(flags, options, fn);
    collector('test').addTest({
      name: nameOf(rawName),
      mode,
      fn: fn as TestFunction | undefined,
      timeoutMs: options.timeout,
      fails: flags.fails || options.fails,
      declaredAt,
    });
  };

  const declareSuite = (flags: Flags, rawName: unknown, a?: unknown, b?: unknown, declaredAt = deps.locate()) => {
    const { fn, options } = splitArgs(a, b);
    const mode = modeOf(flags, options, fn);
    collector('describe').addSuite(nameOf(rawName), mode, fn as (() => unknown) | undefined, declaredAt);
  };

  const each = (declare: typeof declareTest, flags: Flags, spread: boolean) =>
    (table: unknown, ...values: unknown[]) => {
      const rows = isTemplateStrings(table) ? parseEachTable(table, values) : toRows(table);
      return (rawName: unknown, a?: unknown, b?: unknown) => {
        const declaredAt = deps.locate();
        const { fn, options } = splitArgs(a, b);
        rows.forEach((row, index) => {
          const items = Array.isArray(row) && spread ? row : [row];
          // .each spreads a row into the arguments; .for passes it whole, then the test context.
          const body = fn === undefined ? undefined : spread ? () => fn(...items) : (context: unknown) => fn(row, context);
          declare(flags, formatEachTitle(nameOf(rawName), items, index), body, options, declaredAt);
        });
      };
    };

  const chain = (declare: typeof declareTest, flags: Flags): Callable => {
    const fn = ((name: unknown, a?: unknown, b?: unknown) => declare(flags, name, a, b)) as unknown as Callable & Record<string, unknown>;
    const define = (name: string, get: () => unknown) => Object.defineProperty(fn, name, { get, enumerable: true });
    define('skip', () => chain(declare, { ...flags, mode: 'skip' }));
    define('only', () => chain(declare, { ...flags, mode: 'only' }));
    define('todo', () => chain(declare, { ...flags, mode: 'todo' }));
    define('fails', () => chain(declare, { ...flags, fails: true }));
    define('concurrent', () => fn);
    define('sequential', () => fn);
    define('shuffle', () => fn);
    define('each', () => each(declare, flags, true));
    define('for', () => each(declare, flags, false));
    define('skipIf', () => (condition: unknown) => chain(declare, condition ? { ...flags, mode: 'skip' } : flags));
    define('runIf', () => (condition: unknown) => chain(declare, condition ? flags : { ...flags, mode: 'skip' }));
    return fn;
  };

  const hook = (kind: HookKind) => (fn: unknown, timeout?: unknown) => {
    if (typeof fn !== 'function') throw new TypeError(`${kind}() needs a function`);
    collector(kind).addHook(kind, fn as HookFunction, typeof timeout === 'number' ? timeout : undefined);
  };

  const run: Flags = { mode: 'run' };
  const it = chain(declareTest, run);
  const describe = chain(declareSuite, run);
  return {
    describe,
    suite: describe,
    it,
    test: it,
    xdescribe: chain(declareSuite, { mode: 'skip' }),
    fdescribe: chain(declareSuite, { mode: 'only' }),
    xit: chain(declareTest, { mode: 'skip' }),
    xtest: chain(declareTest, { mode: 'skip' }),
    fit: chain(declareTest, { mode: 'only' }),
    beforeAll: hook('beforeAll'),
    afterAll: hook('afterAll'),
    beforeEach: hook('beforeEach'),
    afterEach: hook('afterEach'),
    onTestFinished: (fn: () => unknown) => deps.onCurrentTest('finished', fn),
    onTestFailed: (fn: () => unknown) => deps.onCurrentTest('failed', fn),
    expect: deps.expect,
    assert: deps.assert,
    chai: deps.chai,
    vi: deps.vi,
    jest: deps.vi,
    // Type-level assertions: the type checker (the editor) judges them; at run time they pass.
    expectTypeOf: typeOnlyAssertion,
    assertType: () => {},
  };
}

/** A value on which any property or call is another such value: what expectTypeOf needs at run time. */
const typeOnlyAssertion: unknown = new Proxy(() => {}, {
  get: (_target, key) => (key === 'then' ? undefined : typeOnlyAssertion),
  apply: () => typeOnlyAssertion,
});

/** vitest takes (name, fn, options|timeout) and the older (name, options, fn). */
function splitArgs(a: unknown, b: unknown): { fn?: (...args: unknown[]) => unknown; options: Options } {
  if (typeof a === 'function') return { fn: a as (...args: unknown[]) => unknown, options: toOptions(b) };
  if (typeof b === 'function') return { fn: b as (...args: unknown[]) => unknown, options: toOptions(a) };
  return { options: toOptions(a ?? b) };
}

function toOptions(value: unknown): Options {
  if (typeof value === 'number') return { timeout: value };
  if (typeof value === 'object' && value !== null) return value as Options;
  return {};
}

function modeOf(flags: Flags, options: Options, fn: unknown): TaskMode {
  if (options.todo || fn === undefined) return flags.mode === 'skip' ? 'skip' : 'todo';
  if (options.skip) return 'skip';
  if (options.only && flags.mode === 'run') return 'only';
  return flags.mode;
}

function nameOf(name: unknown): string {
  if (typeof name === 'function') return (name as { name?: string }).name || '<anonymous>';
  return String(name);
}

function isTemplateStrings(value: unknown): value is TemplateStringsArray {
  return Array.isArray(value) && Object.hasOwn(value, 'raw');
}

function toRows(table: unknown): unknown[] {
  if (!Array.isArray(table)) throw new TypeError('.each() expects an array of rows or a tagged template table');
  return table;
}
