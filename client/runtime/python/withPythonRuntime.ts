import { mergeTestReports } from '../../../shared/mergeTestReports.ts';
import { isTestFile } from '../isTestFile.ts';
import type { ProgramRequest, RunListener, Runtime, TestRequest } from '../Runtime.ts';
import { isPythonFile, isPythonTestFile } from '../../../shared/isPythonTestFile.ts';

/**
 * One runtime for a workspace that mixes languages: a Python entry runs in the Python runtime,
 * anything else in `js` (the worker runtime or WebContainer); a test run sends each test file to
 * its own runtime and merges the two reports into one. The Python runtime is asked for only when a
 * run needs it, so a TypeScript-only session never boots Pyodide. Disposing this disposes `js`
 * only: the Python runtime belongs to the tab.
 */
export function withPythonRuntime(js: Runtime, python: () => Runtime): Runtime {
  let last: Runtime | undefined;

  /** One run at a time across both: a run on one stops the other's run first. */
  const switchTo = async (next: Runtime): Promise<Runtime> => {
    if (last && last !== next) await last.stop();
    last = next;
    return next;
  };

  return {
    kind: js.kind,
    ready: () => js.ready(),
    async run(request: ProgramRequest, listener?: RunListener) {
      const runtime = await switchTo(isPythonFile(request.entry) ? python() : js);
      return runtime.run(request, listener);
    },
    async test(request: TestRequest, listener?: RunListener) {
      const all = request.testFiles ?? Object.keys(request.files).filter((f) => isTestFile(f) || isPythonTestFile(f)).sort();
      const pythonFiles = all.filter(isPythonFile);
      const jsFiles = all.filter((f) => !isPythonFile(f));
      if (pythonFiles.length === 0) return (await switchTo(js)).test(request, listener);
      if (jsFiles.length === 0) return (await switchTo(python())).test({ ...request, testFiles: pythonFiles }, listener);
      const first = await (await switchTo(js)).test({ ...request, testFiles: jsFiles }, listener);
      if (first.status === 'stopped' || first.status === 'timeout') return first;
      const second = await (await switchTo(python())).test({ ...request, testFiles: pythonFiles }, listener);
      return mergeTestReports(first, second);
    },
    async stop() {
      await last?.stop();
    },
    dispose: () => js.dispose(),
  };
}
