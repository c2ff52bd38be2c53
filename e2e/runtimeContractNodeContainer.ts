import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ContainerBridgeReplies, ContainerBridgeRequest } from '../client/harness/ContainerBridge.ts';

interface HostedProcess {
  child: ChildProcess;
  chunks: string[];
  done: boolean;
  code?: number;
  wake: (() => void)[];
}

/**
 * The Node side of the container bridge: a working folder in the system's temp directory, and
 * Node and npm from this machine. It behaves like WebContainer where the runtime depends on it:
 * a process's stdout and stderr arrive merged in one stream, as on a terminal; kill ends the
 * process and everything it started; npm installs for real (from the npm cache when it can).
 */
export class NodeContainer {
  #workdir = '';
  #nextPid = 1;
  readonly #processes = new Map<number, HostedProcess>();

  /** Handles one bridge call; throws (and the page's promise rejects) like WebContainer's own calls. */
  async handle(request: ContainerBridgeRequest): Promise<ContainerBridgeReplies[ContainerBridgeRequest['op']]> {
    switch (request.op) {
      case 'boot':
        this.#workdir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'pairlane-container-')));
        return { workdir: this.#workdir };
      case 'writeFile':
        await this.#write(request.path, request.data);
        return null;
      case 'readFile':
        return { text: await fs.readFile(this.#resolve(request.path), 'utf8') };
      case 'rm':
        await fs.rm(this.#resolve(request.path), { force: request.force, recursive: request.recursive });
        return null;
      case 'mount':
        for (const [file, data] of Object.entries(request.files)) await this.#write(file, data);
        return null;
      case 'spawn':
        return { pid: this.#spawn(request.command, request.args, request.env) };
      case 'read':
        return this.#read(request.pid);
      case 'exit':
        return { code: await this.#exit(request.pid) };
      case 'kill':
        this.#kill(request.pid);
        return null;
      case 'teardown':
        await this.dispose();
        return null;
    }
  }

  /** Kills every process and removes the working folder. */
  async dispose(): Promise<void> {
    for (const pid of this.#processes.keys()) this.#kill(pid);
    if (this.#workdir) await fs.rm(this.#workdir, { recursive: true, force: true });
  }

  #resolve(file: string): string {
    const full = path.resolve(this.#workdir, file);
    if (full !== this.#workdir && !full.startsWith(`${this.#workdir}${path.sep}`)) throw new Error(`Path leaves the container: ${file}`);
    return full;
  }

  async #write(file: string, data: string): Promise<void> {
    const full = this.#resolve(file);
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, data);
  }

  #spawn(command: string, args: string[], env: Record<string, string>): number {
    const pid = this.#nextPid;
    this.#nextPid += 1;
    // `exec "$@" 2>&1`: stderr joins stdout at the file-descriptor level, in write order, as a terminal has it.
    const child = spawn('sh', ['-c', 'exec "$@" 2>&1', 'sh', command, ...args], {
      cwd: this.#workdir,
      env: { ...process.env, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false', ...env },
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    });
    const hosted: HostedProcess = { child, chunks: [], done: false, wake: [] };
    const wake = () => hosted.wake.splice(0).forEach((w) => w());
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      hosted.chunks.push(text);
      wake();
    });
    child.on('close', (code, signal) => {
      hosted.done = true;
      hosted.code = code ?? (signal ? 128 + (os.constants.signals[signal] ?? 9) : 1);
      wake();
    });
    child.on('error', (error) => {
      hosted.chunks.push(`${error.message}\n`);
      hosted.done = true;
      hosted.code = 127;
      wake();
    });
    this.#processes.set(pid, hosted);
    return pid;
  }

  #hosted(pid: number): HostedProcess {
    const hosted = this.#processes.get(pid);
    if (!hosted) throw new Error(`No process ${pid}`);
    return hosted;
  }

  async #read(pid: number): Promise<{ chunks: string[]; done: boolean }> {
    const hosted = this.#hosted(pid);
    if (hosted.chunks.length === 0 && !hosted.done) await new Promise<void>((resolve) => hosted.wake.push(resolve));
    return { chunks: hosted.chunks.splice(0), done: hosted.done && hosted.chunks.length === 0 };
  }

  async #exit(pid: number): Promise<number> {
    const hosted = this.#hosted(pid);
    while (!hosted.done) await new Promise<void>((resolve) => hosted.wake.push(resolve));
    return hosted.code ?? 1;
  }

  #kill(pid: number): void {
    const hosted = this.#hosted(pid);
    if (hosted.done || hosted.child.pid === undefined) return;
    try {
      // The whole process group: vitest and its workers, or the program and what it started.
      process.kill(-hosted.child.pid, 'SIGKILL');
    } catch {
      hosted.child.kill('SIGKILL');
    }
  }
}
