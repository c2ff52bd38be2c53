/**
 * The project the runtime benchmark edits and tests: 5 TypeScript files, 50 tests, the shape of
 * a typical interview task (a few modules, a couple of test files importing them).
 */
const math = `export function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

export function mean(values: number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty list');
  return sum(values) / values.length;
}

export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
`;

const text = `export function slugify(input: string): string {
  return input
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function wordCount(input: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of input.toLowerCase().match(/[a-z']+/g) ?? []) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}
`;

const queue = `export class Queue<T> {
  private items: T[] = [];
  private head = 0;

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head++];
    if (this.head > 32 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  get size(): number {
    return this.items.length - this.head;
  }
}
`;

function mathTests(): string {
  const cases = Array.from({ length: 10 }, (_, i) => `  it('sums ${i} numbers', () => {
    const values = Array.from({ length: ${i} }, (_, k) => k + 1);
    expect(sum(values)).toBe(${(i * (i + 1)) / 2});
  });`).join('\n');
  const clamps = Array.from({ length: 10 }, (_, i) => `  it('clamps ${i * 7 - 20}', () => {
    expect(clamp(${i * 7 - 20}, 0, 30)).toBe(${Math.min(30, Math.max(0, i * 7 - 20))});
  });`).join('\n');
  return `import { describe, expect, it } from 'vitest';
import { clamp, mean, sum } from './math';

describe('sum', () => {
${cases}
});

describe('clamp', () => {
${clamps}
});

describe('mean', () => {
  it('averages', () => expect(mean([1, 2, 3, 4])).toBe(2.5));
  it('refuses an empty list', () => expect(() => mean([])).toThrow(RangeError));
  it('handles one value', () => expect(mean([7])).toBe(7));
  it('handles negatives', () => expect(mean([-2, 2])).toBe(0));
  it('is close for fractions', () => expect(mean([0.1, 0.2])).toBeCloseTo(0.15));
});
`;
}

function textAndQueueTests(): string {
  const slugs = Array.from({ length: 10 }, (_, i) => `  it('slugifies title ${i}', () => {
    expect(slugify('  Hello, World ${i}!  ')).toBe('hello-world-${i}');
  });`).join('\n');
  const queues = Array.from({ length: 10 }, (_, i) => `  it('keeps order with ${i * 10} items', () => {
    const q = new Queue<number>();
    for (let k = 0; k < ${i * 10}; k++) q.push(k);
    const out: number[] = [];
    while (q.size) out.push(q.shift()!);
    expect(out).toEqual(Array.from({ length: ${i * 10} }, (_, k) => k));
  });`).join('\n');
  return `import { describe, expect, it } from 'vitest';
import { slugify, wordCount } from './text';
import { Queue } from './queue';

describe('slugify', () => {
${slugs}
});

describe('Queue', () => {
${queues}
});

describe('wordCount', () => {
  it('counts words', () => expect(wordCount('a b a').get('a')).toBe(2));
  it('ignores case', () => expect(wordCount('A a').get('a')).toBe(2));
  it('keeps apostrophes', () => expect([...wordCount("it's").keys()]).toEqual(["it's"]));
  it('is empty for no words', () => expect(wordCount('!!').size).toBe(0));
  it('returns a Map', () => expect(wordCount('x')).toBeInstanceOf(Map));
});
`;
}

/** path → contents; `revision` changes a comment in one module, as an edit would. */
export function benchProject(revision = 0): Record<string, string> {
  return {
    'src/math.ts': `// revision ${revision}\n${math}`,
    'src/text.ts': text,
    'src/queue.ts': queue,
    'src/math.test.ts': mathTests(),
    'src/text.test.ts': textAndQueueTests(),
  };
}

export const BENCH_PROJECT_TESTS = 50;
