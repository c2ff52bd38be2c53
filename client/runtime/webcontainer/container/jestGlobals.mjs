// What `import { ... } from '@jest/globals'` resolves to inside the WebContainer: vitest's API,
// plus `jest` as vitest's `vi` (jest.fn, jest.spyOn, jest.useFakeTimers have the same shape)
// and jest's x/f aliases for skipped and focused tests.
import { describe, it, test } from 'vitest';

export * from 'vitest';
export { vi as jest } from 'vitest';
export const xit = it.skip;
export const xtest = test.skip;
export const xdescribe = describe.skip;
export const fit = it.only;
export const fdescribe = describe.only;
