/** A Python source file. */
export function isPythonFile(path: string): boolean {
  return path.endsWith('.py');
}

/** Python test files by the names pytest collects: test_*.py and *_test.py. */
export function isPythonTestFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /^test_.*\.py$/.test(name) || /^.+_test\.py$/.test(name);
}
