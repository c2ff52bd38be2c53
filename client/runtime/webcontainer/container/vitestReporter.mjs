// A vitest reporter that runs inside the WebContainer, next to vitest's own JSON reporter.
// The JSON report is the record of the run; this reporter adds what the JSON lacks: user
// console output as it happens, each test's result the moment it ends (for a live tests
// panel), and the structured error (diff, expected, actual, stack) that the JSON report
// flattens into one string. Everything goes out on stdout as framed records, one per line:
// "\u001ePAIRLANE " + JSON + "\n" (JSON.stringify escapes control characters, so a record
// never holds a raw newline and survives a terminal that turns "\n" into "\r\n").

const PREFIX = '\u001ePAIRLANE ';

/** @param {unknown} record */
function emit(record) {
  process.stdout.write(PREFIX + JSON.stringify(record) + '\n');
}

/**
 * @param {{ message?: unknown, name?: unknown, stack?: unknown, diff?: unknown, expected?: unknown, actual?: unknown }} error
 */
function plainError(error) {
  /** @param {unknown} v */
  const str = (v) => (typeof v === 'string' ? v : undefined);
  return {
    name: str(error.name),
    message: str(error.message) ?? String(error.message ?? ''),
    stack: str(error.stack),
    diff: str(error.diff),
    expected: str(error.expected),
    actual: str(error.actual),
  };
}

/** @param {string} moduleId @param {string} root */
function relativeTo(moduleId, root) {
  const base = root.endsWith('/') ? root : root + '/';
  return moduleId.startsWith(base) ? moduleId.slice(base.length) : moduleId;
}

export default class PairlaneReporter {
  /** @type {string} */
  root = process.cwd();

  /** @param {{ config: { root: string } }} vitest */
  onInit(vitest) {
    this.root = vitest.config.root;
  }

  /** @param {{ type: 'stdout' | 'stderr', content: string }} log */
  onUserConsoleLog(log) {
    emit({ t: 'log', stream: log.type, text: log.content });
  }

  /**
   * @param {{ name: string, module: { moduleId: string }, parent: { type: string, name?: string, parent?: unknown },
   *   options: { mode: string }, location?: { line: number, column: number },
   *   result(): { state: string, errors?: ReadonlyArray<Record<string, unknown>> },
   *   diagnostic(): { duration: number } | undefined }} testCase
   */
  onTestCaseResult(testCase) {
    const ancestors = [];
    /** @typedef {{ type?: string, name?: string, parent?: unknown } | undefined} Parent */
    let parent = /** @type {Parent} */ (testCase.parent);
    while (parent && parent.type === 'suite') {
      ancestors.unshift(parent.name ?? '');
      parent = /** @type {Parent} */ (parent.parent);
    }
    const result = testCase.result();
    emit({
      t: 'test',
      file: relativeTo(testCase.module.moduleId, this.root),
      name: testCase.name,
      ancestors,
      state: result.state,
      mode: testCase.options.mode,
      durationMs: testCase.diagnostic()?.duration ?? 0,
      location: testCase.location,
      errors: (result.errors ?? []).map(plainError),
    });
  }

  /** @param {{ moduleId: string, errors(): ReadonlyArray<Record<string, unknown>>, diagnostic(): { duration: number } }} testModule */
  onTestModuleEnd(testModule) {
    emit({
      t: 'module',
      file: relativeTo(testModule.moduleId, this.root),
      durationMs: testModule.diagnostic().duration,
      errors: testModule.errors().map(plainError),
    });
  }

  /** @param {unknown} _modules @param {ReadonlyArray<Record<string, unknown>>} unhandledErrors */
  onTestRunEnd(_modules, unhandledErrors) {
    if (unhandledErrors.length > 0) emit({ t: 'unhandled', errors: unhandledErrors.map(plainError) });
  }
}
