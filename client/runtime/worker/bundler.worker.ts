import * as esbuild from 'esbuild-wasm/esm/browser.js';
import { BundleCache } from './BundleCache.ts';
import { bundleWorkspace } from './bundleWorkspace.ts';
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

/** A first build compiles esbuild's hot paths; doing it during boot keeps it off the first real run. */
const WARM_UP_FILES = {
  'warm-up.test.ts': "import { it } from 'vitest';\nimport { value } from './value';\nit('warms up', () => { const n: number = value; return n; });\n",
  'value.ts': 'export const value = 1;\n',
};

scope.onmessage = (event: MessageEvent<BundlerRequest>) => {
  const request = event.data;
  if (request.type === 'init') {
    const startedAt = performance.now();
    initialized ??= esbuild
      .initialize({ wasmURL: request.wasmUrl, worker: false })
      .then(() => bundleWorkspace(esbuild.build, WARM_UP_FILES, ['warm-up.test.ts']))
      .then(() => undefined);
    initialized.then(
      () => post({ type: 'init-done', ms: performance.now() - startedAt }),
      (error: unknown) => post({ type: 'init-failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return;
  }
  const ready = initialized ?? Promise.reject(new Error('the bundler was asked to build before it was initialized'));
  ready
    .then(() => cache.bundle(request.files, request.entries))
    .then(
      (build) => post({ type: 'built', id: request.id, build }),
      (error: unknown) => post({ type: 'build-failed', id: request.id, message: error instanceof Error ? error.message : String(error) }),
    );
};
