import type { Page } from '@playwright/test';
import type { RecordedRequest } from '../server/testing/scriptedModelServer/RecordedRequest.ts';
import { expect, test } from './aiFixtures.ts';
import { AppPage } from './appPage.ts';

// The fast lane and quick edit on a Python file: the requests say it is Python, and what comes back
// lands in the file as it does in TypeScript.

/** The open file's text as Monaco draws it, ghost text and proposed lines left out. */
async function fileText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-lines .view-line')];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines
      .map((line) => {
        const copy = line.cloneNode(true) as HTMLElement;
        for (const ghost of copy.querySelectorAll('.ghost-text-decoration, .ghost-text-decoration-preview')) ghost.remove();
        return (copy.textContent ?? '').replace(/\u00a0/g, ' ');
      })
      .join('\n');
  });
}

const ghostText = (page: Page): Promise<string> =>
  page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-lines .ghost-text-decoration')].map((el) => el.textContent ?? '').join('').replace(/\u00a0/g, ' '));

const bodyOf = (request: RecordedRequest): string => JSON.stringify(request.body);

test.describe('AI lanes on a Python file', () => {
  test('ghost text in a .py file, and a quick edit whose prompt names the language', async ({ page, ai }) => {
    test.slow();
    ai.model.setFallback({ text: '' });
    const app = new AppPage(page);
    await app.open();
    // A new file goes next to the selected one (src/main.ts).
    await app.create('file', 'stats.py');
    await expect(app.tab('src/stats.py')).toHaveAttribute('data-active', 'true');
    await page.locator('.monaco-editor .view-lines').click();
    await expect(page.getByTestId('status-ai')).toHaveAttribute('data-state', 'ready');

    // Fast lane: the suggestion streams as ghost text and Tab takes it.
    const suggestion = 'sum(values) / len(values)';
    ai.model.setFallback({ text: suggestion, tokensPerSecond: 40 });
    await page.keyboard.type('def mean(values):\n');
    await page.keyboard.type('return ');
    await expect.poll(() => ghostText(page), { timeout: 15_000 }).toBe(suggestion);
    ai.model.setFallback({ text: '' });
    await page.keyboard.press('Tab');
    await expect.poll(() => fileText(page)).toBe(`def mean(values):\n    return ${suggestion}`);
    expect(ai.model.requests.some((r) => bodyOf(r).includes('def mean(values):'))).toBe(true);

    // Quick edit: select the function, ask, review, accept.
    await page.keyboard.press(`${app.mod}+a`);
    await page.keyboard.press(`${app.mod}+k`);
    await expect(page.getByTestId('quick-edit')).toHaveAttribute('data-state', 'instructing');
    const edited = `def mean(values):\n    if not values:\n        raise ValueError("mean of an empty list")\n    return ${suggestion}`;
    ai.model.enqueue({ text: edited, tokensPerSecond: 200 });
    await page.keyboard.type('raise on an empty list');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('quick-edit')).toHaveAttribute('data-state', 'review', { timeout: 20_000 });
    const quick = ai.model.requests.filter((r) => bodyOf(r).includes('<|selection|>'));
    expect(quick).toHaveLength(1);
    expect(bodyOf(quick[0]!)).toContain('File: src/stats.py (python)');
    await page.keyboard.press(`${app.mod}+Enter`);
    await expect(page.getByTestId('quick-edit')).toHaveCount(0);
    await expect.poll(() => fileText(page)).toBe(edited);
  });
});
