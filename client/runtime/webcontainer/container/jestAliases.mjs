// A vitest setup file: jest's x/f aliases as globals, next to the describe/it/expect globals
// vitest itself provides (`globals: true`), so tests written for jest run unchanged.
import { describe, it, test } from 'vitest';

Object.assign(globalThis, {
  xit: it.skip,
  xtest: test.skip,
  xdescribe: describe.skip,
  fit: it.only,
  fdescribe: describe.only,
});
