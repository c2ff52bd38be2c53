import type { SuiteNode } from './testTree.ts';

/**
 * Settles every task's mode as vitest does: when anything in the file is `.only`, only the
 * focused tests and suites (and whatever a focused suite holds) run, the rest are skipped; a
 * skipped or todo suite passes its mode down; a suite with nothing left to run is skipped.
 * After this no task is left in mode "only".
 */
export function interpretModes(file: SuiteNode): void {
  visit(file, hasOnly(file), false);
}

function visit(suite: SuiteNode, onlyMode: boolean, parentIsOnly: boolean): void {
  const suiteIsOnly = parentIsOnly || suite.mode === 'only';
  for (const task of suite.children) {
    const included = suiteIsOnly || task.mode === 'only';
    if (onlyMode) {
      if (task.kind === 'suite' && (included || hasOnly(task))) {
        if (task.mode === 'only') task.mode = 'run';
      } else if (task.mode === 'run' && !included) {
        task.mode = 'skip';
      } else if (task.mode === 'only') {
        task.mode = 'run';
      }
    }
    if (task.kind === 'suite') {
      if (task.mode === 'skip' || task.mode === 'todo') settleAll(task, task.mode);
      else visit(task, onlyMode, included);
    }
  }
  if (suite.mode === 'run' && suite.children.length > 0 && suite.children.every((t) => t.mode !== 'run')) {
    suite.mode = 'skip';
  }
}

function settleAll(suite: SuiteNode, mode: 'skip' | 'todo'): void {
  for (const task of suite.children) {
    if (mode === 'todo' || task.mode !== 'todo') task.mode = mode;
    if (task.kind === 'suite') settleAll(task, mode);
  }
}

function hasOnly(suite: SuiteNode): boolean {
  return suite.children.some((task) => task.mode === 'only' || (task.kind === 'suite' && hasOnly(task)));
}
