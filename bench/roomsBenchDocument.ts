import * as Y from 'yjs';
import { createFile, filesOf } from '../shared/workspaceDoc.ts';

/** The paths of the benchmark's workspace; typists edit these. */
export const BENCH_FILES = ['src/cart.ts', 'src/money.ts', 'src/cart.test.ts', 'README.md'] as const;

function cartSource(): string {
  const lines = ["import { Money, add, times } from './money.ts';", '', 'export interface Line {', '  sku: string;', '  price: Money;', '  quantity: number;', '}', ''];
  for (let i = 0; i < 12; i++) {
    lines.push(`/** Step ${i} of the checkout: a rule the shop applies to every cart. */`);
    lines.push(`export function rule${i}(lines: readonly Line[]): Money {`);
    lines.push(`  return lines.reduce((sum, line) => add(sum, times(line.price, line.quantity + ${i})), { cents: 0 });`);
    lines.push('}');
    lines.push('');
  }
  return lines.join('\n');
}

function moneySource(): string {
  return [
    '/** An amount in cents, so sums never round. */',
    'export interface Money {',
    '  cents: number;',
    '}',
    '',
    'export function add(a: Money, b: Money): Money {',
    '  return { cents: a.cents + b.cents };',
    '}',
    '',
    'export function times(a: Money, factor: number): Money {',
    '  return { cents: Math.round(a.cents * factor) };',
    '}',
    '',
    'export function format(a: Money): string {',
    "  return `${(a.cents / 100).toFixed(2)} EUR`;",
    '}',
    '',
  ].join('\n');
}

function testSource(): string {
  const lines = ["import { describe, expect, it } from 'vitest';", "import { rule0, rule1, rule2 } from './cart.ts';", '', "describe('cart', () => {"];
  for (let i = 0; i < 8; i++) {
    lines.push(`  it('applies rule ${i % 3} to a cart of ${i + 1}', () => {`);
    lines.push(`    const lines = [{ sku: 'A${i}', price: { cents: ${100 + i} }, quantity: ${i + 1} }];`);
    lines.push(`    expect(rule${i % 3}(lines).cents).toBeGreaterThan(0);`);
    lines.push('  });');
  }
  lines.push('});', '');
  return lines.join('\n');
}

/**
 * A realistic room document as one Yjs update: four files, about 4 KB of text, written the way a
 * person writes them (line by line, with some lines typed wrong and corrected), so the server
 * holds a document with an edit history and deletions, not one pristine insert per file.
 */
export function benchDocumentUpdate(): Uint8Array {
  const doc = new Y.Doc();
  const contents: Record<(typeof BENCH_FILES)[number], string> = {
    'src/cart.ts': cartSource(),
    'src/money.ts': moneySource(),
    'src/cart.test.ts': testSource(),
    'README.md': '# Cart\n\nA small shop cart with money in cents, written in a pairing session.\n',
  };
  for (const path of BENCH_FILES) {
    createFile(doc, path);
    const text = filesOf(doc).get(path);
    if (!text) throw new Error(`${path} was not created`);
    const lines = contents[path].split('\n');
    lines.forEach((line, i) => {
      doc.transact(() => {
        const at = text.length;
        if (i % 5 === 2) {
          // A typo, then its correction: deleted content the server garbage-collects.
          text.insert(at, `${line} // typo`);
          text.delete(at, line.length + 8);
        }
        text.insert(at, `${line}\n`);
      });
    });
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
