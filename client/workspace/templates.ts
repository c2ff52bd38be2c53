/** A starter workspace offered in the "New" menu. */
export interface Template {
  id: string;
  name: string;
  description: string;
  files: Readonly<Record<string, string>>;
  /** Tabs opened after the template is applied, the last one active (the file Run runs). */
  open: readonly string[];
}

const statsTs = `/** The arithmetic mean. An empty list has none, so it throws. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean of an empty list');
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** The middle value; for an even count, the mean of the two middle values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** How often each word occurs, most frequent first (ties in first-seen order). */
export function histogram(words: readonly string[]): Array<[word: string, count: number]> {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}
`;

const statsTestTs = `import { describe, expect, it } from 'vitest';
import { histogram, mean, median } from './stats.ts';

describe('mean', () => {
  it('averages a list', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });

  it('refuses an empty list', () => {
    expect(() => mean([])).toThrow(RangeError);
  });
});

describe('median', () => {
  it('takes the middle of an odd count', () => {
    expect(median([7, 1, 3])).toBe(3);
  });

  it('averages the middle pair of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('histogram', () => {
  it('counts words, most frequent first', () => {
    expect(histogram(['b', 'a', 'b', 'c', 'b', 'a'])).toEqual([
      ['b', 3],
      ['a', 2],
      ['c', 1],
    ]);
  });
});
`;

const mainTs = `import { histogram, mean, median } from './stats.ts';

const temperatures = [21.5, 23.1, 19.8, 25.4, 22.0, 24.7, 20.3];
console.log(\`Temperatures this week: \${temperatures.join(', ')} °C\`);
console.log(\`  mean   \${mean(temperatures).toFixed(1)} °C\`);
console.log(\`  median \${median(temperatures).toFixed(1)} °C\`);

const words = 'the cat saw the dog and the dog saw the cat run'.split(' ');
console.log('\\nMost frequent words:');
for (const [word, count] of histogram(words).slice(0, 3)) {
  console.log(\`  \${word.padEnd(4)} \${'■'.repeat(count)} \${count}\`);
}
`;

const romanJs = `/** @type {Array<[value: number, numeral: string]>} */
const NUMERALS = [
  [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'],
  [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'],
  [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
];

/**
 * Writes a whole number from 1 to 3999 in Roman numerals.
 * @param {number} n
 * @returns {string}
 */
export function toRoman(n) {
  if (!Number.isInteger(n) || n < 1 || n > 3999) throw new RangeError(\`cannot write \${n} in Roman numerals\`);
  let out = '';
  for (const [value, numeral] of NUMERALS) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
}

/**
 * Reads Roman numerals back into a number.
 * @param {string} text
 * @returns {number}
 */
export function fromRoman(text) {
  let total = 0;
  let rest = text.toUpperCase();
  for (const [value, numeral] of NUMERALS) {
    while (rest.startsWith(numeral)) {
      total += value;
      rest = rest.slice(numeral.length);
    }
  }
  if (rest !== '' || total === 0) throw new SyntaxError(\`"\${text}" is not a Roman numeral\`);
  return total;
}
`;

const romanTestJs = `import { describe, expect, it } from 'vitest';
import { fromRoman, toRoman } from './roman.js';

describe('toRoman', () => {
  it.each([
    [1, 'I'],
    [4, 'IV'],
    [9, 'IX'],
    [14, 'XIV'],
    [1994, 'MCMXCIV'],
    [2024, 'MMXXIV'],
  ])('writes %i as %s', (n, roman) => {
    expect(toRoman(n)).toBe(roman);
  });

  it('refuses numbers it cannot write', () => {
    expect(() => toRoman(0)).toThrow(RangeError);
    expect(() => toRoman(4000)).toThrow(RangeError);
  });
});

describe('fromRoman', () => {
  it('reads what toRoman writes', () => {
    for (let n = 1; n < 400; n += 7) expect(fromRoman(toRoman(n))).toBe(n);
  });

  it('rejects text that is not a numeral', () => {
    expect(() => fromRoman('hello')).toThrow(SyntaxError);
  });
});
`;

const mainJs = `import { fromRoman, toRoman } from './roman.js';

const year = new Date().getFullYear();
console.log(\`This year is \${toRoman(year)}.\`);
for (const n of [3, 48, 512, 1987]) {
  console.log(\`\${String(n).padStart(4)} → \${toRoman(n)}\`);
}
console.log(\`MCMLXIX reads as \${fromRoman('MCMLXIX')}\`);
`;

const blankTs = `// Ctrl+Enter runs this file; Ctrl+Shift+Enter runs every *.test.ts file.
console.log('Hello from Pairlane');
`;

const statsPy = `"""Small statistics helpers. One test fails: run the tests (Ctrl+Shift+Enter) and fix the bug."""


def mean(values: list[float]) -> float:
    """The arithmetic mean. An empty list has none, so it raises."""
    if not values:
        raise ValueError("mean of an empty list")
    return sum(values) / len(values)


def median(values: list[float]) -> float:
    """The middle value; for an even count, the mean of the two middle values."""
    if not values:
        raise ValueError("median of an empty list")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2 == 1:
        return ordered[middle]
    return ordered[middle]


def histogram(words: list[str]) -> list[tuple[str, int]]:
    """How often each word occurs, most frequent first (ties in first-seen order)."""
    counts: dict[str, int] = {}
    for word in words:
        counts[word] = counts.get(word, 0) + 1
    return sorted(counts.items(), key=lambda item: -item[1])
`;

const testStatsPy = `import unittest

from stats import histogram, mean, median


def test_mean_averages_a_list():
    assert mean([1, 2, 3, 4]) == 2.5


def test_median_of_an_odd_count():
    assert median([7, 1, 3]) == 3


def test_median_of_an_even_count():
    assert median([4, 1, 3, 2]) == 2.5


class HistogramTest(unittest.TestCase):
    def test_counts_words_most_frequent_first(self):
        self.assertEqual(histogram(["b", "a", "b", "c", "b", "a"]), [("b", 3), ("a", 2), ("c", 1)])

    def test_empty_list_has_no_mean(self):
        with self.assertRaises(ValueError):
            mean([])
`;

const mainPy = `from stats import histogram, mean, median

temperatures = [21.5, 23.1, 19.8, 25.4, 22.0, 24.7, 20.3]
print("Temperatures this week:", ", ".join(str(t) for t in temperatures), "°C")
print(f"  mean   {mean(temperatures):.1f} °C")
print(f"  median {median(temperatures):.1f} °C")

sentence = input("A sentence to count words in: ") or "the cat saw the dog and the dog saw the cat run"
print("Most frequent words:")
for word, count in histogram(sentence.split())[:3]:
    print(f"  {word:<5} {'■' * count} {count}")
`;

/** Every starter workspace, the default first. */
export const templates: readonly Template[] = [
  {
    id: 'typescript',
    name: 'TypeScript module with tests',
    description: 'A small statistics module, its vitest tests and a main that prints.',
    files: { 'src/stats.ts': statsTs, 'src/stats.test.ts': statsTestTs, 'src/main.ts': mainTs },
    open: ['src/stats.ts', 'src/stats.test.ts', 'src/main.ts'],
  },
  {
    id: 'javascript',
    name: 'JavaScript module with tests',
    description: 'Roman numerals in plain JavaScript, with tests.',
    files: { 'src/roman.js': romanJs, 'src/roman.test.js': romanTestJs, 'src/main.js': mainJs },
    open: ['src/roman.js', 'src/roman.test.js', 'src/main.js'],
  },
  {
    id: 'python',
    name: 'Python module with tests',
    description: 'Statistics in Python with a bug to find: pytest-style and unittest tests, and a main that asks for input. Runs offline in Pyodide.',
    files: { 'stats.py': statsPy, 'test_stats.py': testStatsPy, 'main.py': mainPy },
    open: ['stats.py', 'test_stats.py', 'main.py'],
  },
  {
    id: 'blank',
    name: 'Blank TypeScript',
    description: 'One file, nothing else.',
    files: { 'src/main.ts': blankTs },
    open: ['src/main.ts'],
  },
];

/** The template a first visit starts with. */
export const defaultTemplate: Template = templates[0]!;
