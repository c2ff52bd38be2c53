import { describe, expect, it } from 'vitest';
import { runtimesForFolder } from './runtimesForFolder.ts';

describe('runtimesForFolder', () => {
  it('sends Python tests to Pyodide, JavaScript tests to the worker runtime, and a mixed folder to both', () => {
    expect(runtimesForFolder(['stats.py', 'test_stats.py'])).toEqual(['python']);
    expect(runtimesForFolder(['pkg/stats.py', 'pkg/stats_test.py'])).toEqual(['python']);
    expect(runtimesForFolder(['src/a.ts', 'src/a.test.ts'])).toEqual(['worker']);
    expect(runtimesForFolder(['src/a.test.ts', 'tests/test_b.py'])).toEqual(['worker', 'python']);
  });

  it('leaves a folder without tests to the worker runtime, which says so', () => {
    expect(runtimesForFolder(['main.py', 'notes.md'])).toEqual(['worker']);
    expect(runtimesForFolder([])).toEqual(['worker']);
  });
});
