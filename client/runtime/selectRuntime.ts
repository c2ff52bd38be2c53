import type { Runtime, RuntimeKind } from './Runtime.ts';
import { withPythonRuntime } from './python/withPythonRuntime.ts';

/** Which runtime the page asked for: `?runtime=worker|webcontainer`, or automatic. */
export type RuntimePreference = 'auto' | RuntimeKind;

/** Reads the preference from a location's query string; anything unknown means automatic. */
export function runtimePreference(search: string): RuntimePreference {
  const value = new URLSearchParams(search).get('runtime');
  return value === 'worker' || value === 'webcontainer' ? value : 'auto';
}

/** Where one runtime is in its life. */
export type BootState =
  | { phase: 'off' }
  | { phase: 'booting'; since: number }
  | { phase: 'ready'; bootMs: number }
  | { phase: 'failed'; reason: string };

/** What the toolbar badge shows: the active runtime, whether it can run, and why it was chosen. */
export interface RuntimeStatus {
  preference: RuntimePreference;
  /** The runtime JavaScript and TypeScript runs go to (Python files always run in Pyodide). */
  active: Exclude<RuntimeKind, 'python'>;
  /** Whether the active runtime can take a run now (it may still be booting) or cannot at all. */
  phase: 'booting' | 'ready' | 'failed';
  worker: BootState;
  webcontainer: BootState;
  /** Pyodide, booted once a Python file is open (or run); 'off' until then. */
  python: BootState;
  /** Short badge text, e.g. "Offline runtime · WebContainer unavailable: could not reach its host". */
  label: string;
  /** The longer explanation for the tooltip. */
  detail: string;
}

/** Ends a reason with exactly one full stop, however the runtime wrote it. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * A reason short enough for the badge; the tooltip keeps the whole text. Runtimes explain their
 * failures in full sentences, so the common ones get a few words and the rest their first clause.
 */
export function shortReason(reason: string): string {
  if (/did not boot within|stackblitz|could not reach|network/i.test(reason)) return 'could not reach its host';
  if (/cross-origin isolated|crossOriginIsolated|SharedArrayBuffer/i.test(reason)) return 'page is not cross-origin isolated';
  const first = (reason.split(/(?<=[.;:])\s/)[0] ?? reason).replace(/[.;:]$/, '');
  return first.length > 60 ? `${first.slice(0, 57).trimEnd()}…` : first;
}

/** Puts the badge text and tooltip into words. Pure, so the wording is tested on its own. */
export function describeRuntime(preference: RuntimePreference, worker: BootState, webcontainer: BootState, python: BootState = { phase: 'off' }): RuntimeStatus {
  const active: RuntimeStatus['active'] = webcontainer.phase === 'ready' || preference === 'webcontainer' ? 'webcontainer' : 'worker';
  const own = active === 'webcontainer' ? webcontainer : worker;
  const phase = own.phase === 'ready' ? 'ready' : own.phase === 'failed' ? 'failed' : 'booting';
  const offline = 'Runs your code in this tab (esbuild + a vitest-compatible runner in sandboxed workers), with no network.';
  const wcAbout = 'WebContainer runs Node.js and the real vitest in the browser; it needs its host on the internet.';
  let label: string;
  let detail: string;
  if (active === 'webcontainer') {
    if (webcontainer.phase === 'ready') {
      label = `WebContainer · booted in ${seconds(webcontainer.bootMs)}`;
      detail = `${wcAbout} It booted in ${seconds(webcontainer.bootMs)} and now runs every Run and Test.`;
    } else if (webcontainer.phase === 'failed') {
      label = `WebContainer failed: ${shortReason(webcontainer.reason)}`;
      detail = `?runtime=webcontainer asked for WebContainer only, and it could not boot: ${sentence(webcontainer.reason)} Remove the parameter to use the offline runtime.`;
    } else {
      label = 'WebContainer · booting…';
      detail = `${wcAbout} Chosen by ?runtime=webcontainer; runs wait until it has booted.`;
    }
  } else {
    const name = worker.phase === 'booting' ? 'Starting the offline runtime' : 'Offline runtime';
    const failedNote = worker.phase === 'failed' ? ` (it failed: ${shortReason(worker.reason)})` : '';
    if (preference === 'worker') {
      label = `${name} · chosen by ?runtime=worker${failedNote}`;
      detail = `${offline} WebContainer was not tried because the page asked for the offline runtime.`;
    } else if (webcontainer.phase === 'failed') {
      label = `${name} · WebContainer unavailable: ${shortReason(webcontainer.reason)}${failedNote}`;
      detail = `${offline} WebContainer was tried and could not boot: ${sentence(webcontainer.reason)}`;
    } else {
      label = `${name} · trying WebContainer…${failedNote}`;
      detail = `${offline} WebContainer is booting in the background; the playground switches to it if it boots.`;
    }
    if (worker.phase === 'failed') detail += ` The offline runtime could not start: ${sentence(worker.reason)}`;
  }
  // Python runs in Pyodide whichever runtime is active; the badge says where it is once it was asked for.
  if (python.phase === 'booting') {
    label += ' · Python starting…';
    detail += ' Python (Pyodide, offline, standard library only) is booting for the open Python file.';
  } else if (python.phase === 'ready') {
    label += ` · Python ready (${seconds(python.bootMs)})`;
    detail += ` Python files run in Pyodide (CPython in WebAssembly, offline, standard library only), booted in ${seconds(python.bootMs)}.`;
  } else if (python.phase === 'failed') {
    label += ` · Python unavailable: ${shortReason(python.reason)}`;
    detail += ` Python (Pyodide) could not boot: ${sentence(python.reason)}`;
  }
  return { preference, active, phase, worker, webcontainer, python, label, detail };
}

export interface RuntimeFactories {
  worker: () => Runtime;
  webcontainer: () => Runtime;
  /** Pyodide for Python files, created on first need (once per tab); without it Python files go to the JS runtime. */
  python?: () => Runtime;
}

export interface SelectRuntimeOptions {
  preference: RuntimePreference;
  factories: RuntimeFactories;
  /** Milliseconds since some origin; passed in so boot times are measured on one clock. */
  now: () => number;
}

/**
 * The runtime choice for one tab. Runs borrow the active runtime with `acquire()` and give it
 * back with `release()`, so a switch never pulls a runtime out from under a run.
 */
export interface RuntimeSelection {
  readonly status: RuntimeStatus;
  /** Calls `listener` now and on every change; returns the unsubscribe function. */
  subscribe(listener: (status: RuntimeStatus) => void): () => void;
  /** The runtime for the next run, once it is ready; rejects with the reason it cannot boot. */
  acquire(): Promise<Runtime>;
  release(runtime: Runtime): void;
  /** Starts booting the Python runtime in the background (once per tab), e.g. when a Python file is open. */
  warmPython(): void;
  dispose(): Promise<void>;
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim() || 'no reason given';
}

/**
 * Starts the offline worker runtime at once and, unless the page asked for one runtime only,
 * boots WebContainer in the background, switching to it when (and if) it is ready. WebContainer's
 * own `ready()` enforces its time limit and rejects with a reason, which the badge repeats.
 */
export function selectRuntime({ preference, factories, now }: SelectRuntimeOptions): RuntimeSelection {
  const listeners = new Set<(status: RuntimeStatus) => void>();
  let worker: Runtime | undefined;
  let webcontainer: Runtime | undefined;
  let workerState: BootState = { phase: 'off' };
  let webcontainerState: BootState = { phase: 'off' };
  let python: Runtime | undefined;
  let pythonState: BootState = { phase: 'off' };
  let status = describeRuntime(preference, workerState, webcontainerState, pythonState);
  /** What acquire() handed out (the JS runtime wrapped with Python) → the runtime it wraps. */
  const wrapped = new WeakMap<Runtime, Runtime>();
  const inUse = new Map<Runtime, number>();
  const retired = new Set<Runtime>();
  let disposed = false;

  const update = (): void => {
    status = describeRuntime(preference, workerState, webcontainerState, pythonState);
    for (const listener of listeners) listener(status);
  };

  const boot = (runtime: Runtime, set: (state: BootState) => void): Promise<void> => {
    const started = now();
    set({ phase: 'booting', since: started });
    update();
    return runtime.ready().then(
      () => {
        set({ phase: 'ready', bootMs: now() - started });
        update();
      },
      (error: unknown) => {
        set({ phase: 'failed', reason: reasonOf(error) });
        update();
        throw error;
      },
    );
  };

  let workerReady: Promise<void> | undefined;
  let webcontainerReady: Promise<void> | undefined;
  if (preference !== 'webcontainer') {
    worker = factories.worker();
    workerReady = boot(worker, (s) => (workerState = s));
    workerReady.catch(() => undefined);
  }
  if (preference !== 'worker') {
    try {
      webcontainer = factories.webcontainer();
      webcontainerReady = boot(webcontainer, (s) => (webcontainerState = s));
    } catch (error) {
      webcontainerState = { phase: 'failed', reason: reasonOf(error) };
      webcontainerReady = Promise.reject(error);
      update();
    }
    webcontainerReady
      .then(() => {
        // WebContainer took over: the worker runtime is no longer needed once no run holds it.
        if (worker) retire(worker);
      })
      .catch(() => {
        if (webcontainer) void webcontainer.dispose().catch(() => undefined);
      });
  }

  function pythonRuntime(): Runtime | undefined {
    if (!python && factories.python && !disposed) {
      python = factories.python();
      boot(python, (s) => (pythonState = s)).catch(() => undefined);
    }
    return python;
  }

  function retire(runtime: Runtime): void {
    retired.add(runtime);
    if (!inUse.get(runtime)) {
      retired.delete(runtime);
      void runtime.dispose().catch(() => undefined);
    }
  }

  return {
    get status() {
      return status;
    },
    subscribe(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    async acquire() {
      if (disposed) throw new Error('the runtime was shut down');
      const useWebContainer = status.active === 'webcontainer' && webcontainer !== undefined;
      const runtime = useWebContainer ? webcontainer : worker;
      const ready = useWebContainer ? webcontainerReady : workerReady;
      if (!runtime || !ready) throw new Error(status.label);
      inUse.set(runtime, (inUse.get(runtime) ?? 0) + 1);
      try {
        await ready;
      } catch (error) {
        this.release(runtime);
        throw error;
      }
      if (!factories.python) return runtime;
      const both = withPythonRuntime(runtime, () => pythonRuntime() ?? runtime);
      wrapped.set(both, runtime);
      return both;
    },
    release(handed) {
      const runtime = wrapped.get(handed) ?? handed;
      const count = (inUse.get(runtime) ?? 1) - 1;
      if (count > 0) inUse.set(runtime, count);
      else inUse.delete(runtime);
      if (count <= 0 && retired.has(runtime)) retire(runtime);
    },
    warmPython() {
      pythonRuntime();
    },
    async dispose() {
      disposed = true;
      listeners.clear();
      await Promise.allSettled([worker?.dispose(), webcontainer?.dispose(), python?.dispose()]);
    },
  };
}
