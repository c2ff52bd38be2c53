import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** A benchmark server in its own process (node --expose-gc with tsx), spoken to over IPC. */
export class RoomsBenchChild {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (reply: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  private exited = false;
  readonly ready: Promise<Record<string, unknown>>;

  private constructor(readonly child: ChildProcess, readonly name: string) {
    this.ready = new Promise((resolve, reject) => {
      child.on('message', (message: Record<string, unknown>) => {
        if (message.type === 'ready') return resolve(message);
        const entry = this.waiting.get(message.id as number);
        this.waiting.delete(message.id as number);
        if (typeof message.error === 'string') entry?.reject(new Error(`${name}: ${message.error}`));
        else entry?.resolve(message);
      });
      child.once('exit', (code, signal) => {
        this.exited = true;
        const error = new Error(`${name} exited (${code ?? signal})`);
        reject(error);
        for (const entry of this.waiting.values()) entry.reject(error);
        this.waiting.clear();
      });
    });
  }

  /**
   * Starts `bench/<file>`; with `profileDir`, the child writes a --cpu-prof into `<profileDir>/<name>/`
   * when stopped (one file per thread: tsx's loader runs on its own, the server is the main one).
   */
  static start(file: string, name: string, profileDir?: string): RoomsBenchChild {
    const execArgv = ['--expose-gc', '--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.join(profileDir, name)}`] : [])];
    return new RoomsBenchChild(fork(path.join(here, file), [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }), name);
  }

  request(command: { type: string } & Record<string, unknown>): Promise<Record<string, unknown>> {
    if (this.exited) return Promise.reject(new Error(`${this.name} has exited`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.send({ ...command, id });
    });
  }

  /** Asks the child to close and exit; kills it if it does not within 10 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.request({ type: 'stop' }).catch(() => undefined);
    await exited;
    clearTimeout(timer);
  }
}
