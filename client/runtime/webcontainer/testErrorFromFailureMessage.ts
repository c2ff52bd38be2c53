import type { TestError } from '../../../shared/testReport.ts';
import { stripAnsi } from '../stripAnsi.ts';
import { workspaceStack } from './workspaceStack.ts';

const FIRST_FRAME = /\n\s*at /;
const ERROR_NAME = /^([A-Za-z_$][\w$]*(?:Error|Exception))(?: \[[^\]]*\])?: /;
/** chai's wording for the equality matchers: "expected <actual> to be <expected>". */
const EQUALITY = /^expected ([\s\S]+) to (?:be|equal|deeply equal|strictly equal|eql) ([\s\S]+?)(?: \/\/ Object\.is equality)?$/;

/**
 * A TestError from one of the JSON report's `failureMessages` (vitest writes the error's
 * stack, or its message when there is none). The JSON report carries no diff, so expected and
 * actual are read back from the equality matchers' wording when it has that shape, and a
 * two-line diff is rendered from them.
 */
export function testErrorFromFailureMessage(failureMessage: string, root: string): TestError {
  const text = stripAnsi(failureMessage);
  const frameAt = text.search(FIRST_FRAME);
  const head = frameAt === -1 ? text : text.slice(0, frameAt);
  const message = head.replace(ERROR_NAME, '');
  const result: TestError = { message };
  if (frameAt !== -1) {
    const { stack, location } = workspaceStack(text, root);
    result.stack = stack;
    if (location) result.location = location;
  }
  const equality = EQUALITY.exec(message);
  if (equality) {
    const [, actual = '', expected = ''] = equality;
    result.expected = expected;
    result.actual = actual;
    result.diff = `- Expected\n+ Received\n\n- ${expected}\n+ ${actual}`;
  }
  return result;
}
