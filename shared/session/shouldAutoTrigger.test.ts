import { describe, expect, it } from 'vitest';
import { cursorContextAt } from './cursorContextAt.ts';
import { SESSION_DEFAULTS } from './SessionOptions.ts';
import { shouldAutoTrigger } from './shouldAutoTrigger.ts';

const at = (line: string) => shouldAutoTrigger(cursorContextAt('a.ts', line.replace('|', ''), line.indexOf('|')), SESSION_DEFAULTS);

describe('shouldAutoTrigger', () => {
  it('allows line end and a few closing characters right of the cursor', () => {
    expect(at('const x = |')).toBe(true);
    expect(at('call(|)')).toBe(true);
    expect(at('call(|));')).toBe(true);
    expect(at('call(|) ;  ')).toBe(true);
  });

  it('refuses mid-line, with more than three non-whitespace characters to the right', () => {
    expect(at('const |x = 12')).toBe(false);
    expect(at('const x|= 1')).toBe(true);
    expect(at('call(|a));')).toBe(false);
  });

  it('looks at the cursor line only', () => {
    expect(at('let a = |\nconst rest = 1;')).toBe(true);
  });
});
