/**
 * The names `import { … } from 'vitest'` (or '@jest/globals') can take in the offline runtime.
 * The bundler turns those imports into reads of one object the runner installs before it loads a
 * test file, so a name missing here is a build error that names it, not `undefined` at run time.
 */
export const TEST_API_EXPORTS = [
  'describe',
  'suite',
  'it',
  'test',
  'xdescribe',
  'fdescribe',
  'xit',
  'fit',
  'xtest',
  'beforeAll',
  'afterAll',
  'beforeEach',
  'afterEach',
  'onTestFinished',
  'onTestFailed',
  'expect',
  'assert',
  'chai',
  'vi',
  'jest',
  'expectTypeOf',
  'assertType',
] as const;

export type TestApiExport = (typeof TEST_API_EXPORTS)[number];

/** Registry key (Symbol.for) of the object holding the test API inside the user-code worker. */
export const TEST_API_KEY = 'pairlane.testApi';
