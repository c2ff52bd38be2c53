import { describe, expect, it } from 'vitest';
import { SNIPPET_LIMITS, SnippetPicker, type SnippetSource } from './SnippetPicker.ts';

/** Files in memory, with a version that changes on every write, as Monaco's models have. */
class Files implements SnippetSource {
  private readonly texts = new Map<string, { text: string; version: number }>();
  /** Reads of a file's head to find its imports (snippet reads are shorter). */
  scans = 0;

  constructor(initial: Record<string, string>) {
    for (const [path, text] of Object.entries(initial)) this.write(path, text);
  }

  write(path: string, text: string): void {
    this.texts.set(path, { text, version: (this.texts.get(path)?.version ?? 0) + 1 });
  }

  paths(): readonly string[] {
    return [...this.texts.keys()];
  }

  version(path: string): number | undefined {
    return this.texts.get(path)?.version;
  }

  head(path: string, maxChars: number): string {
    if (maxChars === SNIPPET_LIMITS.scanChars) this.scans++;
    return this.texts.get(path)?.text.slice(0, maxChars) ?? '';
  }
}

const workspace = {
  'src/main.ts': "import { mean } from './stats.ts';\nconsole.log(mean([1]));\n",
  'src/stats.ts': 'export function mean(values: number[]): number { return 0; }\n',
  'src/stats.test.ts': "import { mean } from './stats.ts';\n",
  'src/report.ts': "import './main.ts';\n",
  'README.md': '# Notes\n',
  'src/empty.ts': '   \n',
};

describe('SnippetPicker', () => {
  it('puts imported files first, then importers, then recently viewed files', () => {
    const picker = new SnippetPicker(new Files(workspace), () => 0);
    picker.noteViewed('README.md');
    picker.noteViewed('src/main.ts');
    expect(picker.pick('src/main.ts').map((s) => s.path)).toEqual(['src/stats.ts', 'src/report.ts', 'README.md']);
  });

  it('orders each group by how recently the files were viewed', () => {
    const picker = new SnippetPicker(new Files(workspace), () => 0);
    picker.noteViewed('src/stats.test.ts');
    picker.noteViewed('src/main.ts');
    // Both import stats.ts; main.ts was viewed last.
    expect(picker.pick('src/stats.ts').map((s) => s.path)).toEqual(['src/main.ts', 'src/stats.test.ts']);
  });

  it('keeps within the count and character limits and skips blank files', () => {
    const many: Record<string, string> = { 'a.ts': Array.from({ length: 10 }, (_, i) => `import './f${i}.ts';`).join('\n') };
    for (let i = 0; i < 10; i++) many[`f${i}.ts`] = 'x'.repeat(5_000);
    const picker = new SnippetPicker(new Files(many), () => 0);
    const snippets = picker.pick('a.ts');
    expect(snippets.length).toBeLessThanOrEqual(SNIPPET_LIMITS.maxCount);
    expect(snippets.reduce((sum, s) => sum + s.text.length, 0)).toBeLessThanOrEqual(SNIPPET_LIMITS.totalChars);
    for (const snippet of snippets) expect(snippet.text.length).toBeLessThanOrEqual(SNIPPET_LIMITS.maxChars);
    const withBlank = new SnippetPicker(new Files(workspace), () => 0);
    withBlank.noteViewed('src/empty.ts');
    expect(withBlank.pick('src/main.ts').map((s) => s.path)).not.toContain('src/empty.ts');
  });

  it('stops scanning for importers when its time is up', () => {
    let now = 0;
    // Every read costs a millisecond on this clock.
    const files = new Files(workspace);
    const source: SnippetSource = { paths: () => files.paths(), version: (p) => files.version(p), head: (p, n) => ((now += 1), files.head(p, n)) };
    const picker = new SnippetPicker(source, () => now, { ...SNIPPET_LIMITS, budgetMs: 2 });
    const snippets = picker.pick('src/stats.ts');
    expect(snippets.length).toBeGreaterThanOrEqual(1);
    expect(now).toBeLessThan(10);
  });

  it('scans a file for imports again only after it changed', () => {
    const files = new Files(workspace);
    const picker = new SnippetPicker(files, () => 0);
    picker.pick('src/stats.ts');
    const first = files.scans;
    picker.pick('src/stats.ts');
    expect(files.scans).toBe(first);
    files.write('src/report.ts', "import './stats.ts';\n");
    expect(picker.pick('src/stats.ts').map((s) => s.path)).toContain('src/report.ts');
    expect(files.scans).toBe(first + 1);
  });
});
