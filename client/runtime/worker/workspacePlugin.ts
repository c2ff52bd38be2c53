import type { Loader, Plugin } from 'esbuild-wasm';
import type { WorkspaceFiles } from '../Runtime.ts';
import { TEST_API_EXPORTS, TEST_API_KEY } from '../../sandbox/testApiExports.ts';
import { resolveWorkspaceImport, type ResolvedImport } from './resolveWorkspaceImport.ts';

/** Namespace of workspace files in esbuild (and so in source maps: "workspace:src/a.ts"). */
export const WORKSPACE_NAMESPACE = 'workspace';
/** Namespace of the modules the runner provides ("vitest", "@jest/globals"). */
export const RUNNER_NAMESPACE = 'pairlane-runner';

/** Carried in an esbuild error's `detail` so the message can name the importing line afterwards. */
export interface MissingModuleDetail {
  pairlane: 'missing-module';
  missing: Extract<ResolvedImport, { kind: 'missing' }>;
  importer: string;
}

export function isMissingModuleDetail(detail: unknown): detail is MissingModuleDetail {
  return typeof detail === 'object' && detail !== null && (detail as { pairlane?: unknown }).pairlane === 'missing-module';
}

/** Source of the module that stands in for 'vitest' and '@jest/globals'. */
const RUNNER_MODULE_SOURCE = [
  `const api = globalThis[Symbol.for(${JSON.stringify(TEST_API_KEY)})];`,
  `if (!api) throw new Error("The test API (vitest, @jest/globals) is only available to test files: run them with Test.");`,
  `export const { ${TEST_API_EXPORTS.join(', ')} } = api;`,
  `export default api;`,
].join('\n');

/**
 * esbuild plugin that makes the workspace the whole file system: every import resolves to a
 * workspace file, to the test runner's API, or to an error that says which module is missing
 * and where it was imported.
 */
export function workspacePlugin(files: WorkspaceFiles): Plugin {
  return {
    name: 'pairlane-workspace',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') {
          if (Object.hasOwn(files, args.path)) return { path: args.path, namespace: WORKSPACE_NAMESPACE };
          return { errors: [{ text: `Entry file ${args.path} is not in the workspace` }] };
        }
        const resolved = resolveWorkspaceImport(args.path, args.importer, files);
        switch (resolved.kind) {
          case 'file':
            return { path: resolved.path, namespace: WORKSPACE_NAMESPACE };
          case 'runner':
            return { path: resolved.module, namespace: RUNNER_NAMESPACE };
          case 'missing': {
            const detail: MissingModuleDetail = { pairlane: 'missing-module', missing: resolved, importer: args.importer };
            return { errors: [{ text: `Cannot find module '${args.path}'`, detail }] };
          }
        }
      });
      build.onLoad({ filter: /.*/, namespace: WORKSPACE_NAMESPACE }, (args) => ({
        contents: files[args.path] ?? '',
        loader: loaderFor(args.path),
      }));
      build.onLoad({ filter: /.*/, namespace: RUNNER_NAMESPACE }, () => ({ contents: RUNNER_MODULE_SOURCE, loader: 'js' }));
    },
  };
}

function loaderFor(path: string): Loader {
  const ext = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  switch (ext) {
    case 'ts':
    case 'mts':
    case 'cts':
      return 'ts';
    case 'tsx':
      return 'tsx';
    case 'js':
    case 'mjs':
    case 'cjs':
      return 'js';
    case 'jsx':
      return 'jsx';
    case 'json':
      return 'json';
    // Styles mean nothing in a worker; importing one should not break a run.
    case 'css':
      return 'empty';
    default:
      return 'text';
  }
}
