import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sirv from 'sirv';
import { build } from 'vite';
import { expect, test } from './fixtures.ts';

/**
 * The editor binding and presence in real Chromium with real Monaco: several pages, each one
 * person with their own document and awareness (client/editor/presence/lab), relayed by the test
 * the way a room relays them. No server: this is the editor's half of a room.
 */

type Kind = 'doc' | 'awareness';
interface LabPage {
  page: Page;
  name: string;
}
interface LabWindow {
  presenceLab: {
    seed(files: Record<string, string>): void;
    receive(kind: Kind, update: number[]): void;
    state(): { doc: number[]; awareness: number[] };
    start(me: { personId: string; name: string; role?: 'host' | 'guest' | 'observer' }, path: string): void;
    open(path: string): void;
    reattach(): void;
    follow(personId: string): void;
    following(): string | undefined;
    select(anchor: number, head?: number): void;
    cursor(): number | undefined;
    text(path: string): string | undefined;
    modelText(path: string): string | undefined;
    insertRaw(path: string, offset: number, text: string): void;
    addAndRemove(path: string, times: number): void;
    counts(): Record<string, number>;
  };
}

const LONG = Array.from({ length: 120 }, (_, i) => `export const line${i} = ${i};`).join('\n') + '\n';
const FILES = {
  'src/sum.ts': 'export function sum(a: number, b: number): number {\n  return a + b;\n}\n',
  'src/long.ts': LONG,
  'src/notes.md': '# Notes\n',
};

let labDir = '';
let server: http.Server | undefined;
let labUrl = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairlane-presence-lab-'));
  await build({
    configFile: false,
    root: 'client',
    base: './',
    logLevel: 'warn',
    build: { outDir: labDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 6000, rollupOptions: { input: 'client/editor/presence/lab/presenceLab.html', checks: { bundlerTimings: false } } },
    worker: { format: 'es' },
  });
  const serve = sirv(labDir, { dev: true });
  server = http.createServer((req, res) => serve(req, res));
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  labUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/editor/presence/lab/presenceLab.html`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  if (labDir) fs.rmSync(labDir, { recursive: true, force: true });
});

/** Opens one page per person; the first seeds the files; every update goes to all the others. */
async function openPeople(browser: import('@playwright/test').Browser, names: string[]): Promise<LabPage[]> {
  const people: LabPage[] = [];
  for (const [index, name] of names.entries()) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 560 } });
    const page = await context.newPage();
    await page.exposeFunction('presenceLabSend', async (kind: Kind, update: number[]) => {
      for (const other of people) {
        if (other.page !== page) await other.page.evaluate(([k, u]) => (window as unknown as LabWindow).presenceLab.receive(k, u), [kind, update] as const);
      }
    });
    await page.goto(labUrl);
    await expect(page.locator('body[data-ready="true"]')).toHaveCount(1, { timeout: 30_000 });
    if (index === 0) {
      await page.evaluate((files) => (window as unknown as LabWindow).presenceLab.seed(files), FILES);
    } else {
      const first = people[0];
      if (!first) throw new Error('no first page');
      const state = await first.page.evaluate(() => (window as unknown as LabWindow).presenceLab.state());
      await page.evaluate((s) => {
        const lab = (window as unknown as LabWindow).presenceLab;
        lab.receive('doc', s.doc);
        lab.receive('awareness', s.awareness);
      }, state);
    }
    people.push({ page, name });
    await page.evaluate(([n, i]) => (window as unknown as LabWindow).presenceLab.start({ personId: `person-${n.toLowerCase()}`, name: n, role: i === 0 ? 'host' : 'guest' }, 'src/sum.ts'), [name, index] as const);
    await expect(page.locator('.monaco-editor .view-lines')).toBeVisible({ timeout: 30_000 });
  }
  return people;
}

async function closePeople(people: LabPage[]): Promise<void> {
  for (const person of people) await person.page.context().close();
}

type LabApi = LabWindow['presenceLab'];
type Method = { [K in keyof LabApi]: LabApi[K] extends (...args: never[]) => unknown ? K : never }[keyof LabApi];

/** Calls one method of a page's lab with JSON arguments. */
async function lab<K extends Method>(person: LabPage, method: K, ...args: Parameters<LabApi[K]>): Promise<Awaited<ReturnType<LabApi[K]>>> {
  return (await person.page.evaluate(
    ([name, values]) => {
      const api = (window as unknown as { presenceLab: Record<string, (...a: unknown[]) => unknown> }).presenceLab;
      return api[name]?.(...values);
    },
    [method, args as unknown[]] as const,
  )) as Awaited<ReturnType<LabApi[K]>>;
}

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

test('each person sees the others’ named carets and selections on the same file, and who is where', async ({ browser }, testInfo) => {
  const people = await openPeople(browser, ['Ana', 'Bo', 'Cy']);
  const [ana, bo, cy] = people as [LabPage, LabPage, LabPage];
  // Bo selects "number, b" on line 1; Cy's caret is inside the return statement.
  await lab(bo, 'select', 25, 34);
  await lab(cy, 'select', 63);

  const labels = ana.page.locator('.pairlane-remote-cursor-label');
  await expect(labels).toHaveCount(2);
  await expect(labels.filter({ hasText: 'Bo' })).toHaveCount(1);
  await expect(labels.filter({ hasText: 'Cy' })).toHaveCount(1);
  // Shown right after a move.
  await expect(labels.filter({ hasText: 'Bo' })).toHaveCSS('opacity', '1');
  await expect(ana.page.locator('.pairlane-remote-selection')).not.toHaveCount(0);
  await expect(ana.page.getByTestId('presence-list')).toContainText('Bo');
  await expect(ana.page.getByTestId('presence-person-cy')).toContainText('src/sum.ts');
  await expect(ana.page.getByTestId('file-presence-src/sum.ts').locator('.file-presence-dot')).toHaveCount(2);
  const shot = testInfo.outputPath('presence-two-cursors.png');
  await ana.page.screenshot({ path: shot });
  fs.copyFileSync(shot, path.join(os.tmpdir(), 'presence-two-cursors.png'));

  // The label fades after a few seconds and comes back on hover.
  await expect(labels.filter({ hasText: 'Bo' })).toHaveCSS('opacity', '0', { timeout: 8000 });
  await ana.page.locator('.pairlane-remote-cursor[data-person="person-bo"]').hover();
  await expect(labels.filter({ hasText: 'Bo' })).toHaveCSS('opacity', '1');

  // Cy goes to another file: their caret leaves Ana's editor, the list says where they are.
  await lab(cy, 'open', 'src/notes.md');
  await lab(cy, 'select', 3);
  await expect(labels).toHaveCount(1);
  await expect(ana.page.getByTestId('presence-person-cy')).toContainText('src/notes.md');
  await expect(ana.page.getByTestId('file-presence-src/notes.md')).toHaveAttribute('title', 'Here: Cy');

  // Ana's edits before Bo's selection move it with the text: it still covers the same characters.
  await lab(ana, 'select', 0);
  await ana.page.keyboard.type('// top\n');
  await expect.poll(() => lab(bo, 'text', 'src/sum.ts')).toContain('// top\n');
  await expect(ana.page.locator('.pairlane-remote-selection')).not.toHaveCount(0);
  const selected = await ana.page.locator('.pairlane-remote-cursor[data-person="person-bo"]').boundingBox();
  expect(selected).not.toBeNull();
  await closePeople(people);
});

test('undo takes back only this person’s edits, with the other’s edits interleaved, and keeps the usual steps', async ({ browser }) => {
  const people = await openPeople(browser, ['Ana', 'Bo']);
  const [ana, bo] = people as [LabPage, LabPage];
  const original = FILES['src/sum.ts'];
  const endOfLine2 = original.indexOf('\n}');

  // Ana types at the end of line 2 (one burst).
  await lab(ana, 'select', original.indexOf('\n}'));
  // One input (keystrokes may be more than the capture time apart on a busy machine; the unit
  // tests check that a burst is one step).
  await ana.page.keyboard.insertText(' //ana');
  await expect.poll(() => lab(bo, 'text', 'src/sum.ts')).toContain('a + b; //ana');
  // Bo types at the very start, moving Ana's text to the right.
  await lab(bo, 'select', 0);
  await bo.page.keyboard.insertText('/*bo*/');
  await expect.poll(() => lab(ana, 'text', 'src/sum.ts')).toBe(`/*bo*/${original.slice(0, endOfLine2)} //ana${original.slice(endOfLine2)}`);

  // Ana's Ctrl+Z: her burst goes in one step, Bo's edit stays, on both screens.
  await ana.page.locator('.monaco-editor .view-lines').click();
  await ana.page.keyboard.press(`${mod}+z`);
  const withBoOnly = `/*bo*/${original}`;
  await expect.poll(() => lab(ana, 'text', 'src/sum.ts')).toBe(withBoOnly);
  await expect.poll(() => lab(bo, 'text', 'src/sum.ts')).toBe(withBoOnly);
  expect(await lab(ana, 'modelText', 'src/sum.ts')).toBe(withBoOnly);
  // The caret is where the undone change was (past Bo's insertion).
  expect(await lab(ana, 'cursor')).toBe('/*bo*/'.length + endOfLine2);
  // Nothing else of Ana's to undo: a second Ctrl+Z leaves Bo's edit.
  await ana.page.keyboard.press(`${mod}+z`);
  await ana.page.waitForTimeout(300);
  expect(await lab(bo, 'text', 'src/sum.ts')).toBe(withBoOnly);

  // Redo (both shortcuts) brings Ana's text back where it belongs.
  await ana.page.keyboard.press(`${mod}+Shift+z`);
  await expect.poll(() => lab(bo, 'text', 'src/sum.ts')).toContain('a + b; //ana');
  await ana.page.keyboard.press(`${mod}+z`);
  await expect.poll(() => lab(bo, 'text', 'src/sum.ts')).toBe(withBoOnly);
  await ana.page.keyboard.press(`${mod}+y`);
  await expect.poll(() => lab(bo, 'text', 'src/sum.ts')).toContain('a + b; //ana');

  // Bo's own undo is Bo's: his insertion goes, Ana's stays.
  await bo.page.locator('.monaco-editor .view-lines').click();
  await bo.page.keyboard.press(`${mod}+z`);
  await expect.poll(() => lab(ana, 'text', 'src/sum.ts')).toBe(`${original.slice(0, endOfLine2)} //ana${original.slice(endOfLine2)}`);

  // A pause of more than the capture time ends a step, even inside a word.
  await lab(ana, 'select', 0);
  await ana.page.keyboard.insertText('xy');
  await ana.page.waitForTimeout(800);
  await ana.page.keyboard.insertText('zw');
  await expect.poll(() => lab(ana, 'text', 'src/sum.ts')).toMatch(/^xyzwexport/);
  await ana.page.keyboard.press(`${mod}+z`);
  await expect.poll(() => lab(ana, 'text', 'src/sum.ts')).toMatch(/^xyexport/);
  await ana.page.keyboard.press(`${mod}+z`);
  await expect.poll(() => lab(ana, 'text', 'src/sum.ts')).toMatch(/^export/);

  // Typing, then deleting, are separate steps (Monaco's undo stops end a step).
  await lab(ana, 'select', 0);
  await ana.page.keyboard.insertText('abc');
  await ana.page.keyboard.press('Backspace');
  await expect.poll(() => lab(ana, 'text', 'src/sum.ts')).toMatch(/^ab/);
  await ana.page.keyboard.press(`${mod}+z`);
  await expect.poll(() => lab(ana, 'text', 'src/sum.ts')).toMatch(/^abcexport/);
  await ana.page.keyboard.press(`${mod}+z`);
  await expect.poll(() => lab(ana, 'text', 'src/sum.ts')).toMatch(/^export/);
  await closePeople(people);
});

test('line endings are LF everywhere: a pasted CRLF, and a CR that reaches the document from elsewhere', async ({ browser }) => {
  const people = await openPeople(browser, ['Ana', 'Bo']);
  const [ana, bo] = people as [LabPage, LabPage];
  await lab(ana, 'select', 0);
  await ana.page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', '// one\r\n// two\r\n');
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect.poll(() => lab(bo, 'text', 'src/sum.ts')).toMatch(/^\/\/ one\n\/\/ two\n/);
  // A raw CRLF and a lone CR written straight into Bo's document (an import, an old client).
  await lab(bo, 'insertRaw', 'src/sum.ts', 0, 'x\r\ny\rz\n');
  for (const person of [ana, bo]) {
    await expect.poll(() => lab(person, 'text', 'src/sum.ts')).toMatch(/^x\ny\nz\n\/\/ one\n/);
    expect(await lab(person, 'text', 'src/sum.ts')).not.toContain('\r');
    expect(await lab(person, 'modelText', 'src/sum.ts')).toBe(await lab(person, 'text', 'src/sum.ts'));
  }
  await closePeople(people);
});

test('follow mode opens the followed person’s file, keeps their cursor in view, and stops on Esc or a click', async ({ browser }, testInfo) => {
  const people = await openPeople(browser, ['Ana', 'Bo']);
  const [ana, bo] = people as [LabPage, LabPage];
  await expect(ana.page.getByTestId('presence-person-bo')).toBeVisible();
  await ana.page.getByTestId('presence-person-bo').click();
  await expect(ana.page.getByTestId('follow-banner')).toContainText('Following Bo — Esc to stop');

  await lab(bo, 'open', 'src/long.ts');
  await lab(bo, 'select', LONG.indexOf('line100'));
  await expect(ana.page.locator('#lab-editor')).toHaveAttribute('data-path', 'src/long.ts');
  const label = ana.page.locator('.pairlane-remote-cursor-label', { hasText: 'Bo' });
  await expect(label).toBeInViewport();
  await lab(bo, 'select', LONG.indexOf('line5 '));
  await expect(label).toBeInViewport();
  const shot = testInfo.outputPath('presence-follow.png');
  await ana.page.screenshot({ path: shot });
  fs.copyFileSync(shot, path.join(os.tmpdir(), 'presence-follow.png'));

  await ana.page.keyboard.press('Escape');
  await expect(ana.page.getByTestId('follow-banner')).toHaveCount(0);
  expect(await lab(ana, 'following')).toBeUndefined();

  // Following again, then a click in the editor stops it.
  await ana.page.getByTestId('presence-person-bo').click();
  await expect(ana.page.getByTestId('follow-banner')).toBeVisible();
  await ana.page.locator('.monaco-editor .view-lines').click({ position: { x: 200, y: 100 } });
  await expect(ana.page.getByTestId('follow-banner')).toHaveCount(0);
  await closePeople(people);
});

test('switching files, remounting presence and files coming and going leak no listeners, decorations or widgets', async ({ browser }) => {
  const people = await openPeople(browser, ['Ana', 'Bo']);
  const [ana, bo] = people as [LabPage, LabPage];
  await lab(bo, 'select', 10, 20);
  // Once through every file first: Monaco's own features subscribe lazily the first time a kind of file shows.
  for (const file of ['src/long.ts', 'src/notes.md', 'src/sum.ts']) await lab(ana, 'open', file);
  await expect(ana.page.locator('.pairlane-remote-cursor-label')).toHaveCount(1);
  const before = await lab(ana, 'counts');
  expect(before).toMatchObject({ decorations: 2, widgets: 1, styleElements: 1, awarenessChange: 1 });

  await ana.page.evaluate(() => {
    const l = (window as unknown as LabWindow).presenceLab;
    for (let i = 0; i < 100; i++) l.open(i % 2 === 0 ? 'src/long.ts' : 'src/notes.md');
    l.open('src/sum.ts');
  });
  await expect(ana.page.locator('.pairlane-remote-cursor-label')).toHaveCount(1);
  expect(await lab(ana, 'counts')).toEqual(before);

  await ana.page.evaluate(() => {
    const l = (window as unknown as LabWindow).presenceLab;
    for (let i = 0; i < 20; i++) l.reattach();
  });
  await expect(ana.page.locator('.pairlane-remote-cursor-label')).toHaveCount(1);
  expect(await lab(ana, 'counts')).toEqual(before);

  await lab(ana, 'addAndRemove', 'src/tmp.ts', 100);
  await expect.poll(() => lab(bo, 'text', 'src/tmp.ts')).toBeUndefined();
  expect(await lab(ana, 'counts')).toEqual(before);
  expect(await lab(bo, 'counts')).toMatchObject({ models: before.models, textObservers: before.textObservers });
  console.log('presence counts', JSON.stringify(before));
  await closePeople(people);
});
