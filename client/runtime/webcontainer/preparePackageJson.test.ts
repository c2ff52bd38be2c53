import { describe, expect, it } from 'vitest';
import { DEFAULT_TOOL_VERSIONS, preparePackageJson } from './preparePackageJson.ts';

describe('preparePackageJson', () => {
  it('writes an ESM package with vitest and tsx when the workspace has none', () => {
    const { text, warning } = preparePackageJson(undefined);
    expect(warning).toBeUndefined();
    expect(JSON.parse(text)).toEqual({
      name: 'pairlane-workspace',
      private: true,
      type: 'module',
      devDependencies: { vitest: DEFAULT_TOOL_VERSIONS.vitest, tsx: DEFAULT_TOOL_VERSIONS.tsx },
    });
  });

  it("keeps the workspace's own fields and pinned versions", () => {
    const own = JSON.stringify({ name: 'mine', dependencies: { zod: '^4' }, devDependencies: { vitest: '3.2.4' } });
    expect(JSON.parse(preparePackageJson(own).text)).toEqual({
      name: 'mine',
      dependencies: { zod: '^4' },
      devDependencies: { vitest: '3.2.4', tsx: DEFAULT_TOOL_VERSIONS.tsx },
    });
  });

  it('gives the same text for the same input, so the install cache holds', () => {
    expect(preparePackageJson('{"name":"a"}').text).toBe(preparePackageJson('{"name":"a"}').text);
  });

  it('falls back to a fresh package.json, with a warning, when the workspace one is broken', () => {
    const result = preparePackageJson('{ nope');
    expect(result.warning).toMatch(/could not be read/);
    expect(JSON.parse(result.text).devDependencies.vitest).toBe(DEFAULT_TOOL_VERSIONS.vitest);
  });
});
