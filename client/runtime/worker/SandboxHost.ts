import type { ParentToSandbox, RunJob, WorkerMessage } from '../../sandbox/sandboxProtocol.ts';
import { SandboxMessageSchema } from './sandboxMessageSchema.ts';

export type SandboxEvent = { type: 'message'; message: WorkerMessage } | { type: 'failed'; message: string };

/** How long a kill may go unanswered before the sandbox is presumed dead and rebuilt. */
const KILL_ACK_MS = 2_000;

/**
 * The app's side of the sandbox iframe: `<iframe sandbox="allow-scripts">` (never
 * allow-same-origin), hidden. Only messages whose source is that iframe's window are read, and
 * only after they parse. Runs are addressed by id, so a late message from a killed run is
 * dropped.
 */
export class SandboxHost {
  private iframe!: HTMLIFrameElement;
  private booted!: Promise<void>;
  private runs = new Map<number, (event: SandboxEvent) => void>();
  private killWatch = new Map<number, ReturnType<typeof setTimeout>>();
  private readonly onMessage = (event: MessageEvent) => this.receive(event);
  private markReady: () => void = () => {};
  private disposed = false;

  constructor(
    private readonly url: string,
    private readonly container: HTMLElement,
    private readonly bootTimeoutMs: number,
  ) {
    window.addEventListener('message', this.onMessage);
    this.mount();
  }

  ready(): Promise<void> {
    return this.booted;
  }

  /** Starts a run in a fresh worker; `onEvent` hears everything it says until it ends. */
  start(runId: number, job: RunJob, onEvent: (event: SandboxEvent) => void): void {
    this.runs.set(runId, onEvent);
    this.post({ type: 'run', runId, job });
  }

  /** Kills the run's worker. Resolves at once: the next run can start while the sandbox cleans up. */
  kill(runId: number): void {
    this.runs.delete(runId);
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

  /** Ends a run that finished on its own (its worker is already gone). */
  forget(runId: number): void {
    this.runs.delete(runId);
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
      setTimeout(
        () => reject(new Error(`the sandbox (${this.url}) did not start within ${this.bootTimeoutMs / 1000} s: is it served with its CSP and cross-origin headers?`)),
        this.bootTimeoutMs,
      );
    });
    this.booted.catch(() => {});
    this.container.appendChild(iframe);
  }

  private remount(): void {
    for (const [runId, onEvent] of this.runs) onEvent({ type: 'failed', message: `the sandbox stopped responding (run ${runId})` });
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
      case 'sandbox-ready':
        this.markReady();
        return;
      case 'killed': {
        const timer = this.killWatch.get(message.runId);
        if (timer !== undefined) clearTimeout(timer);
        this.killWatch.delete(message.runId);
        return;
      }
      case 'worker-message':
        this.runs.get(message.runId)?.({ type: 'message', message: message.message });
        return;
      case 'worker-failed':
        this.runs.get(message.runId)?.({ type: 'failed', message: message.message });
        return;
    }
  }

  private post(message: ParentToSandbox): void {
    // The sandbox's origin is opaque, so "*" is the only target that reaches it; what we send
    // is the user's own code and settings.
    this.iframe.contentWindow?.postMessage(message, '*');
  }
}
