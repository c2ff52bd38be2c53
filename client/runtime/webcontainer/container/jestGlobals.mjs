// What `import { ... } from '@jest/globals'` resolves to inside the WebContainer: vitest's API,
// plus `jest` as vitest's `vi` (jest.fn, jest.spyOn, jest.useFakeTimers have the same shape).
export * from 'vitest';
export { vi as jest } from 'vitest';
