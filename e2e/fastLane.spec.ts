import type { Page } from '@playwright/test';
import { test, expect, type AiServer } from './aiFixtures.ts';
import { AppPage } from './appPage.ts';
import { test as noAiTest } from './fixtures.ts';

/**
 * The fast lane end to end: a real Pairlane server relaying to a scripted OpenAI-compatible
 * model, the session machine in the page, ghost text drawn by Monaco. Everything is observed as a
 * person would: the ghost on screen, the document's text, the status bar; and, on the upstream
 * side, what the model server saw.
 */

/** The inline ghost text Monaco draws at the cursor ('' when none). */
async function ghostText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.monaco-editor .view-lines .ghost-text-decoration')].map((el) => el.textContent ?? '').join('').replace(/\u00a0/g, ' '),
  );
}

/** The open file's text as Monaco shows it, without ghost text (spaces normalised). */
async function documentText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll('.monaco-editor .view-lines .view-line')]
      .map((line) => {
        const copy = line.cloneNode(true) as HTMLElement;
        for (const ghost of copy.querySelectorAll('.ghost-text-decoration, .ghost-text-decoration-preview')) ghost.remove();
        return { top: (line as HTMLElement).offsetTop, text: (copy.textContent ?? '').replace(/\u00a0/g, ' ') };
      })
      .sort((a, b) => a.top - b.top);
    return lines.map((line) => line.text).join('\n');
  });
}

/**
 * Opens the app on a new empty file. Every request gets an empty answer (nothing shown) until a
 * test sets the answer it wants. Tests set answers as the fallback, not as a one-off: on a busy
 * machine a pause between two typed keys can already send a request, and only the request for
 * where the cursor ends must show the scripted text.
 */
async function openEmptyFile(page: Page, ai: AiServer, name = 'ghost.ts'): Promise<AppPage> {
  ai.model.setFallback({ text: '' });
  const app = new AppPage(page);
  await app.open();
  await app.treeItem('src/main.ts').click();
  await app.create('file', name);
  await expect(app.tab(`src/${name}`)).toHaveAttribute('data-active', 'true');
  // A new file's editor has the focus once its tab is active.
  await expect(page.locator('.monaco-editor.focused')).toHaveCount(1);
  await expect(page.getByTestId('status-ai')).toHaveAttribute('data-state', 'ready');
  return app;
}

function occurrences(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

test.describe('fast lane: ghost text', () => {
  test('ghost text grows as it streams, Tab inserts it exactly once as one undo step, Tab without a ghost indents', async ({ page, ai }) => {
    const app = await openEmptyFile(page, ai);
    const suggestion = 'values.reduce((sum, value) => sum + value, 0);';
    // About 2.5 s of streaming (20 tokens at 8 a second): a busy machine can stall the page for a
    // second, and the growth must still be seen.
    ai.model.setFallback({ text: suggestion, tokensPerSecond: 8 });
    await page.keyboard.type('const total = ');

    // Observe the ghost while it streams: it must be seen at two or more lengths, growing.
    const lengths: number[] = [];
    await expect
      .poll(
        async () => {
          const ghost = await ghostText(page);
          if (ghost.length > 0 && ghost.length !== lengths.at(-1)) lengths.push(ghost.length);
          return ghost;
        },
        { intervals: [30], timeout: 15_000 },
      )
      .toBe(suggestion);
    expect(lengths.length).toBeGreaterThanOrEqual(2);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    await expect(page.getByTestId('status-ai')).toHaveAttribute('data-state', 'shown');

    ai.model.setFallback({ text: '' });
    await page.keyboard.press('Tab');
    await expect.poll(() => documentText(page)).toBe(`const total = ${suggestion}`);
    expect(occurrences(await documentText(page), suggestion)).toBe(1);
    await expect.poll(() => ghostText(page)).toBe('');
    // One undo step takes the whole insertion back, and redo brings it again.
    await page.keyboard.press(`${app.mod}+z`);
    await expect.poll(() => documentText(page)).toBe('const total = ');
    await page.keyboard.press(`${app.mod}+Shift+z`);
    await expect.poll(() => documentText(page)).toBe(`const total = ${suggestion}`);
    // The cursor is after the insertion: typing goes on from there.
    await page.keyboard.type(' // ok');
    await expect.poll(() => documentText(page)).toBe(`const total = ${suggestion} // ok`);

    // No ghost: Tab is the editor's own (indentation).
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('x');
    await expect.poll(() => documentText(page)).toBe(`const total = ${suggestion} // ok\n  x`);

    // The accepted suggestion is in the session's figures, with the tokens it cost.
    await page.getByTestId('status-ai').click();
    await expect(page.getByTestId('ai-session-figures')).toContainText(/Suggestions: \d+ judged, [1-9]\d* accepted/);
    await expect(page.getByTestId('ai-session-figures')).toContainText(/Tokens: [\d,]+ in, [\d,]+ out · [\d,]+ out per accepted change/);
    // The deep lane is described too, without its key.
    await expect(page.getByTestId('ai-deep-lane')).toContainText('scripted-deep');
    await expect(page.getByTestId('ai-popover')).not.toContainText('sk-e2e');
    await page.screenshot({ path: test.info().outputPath('ai-session-figures.png') });
  });

  test('typing something else while it streams aborts the upstream request', async ({ page, ai }) => {
    await openEmptyFile(page, ai);
    // Long enough (about 10 s) that a busy machine showing the ghost late cannot let it finish
    // before the keystroke: "completed" below can then only mean the cancel never reached it.
    ai.model.setFallback({ text: 'alpha beta gamma delta epsilon zeta eta theta iota kappa '.repeat(4).trimEnd(), tokensPerSecond: 4 });
    await page.keyboard.type('const words = "');
    await expect.poll(() => ghostText(page), { timeout: 15_000 }).toMatch(/^alpha/);
    // The request shown is the latest one, still streaming.
    const request = ai.model.requests.at(-1);
    if (!request) throw new Error('the suggestion on screen was never asked of the model');
    expect(request.outcome).toBe('pending');

    ai.model.setFallback({ text: '' });
    await page.keyboard.type('Q');
    const settled = await request.settled;
    expect(settled.outcome).toBe('aborted');
    await expect.poll(() => ghostText(page)).not.toContain('beta');
    await expect.poll(() => documentText(page)).toBe('const words = "Q"');
  });

  test('Ctrl+→ takes one word and leaves the rest; Esc dismisses the rest', async ({ page, ai }) => {
    const app = await openEmptyFile(page, ai);
    ai.model.setFallback({ text: 'first second third' });
    await page.keyboard.type('const s = ');
    await expect.poll(() => ghostText(page), { timeout: 15_000 }).toBe('first second third');

    ai.model.setFallback({ text: '' });
    await page.keyboard.press(`${app.mod}+ArrowRight`);
    await expect.poll(() => documentText(page)).toBe('const s = first');
    await expect.poll(() => ghostText(page)).toBe(' second third');

    await page.keyboard.press('Escape');
    await expect.poll(() => ghostText(page)).toBe('');
    await expect(page.getByTestId('status-ai')).toHaveAttribute('data-state', 'ready');
    expect(await documentText(page)).toBe('const s = first');
  });

  test('a provider that is down shows its status, and typing keeps working', async ({ page, ai }) => {
    await openEmptyFile(page, ai);
    ai.model.setFallback({ fault: { kind: 'status', status: 503, message: 'The model is overloaded' } });
    await page.keyboard.type('let n = ');
    const status = page.getByTestId('status-ai');
    await expect(status).toHaveAttribute('data-state', 'error-unavailable', { timeout: 15_000 });
    await expect(status).toContainText('unavailable');
    await status.click();
    await expect(page.getByTestId('ai-popover')).toContainText('503');
    await expect(page.getByTestId('ai-popover')).toContainText('The model is overloaded');
    await page.keyboard.press('Escape');

    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press('End');
    await page.keyboard.type('42;');
    await expect.poll(() => documentText(page)).toBe('let n = 42;');
  });
});

// The default e2e server runs no AI lanes: its ai-status says so, with the instructions.
noAiTest.describe('fast lane: off', () => {
  noAiTest('the status bar says AI is off and, clicked, exactly how to turn it on', async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    const status = page.getByTestId('status-ai');
    await expect(status).toHaveAttribute('data-state', 'off');
    await expect(status).toHaveText(/AI off/);
    await status.click();
    await expect(page.getByTestId('ai-popover')).toContainText('AI suggestions are off');
    await expect(page.getByTestId('ai-how-to-enable')).toContainText('PAIRLANE_FAST_');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('ai-popover')).toHaveCount(0);
  });

  noAiTest('without a server (?offline) there is no AI at all, and editing works', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('/?offline');
    await expect(page.getByTestId('status-connection')).toHaveText(/Local only/);
    await expect(page.getByTestId('status-ai')).toHaveCount(0);
    await app.treeItem('src/main.ts').click();
    await app.create('file', 'offline.ts');
    await expect(app.tab('src/offline.ts')).toHaveAttribute('data-active', 'true');
    await page.keyboard.type('const a = 1;');
    await expect.poll(() => documentText(page)).toBe('const a = 1;');
  });
});
