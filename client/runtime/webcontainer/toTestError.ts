import type { TestError } from '../../../shared/testReport.ts';
import type { ContainerError } from './containerRecord.ts';
import { stripAnsi } from '../stripAnsi.ts';
import { workspaceStack } from './workspaceStack.ts';

/**
 * A TestError from a structured vitest error: plain-text message and diff, expected and actual
 * as vitest serialised them, the stack cut to the workspace's frames, and the location of the
 * innermost of those frames (where the expect or throw is).
 */
export function toTestError(error: ContainerError, root: string): TestError {
  const result: TestError = { message: stripAnsi(error.message) };
  if (error.diff) result.diff = stripAnsi(error.diff);
  if (error.expected !== undefined) result.expected = error.expected;
  if (error.actual !== undefined) result.actual = error.actual;
  if (error.stack) {
    const { stack, location } = workspaceStack(stripAnsi(error.stack), root);
    result.stack = stack;
    if (location) result.location = location;
  }
  return result;
}
