import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { isTestFile } from '../runtime/isTestFile.ts';
import { testGlobalsDts } from '../editor/testGlobalsDts.ts';
import { pathProblem } from '../../shared/workspaceDoc.ts';
import { templates } from './templates.ts';

/** Type-checks files the way the editor does (see configureLanguages), with the test API declared. */
function typeErrors(files: Readonly<Record<string, string>>, checkJs: boolean): string[] {
  // TypeScript checks its own languages; Python files are checked by running them (e2e/python.spec.ts).
  const checked = Object.entries(files).filter(([path]) => /\.[cm]?[jt]sx?$/.test(path));
  const sources = new Map<string, string>(checked.map(([path, text]) => [`/ws/${path}`, text]));
  sources.set('/ws/node_modules/@types/pairlane-test/index.d.ts', testGlobalsDts);
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ESNext,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    allowImportingTsExtensions: true,
    noEmit: true,
    strict: true,
    allowJs: true,
    checkJs,
    skipLibCheck: false,
    lib: ['lib.esnext.d.ts', 'lib.dom.d.ts'],
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const realGetSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => {
    const text = sources.get(name);
    return text !== undefined ? ts.createSourceFile(name, text, version) : realGetSourceFile(name, version, onError);
  };
  const realFileExists = host.fileExists.bind(host);
  host.fileExists = (name) => sources.has(name) || realFileExists(name);
  host.readFile = (name) => sources.get(name) ?? ts.sys.readFile(name);
  host.directoryExists = (dir) => [...sources.keys()].some((p) => p.startsWith(`${dir}/`)) || ts.sys.directoryExists(dir);
  const program = ts.createProgram([...sources.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

describe('templates', () => {
  it.each(templates.map((t) => [t.id, t] as const))('%s has valid paths and opens files it has', (_id, template) => {
    for (const path of Object.keys(template.files)) expect(pathProblem(path)).toBeUndefined();
    for (const path of template.open) expect(template.files).toHaveProperty([path]);
  });

  it.each(templates.map((t) => [t.id, t] as const))('%s type-checks strictly, tests included', (_id, template) => {
    expect(typeErrors(template.files, true)).toEqual([]);
  });

  it('the default templates have tests and a program to run', () => {
    for (const template of templates.slice(0, 2)) {
      const paths = Object.keys(template.files);
      expect(paths.some(isTestFile)).toBe(true);
      expect(paths.some((p) => !isTestFile(p))).toBe(true);
    }
  });
});

describe('test API declarations', () => {
  it('cover globals, vitest and @jest/globals imports without errors', () => {
    const files = {
      'globals.test.ts': `
        describe('x', () => {
          beforeEach(() => {});
          afterAll(async () => {});
          it('a', () => { expect(1 + 1).toBe(2); expect([1]).toContainEqual(1); });
          test.skip('b', () => {});
          it.todo('c');
          it.each([[1, 2]])('%i', (a, b) => { expect(a).toBeLessThan(b); });
          it('async', async () => { await expect(Promise.resolve(1)).resolves.toBe(1); });
        });
        const spy = vi.fn((n: number) => n * 2);
        spy(2);
        expect(spy).toHaveBeenCalledWith(2);
        expect({ a: 1 }).toEqual(expect.objectContaining({ a: expect.any(Number) }));
        vi.useFakeTimers(); vi.advanceTimersByTime(10); vi.useRealTimers();
      `,
      'vitest.test.ts': `
        import { describe, it, expect, vi, type Mock } from 'vitest';
        const m: Mock = vi.fn();
        describe('y', () => { it('z', () => { m(); expect(m).toHaveBeenCalledOnce(); }); });
      `,
      'jest.test.ts': `
        import { describe, it, expect, jest } from '@jest/globals';
        describe('j', () => { it('k', () => { const f = jest.fn(); f(); expect(f).toHaveBeenCalledTimes(1); }); });
      `,
    };
    expect(typeErrors(files, true)).toEqual([]);
  });

  it('still report real type errors', () => {
    expect(typeErrors({ 'bad.test.ts': `expect(1).toBee(2);` }, true)).toHaveLength(1);
  });
});
