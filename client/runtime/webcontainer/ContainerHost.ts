import type { FileSystemTree } from '@webcontainer/api';

/** A process in the container, as WebContainer's `spawn` returns it. */
export interface ContainerProcess {
  exit: Promise<number>;
  /** The process's terminal: stdout and stderr merged, as text. */
  output: ReadableStream<string>;
  kill(): void;
}

/**
 * The part of WebContainer the runtime uses: a working folder with Node and npm. `WebContainer`
 * itself satisfies it (checked where the runtime boots one); naming the part keeps the runtime
 * honest about what it needs, and lets another host with the same abilities (Node on the test
 * machine, in the contract suite) run the runtime's own code end to end.
 */
export interface ContainerHost {
  /** Absolute path of the working folder; paths in stacks and reports start with it. */
  readonly workdir: string;
  readonly fs: {
    writeFile(path: string, data: string): Promise<void>;
    readFile(path: string, encoding: 'utf-8'): Promise<string>;
    rm(path: string, options?: { force?: boolean; recursive?: boolean }): Promise<void>;
  };
  mount(tree: FileSystemTree): Promise<void>;
  spawn(command: string, args: string[], options?: { env?: Record<string, string> }): Promise<ContainerProcess>;
  on(event: 'error', listener: (error: { message: string }) => void): () => void;
  teardown(): void;
}
