import * as esbuild from 'esbuild-wasm/esm/browser.js';
import { BundleCache } from './BundleCache.ts';
import { bundleWorkspace } from './bundleWorkspace.ts';
import type { BundlerRequest, BundlerResponse } from './bundlerProtocol.ts';
import { warmUpProject } from './warmUpProject.ts';
import { installFastZeroDelayTimers } from './worker-scope/installFastZeroDelayTimers.ts';

/**
 * The bundler: esbuild-wasm, initialized once and kept warm for the life of the page. It runs
 * the wasm on this worker's own thread (no nested worker), so builds never touch the UI thread.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;
installFastZeroDelayTimers(scope);
const post = (message: BundlerResponse) => scope.postMessage(message);
let initialized: Promise<void> | undefined;
const cache = new BundleCache(esbuild.build);

/**
 * V8 runs esbuild's wasm unoptimized at first and recompiles hot functions in the background as
 * they run; until enough has run, a build costs several times the CPU (measured here: ~65-80 ms
 * of CPU per small build for the first ~60 builds, ~15 ms after). So the bundler builds a
 * synthetic project while booting, then small ones whenever no real build has come for a while,
 * one after another, until it has done enough. A real build waits at most for one small one.
 */
const IDLE_WARM_UP_BUILDS = 60;
const IDLE_MS = 300;
let warmUpsDone = 0;
let realBuildsPending = 0;
let lastRealBuildAt = 0;
let warmUpInFlight: Promise<unknown> = Promise.resolve();
let warmUpTimer: ReturnType<typeof setTimeout> | undefined;

function warmUpWhileIdle(): void {
  if (warmUpTimer !== undefined || warmUpsDone >= IDLE_WARM_UP_BUILDS) return;
  const wait = Math.max(1, lastRealBuildAt + IDLE_MS - performance.now());
  warmUpTimer = setTimeout(() => {
    warmUpTimer = undefined;
    if (realBuildsPending > 0) return;
    if (performance.now() - lastRealBuildAt < IDLE_MS) return warmUpWhileIdle();
    const { files, entries } = warmUpProject(warmUpsDone, 1);
    warmUpsDone += 1;
    warmUpInFlight = bundleWorkspace(esbuild.build, files, entries).then(warmUpWhileIdle, () => {});
  }, wait);
}

/** Warming up is part of booting for up to this long: the first runs should not be the slow ones. */
const BOOT_WARM_UP_MS = 1_500;

async function warmUpWhileBooting(): Promise<void> {
  const until = performance.now() + BOOT_WARM_UP_MS;
  do {
    const { files, entries } = warmUpProject(warmUpsDone, 2);
    warmUpsDone += 1;
    await bundleWorkspace(esbuild.build, files, entries);
  } while (performance.now() < until && warmUpsDone < IDLE_WARM_UP_BUILDS);
}

scope.onmessage = (event: MessageEvent<BundlerRequest>) => {
  const request = event.data;
  if (request.type === 'init') {
    const startedAt = performance.now();
    initialized ??= esbuild
      .initialize({ wasmURL: request.wasmUrl, worker: false })
      .then(warmUpWhileBooting)
      .then(() => warmUpWhileIdle());
    initialized.then(
      () => post({ type: 'init-done', ms: performance.now() - startedAt }),
      (error: unknown) => post({ type: 'init-failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  const ready = initialized ?? Promise.reject(new Error('the bundler was asked to build before it was initialized'));
  realBuildsPending += 1;
  ready
    // A synthetic build already running cannot be interrupted; none starts while this one waits.
    .then(() => warmUpInFlight)
    .then(() => cache.bundle(request.files, request.entries))
    .then(
      (build) => post({ type: 'built', id: request.id, build }),
      (error: unknown) => post({ type: 'build-failed', id: request.id, message: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => {
      realBuildsPending -= 1;
      lastRealBuildAt = performance.now();
      warmUpWhileIdle();
    });
};
