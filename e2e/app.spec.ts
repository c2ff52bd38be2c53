import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { defaultTemplate } from '../client/workspace/templates.ts';
import { readFiles } from '../shared/workspaceDoc.ts';
import { AppPage } from './appPage.ts';
import { expect, test } from './fixtures.ts';

/**
 * The workspace as this browser's IndexedDB holds it: y-indexeddb's stored Yjs updates, read out
 * of the page and applied to a fresh document here. It is what a reload will load.
 */
async function storedWorkspace(page: Page): Promise<Record<string, string>> {
  const updates = await page.evaluate(
    () =>
      new Promise<number[][]>((resolve, reject) => {
        const open = indexedDB.open('pairlane-workspace');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('updates').objectStore('updates').getAll();
          all.onsuccess = () => {
            resolve((all.result as Uint8Array[]).map((update) => [...update]));
            db.close();
          };
          all.onerror = () => reject(all.error);
        };
      }),
  );
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, Uint8Array.from(update));
  return readFiles(doc);
}

test.describe('the playground', () => {
  test('opens with the TypeScript template in a ready editor, without type errors in the tests', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    for (const path of ['src/main.ts', 'src/stats.ts', 'src/stats.test.ts']) await expect(app.treeItem(path)).toBeVisible();
    await expect(app.tab('src/main.ts')).toHaveAttribute('data-active', 'true');
    await expect(app.editorText()).toContainText('import { histogram, mean, median }');
    await expect(page.getByTestId('runtime-badge')).toContainText('Offline runtime');
    await expect(page.getByTestId('run-button')).toContainText('src/main.ts');

    // The language service is running (it flags a real error) and finds nothing else in the
    // test file: describe/it/expect and the 'vitest' import are declared.
    await app.openFile('src/stats.test.ts');
    await app.editorText().click();
    await page.keyboard.press(`${app.mod}+End`);
    await page.keyboard.insertText("const wrong: number = 'text';");
    const lastLine = (defaultTemplate.files['src/stats.test.ts'] ?? '').split('\n').length;
    await expect.poll(() => app.squiggleLines(), { timeout: 20_000 }).toEqual([lastLine]);
  });

  test('a broken function fails its test with a diff and a marker; fixing it turns all green', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.openFile('src/stats.ts');
    await app.replaceLine(6, 'return sum / values.length + 1;');
    await expect(app.tab('src/stats.ts')).toHaveClass(/is-edited/);

    await app.runTests();
    await app.expectRunEnded('failed');
    await expect(app.count('failed')).toHaveAttribute('data-count', '1');
    await expect(app.count('passed')).toHaveAttribute('data-count', '4');
    const failed = page.locator('[data-testid=test-row][data-status=failed]');
    await expect(failed).toHaveCount(1);
    await expect(failed).toHaveAttribute('data-name', 'mean > averages a list');
    await expect(failed.getByTestId('error-details')).toContainText('3.5');
    await expect(failed.getByTestId('error-details')).toContainText('2.5');
    const where = failed.getByTestId('location-link');
    await expect(where).toHaveAttribute('data-location', /^src\/stats\.test\.ts:6:\d+$/);

    // The location opens the test file at the failing line, where an error marker sits.
    await where.click();
    await expect(app.tab('src/stats.test.ts')).toHaveAttribute('data-active', 'true');
    await expect(page.getByTestId('status-cursor')).toContainText('Ln 6,');
    await expect.poll(() => app.squiggleLines()).toEqual([6]);
    await expect(app.tab('src/stats.test.ts').locator('.tab-problems')).toHaveText('1');

    await app.openFile('src/stats.ts');
    await app.replaceLine(6, 'return sum / values.length;');
    await app.runTests();
    await app.expectRunEnded('passed');
    await expect(app.count('failed')).toHaveAttribute('data-count', '0');
    await expect(app.count('passed')).toHaveAttribute('data-count', '5');
    await expect(page.locator('[data-testid=test-row][data-status=passed]')).toHaveCount(5);
    await app.openFile('src/stats.test.ts');
    await expect.poll(() => app.squiggleLines()).toEqual([]);
  });

  test('test results stream into the panel while the run goes on; a file can be run again alone', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.openFile('src/stats.test.ts');
    await app.typeFile(
      [
        "import { expect, it } from 'vitest';",
        'const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));',
        "it('first', async () => { await pause(300); expect(1).toBe(1); });",
        "it('second', async () => { await pause(2500); expect(2).toBe(2); });",
        "it.skip('skipped', () => {});",
        "it.todo('later');",
        '',
      ].join('\n'),
    );
    await app.runTests();
    // "first" is reported while "second" still waits.
    await expect(page.locator('[data-testid=test-row][data-name=first]')).toHaveAttribute('data-status', 'passed');
    await expect(app.runStatus()).toHaveAttribute('data-status', 'running');
    await app.expectRunEnded('passed');
    await expect(app.count('passed')).toHaveAttribute('data-count', '2');
    await expect(app.count('skipped')).toHaveAttribute('data-count', '1');
    await expect(app.count('todo')).toHaveAttribute('data-count', '1');

    await page.getByTestId('test-file-src/stats.test.ts').hover();
    await page.getByTestId('run-test-file').click();
    await expect(app.runStatus()).toContainText('Tests · src/stats.test.ts');
    await app.expectRunEnded('passed');
  });

  test('an endless loop is stopped with Esc or Stop, and the next run works', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.treeItem('src/main.ts').click();
    await app.create('file', 'loop.ts');
    await expect(app.tab('src/loop.ts')).toHaveAttribute('data-active', 'true');
    await app.typeFile('console.log("spinning");\nwhile (true) {}\n');

    await app.runFile();
    await expect(app.runStatus()).toHaveAttribute('data-status', 'running');
    await page.keyboard.press('Escape');
    await app.expectRunEnded('stopped');
    await expect(page.getByTestId('run-status')).toHaveText('Stopped');

    await app.runFile();
    await expect(page.getByTestId('stop-button')).toBeVisible();
    await page.getByTestId('stop-button').click();
    await app.expectRunEnded('stopped');

    await app.openFile('src/main.ts');
    await app.runFile();
    await app.expectRunEnded('ok');
    await expect(page.getByTestId('output')).toContainText('Temperatures this week');
  });

  test('a reload keeps the files, the open tabs and the edits', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.treeItem('src/main.ts').click();
    await app.create('file', 'kept.ts');
    await app.typeFile('export const kept = 42;\n');
    await expect.poll(async () => (await storedWorkspace(page))['src/kept.ts']).toBe('export const kept = 42;\n');

    await page.reload();
    await expect(app.treeItem('src/kept.ts')).toBeVisible();
    await expect(app.tab('src/kept.ts')).toHaveAttribute('data-active', 'true');
    await expect(app.editorText()).toContainText('export const kept = 42;');
    await expect(app.tab('src/stats.ts')).toBeVisible();
  });

  test('keys pressed the moment Go to line or Find closes belong to the text, however busy the page', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.openFile('src/main.ts');
    await page.locator('.monaco-editor .view-lines').click();
    /**
     * The widget's closing key in its box, then keys in the text, in one task: before any timer of
     * the page runs, as when a busy page holds its timers back and lets input through first. Says
     * whether the box took its key, whether the text had the focus after it and whether a
     * keybinding took the Enter (none may: in the text, a line break is typed input).
     */
    const closeThenType = (closingKey: 'Enter' | 'Escape') =>
      page.evaluate((closing) => {
        const press = (key: string, keyCode: number): boolean => {
          const event = new KeyboardEvent('keydown', { key, code: key, keyCode, bubbles: true, cancelable: true });
          document.activeElement?.dispatchEvent(event);
          return event.defaultPrevented;
        };
        const boxTookKey = press(closing, closing === 'Enter' ? 13 : 27);
        const textFocused = document.activeElement?.closest('.monaco-editor') !== null && document.activeElement?.closest('.quick-input-widget, .find-widget') === null;
        press('ArrowDown', 40);
        const bindingTookEnter = press('Enter', 13);
        return { boxTookKey, textFocused, bindingTookEnter };
      }, closingKey);

    await page.keyboard.press('Control+g');
    await page.keyboard.type('2');
    await expect(page.locator('.quick-input-widget input')).toBeFocused();
    expect(await closeThenType('Enter')).toEqual({ boxTookKey: true, textFocused: true, bindingTookEnter: false });
    // Go to line put the cursor on line 2; the arrow moved it on, it did not go to the closed box.
    await expect(page.getByTestId('status-cursor')).toContainText('Ln 3,');

    await page.keyboard.press('Control+f');
    await expect(page.getByRole('textbox', { name: 'Find' })).toBeFocused();
    await page.keyboard.type('mean');
    expect(await closeThenType('Escape')).toEqual({ boxTookKey: true, textFocused: true, bindingTookEnter: false });
    // Monaco keeps the closed widget in the page, slid out of view.
    await expect(page.locator('.find-widget')).not.toHaveClass(/\bvisible\b/);
  });

  test('files and folders are created, renamed and deleted from the tree', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();

    // A folder and a file in it, from the folder's context menu.
    await app.treeItem('src').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'New folder' }).click();
    await page.getByTestId('tree-input').fill('lib');
    await page.getByTestId('tree-input').press('Enter');
    await expect(app.treeItem('src/lib')).toBeVisible();
    await app.treeItem('src/lib').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'New file' }).click();
    await page.getByTestId('tree-input').fill('util.ts');
    await page.getByTestId('tree-input').press('Enter');
    await expect(app.treeItem('src/lib/util.ts')).toBeVisible();
    await expect(app.tab('src/lib/util.ts')).toHaveAttribute('data-active', 'true');

    // A bad name is refused with a reason, and nothing is created.
    await page.getByTestId('tree-new-file').click();
    await page.getByTestId('tree-input').fill('../escape.ts');
    await expect(page.getByTestId('tree-input-error')).toContainText('".." is not allowed');
    await page.getByTestId('tree-input').press('Escape');
    await expect(page.getByTestId('tree-input')).toHaveCount(0);

    // F2 renames the selected file; its tab follows.
    await app.treeItem('src/lib/util.ts').click();
    await page.keyboard.press('F2');
    await page.getByTestId('tree-input').fill('tools.ts');
    await page.getByTestId('tree-input').press('Enter');
    await expect(app.treeItem('src/lib/tools.ts')).toBeVisible();
    await expect(app.treeItem('src/lib/util.ts')).toHaveCount(0);
    await expect(app.tab('src/lib/tools.ts')).toBeVisible();

    // Renaming a folder moves what is in it.
    await app.treeItem('src/lib').click({ button: 'right' });
    await page.getByTestId('menu-rename').click();
    await page.getByTestId('tree-input').fill('core');
    await page.getByTestId('tree-input').press('Enter');
    await expect(app.treeItem('src/core/tools.ts')).toBeVisible();
    await expect(app.tab('src/core/tools.ts')).toBeVisible();

    // Delete asks first; the tab closes with the file.
    await app.treeItem('src/core/tools.ts').click();
    await page.keyboard.press('Delete');
    await expect(page.getByTestId('confirm-dialog')).toContainText('Delete tools.ts?');
    await page.getByTestId('confirm-ok').click();
    await expect(app.treeItem('src/core/tools.ts')).toHaveCount(0);
    await expect(app.tab('src/core/tools.ts')).toHaveCount(0);

    await app.treeItem('src/core').hover();
    await app.treeItem('src/core').getByTestId('tree-delete').click();
    await page.getByTestId('confirm-ok').click();
    await expect(app.treeItem('src/core')).toHaveCount(0);
  });

  test('tabs close by button and by middle click, which pastes nothing into the editor', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.openFile('src/stats.test.ts');
    await expect(app.editorText()).toContainText("describe('mean'");
    const lineCount = await page.locator('.monaco-editor .view-line').count();
    // Selected text becomes Linux's primary selection, which a middle click would paste.
    await app.editorText().click();
    await page.keyboard.press(`${app.mod}+a`);
    await app.tab('src/main.ts').click({ button: 'middle' });
    await expect(app.tab('src/main.ts')).toHaveCount(0);
    await expect(page.locator('.monaco-editor .view-line')).toHaveCount(lineCount);
    await expect(app.tab('src/stats.test.ts')).not.toHaveClass(/is-edited/);

    await app.tab('src/stats.ts').getByTestId('tab-close').click();
    await expect(app.tab('src/stats.ts')).toHaveCount(0);
    await app.tab('src/stats.test.ts').getByTestId('tab-close').click();
    await expect(page.getByTestId('empty-editor')).toContainText('No file open');
    await page.getByTestId('empty-editor').getByRole('button', { name: 'src/stats.ts' }).click();
    await expect(app.tab('src/stats.ts')).toHaveAttribute('data-active', 'true');
  });

  test('a template replaces the workspace after a confirmation', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByTestId('new-menu').click();
    await page.getByTestId('template-javascript').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('3 files');
    await page.getByTestId('confirm-ok').click();
    await expect(app.treeItem('src/roman.js')).toBeVisible();
    await expect(app.treeItem('src/stats.ts')).toHaveCount(0);
    await expect(app.tab('src/main.js')).toHaveAttribute('data-active', 'true');

    await app.runTests();
    await app.expectRunEnded('passed');
    await expect(app.count('failed')).toHaveAttribute('data-count', '0');
  });

  test('build errors and uncaught errors are shown with a location that opens the line', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.typeFile("import { mean } from './stats.ts';\nconst broken = ;\n");
    await app.runFile();
    await app.expectRunEnded('build-error');
    const diagnostic = page.getByTestId('diagnostic').first();
    await expect(diagnostic.getByTestId('location-link')).toHaveAttribute('data-location', /^src\/main\.ts:2:\d+$/);
    await diagnostic.getByTestId('location-link').click();
    await expect(page.getByTestId('status-cursor')).toContainText('Ln 2,');

    await app.typeFile("function explode(): never {\n  throw new Error('kaboom');\n}\nexplode();\n");
    await app.runFile();
    await app.expectRunEnded('error');
    await expect(page.getByTestId('program-error')).toContainText('kaboom');
    await expect(page.getByTestId('program-error').getByTestId('location-link')).toHaveAttribute('data-location', /^src\/main\.ts:2:\d+$/);
  });

  test('a flood of output stays responsive: only the visible lines are drawn', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await app.typeFile("for (let i = 0; i < 200_000; i++) console.log(`line ${i} of a long, long flood of output`);\n");
    await app.runFile();
    await app.expectRunEnded('ok');
    const lines = page.getByTestId('output-lines');
    await expect.poll(async () => Number(await lines.getAttribute('data-count'))).toBeGreaterThan(10_000);
    expect(await page.getByTestId('output-line').count()).toBeLessThan(200);
    // The runtime kept the first megabyte and said what it dropped.
    await expect(page.locator('.output-line.stream-system').last()).toBeVisible();
    await app.openFile('src/stats.ts');
    await expect(app.editorText()).toContainText('export function mean');
  });

  test('the runtime badge says why the offline runtime is in use', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('/?runtime=worker');
    await expect(page.getByTestId('runtime-badge')).toHaveText(/Offline runtime · chosen by \?runtime=worker/);

    await app.open('/');
    // WebContainer needs its host on the internet, which the test browser cannot reach.
    await expect(page.getByTestId('runtime-badge')).toContainText('WebContainer unavailable', { timeout: 30_000 });
    await expect(page.getByTestId('runtime-badge')).toHaveAttribute('data-runtime', 'worker');
    await expect(page.getByTestId('runtime-detail')).toContainText('WebContainer was tried and could not boot');
  });
});
