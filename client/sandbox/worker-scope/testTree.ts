import type { BundlePosition } from '../bundleUrl.ts';

/** How a test or suite was declared: `.only`, `.skip`, `.todo`, or plain. */
export type TaskMode = 'run' | 'skip' | 'only' | 'todo';

/** What a test function receives (vitest's test context; jest's `done` is handled apart). */
export interface TestContext {
  task: { name: string; fullName: string; file: string };
  expect: unknown;
  signal: AbortSignal;
  skip(note?: string): never;
  onTestFinished(fn: () => unknown): void;
  onTestFailed(fn: () => unknown): void;
}

export type TestFunction = (...args: never[]) => unknown;
export type HookFunction = (...args: never[]) => unknown;

export interface Hook {
  fn: HookFunction;
  timeoutMs?: number;
}

export interface SuiteNode {
  kind: 'suite';
  name: string;
  mode: TaskMode;
  parent?: SuiteNode;
  /** Runs when the suite is collected (after the file's top level, as in vitest); may be async. */
  factory?: () => unknown;
  children: (SuiteNode | TestNode)[];
  hooks: { beforeAll: Hook[]; afterAll: Hook[]; beforeEach: Hook[]; afterEach: Hook[] };
  declaredAt?: BundlePosition;
  /** Failure while collecting (its factory threw). */
  collectError?: unknown;
}

export interface TestNode {
  kind: 'test';
  name: string;
  mode: TaskMode;
  parent: SuiteNode;
  fn?: TestFunction;
  timeoutMs?: number;
  /** `it.fails`: passes only if the body fails. */
  fails?: boolean;
  declaredAt?: BundlePosition;
}

export function createSuite(name: string, mode: TaskMode, parent?: SuiteNode): SuiteNode {
  return { kind: 'suite', name, mode, parent, children: [], hooks: { beforeAll: [], afterAll: [], beforeEach: [], afterEach: [] } };
}

/** Names of the enclosing describe blocks, outermost first (the file's root suite excluded). */
export function ancestorsOf(node: SuiteNode | TestNode): string[] {
  const names: string[] = [];
  for (let suite = node.parent; suite?.parent; suite = suite.parent) names.unshift(suite.name);
  return names;
}

/** Every test under a suite, depth first, in declaration order. */
export function testsUnder(suite: SuiteNode): TestNode[] {
  const out: TestNode[] = [];
  for (const child of suite.children) {
    if (child.kind === 'test') out.push(child);
    else out.push(...testsUnder(child));
  }
  return out;
}
