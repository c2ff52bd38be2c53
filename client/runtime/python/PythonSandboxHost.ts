import runnerUrl from '../../sandbox/python/pythonRunner.worker.ts?worker&url';
import type { PythonAssets, PythonControl, PythonInit, PythonJob, PythonSandboxEvent } from '../../sandbox/python/pythonProtocol.ts';
import { PythonSandboxEventSchema } from './pythonMessageSchema.ts';

type WorkerMessage = Extract<PythonSandboxEvent, { type: 'worker' }>['message'];

/** What a run hears: the worker's messages for it, or that the interpreter went away under it. */
export type PythonRunEvent = { type: 'message'; message: WorkerMessage } | { type: 'gone'; message: string };

/** How the interpreter booted. */
export interface PythonBootInfo {
  bootMs: number;
  /** True when Stop interrupts (KeyboardInterrupt) instead of terminating and booting again. */
  interruptible: boolean;
  version: string;
}

/**
 * The app's side of the Python sandbox: its own `<iframe sandbox="allow-scripts">` of
 * sandbox.html (opaque origin, the sandbox CSP), with `allow="cross-origin-isolated"` so that,
 * in our cross-origin isolated page, the sandbox has SharedArrayBuffer for Pyodide's interrupt
 * buffer and for input(). The app fetches Pyodide's files and the runner and hands them over
 * once; everything that comes back is parsed before it is believed.
 */
export class PythonSandboxHost {
  private iframe: HTMLIFrameElement | undefined;
  private port: MessagePort | undefined;
  private booted!: Promise<PythonBootInfo>;
  private settleBoot: { resolve(info: PythonBootInfo): void; reject(error: Error): void } = { resolve: () => {}, reject: () => {} };
  private lastBoot: PythonBootInfo | undefined;
  private readonly runs = new Map<number, (event: PythonRunEvent) => void>();
  private readonly onMessage = (event: MessageEvent) => this.receive(event);
  private readonly payload: Promise<{ runnerSource: string; assets: PythonAssets }>;
  private disposed = false;
  private bootPending = false;

  constructor(
    private readonly url: string,
    private readonly container: HTMLElement,
    private readonly options: { interruptible: boolean; bootTimeoutMs: number; loadAssets: () => Promise<PythonAssets> },
  ) {
    const runnerSource = fetch(new URL(runnerUrl, location.href)).then((response) => {
      if (!response.ok) throw new Error(`the Python runner (${runnerUrl}) could not be loaded: HTTP ${response.status}`);
      return response.text();
    });
    this.payload = Promise.all([runnerSource, options.loadAssets()]).then(([source, assets]) => ({ runnerSource: source, assets }));
    this.payload.catch(() => {});
    this.expectBoot();
    window.addEventListener('message', this.onMessage);
    this.mount();
  }

  /** Resolves once an interpreter is booted (after a restart, the new one). */
  ready(): Promise<PythonBootInfo> {
    return this.booted;
  }

  /** The last boot, if one finished. */
  get boot(): PythonBootInfo | undefined {
    return this.lastBoot;
  }

  start(runId: number, job: PythonJob, onEvent: (event: PythonRunEvent) => void): void {
    this.runs.set(runId, onEvent);
    this.send({ type: 'run', runId, job });
  }

  /** The run is over for the app: its messages are no longer wanted. */
  forget(runId: number): void {
    this.runs.delete(runId);
  }

  interrupt(runId: number): void {
    this.send({ type: 'interrupt', runId });
  }

  stdin(runId: number, text: string | null): void {
    this.send({ type: 'stdin', runId, text });
  }

  /** Terminates the interpreter and boots a fresh one; ready() waits for it. */
  restart(): void {
    this.expectBoot();
    this.send({ type: 'restart' });
  }

  dispose(): void {
    this.disposed = true;
    window.removeEventListener('message', this.onMessage);
    this.port?.close();
    this.iframe?.remove();
    this.settleBoot.reject(new Error('the Python runtime was disposed'));
  }

  /** A boot is on its way: ready() waits for it (one promise per boot, however often it is announced). */
  private expectBoot(): void {
    if (this.bootPending) return;
    this.bootPending = true;
    this.booted = new Promise<PythonBootInfo>((resolve, reject) => {
      this.settleBoot = {
        resolve: (info) => {
          this.bootPending = false;
          resolve(info);
        },
        reject: (error) => {
          this.bootPending = false;
          reject(error);
        },
      };
      setTimeout(() => reject(new Error(`Python (Pyodide) did not boot within ${this.options.bootTimeoutMs / 1000} s`)), this.options.bootTimeoutMs);
    });
    this.booted.catch(() => {});
    this.payload.catch((error: unknown) => this.settleBoot.reject(error instanceof Error ? error : new Error(String(error))));
  }

  private mount(): void {
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts');
    // Lets the opaque-origin sandbox share the page's cross-origin isolation (SharedArrayBuffer).
    iframe.setAttribute('allow', 'cross-origin-isolated');
    iframe.setAttribute('title', 'Pairlane Python sandbox');
    iframe.setAttribute('aria-hidden', 'true');
    iframe.tabIndex = -1;
    iframe.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    iframe.src = this.url;
    this.iframe = iframe;
    this.container.appendChild(iframe);
  }

  private receive(event: MessageEvent): void {
    if (event.source === null || event.source !== this.iframe?.contentWindow) return;
    const data = event.data as { type?: unknown } | null;
    if (data?.type !== 'sandbox-loaded' || this.disposed) return;
    // (Again if the sandbox document reloads: it needs the interpreter again.)
    this.payload
      .then(({ runnerSource, assets }) => {
        if (this.disposed) return;
        this.port?.close();
        const channel = new MessageChannel();
        this.port = channel.port1;
        channel.port1.onmessage = (message: MessageEvent) => this.fromSandbox(message.data);
        const init: PythonInit = { type: 'python-init', runnerSource, assets, interruptible: this.options.interruptible };
        // The opaque origin is reachable only with "*"; what goes is Pyodide and the runner.
        this.iframe?.contentWindow?.postMessage(init, '*', [channel.port2]);
      })
      .catch(() => {});
  }

  private fromSandbox(data: unknown): void {
    const parsed = PythonSandboxEventSchema.safeParse(data);
    if (!parsed.success) return;
    const event = parsed.data;
    switch (event.type) {
      case 'booting':
        this.expectBoot();
        return;
      case 'ready':
        this.lastBoot = { bootMs: event.bootMs, interruptible: event.interruptible, version: event.version };
        this.settleBoot.resolve(this.lastBoot);
        return;
      case 'boot-failed':
        this.settleBoot.reject(new Error(`Python (Pyodide) could not boot: ${event.message}`));
        return;
      case 'worker-gone':
        for (const [runId, onEvent] of this.runs) if (event.runId === undefined || event.runId === runId) onEvent({ type: 'gone', message: event.message });
        return;
      case 'worker': {
        const message = event.message;
        if ('runId' in message) this.runs.get(message.runId)?.({ type: 'message', message });
        return;
      }
    }
  }

  private send(message: PythonControl): void {
    this.port?.postMessage(message);
  }
}
