import { describe, expect, it } from 'vitest';
import { workspacePath, workspaceStack } from './workspaceStack.ts';

// A stack from tsx in Node 20 (see ./container/programPreload.mjs), workspace at /home/workspace.
const tsxStack = `Error: bad 1
    at f (/home/workspace/src/throws.ts:3:9)
    at <anonymous> (/home/workspace/src/throws.ts:6:1)
    at Object.<anonymous> (/home/workspace/src/throws.ts:6:11)
    at Module._compile (node:internal/modules/cjs/loader:1521:14)
    at Object.transformer (/home/workspace/node_modules/tsx/dist/register-B1c7OH6V.cjs:22:2188)
    at ModuleJob.run (node:internal/modules/esm/module_job:325:25)`;

describe('workspaceStack', () => {
  it('keeps the message and the workspace frames, relative, and locates the innermost', () => {
    expect(workspaceStack(tsxStack, '/home/workspace')).toEqual({
      stack: 'Error: bad 1\n    at f (src/throws.ts:3:9)\n    at <anonymous> (src/throws.ts:6:1)\n    at Object.<anonymous> (src/throws.ts:6:11)',
      location: { file: 'src/throws.ts', line: 3, column: 9 },
    });
  });

  it('reads file URLs and skips node_modules and Pairlane tooling', () => {
    const stack = `Error: x
    at file:///home/workspace/node_modules/vitest/dist/a.js:1:1
    at file:///home/workspace/.pairlane/vitestReporter.mjs:2:2
    at file:///home/workspace/src/my%20file.ts:4:5`;
    expect(workspaceStack(stack, '/home/workspace/').location).toEqual({ file: 'src/my file.ts', line: 4, column: 5 });
  });

  it('keeps a multi-line message whole and has no location without workspace frames', () => {
    const result = workspaceStack('Error: one\ntwo\n    at node:internal/x:1:1', '/home/workspace');
    expect(result).toEqual({ stack: 'Error: one\ntwo' });
  });

  it('tells paths inside the workspace from the rest', () => {
    expect(workspacePath('/home/workspace/a/b.ts', '/home/workspace')).toBe('a/b.ts');
    expect(workspacePath('/home/workspace2/b.ts', '/home/workspace')).toBeUndefined();
    expect(workspacePath('/home/workspace/node_modules/x/y.js', '/home/workspace')).toBeUndefined();
  });
});
