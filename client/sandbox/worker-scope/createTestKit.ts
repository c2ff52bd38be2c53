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
 * Runs one passing and one failing assertion, and renders the failure's diff, so their code is
 * compiled while the worker waits for its job rather than during the first test.
 */
export function warmUpTestKit(kit: TestKit, serialize: (error: unknown) => unknown): void {
  const expect = kit.expect as unknown as (value: unknown) => { toBe(v: unknown): void; toEqual(v: unknown): void };
  try {
    expect({ a: [1, 'x'] }).toEqual({ a: [1, 'x'] });
    expect(1).toBe(1);
    expect({ a: [1, 'x'] }).toEqual({ a: [2, 'y'] });
  } catch (error) {
    serialize(error);
  }
}
