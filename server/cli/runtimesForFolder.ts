import { isPythonTestFile } from '../../shared/isPythonTestFile.ts';

/** The harness runtimes a folder's tests need. */
export type CliRuntime = 'worker' | 'python';

/** vitest/jest test file names (client/runtime/isTestFile.ts decides exactly; this only picks runtimes). */
const JS_TEST = /\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)__tests__\/.*\.[cm]?[jt]sx?$/;

/**
 * Which runtimes run a folder's tests: Python test files (test_*.py, *_test.py) go to Pyodide,
 * everything else to the worker runtime; a folder with both runs both. A folder with no Python
 * tests goes to the worker runtime, which says when it finds no tests at all.
 */
export function runtimesForFolder(paths: readonly string[]): CliRuntime[] {
  const python = paths.some(isPythonTestFile);
  const js = paths.some((path) => JS_TEST.test(path));
  if (!python) return ['worker'];
  return js ? ['worker', 'python'] : ['python'];
}
