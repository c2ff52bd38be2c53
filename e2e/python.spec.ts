import { AppPage } from './appPage.ts';
import { expect, test } from './fixtures.ts';

/**
 * Python in the playground, as a person meets it: the Python template boots Pyodide in the
 * background (the badge says so), its failing test is fixed to green, an endless loop is
 * stopped and the next run works, input() is answered in the Output panel, and a syntax error
 * and an unavailable package show where they are. All offline (non-loopback requests abort).
 */
test.describe('Python', () => {
  test.describe.configure({ mode: 'serial' });
  // Pyodide boots once per tab in a few seconds, more on a busy machine: one page for the whole story.
  test.setTimeout(240_000);

  test('the Python template: failing test fixed to green, a loop stopped, input() answered, errors at their line', async ({ page }) => {
    const app = new AppPage(page);
    await app.open('/?offline');
    await page.getByTestId('new-menu').click();
    await page.getByTestId('template-python').click();
    await page.getByTestId('confirm-ok').click();
    await expect(app.tab('main.py')).toHaveAttribute('data-active', 'true');
    await expect(page.locator('.monaco-editor[data-uri]')).toHaveAttribute('data-uri', 'file:///main.py');
    // A Python file is open: Pyodide boots in the background, and the badge says where it is.
    await expect(page.getByTestId('runtime-badge')).toContainText(/Python (starting|ready)/);
    await expect(page.getByTestId('runtime-badge')).toContainText(/Python ready \(\d+\.\d s\)/, { timeout: 120_000 });

    // The template's median has a bug: one test fails, with the compared values and its line.
    await app.runTests();
    await app.expectRunEnded('failed', 60_000);
    await expect(app.count('failed')).toHaveAttribute('data-count', '1');
    await expect(app.count('passed')).toHaveAttribute('data-count', '4');
    const failing = page.locator('[data-testid="test-row"][data-status="failed"]');
    await expect(failing).toHaveAttribute('data-name', 'test_median_of_an_even_count');
    await failing.click();
    await expect(page.getByTestId('results')).toContainText('assert 3 == 2.5');
    await app.openFile('test_stats.py');
    await expect.poll(() => app.squiggleLines()).toContain(15);

    await app.openFile('stats.py');
    await app.replaceLine(19, 'return (ordered[middle - 1] + ordered[middle]) / 2');
    await expect(app.editorText()).toContainText('return (ordered[middle - 1] + ordered[middle]) / 2');
    // Monaco's Python mode, indented by four.
    await expect(page.getByTestId('statusbar')).toContainText('Python');
    await expect(page.getByTestId('statusbar')).toContainText('Spaces: 4');
    await app.runTests();
    await app.expectRunEnded('passed', 60_000);
    await expect(app.count('failed')).toHaveAttribute('data-count', '0');
    await expect(app.count('passed')).toHaveAttribute('data-count', '5');

    // An endless loop: Stop ends it (KeyboardInterrupt here, where the page is isolated), the next run works.
    await app.openFile('main.py');
    await app.typeFile("print('spinning')\nn = 0\nwhile True:\n    n += 1\n");
    await app.runFile();
    await expect(page.getByTestId('output')).toContainText('spinning', { timeout: 30_000 });
    await page.getByTestId('stop-button').click();
    await app.expectRunEnded('stopped');
    await app.typeFile("print('alive')\n");
    await app.runFile();
    await app.expectRunEnded('ok');
    await expect(page.getByTestId('output')).toContainText('alive');

    // input() asks in the Output panel; the answer is echoed after the prompt.
    await app.typeFile("name = input('Your name? ')\nprint(f'Hello, {name}!')\n");
    await app.runFile();
    const field = page.getByTestId('output-input').locator('input');
    await expect(field).toBeFocused({ timeout: 30_000 });
    await expect(page.getByTestId('output')).toContainText('Your name?');
    await field.fill('Ada');
    await field.press('Enter');
    await app.expectRunEnded('ok');
    await expect(page.getByTestId('output')).toContainText('Your name? Ada');
    await expect(page.getByTestId('output')).toContainText('Hello, Ada!');
    await expect(page.getByTestId('output-input')).toHaveCount(0);
    await page.screenshot({ path: 'test-results/python-input.png' });

    // A syntax error is a diagnostic at its line; so is a package that is not bundled, by name.
    await app.typeFile('total = (1 +\nprint(total)\n');
    await app.runFile();
    await app.expectRunEnded('build-error');
    await expect(page.getByTestId('diagnostic').first().getByTestId('location-link')).toHaveAttribute('data-location', /^main\.py:1:\d+$/);
    await app.typeFile('import json\nimport numpy\n');
    await app.runFile();
    await app.expectRunEnded('build-error');
    await expect(page.getByTestId('diagnostic').first()).toContainText("'numpy'");
    await expect(page.getByTestId('diagnostic').first()).toContainText('not available offline');
    await expect(page.getByTestId('diagnostic').first().getByTestId('location-link')).toHaveAttribute('data-location', /^main\.py:2:\d+$/);
  });
});
