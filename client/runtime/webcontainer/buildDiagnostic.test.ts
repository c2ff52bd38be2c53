import { describe, expect, it } from 'vitest';
import { buildDiagnostic } from './buildDiagnostic.ts';

const root = '/home/workspace';
const files = {
  'src/syntax.ts': 'const a = 1;\nconst = 2;\n',
  'src/missing.ts': "import { x } from './nope.ts';\nimport y from \"left-pad-nothing\";\n",
};

// Messages below are what tsx 4 (esbuild) and Node 20 print, captured with ./container/programPreload.mjs.
describe('buildDiagnostic', () => {
  it('reads an esbuild syntax error (tsx) with its 0-based column', () => {
    expect(
      buildDiagnostic(
        { name: 'TransformError', message: 'Transform failed with 1 error:\n/home/workspace/src/syntax.ts:2:6: ERROR: Expected identifier but found "="' },
        { root, files },
      ),
    ).toEqual({
      severity: 'error',
      message: 'Expected identifier but found "="',
      location: { file: 'src/syntax.ts', line: 2, column: 7 },
      lineText: 'const = 2;',
    });
  });

  it('names a missing relative module and finds the line importing it (Node CJS wording)', () => {
    expect(
      buildDiagnostic(
        { name: 'Error', message: "Cannot find module './nope.ts'\nRequire stack:\n- /home/workspace/src/missing.ts" },
        { root, files },
      ),
    ).toEqual({
      severity: 'error',
      message: "Cannot find module './nope.ts' imported from src/missing.ts",
      location: { file: 'src/missing.ts', line: 1, column: 19 },
      lineText: "import { x } from './nope.ts';",
    });
  });

  it('names a missing package (Node ESM wording)', () => {
    const diagnostic = buildDiagnostic(
      { message: "Cannot find package 'left-pad-nothing' imported from /home/workspace/src/missing.ts" },
      { root, files },
    );
    expect(diagnostic?.message).toBe("Cannot find module 'left-pad-nothing' imported from src/missing.ts");
    expect(diagnostic?.location).toEqual({ file: 'src/missing.ts', line: 2, column: 15 });
  });

  it('reads vite\'s "Failed to resolve import" wording', () => {
    const diagnostic = buildDiagnostic(
      { message: 'Failed to resolve import "./gone" from "src/missing.ts". Does the file exist?' },
      { root, files: { 'src/missing.ts': "import g from './gone';\n" } },
    );
    expect(diagnostic).toMatchObject({ message: "Cannot find module './gone' imported from src/missing.ts", location: { line: 1, column: 15 } });
  });

  it('is not a build problem when the code threw', () => {
    expect(buildDiagnostic({ name: 'Error', message: 'bad 1' }, { root, files })).toBeUndefined();
  });
});
