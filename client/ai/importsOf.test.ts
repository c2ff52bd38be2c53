import { describe, expect, it } from 'vitest';
import { importsOf } from './importsOf.ts';

describe('importsOf', () => {
  it('lists static, side-effect, re-export, dynamic and require specifiers once each, in order', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type { B } from \"../b\";",
      "import './styles.css';",
      "export { c } from './c.js';",
      "export * from './a.ts';",
      "const d = await import('./d.ts');",
      "const e = require('node:fs');",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a.ts', '../b', './styles.css', './c.js', './d.ts', 'node:fs']);
  });

  it('reads multi-line named imports', () => {
    expect(importsOf("import {\n  one,\n  two,\n} from './many.ts';")).toEqual(['./many.ts']);
  });

  it('finds nothing in code without imports', () => {
    expect(importsOf('const from = 1; // import nothing')).toEqual([]);
  });
});
