import type { WorkspaceFiles } from '../Runtime.ts';
import type { WorkspaceBuild } from './bundleWorkspace.ts';

/** Messages from the runtime to its bundler worker. */
export type BundlerRequest =
  | { type: 'init'; wasmUrl: string }
  | { type: 'build'; id: number; files: WorkspaceFiles; entries: string[] };

/** Messages from the bundler worker back to the runtime. */
export type BundlerResponse =
  | { type: 'init-done'; ms: number }
  | { type: 'init-failed'; message: string }
  | { type: 'built'; id: number; build: WorkspaceBuild }
  | { type: 'build-failed'; id: number; message: string };
