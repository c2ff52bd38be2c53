/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { crossOriginHeaders } from './server/crossOriginHeaders.ts';
import { precompressPlugin } from './scripts/precompressPlugin.ts';

/**
 * The client is a multi-page build: the app (index.html), the opaque-origin sandbox that hosts
 * user code (sandbox.html), and the headless harness the CLI and the runtime contract suite
 * drive (harness.html). Everything, Monaco's and esbuild's workers and wasm included, is served
 * from our own origin: the playground works with no internet.
 */
export default defineConfig({
  root: 'client',
  publicDir: 'public',
  base: '/',
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 6000,
    rollupOptions: {
      // Precompression (brotli 9) is deliberately the slowest step of the build and runs once per
      // build; the bundler's "slow plugin" warning would only ever report that.
      checks: { bundlerTimings: false },
      input: {
        index: 'client/index.html',
        sandbox: 'client/sandbox.html',
        harness: 'client/harness.html',
      },
    },
  },
  plugins: [precompressPlugin()],
  worker: { format: 'es' },
  server: { headers: crossOriginHeaders },
  preview: { headers: crossOriginHeaders },
  test: {
    root: '.',
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
  },
});
