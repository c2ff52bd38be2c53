import * as esbuild from 'esbuild-wasm';
import { afterAll, describe, expect, it } from 'vitest';
import { BundleCache } from './BundleCache.ts';
import type { BuildFunction } from './bundleWorkspace.ts';

afterAll(() => esbuild.stop());

/** esbuild's build, counting the entries it is asked to bundle. */
function countingBuild(): { build: BuildFunction; built: string[][] } {
  const built: string[][] = [];
  const build: BuildFunction = (options) => {
    const entries = options.entryPoints as { in: string }[];
    built.push(entries.map((e) => e.in));
    return esbuild.build(options);
  };
  return { build, built };
}

const files = {
  'src/sum.ts': 'export const sum = (a: number, b: number) => a + b;\n',
  'src/a.test.ts': "import { sum } from './sum';\ntest('a', () => expect(sum(1, 1)).toBe(2));\n",
  'src/b.test.ts': "test('b', () => {});\n",
};
const entries = ['src/a.test.ts', 'src/b.test.ts'];

describe('BundleCache', () => {
  it('rebuilds only the entries whose inputs changed', async () => {
    const { build, built } = countingBuild();
    const cache = new BundleCache(build);
    const first = await cache.bundle(files, entries);
    expect(first.bundles.map((b) => b.entry)).toEqual(entries);

    const again = await cache.bundle({ ...files }, entries);
    expect(again.bundles.map((b) => b.code)).toEqual(first.bundles.map((b) => b.code));

    await cache.bundle({ ...files, 'src/b.test.ts': "test('b2', () => {});\n" }, entries);
    const shared = await cache.bundle({ ...files, 'src/b.test.ts': "test('b2', () => {});\n", 'src/sum.ts': 'export const sum = (a: number, b: number) => b + a;\n' }, entries);
    expect(shared.bundles[0]?.code).toContain('b + a');
    expect(built).toEqual([entries, ['src/b.test.ts'], ['src/a.test.ts']]);
  });

  it('starts over when a file appears, since an import may now resolve elsewhere', async () => {
    const { build, built } = countingBuild();
    const cache = new BundleCache(build);
    await cache.bundle(files, entries);
    await cache.bundle({ ...files, 'src/sum/index.ts': 'export const sum = 0;\n' }, entries);
    expect(built).toEqual([entries, entries]);
  });

  it('keeps a test file that stopped building out of the cache', async () => {
    const { build, built } = countingBuild();
    const cache = new BundleCache(build);
    await cache.bundle(files, entries);
    const broken = await cache.bundle({ ...files, 'src/b.test.ts': 'test(\n' }, entries);
    expect(broken.bundles.map((b) => b.entry)).toEqual(['src/a.test.ts']);
    expect(broken.failed.map((f) => f.entry)).toEqual(['src/b.test.ts']);
    const fixed = await cache.bundle(files, entries);
    expect(fixed.bundles.map((b) => b.entry)).toEqual(entries);
    expect(built).toEqual([entries, ['src/b.test.ts'], ['src/b.test.ts']]);
  });
});
