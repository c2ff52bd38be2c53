import type { TestError } from '../../../shared/testReport.ts';
import type { RawError } from '../../sandbox/sandboxProtocol.ts';
import type { StackMapper } from './StackMapper.ts';
import { stripAnsi } from '../stripAnsi.ts';


/**
 * An error from the worker as the report shows it: plain-text message (prefixed with its kind
 * when that says something, "TypeError: …"; assertion messages stand alone), the stack mapped to
 * the original files with runner frames gone, and the location of the innermost user frame.
 */
export function toTestError(raw: RawError, mapper: StackMapper): TestError {
  const named = raw.name && raw.name !== 'Error' && raw.name !== 'AssertionError' && !raw.message.startsWith(`${raw.name}:`);
  const error: TestError = { message: stripAnsi(named ? `${raw.name}: ${raw.message}` : raw.message) };
  if (raw.diff) error.diff = stripAnsi(raw.diff);
  if (raw.expected !== undefined) error.expected = stripAnsi(raw.expected);
  if (raw.actual !== undefined) error.actual = stripAnsi(raw.actual);
  const location = mapper.firstLocation(raw.stack);
  if (location) error.location = location;
  if (raw.stack) {
    const stack = mapper.mapStack(raw.stack);
    if (stack) error.stack = stack;
  }
  return error;
}
