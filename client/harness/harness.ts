import { createHarnessApi } from './createHarnessApi.ts';

/**
 * The headless harness page: no editor, just the runtimes behind `window.pairlaneHarness` for
 * the runtime contract suite and the `pairlane test` CLI. Each runtime's module is loaded only
 * when asked for, so the worker runtime never loads WebContainer's code and the reverse.
 */
const status = document.getElementById('status');

window.pairlaneHarness = createHarnessApi(
  async (kind, options) => {
    if (kind === 'webcontainer') {
      const { createWebContainerRuntime } = await import('../runtime/webcontainer/createWebContainerRuntime.ts');
      return createWebContainerRuntime(options.bootTimeoutMs === undefined ? {} : { bootTimeoutMs: options.bootTimeoutMs });
    }
    if (kind === 'python') {
      const { createPythonRuntime } = await import('../runtime/python/createPythonRuntime.ts');
      return createPythonRuntime({ ...(options.stopBy ? { stopBy: options.stopBy } : {}), ...(options.bootTimeoutMs === undefined ? {} : { bootTimeoutMs: options.bootTimeoutMs }) });
    }
    const { createWorkerRuntime } = await import('../runtime/worker/createWorkerRuntime.ts');
    return createWorkerRuntime();
  },
  (text) => {
    if (status) status.textContent = text;
  },
);
document.documentElement.dataset.harness = 'ready';
