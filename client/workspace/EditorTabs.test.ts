import { describe, expect, it } from 'vitest';
import { EditorTabs } from './EditorTabs.ts';

/** Storage the way browsers implement it, for the reload test: a string map. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  get length(): number {
    return this.items.size;
  }
  clear(): void {
    this.items.clear();
  }
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.items.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe('EditorTabs', () => {
  it('opens after the active tab and activates; reopening only activates', () => {
    const tabs = new EditorTabs(undefined);
    tabs.open('a.ts');
    tabs.open('b.ts');
    tabs.open('a.ts');
    tabs.open('c.ts');
    expect(tabs.state.get()).toEqual({ open: ['a.ts', 'c.ts', 'b.ts'], active: 'c.ts' });
  });

  it('activates the right neighbour (else the left) when the active tab closes', () => {
    const tabs = new EditorTabs(undefined);
    tabs.reset(['a.ts', 'b.ts', 'c.ts'], 'b.ts');
    tabs.close('b.ts');
    expect(tabs.state.get()).toEqual({ open: ['a.ts', 'c.ts'], active: 'c.ts' });
    tabs.close('c.ts');
    expect(tabs.state.get()).toEqual({ open: ['a.ts'], active: 'a.ts' });
    tabs.close('a.ts');
    expect(tabs.state.get()).toEqual({ open: [], active: undefined });
  });

  it('follows renames of files and folders', () => {
    const tabs = new EditorTabs(undefined);
    tabs.reset(['src/a.ts', 'src/lib/b.ts', 'srcx/c.ts'], 'src/lib/b.ts');
    tabs.renamed('src', 'app');
    expect(tabs.state.get()).toEqual({ open: ['app/a.ts', 'app/lib/b.ts', 'srcx/c.ts'], active: 'app/lib/b.ts' });
    tabs.renamed('app/a.ts', 'app/z.ts');
    expect(tabs.state.get().open).toEqual(['app/z.ts', 'app/lib/b.ts', 'srcx/c.ts']);
  });

  it('closes tabs of files that are gone', () => {
    const tabs = new EditorTabs(undefined);
    tabs.reset(['a.ts', 'b.ts', 'c.ts'], 'b.ts');
    tabs.retain((p) => p !== 'b.ts');
    expect(tabs.state.get()).toEqual({ open: ['a.ts', 'c.ts'], active: 'c.ts' });
  });

  it('survives a reload through storage, and ignores damaged entries', () => {
    const storage = new MemoryStorage();
    new EditorTabs(storage).reset(['a.ts', 'b.ts'], 'a.ts');
    expect(new EditorTabs(storage).state.get()).toEqual({ open: ['a.ts', 'b.ts'], active: 'a.ts' });
    storage.setItem('pairlane.tabs.v1', '{not json');
    expect(new EditorTabs(storage).state.get()).toEqual({ open: [], active: undefined });
  });

  it('keeps entries under different keys apart (a room beside the local workspace)', () => {
    const storage = new MemoryStorage();
    new EditorTabs(storage).reset(['a.ts'], 'a.ts');
    new EditorTabs(storage, 'pairlane.tabs.v1:room:r1').reset(['x.ts', 'y.ts'], 'y.ts');
    expect(new EditorTabs(storage).state.get()).toEqual({ open: ['a.ts'], active: 'a.ts' });
    expect(new EditorTabs(storage, 'pairlane.tabs.v1:room:r1').state.get()).toEqual({ open: ['x.ts', 'y.ts'], active: 'y.ts' });
  });
});
