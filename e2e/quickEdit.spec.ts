import type { Page } from '@playwright/test';
import type { RecordedRequest } from '../server/testing/scriptedModelServer/RecordedRequest.ts';
import { expect, test } from './aiFixtures.ts';
import { AppPage } from './appPage.ts';

// Quick edit end to end: the widget in the real app, the real relay, a scripted OpenAI-compatible
// model behind it that records every request and when the relay walked away from one.

const SOURCE = ['// Fibonacci numbers', 'export function fib(n: number): number {', '  if (n < 2) return n;', '  return fib(n - 1) + fib(n - 2);', '}', ''].join('\n');
const ITERATIVE = [
  'export function fib(n: number): number {',
  '  if (!Number.isInteger(n) || n < 0) {',
  '    throw new RangeError(`fib(${n}): n must be a whole number, 0 or more`);',
  '  }',
  '  let a = 0;',
  '  let b = 1;',
  '  for (let i = 0; i < n; i++) {',
  '    const next = a + b;',
  '    a = b;',
  '    b = next;',
  '  }',
  '  return a;',
  '}',
].join('\n');
const RECURSIVE = ['export function fib(n: number): number {', '  if (n <= 1) return n;', '  return fib(n - 1) + fib(n - 2);', '}'].join('\n');
/** Slow enough to type a redirect while it streams, and to see the diff grow. */
const PACE = 15;

/** The quick-edit requests the model saw (the fast lane's suggestions go to the same model). */
function quickRequests(requests: readonly RecordedRequest[]): RecordedRequest[] {
  return requests.filter((request) => JSON.stringify(request.body).includes('<|selection|>'));
}

function messagesOf(request: RecordedRequest): { role: string; content: string }[] {
  return (request.body as { messages: { role: string; content: string }[] }).messages;
}

/** The open file's text as Monaco draws it (the file is short: every line is on screen), proposed lines excluded. */
async function documentText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll<HTMLElement>('.monaco-editor .view-lines .view-line')];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((line) => (line.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}

/** Puts SOURCE in the open file and selects the function (lines 2–5) as a person would, with Shift+↓. */
async function selectFunction(app: AppPage): Promise<void> {
  await app.typeFile(SOURCE);
  await expect.poll(() => documentText(app.page)).toBe(SOURCE);
  await app.goToLine(2);
  await app.page.keyboard.press('Home');
  await app.page.keyboard.press('Home');
  for (let i = 0; i < 4; i++) await app.page.keyboard.press('Shift+ArrowDown');
}

async function openQuickEdit(app: AppPage): Promise<void> {
  await app.page.keyboard.press(`${app.mod}+k`);
  await expect(app.page.getByTestId('quick-edit')).toHaveAttribute('data-state', 'instructing');
  await expect(app.page.getByTestId('quick-edit-input')).toBeFocused();
}

test.describe('quick edit', () => {
  test('streams an inline diff, restarts on a redirect with the conversation, and applies as one undo step', async ({ page, ai }, testInfo) => {
    // Two answers paced as a person watches them, on a machine that may be busy.
    test.slow();
    const app = new AppPage(page);
    await app.open();
    await selectFunction(app);
    await openQuickEdit(app);
    // The first answer stops mid-way (as a slow model seems to) and waits there, so the redirect
    // lands while it is streaming however long a busy machine takes to type it.
    ai.model.enqueue({ text: ITERATIVE, tokensPerSecond: PACE, fault: { kind: 'hang', afterTokens: 60 } }, { text: RECURSIVE, tokensPerSecond: PACE });

    await page.keyboard.type('make it iterative');
    await page.keyboard.press('Enter');
    const widget = page.getByTestId('quick-edit');
    await expect(widget).toHaveAttribute('data-state', 'streaming');
    // The diff grows as the answer arrives: proposed lines appear, the old ones not yet reached are dimmed.
    const inserted = page.getByTestId('quick-edit-insert');
    // Sampled often, so a busy machine that notices the first line late still sees it grow
    // (the answer takes ~2.7 s from that line to where it hangs).
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          const text = await inserted.first().innerText({ timeout: 1000 }).catch(() => '');
          if (text.includes('if (!Number.isInteger(n)')) seen.add(text.length);
          return seen.size >= 2 && text.includes('throw new RangeError');
        },
        { intervals: [50] },
      )
      .toBe(true);
    await expect(page.locator('.quick-edit-text.is-pending').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('quick-edit-streaming.png') });

    // Redirect mid-stream: the first request is abandoned upstream, a second one carries the conversation.
    await page.keyboard.type('no, keep it recursive');
    await page.keyboard.press('Enter');
    await expect.poll(() => quickRequests(ai.model.requests).length).toBe(2);
    const [first, second] = quickRequests(ai.model.requests);
    expect((await first!.settled).outcome).toBe('aborted');
    const messages = messagesOf(second!);
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);
    expect(messages[1]!.content).toContain('Instruction: make it iterative');
    expect(messages[1]!.content).toContain('<|selection|>export function fib');
    expect(messages[2]!.content).toContain('throw new RangeError');
    expect(messages[2]!.content).toContain('[The user interrupted this answer.]');
    expect(ITERATIVE.startsWith(messages[2]!.content.replace('\n[The user interrupted this answer.]', ''))).toBe(true);
    expect(messages[3]!.content).toBe('no, keep it recursive');
    await expect(page.getByTestId('quick-edit-turns')).toContainText('make it iterative');
    await expect(page.getByTestId('quick-edit-turns')).toContainText('interrupted');

    // The second answer streams to review: one line struck out, its replacement below it.
    await expect(widget).toHaveAttribute('data-state', 'review', { timeout: 20_000 });
    await expect(page.getByTestId('quick-edit-counts')).toHaveText('+1 −1');
    await expect(inserted).toHaveCount(1);
    await expect(inserted).toHaveText('if (n <= 1) return n;');
    await expect(page.locator('.quick-edit-line.is-removed')).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('quick-edit-review.png') });
    expect(await documentText(page)).toBe(SOURCE);

    // Accept with Ctrl/Cmd+Enter (which otherwise runs the file): the new text once, the diff gone.
    await page.keyboard.press(`${app.mod}+Enter`);
    await expect(widget).toHaveCount(0);
    await expect(inserted).toHaveCount(0);
    const accepted = SOURCE.replace('if (n < 2)', 'if (n <= 1)');
    await expect.poll(() => documentText(page)).toBe(accepted);
    expect(accepted.split('if (n <= 1) return n;').length).toBe(2);
    // The key went to Accept, not to the app's Run.
    await expect(app.runStatus()).toHaveCount(0);

    // One undo step restores the original.
    await page.locator('.monaco-editor .view-lines').click();
    await page.keyboard.press(`${app.mod}+z`);
    await expect.poll(() => documentText(page)).toBe(SOURCE);
  });

  test('Reject leaves the document as it was', async ({ page, ai }) => {
    const app = new AppPage(page);
    await app.open();
    await selectFunction(app);
    await openQuickEdit(app);
    ai.model.enqueue({ text: RECURSIVE });
    await page.keyboard.type('use <= 1');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('quick-edit')).toHaveAttribute('data-state', 'review');
    await page.getByTestId('quick-edit-reject').click();
    await expect(page.getByTestId('quick-edit')).toHaveCount(0);
    await expect(page.getByTestId('quick-edit-insert')).toHaveCount(0);
    await expect(page.locator('.quick-edit-line')).toHaveCount(0);
    expect(await documentText(page)).toBe(SOURCE);
  });

  test('refuses a search/replace answer that changes a line outside the selection, and says which', async ({ page, ai }, testInfo) => {
    const app = new AppPage(page);
    await app.open();
    await selectFunction(app);
    await openQuickEdit(app);
    const outside = ['<<<<<<< SEARCH', '// Fibonacci numbers', '=======', '// Fibonacci numbers, recursively', '>>>>>>> REPLACE', ''].join('\n');
    // One line a token, slowly: long enough to see it arrive as edits rather than as the selection's new text.
    ai.model.enqueue({ tokens: outside.split(/(?<=\n)/), tokensPerSecond: 1 });
    await page.keyboard.type('document it');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('quick-edit-status')).toContainText('Receiving edits');
    const widget = page.getByTestId('quick-edit');
    await expect(widget).toHaveAttribute('data-state', 'refused');
    await expect(page.getByTestId('quick-edit-message')).toHaveText('The answer changes line 1, outside the selection (lines 2–5).');
    // The line it wanted to change is marked; nothing was applied.
    await expect(page.locator('.quick-edit-line.is-offending')).toHaveCount(1);
    await page.screenshot({ path: testInfo.outputPath('quick-edit-refused.png') });
    expect(await documentText(page)).toBe(SOURCE);
    await page.keyboard.press('Escape');
    await expect(widget).toHaveCount(0);
    expect(await documentText(page)).toBe(SOURCE);
  });
});
