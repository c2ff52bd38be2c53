import wasmUrl from 'esbuild-wasm/esbuild.wasm?url';
import BundlerWorker from './bundler.worker.ts?worker';
import type { WorkspaceFiles } from '../Runtime.ts';
import type { WorkspaceBuild } from './bundleWorkspace.ts';
import type { BundlerRequest, BundlerResponse } from './bundlerProtocol.ts';

/**
 * The app's side of the bundler worker. esbuild's wasm comes from our own origin (a Vite asset)
 * and is compiled once, when the client is made; builds are then just messages.
 */
export class BundlerClient {
  private readonly worker: Worker;
  private readonly booted: Promise<number>;
  private readonly pending = new Map<number, { resolve(build: WorkspaceBuild): void; reject(error: Error): void }>();
  private nextId = 1;
  private failure?: Error;

  constructor() {
    this.worker = new BundlerWorker({ name: `pairlane-bundler` });
    this.booted = new Promise<number>((resolve, reject) => {
      this.worker.addEventListener('message', (event: MessageEvent<BundlerResponse>) => {
        const message = event.data;
        if (message.type === 'init-done') resolve(message.ms);
        else if (message.type === 'init-failed') reject(this.fail(`esbuild could not start: ${message.message}`));
        else this.settle(message);
      });
      this.worker.addEventListener('error', (event) => {
        event.preventDefault();
        reject(this.fail(`the bundler worker failed: ${event.message || 'it could not be loaded'}`));
      });
    });
    // ready() reports the failure; an unobserved rejection here would only be noise.
    this.booted.catch(() => {});
    this.post({ type: 'init', wasmUrl: new URL(wasmUrl, location.href).href });
  }

  /** Resolves with esbuild's boot time in ms once it can build. */
  ready(): Promise<number> {
    return this.booted;
  }

  async build(files: WorkspaceFiles, entries: string[]): Promise<WorkspaceBuild> {
    await this.booted;
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    return new Promise<WorkspaceBuild>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: 'build', id, files, entries });
    });
  }

  dispose(): void {
    this.fail('the runtime was disposed');
    this.worker.terminate();
  }

  private settle(message: Extract<BundlerResponse, { type: 'built' | 'build-failed' }>): void {
    const waiter = this.pending.get(message.id);
    if (!waiter) return;
    this.pending.delete(message.id);
    if (message.type === 'built') waiter.resolve(message.build);
    else waiter.reject(new Error(`the bundler failed: ${message.message}`));
  }

  private fail(reason: string): Error {
    this.failure ??= new Error(reason);
    for (const waiter of this.pending.values()) waiter.reject(this.failure);
    this.pending.clear();
    return this.failure;
  }

  private post(request: BundlerRequest): void {
    this.worker.postMessage(request);
  }
}
