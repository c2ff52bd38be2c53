import * as esbuild from 'esbuild-wasm/esm/browser.js';
import { BundleCache } from './BundleCache.ts';
import { bundleWorkspace } from './bundleWorkspace.ts';
import { warmUpProject } from './warmUpProject.ts';
import type { BundlerRequest, BundlerResponse } from './bundlerProtocol.ts';
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
 * esbuild's wasm starts unoptimized; V8 recompiles its hot functions in the background as they
 * run, and until that is done a build costs several times the CPU. So the bundler builds a
 * synthetic project (see warmUpProject) a few times while booting, then small ones whenever it
 * has been idle a while, until its code is optimized.
 */
const BOOT_WARM_UP_BUILDS = 2;
const IDLE_WARM_UP_BUILDS = 40;
/** Idle means no real build for this long: runs that follow one another never wait on a warm-up. */
const IDLE_MS = 1_000;
let warmUpsDone = 0;
let realBuildsPending = 0;
let warmUpInFlight: Promise<unknown> = Promise.resolve();
let warmUpTimer: ReturnType<typeof setTimeout> | undefined;

function warmUpWhenIdle(): void {
  if (warmUpTimer !== undefined || warmUpsDone >= IDLE_WARM_UP_BUILDS) return;
  warmUpTimer = setTimeout(() => {
    warmUpTimer = undefined;
    if (realBuildsPending > 0) return;
    const { files, entries } = warmUpProject(warmUpsDone, 1);
    warmUpsDone += 1;
    warmUpInFlight = bundleWorkspace(esbuild.build, files, entries).then(warmUpWhenIdle, () => {});
  }, IDLE_MS);
}

async function warmUpWhileBooting(): Promise<void> {
  for (let round = 0; round < BOOT_WARM_UP_BUILDS; round += 1) {
    const { files, entries } = warmUpProject(-1 - round, 3);
    await bundleWorkspace(esbuild.build, files, entries);
  }
}

scope.onmessage = (event: MessageEvent<BundlerRequest>) => {
  const request = event.data;
  if (request.type === 'init') {
    const startedAt = performance.now();
    initialized ??= esbuild
      .initialize({ wasmURL: request.wasmUrl, worker: false })
      .then(warmUpWhileBooting)
      .then(() => warmUpWhenIdle());
    initialized.then(
      () => post({ type: 'init-done', ms: performance.now() - startedAt }),
      (error: unknown) => post({ type: 'init-failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  const ready = initialized ?? Promise.reject(new Error('the bundler was asked to build before it was initialized'));
  realBuildsPending += 1;
  ready
    // A warm-up build already running cannot be interrupted; no new one starts meanwhile.
    .then(() => warmUpInFlight)
    .then(() => cache.bundle(request.files, request.entries))
    .then(
      (build) => post({ type: 'built', id: request.id, build }),
      (error: unknown) => post({ type: 'build-failed', id: request.id, message: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => {
      realBuildsPending -= 1;
      warmUpWhenIdle();
    });
};
