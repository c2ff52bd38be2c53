import type { ExpectStatic } from '@vitest/expect';
import { chai } from '@vitest/expect';
import type { BundlePosition } from '../bundleUrl.ts';
import type { TestApiExport } from '../testApiExports.ts';
import { createExpect } from './createExpect.ts';
import { createTestApi } from './createTestApi.ts';
import { createVi } from './createVi.ts';
import type { RunningTest } from './executeTestFile.ts';
import type { TestCollector } from './TestCollector.ts';

/** What the test API reads while a file loads and while its tests run. */
export interface TestKitState {
  current?: RunningTest;
  collector?: TestCollector;
  /** Uncaught errors while no test was running: they belong to the file. */
  fileErrors: unknown[];
}

export interface TestKit {
  state: TestKitState;
  expect: ExpectStatic;
  vi: Record<string, unknown>;
  api: Record<TestApiExport, unknown>;
}

export interface TestKitDeps {
  scope: typeof globalThis;
  setTimer(fn: () => void, ms: number): () => void;
  now(): number;
  locate(): BundlePosition | undefined;
}

/**
 * The test API (describe/it/expect/vi…) bound to one worker. Built when the worker starts, before
 * any job arrives, so the first test of a run does not pay for chai's plugins.
 */
export function createTestKit(deps: TestKitDeps): TestKit {
  const state: TestKitState = { fileErrors: [] };
  const expect = createExpect(() => state.current, { now: deps.now, setTimer: deps.setTimer });
  const vi = createVi({ scope: deps.scope, setTimer: deps.setTimer, now: deps.now });
  const api = createTestApi({
    collector: () => state.collector,
    locate: deps.locate,
    onCurrentTest: (event, fn) => {
      if (!state.current) throw new Error(`onTest${event === 'finished' ? 'Finished' : 'Failed'}() can only be called inside a running test`);
      (event === 'finished' ? state.current.finishedCallbacks : state.current.failedCallbacks).push(fn);
    },
    expect,
    assert: chai.assert,
    chai,
    vi,
  });
  return { state, expect, vi, api };
}

/**
 * Runs a few passing assertions so their code is compiled while the worker waits for its job,
 * not during the first test. (Rendering a failure's diff is left cold: a run that follows right
 * on another would pay for it in CPU taken from that run, and passing runs never need it.)
 */
export function warmUpTestKit(kit: TestKit): void {
  const expect = kit.expect as unknown as (value: unknown) => { toBe(v: unknown): void; toEqual(v: unknown): void };
  expect({ a: [1, 'x'], b: new Map([[1, 2]]) }).toEqual({ a: [1, 'x'], b: new Map([[1, 2]]) });
  expect(1).toBe(1);
}
