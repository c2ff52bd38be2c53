import type { WorkspaceFiles } from '../Runtime.ts';

/**
 * A synthetic project for the bundler to build while it boots. V8 first runs esbuild's wasm
 * unoptimized and recompiles the hot functions in the background as they are called; until that
 * is done a build costs several times the CPU. Building a few files of every common shape
 * (types, classes, generics, async code, tests) a few times gets the lexer, parser, printer and
 * source-map code optimized before the first real run instead of during the first dozens.
 */
export function warmUpProject(variant: number, modules = 6): { files: WorkspaceFiles; entries: string[] } {
  const files: Record<string, string> = {};
  const entries: string[] = [];
  for (let m = 0; m < modules; m += 1) {
    files[`src/module${m}.ts`] = moduleSource(m, variant);
    files[`src/module${m}.test.ts`] = testSource(m);
    entries.push(`src/module${m}.test.ts`);
  }
  return { files, entries };
}

function moduleSource(m: number, variant: number): string {
  const lines = [`// variant ${variant}`];
  for (let i = 0; i < 12; i += 1) {
    lines.push(
      `export interface Shape${m}_${i}<T extends object = Record<string, unknown>> { id: number; name: string; data?: T; tags: readonly string[] }`,
      `export enum Kind${m}_${i} { A = 'a', B = 'b', C = 'c${i}' }`,
      `export class Store${m}_${i}<T> {`,
      `  private readonly items = new Map<number, T>();`,
      `  #count = 0;`,
      `  constructor(private readonly label: string = \`store ${m}.${i}\`) {}`,
      `  add(id: number, item: T): this { this.items.set(id, item); this.#count += 1; return this; }`,
      `  get size(): number { return this.items.size + this.#count * 0; }`,
      `  async load(ids: number[]): Promise<(T | undefined)[]> { await Promise.resolve(); return ids.map((id) => this.items.get(id)); }`,
      `  *[Symbol.iterator](): Iterator<[number, T]> { yield* this.items.entries(); }`,
      `}`,
      `export function compute${m}_${i}(values: number[], factor = ${i + 1}): { total: number; text: string } {`,
      `  const total = values.filter((v) => v % 2 === 0).map((v) => v * factor).reduce((a, b) => a + b, 0);`,
      `  const text = \`total=\${total.toFixed(2)} of \${values.length} (\${values.join(', ')})\`;`,
      `  const { a = 1, ...rest } = { a: total, b: 'x', c: [1, 2, 3] } as { a?: number; b: string; c: number[] };`,
      `  return rest.c.length > 2 && a >= 0 ? { total, text } : { total: -1, text: /re[gG]ex?/u.source };`,
      `}`,
    );
  }
  return lines.join('\n');
}

function testSource(m: number): string {
  const lines = [`import { describe, it, expect } from 'vitest';`, `import { compute${m}_0, Store${m}_0 } from './module${m}';`, `describe('module ${m}', () => {`];
  for (let i = 0; i < 20; i += 1) {
    lines.push(`  it('case ${i}', async () => {`, `    expect(compute${m}_0([${i}, 2, 3]).total).toBeGreaterThanOrEqual(0);`, `    expect(await new Store${m}_0<string>().add(${i}, 'x').load([${i}])).toEqual(['x']);`, `  });`);
  }
  lines.push('});');
  return lines.join('\n');
}
