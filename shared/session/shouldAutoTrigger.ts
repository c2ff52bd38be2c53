import type { CursorContext } from './CursorContext.ts';
import type { SessionOptions } from './SessionOptions.ts';

/**
 * Whether typing at `cursor` may start a suggestion by itself. Not mid-line, where more than
 * `midLineMaxChars` non-whitespace characters sit right of the cursor: a suggestion there would
 * have to be spliced into code the person already wrote. Closing brackets and a semicolon fit
 * within the allowance. An explicit trigger is always allowed.
 */
export function shouldAutoTrigger(cursor: CursorContext, options: SessionOptions): boolean {
  return cursor.lineSuffix.replace(/\s/g, '').length <= options.midLineMaxChars;
}
