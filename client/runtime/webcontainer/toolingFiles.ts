import jestAliasesSource from './container/jestAliases.mjs?raw';
import jestGlobalsSource from './container/jestGlobals.mjs?raw';
import programPreloadSource from './container/programPreload.mjs?raw';
import vitestReporterSource from './container/vitestReporter.mjs?raw';

/** Folder (inside the container's workdir) that holds Pairlane's own files, never the user's. */
export const TOOLING_DIR = '.pairlane';

/** Paths of the tooling files, relative to the workdir. */
export const TOOLING_PATHS = {
  vitestConfig: `${TOOLING_DIR}/vitest.config.mjs`,
  vitestReporter: `${TOOLING_DIR}/vitestReporter.mjs`,
  jestGlobals: `${TOOLING_DIR}/jestGlobals.mjs`,
  jestAliases: `${TOOLING_DIR}/jestAliases.mjs`,
  programPreload: `${TOOLING_DIR}/programPreload.mjs`,
  report: `${TOOLING_DIR}/report.json`,
} as const;

export interface ToolingOptions {
  /** Test files to run, relative to the workdir. */
  testFiles: readonly string[];
  /** Default per-test timeout. */
  testTimeoutMs: number;
}

/** Glob characters escaped, so a file path is included as exactly that file. */
function literalGlob(path: string): string {
  return path.replace(/[*?[\]{}()!+@\\]/g, (c) => `\\${c}`);
}

/**
 * The files Pairlane writes next to the workspace before a run: the vitest config for this run
 * (exactly the requested test files; describe/it/expect as globals, with jest's xit/fit
 * aliases; `@jest/globals` resolved to vitest; test locations on, so
 * the JSON report says where each test is declared; threads, so killing vitest kills its
 * workers), the reporter that streams results, and the preload that frames program output.
 */
export function toolingFiles(options: ToolingOptions): Record<string, string> {
  const config = `// Written by Pairlane for one run; the workspace's own config is not used.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: { alias: { '@jest/globals': fileURLToPath(new URL('./jestGlobals.mjs', import.meta.url)) } },
  test: {
    include: ${JSON.stringify(options.testFiles.map(literalGlob))},
    exclude: ['**/node_modules/**'],
    globals: true,
    setupFiles: [fileURLToPath(new URL('./jestAliases.mjs', import.meta.url))],
    includeTaskLocation: true,
    pool: 'threads',
    passWithNoTests: true,
    // .only is part of what people write while working; vitest refuses it on CI unless allowed.
    allowOnly: true,
    testTimeout: ${Math.max(1, Math.round(options.testTimeoutMs))},
    watch: false,
  },
});
`;
  return {
    [TOOLING_PATHS.vitestConfig]: config,
    [TOOLING_PATHS.vitestReporter]: vitestReporterSource,
    [TOOLING_PATHS.jestGlobals]: jestGlobalsSource,
    [TOOLING_PATHS.jestAliases]: jestAliasesSource,
    [TOOLING_PATHS.programPreload]: programPreloadSource,
  };
}
