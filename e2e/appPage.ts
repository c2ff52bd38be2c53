import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures.ts';

/**
 * The playground as a person drives it: through the tree, the tabs, the editor's keyboard and the
 * toolbar. Nothing here reaches into the app's internals; a test sees what a person sees.
 */
export class AppPage {
  readonly mod: 'Control' | 'Meta';

  constructor(readonly page: Page) {
    this.mod = process.platform === 'darwin' ? 'Meta' : 'Control';
  }

  /** Opens the app and waits until the editor shows a file. */
  async open(path = '/'): Promise<void> {
    await this.page.goto(path);
    await expect(this.page.getByTestId('app')).toBeVisible();
    // Monaco is several megabytes of script: on a busy two-core machine it can take a while.
    await expect(this.page.locator('.monaco-editor .view-lines')).toBeVisible({ timeout: 30_000 });
  }

  treeItem(path: string): Locator {
    return this.page.getByTestId(`tree-item-${path}`);
  }

  tab(path: string): Locator {
    return this.page.getByTestId(`tab-${path}`);
  }

  /** The text Monaco renders for the visible lines of the open file. */
  editorText(): Locator {
    return this.page.locator('.monaco-editor .view-lines');
  }

  async openFile(path: string): Promise<void> {
    await this.treeItem(path).click();
    await expect(this.tab(path)).toHaveAttribute('data-active', 'true');
    await expect(this.page.getByTestId('editor')).toHaveAttribute('data-path', path);
    // Monaco marks its view with the model it shows: the file is on screen, not only selected.
    await expect(this.page.locator('.monaco-editor[data-uri]')).toHaveAttribute('data-uri', `file:///${path}`);
  }

  /** Puts the cursor in the editor at a line (Monaco's "Go to line"). */
  async goToLine(line: number): Promise<void> {
    await this.page.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press('Control+g');
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
    // The status says the line while "Go to line" only previews it: what is typed next belongs to
    // the editor once the box has closed and the editor has the focus back.
    await expect(this.page.locator('.quick-input-widget')).toBeHidden();
    await expect(this.page.locator('.monaco-editor.focused')).toHaveCount(1);
    await expect(this.page.getByTestId('status-cursor')).toContainText(`Ln ${line},`);
  }

  /** Replaces the text of one line (after its indentation) by typing, as a person would. */
  async replaceLine(line: number, text: string): Promise<void> {
    await this.goToLine(line);
    await this.page.keyboard.press('End');
    await this.page.keyboard.press('Shift+Home');
    await this.page.keyboard.type(text);
  }

  /**
   * Replaces the whole file by pasting: select all, then a paste event carrying the text, as a
   * person's Ctrl+V delivers it. (Typing character by character would trip the editor's
   * auto-closing brackets and auto-indent, which is right for people and wrong for fixtures.)
   */
  async typeFile(text: string): Promise<void> {
    await this.page.locator('.monaco-editor .view-lines').click();
    await this.page.keyboard.press(`${this.mod}+a`);
    // The event goes to whatever the editor focused for input (a textarea, or Chromium's EditContext element).
    await this.page.evaluate((pasted) => {
      const data = new DataTransfer();
      data.setData('text/plain', pasted);
      document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  async runFile(): Promise<void> {
    await this.page.keyboard.press(`${this.mod}+Enter`);
  }

  async runTests(): Promise<void> {
    await this.page.keyboard.press(`${this.mod}+Shift+Enter`);
  }

  runStatus(): Locator {
    return this.page.getByTestId('run-header');
  }

  /** Waits until the last run ended with `status` (the RunStatus names: ok, passed, failed, stopped…). */
  async expectRunEnded(status: string, timeout = 30_000): Promise<void> {
    await expect(this.runStatus()).toHaveAttribute('data-status', status, { timeout });
  }

  count(kind: 'passed' | 'failed' | 'skipped' | 'todo'): Locator {
    return this.page.getByTestId(`count-${kind}`);
  }

  /** Starts creating a file or folder from the tree header and types its name. */
  async create(kind: 'file' | 'folder', name: string): Promise<void> {
    await this.page.getByTestId(kind === 'file' ? 'tree-new-file' : 'tree-new-folder').click();
    await this.page.getByTestId('tree-input').fill(name);
    await this.page.getByTestId('tree-input').press('Enter');
  }

  /** The line numbers of the open file that carry an error squiggle, read from where Monaco draws them. */
  async squiggleLines(): Promise<number[]> {
    return this.page.evaluate(() => {
      const numbers = [...document.querySelectorAll('.monaco-editor .margin-view-overlays .line-numbers')].map((el) => ({
        line: Number(el.textContent),
        top: el.getBoundingClientRect().top,
      }));
      const found = new Set<number>();
      for (const squiggle of document.querySelectorAll('.monaco-editor .squiggly-error')) {
        const top = squiggle.getBoundingClientRect().top;
        const nearest = numbers.reduce((best, n) => (Math.abs(n.top - top) < Math.abs(best.top - top) ? n : best), { line: 0, top: Infinity });
        found.add(nearest.line);
      }
      return [...found].sort((a, b) => a - b);
    });
  }

  /** Shares the workspace as a room with `hostName` as host, waits until the page is in it, and returns the room id. */
  async shareAsHost(hostName: string): Promise<string> {
    await this.page.getByTestId('share-button').click();
    await this.page.getByTestId('share-name-input').fill(hostName);
    await this.page.getByTestId('share-create').click();
    await this.page.waitForURL(/\/\?room=[A-Za-z0-9_-]+$/);
    await expect(this.page.getByTestId('status-room')).toHaveAttribute('data-phase', 'joined', { timeout: 30_000 });
    return new URL(this.page.url()).searchParams.get('room') ?? '';
  }
}
