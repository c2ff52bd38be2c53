import * as esbuild from 'esbuild-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleWorkspace, readTsconfig } from './bundleWorkspace.ts';

// esbuild-wasm's Node build is the same compiler the browser runs; only the host differs.
const build = esbuild.build;
afterAll(() => esbuild.stop());

describe('bundleWorkspace', () => {
  it('bundles each entry into its own module with an external source map', async () => {
    const result = await bundleWorkspace(
      build,
      {
        'src/sum.ts': 'export const sum = (a: number, b: number): number => a + b;\n',
        'src/a.test.ts': "import { it, expect } from 'vitest';\nimport { sum } from './sum';\nit('adds', () => expect(sum(1, 2)).toBe(3));\n",
        'src/b.test.ts': "import { sum } from './sum.js';\ntest('adds', () => expect(sum(2, 2)).toBe(4));\n",
      },
      ['src/a.test.ts', 'src/b.test.ts'],
    );
    expect(result.failed).toEqual([]);
    expect(result.bundles.map((b) => b.entry)).toEqual(['src/a.test.ts', 'src/b.test.ts']);
    const [a, b] = result.bundles;
    // Each bundle carries its own copy of sum.ts: test files stay isolated, as vitest isolates them.
    expect(a?.code).toContain('a + b');
    expect(b?.code).toContain('a + b');
    expect(a?.code).toContain('Symbol.for("pairlane.testApi")');
    expect(a?.code).not.toContain('sourceMappingURL');
    expect(JSON.parse(a?.map ?? '{}').sources).toEqual(['pairlane-runner:vitest', 'workspace:src/sum.ts', 'workspace:src/a.test.ts']);
  });

  it('reports a syntax error with file, line, column and the line text', async () => {
    const result = await bundleWorkspace(build, { 'src/main.ts': 'const ok = 1;\nconst broken = ;\n' }, ['src/main.ts']);
    expect(result.bundles).toEqual([]);
    expect(result.diagnostics).toEqual([
      { severity: 'error', message: 'Unexpected ";"', location: { file: 'src/main.ts', line: 2, column: 16 }, lineText: 'const broken = ;' },
    ]);
    expect(result.failed).toEqual([{ entry: 'src/main.ts', diagnostics: result.diagnostics }]);
  });

  it('names a missing package and the line that imports it', async () => {
    const result = await bundleWorkspace(build, { 'src/a.ts': "import { sum } from './sum';\nimport chunk from 'lodash/chunk';\nconsole.log(chunk, sum);\n", 'src/sum.ts': 'export const sum = 1;' }, ['src/a.ts']);
    expect(result.diagnostics).toMatchObject([
      {
        severity: 'error',
        message: "Cannot find module 'lodash/chunk' imported from src/a.ts:2 — only workspace files can be imported offline",
        location: { file: 'src/a.ts', line: 2 },
        lineText: "import chunk from 'lodash/chunk';",
      },
    ]);
  });

  it('fails only the test file that does not build; the others still bundle', async () => {
    const result = await bundleWorkspace(
      build,
      { 'good.test.ts': "test('ok', () => {});\n", 'bad.test.ts': 'test(\n' },
      ['good.test.ts', 'bad.test.ts'],
    );
    expect(result.bundles.map((b) => b.entry)).toEqual(['good.test.ts']);
    expect(result.failed.map((f) => f.entry)).toEqual(['bad.test.ts']);
    expect(result.failed[0]?.diagnostics[0]?.location?.file).toBe('bad.test.ts');
  });

  it('says when an entry is not in the workspace', async () => {
    const result = await bundleWorkspace(build, { 'a.ts': '' }, ['missing.ts']);
    expect(result.failed).toMatchObject([{ entry: 'missing.ts', diagnostics: [{ message: 'Entry file missing.ts is not in the workspace' }] }]);
  });

  it('honours tsconfig options that change emitted code, and ignores a broken tsconfig with a warning', async () => {
    const source = 'class A { x!: number; }\nconsole.log(Object.keys(new A()));\n';
    const plain = await bundleWorkspace(build, { 'a.ts': source }, ['a.ts']);
    expect(plain.bundles[0]?.code).toMatch(/\bx;/);
    const withoutDefine = await bundleWorkspace(build, { 'a.ts': source, 'tsconfig.json': '{ // comment\n "compilerOptions": { "useDefineForClassFields": false, }, }' }, ['a.ts']);
    expect(withoutDefine.diagnostics).toEqual([]);
    expect(withoutDefine.bundles[0]?.code).not.toMatch(/\bx;/);
    const broken = await bundleWorkspace(build, { 'a.ts': source, 'tsconfig.json': '{ "compilerOptions": ' }, ['a.ts']);
    expect(broken.bundles).toHaveLength(1);
    expect(broken.diagnostics).toMatchObject([{ severity: 'warning', location: { file: 'tsconfig.json' } }]);
  });
});

describe('readTsconfig', () => {
  it('keeps // inside strings', () => {
    expect(readTsconfig({ 'tsconfig.json': '{ "compilerOptions": { "jsxImportSource": "https://x//y" } }' })).toEqual({
      options: { compilerOptions: { jsxImportSource: 'https://x//y' } },
    });
  });
});
