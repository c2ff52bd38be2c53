import type { FileSystemTree } from '@webcontainer/api';
import type { ContainerHost, ContainerProcess } from '../runtime/webcontainer/ContainerHost.ts';
import { CONTAINER_BRIDGE_NAME, type ContainerBridge } from './ContainerBridge.ts';

function flatten(tree: FileSystemTree, prefix: string, into: Record<string, string>): Record<string, string> {
  for (const [name, node] of Object.entries(tree)) {
    const path = `${prefix}${name}`;
    if ('directory' in node) flatten(node.directory, `${path}/`, into);
    else if ('contents' in node.file) into[path] = typeof node.file.contents === 'string' ? node.file.contents : new TextDecoder().decode(node.file.contents);
  }
  return into;
}

/**
 * A ContainerHost whose file system and processes live on the other side of the container
 * bridge (Node on the test machine). Processes' output is pulled in batches, so it streams.
 */
export async function bridgedContainerHost(): Promise<ContainerHost> {
  const bridge = (window as unknown as Record<string, ContainerBridge | undefined>)[CONTAINER_BRIDGE_NAME];
  if (!bridge) throw new Error(`No container bridge on this page (window.${CONTAINER_BRIDGE_NAME} is not exposed).`);
  const { workdir } = await bridge({ op: 'boot' });
  return {
    workdir,
    fs: {
      async writeFile(path, data) {
        await bridge({ op: 'writeFile', path, data });
      },
      async readFile(path) {
        return (await bridge({ op: 'readFile', path })).text;
      },
      async rm(path, options = {}) {
        await bridge({ op: 'rm', path, force: options.force ?? false, recursive: options.recursive ?? false });
      },
    },
    async mount(tree) {
      await bridge({ op: 'mount', files: flatten(tree, '', {}) });
    },
    async spawn(command, args, options = {}): Promise<ContainerProcess> {
      const { pid } = await bridge({ op: 'spawn', command, args, env: options.env ?? {} });
      const output = new ReadableStream<string>({
        async pull(controller) {
          const { chunks, done } = await bridge({ op: 'read', pid });
          for (const chunk of chunks) controller.enqueue(chunk);
          if (done) controller.close();
        },
      });
      return {
        exit: bridge({ op: 'exit', pid }).then((reply) => reply.code),
        output,
        kill() {
          void bridge({ op: 'kill', pid });
        },
      };
    },
    on() {
      // Node reports its failures per call; there is no container-wide error channel.
      return () => undefined;
    },
    teardown() {
      void bridge({ op: 'teardown' });
    },
  };
}
