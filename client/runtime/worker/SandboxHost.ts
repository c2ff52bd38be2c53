import runnerUrl from '../../sandbox/userCode.worker.ts?worker&url';
import type { ParentToSandbox, RunJob, WorkerMessage } from '../../sandbox/sandboxProtocol.ts';
import { SandboxMessageSchema, WorkerMessageSchema } from './sandboxMessageSchema.ts';

export type SandboxEvent = { type: 'message'; message: WorkerMessage } | { type: 'failed'; message: string };

/** How long a kill may go unanswered before the sandbox is presumed dead and rebuilt. */
const KILL_ACK_MS = 10_000;

/**
 * The app's side of the sandbox iframe: `<iframe sandbox="allow-scripts">` (never
 * allow-same-origin), hidden. Only window messages whose source is that iframe's window are
 * read, and a run's port only while the run lasts; everything is parsed before it is believed.
 */
export class SandboxHost {
  private iframe!: HTMLIFrameElement;
  private booted!: Promise<void>;
  private runs = new Map<number, { onEvent: (event: SandboxEvent) => void; port: MessagePort }>();
  private killWatch = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly onMessage = (event: MessageEvent) => this.receive(event);
  private markReady: () => void = () => {};
  private disposed = false;

  /** The runner's source, fetched once from our origin and handed to the sandbox. */
  private readonly runnerSource: Promise<string>;

  constructor(
    private readonly url: string,
    private readonly container: HTMLElement,
    private readonly bootTimeoutMs: number,
  ) {
    this.runnerSource = fetch(new URL(runnerUrl, location.href)).then((response) => {
      if (!response.ok) throw new Error(`the test runner (${runnerUrl}) could not be loaded: HTTP ${response.status}`);
      return response.text();
    });
    window.addEventListener('message', this.onMessage);
    this.mount();
  }

  ready(): Promise<void> {
    return this.booted;
  }

  /**
   * Starts a run in a fresh worker; `onEvent` hears everything it says until it ends. The worker
   * reports on its own MessagePort, so its messages skip the sandbox document.
   */
  start(runId: number, job: RunJob, onEvent: (event: SandboxEvent) => void): void {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event: MessageEvent) => {
      const parsed = WorkerMessageSchema.safeParse(event.data);
      if (parsed.success && this.runs.has(runId)) onEvent({ type: 'message', message: parsed.data });
    };
    this.runs.set(runId, { onEvent, port: channel.port1 });
    this.post({ type: 'run', runId, job }, [channel.port2]);
  }

  /**
   * Ends a run: kills its worker (also after it finished on its own, which frees it and lets
   * the sandbox start the next one). Returns at once: the next run can start meanwhile.
   */
  kill(runId: number): void {
    this.closeRun(runId);
    this.post({ type: 'kill', runId });
    // A sandbox that cannot answer a kill is wedged (its process died, say): replace it.
    this.killWatch.set(
      runId,
      setTimeout(() => {
        this.killWatch.delete(runId);
        if (!this.disposed) this.remount();
      }, KILL_ACK_MS),
    );
  }

  dispose(): void {
    this.disposed = true;
    window.removeEventListener('message', this.onMessage);
    for (const timer of this.killWatch.values()) clearTimeout(timer);
    this.iframe.remove();
  }

  private mount(): void {
    const iframe = document.createElement('iframe');
    iframe.setAttribute('sandbox', 'allow-scripts');
    iframe.setAttribute('title', 'Pairlane sandbox');
    iframe.setAttribute('aria-hidden', 'true');
    iframe.tabIndex = -1;
    iframe.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    iframe.src = this.url;
    this.iframe = iframe;
    this.booted = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.runnerSource.catch(reject);
      setTimeout(
        () => reject(new Error(`the sandbox (${this.url}) did not start within ${this.bootTimeoutMs / 1000} s: is it served with its CSP and cross-origin headers?`)),
        this.bootTimeoutMs,
      );
    });
    this.booted.catch(() => {});
    this.container.appendChild(iframe);
  }

  private closeRun(runId: number): void {
    this.runs.get(runId)?.port.close();
    this.runs.delete(runId);
  }

  private remount(): void {
    for (const [runId, run] of this.runs) {
      run.port.close();
      run.onEvent({ type: 'failed', message: `the sandbox stopped responding (run ${runId})` });
    }
    this.runs.clear();
    this.iframe.remove();
    this.mount();
  }

  private receive(event: MessageEvent): void {
    if (event.source === null || event.source !== this.iframe.contentWindow) return;
    const parsed = SandboxMessageSchema.safeParse(event.data);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.type) {
      case 'sandbox-loaded':
        // Sent again if the document reloads: each new document needs the runner.
        // (A runner that could not be fetched is reported by ready().)
        this.runnerSource.then((runnerSource) => this.post({ type: 'init', runnerSource })).catch(() => {});
        return;
      case 'sandbox-ready':
        this.markReady();
        return;
      case 'killed': {
        const timer = this.killWatch.get(message.runId);
        if (timer !== undefined) clearTimeout(timer);
        this.killWatch.delete(message.runId);
        return;
      }
      case 'worker-failed':
        this.runs.get(message.runId)?.onEvent({ type: 'failed', message: message.message });
        return;
    }
  }

  private post(message: ParentToSandbox, transfer: Transferable[] = []): void {
    // The sandbox's origin is opaque, so "*" is the only target that reaches it; what we send
    // is the user's own code and settings.
    this.iframe.contentWindow?.postMessage(message, '*', transfer);
  }
}
