import * as esbuild from 'esbuild-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleWorkspace } from './bundleWorkspace.ts';
import { StackMapper } from './StackMapper.ts';

const files = {
  'src/main.ts': "import { explode } from './explode';\n\nexport function run(): void {\n  explode('boom');\n}\n",
  'src/explode.ts': 'type Reason = string;\n\nexport function explode(reason: Reason): never {\n  throw new Error(`exploded: ${reason}`);\n}\n',
};

/** Bundles the files, runs the bundle in Node, and returns the thrown stack as the worker would send it. */
async function realStack(): Promise<{ stack: string; map: string }> {
  const result = await bundleWorkspace(esbuild.build, files, ['src/main.ts']);
  const bundle = result.bundles[0];
  if (!bundle) throw new Error('did not build');
  // A data: URL stands in for the worker's blob: URL (client code has no file system to write to).
  const url = `data:text/javascript;base64,${btoa(String.fromCharCode(...new TextEncoder().encode(bundle.code)))}`;
  const module = (await import(/* @vite-ignore */ url)) as { run(): void };
  try {
    module.run();
    throw new Error('expected a throw');
  } catch (error) {
    return { stack: String((error as Error).stack).split(url).join('pairlane://bundle/0'), map: bundle.map };
  }
}

afterAll(() => esbuild.stop());

describe('StackMapper', () => {
  it('maps a real stack back to the TypeScript lines and drops frames that are not user code', async () => {
    const { stack, map } = await realStack();
    const mapper = new StackMapper(new Map([[0, map]]));
    const mapped = mapper.mapStack(stack);
    expect(mapped.split('\n')).toEqual(['Error: exploded: boom', '    at explode (src/explode.ts:4:9)', '    at Module.run (src/main.ts:4:3)']);
    expect(mapper.firstLocation(stack)).toEqual({ file: 'src/explode.ts', line: 4, column: 9 });
  });

  it('rewrites bundle positions inside printed text', async () => {
    const { stack, map } = await realStack();
    const mapper = new StackMapper(new Map([[0, map]]));
    expect(mapper.mapText(`logged: ${stack.split('\n')[1]}`)).toContain('src/explode.ts:4:9');
    expect(mapper.mapText('no positions here')).toBe('no positions here');
  });

  it('leaves positions it cannot map alone and knows nothing of other bundles', () => {
    const mapper = new StackMapper(new Map([[0, '{"version":3,"sources":["pairlane-runner:vitest"],"names":[],"mappings":"AAAA"}']]));
    expect(mapper.mapPosition({ bundle: 0, line: 1, column: 1 })).toBeUndefined();
    expect(mapper.mapPosition({ bundle: 7, line: 1, column: 1 })).toBeUndefined();
    expect(mapper.mapStack('Error: x\n    at runner (http://host/assets/runner.js:1:2)\n    at pairlane://bundle/0:1:1')).toBe('Error: x');
  });
});
