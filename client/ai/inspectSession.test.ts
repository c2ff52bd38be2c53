import { describe, expect, it } from 'vitest';
import { inspectSession } from './inspectSession.ts';

describe('inspectSession', () => {
  it('gives no inspector without the ?inspect flag (and so never loads it)', async () => {
    expect(await inspectSession('')).toBeUndefined();
    expect(await inspectSession('?room=a&inspector=1')).toBeUndefined();
  });
});
