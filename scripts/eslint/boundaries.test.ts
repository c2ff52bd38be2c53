import path from 'node:path';
import { RuleTester } from 'eslint';
import { afterAll, describe, it } from 'vitest';
import boundaries from './boundaries.js';

// RuleTester reports through the test framework's hooks (static properties its types omit); wire it to vitest.
Object.assign(RuleTester, { afterAll, describe, it, itOnly: it });

const rule = boundaries.rules['part-boundaries'];
if (!rule) throw new Error('part-boundaries rule missing');
const root = process.cwd();
const at = (file: string) => path.join(root, file);
const tester = new RuleTester({ languageOptions: { ecmaVersion: 2022, sourceType: 'module' } });

tester.run('part-boundaries', rule, {
  valid: [
    { filename: at('client/ui/App.tsx'), code: "import { x } from '../../shared/testReport.ts';" },
    { filename: at('server/createServer.ts'), code: "import { x } from '../shared/protocolVersion.ts';" },
    { filename: at('shared/a.ts'), code: "import { b } from './b.ts';" },
    { filename: at('e2e/app.spec.ts'), code: "import { x } from '../server/createServer.ts'; import { y } from '../client/runtime/Runtime.ts';" },
    { filename: at('client/main.tsx'), code: "import { render } from 'preact';" },
  ],
  invalid: [
    { filename: at('client/ui/App.tsx'), code: "import { x } from '../../server/createServer.ts';", errors: [{ messageId: 'crossing' }] },
    { filename: at('server/main.ts'), code: "export { x } from '../client/main.tsx';", errors: [{ messageId: 'crossing' }] },
    { filename: at('shared/a.ts'), code: "const m = import('../client/x.ts');", errors: [{ messageId: 'crossing' }] },
    { filename: at('shared/a.ts'), code: "export * from '../server/x.ts';", errors: [{ messageId: 'crossing' }] },
  ],
});
