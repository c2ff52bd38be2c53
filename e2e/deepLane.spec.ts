import fs from 'node:fs';
import path from 'node:path';
import type { Page, TestInfo } from '@playwright/test';
import type { RecordedRequest } from '../server/testing/scriptedModelServer/RecordedRequest.ts';
import { firstPatchBreaksATest, renameAcrossFiles } from '../server/testing/scriptedModelServer/deepLaneScripts.ts';
import { expect, test } from './aiFixtures.ts';
import { AppPage } from './appPage.ts';

// The deep lane end to end: the panel in the real app, the real server's agent loop, a scripted
// OpenAI-compatible model answering with tool calls, the tools run in the page (file tools on a
// staged overlay, tests in the worker runtime), the review in Monaco's diff editor, and the apply.
// The fast lane is off here, so every request the model sees is the deep lane's.
test.use({ aiEnv: { PAIRLANE_FAST_PROVIDER: 'off' } });


/** Puts the scripts' workspace into the page through the tree and the editor, as a person would. */
async function seedWorkspace(app: AppPage): Promise<void> {
  // src/main.ts comes with the first-visit template: its text is replaced, the other files are new.
  await app.openFile('src/main.ts');
  await app.typeFile(renameAcrossFiles.files['src/main.ts']!);
  for (const file of ['src/math.ts', 'src/total.ts', 'src/math.test.ts']) {
    await app.treeItem('src/main.ts').click();
    await app.create('file', path.basename(file));
    await expect(app.tab(file)).toHaveAttribute('data-active', 'true');
    await app.typeFile(renameAcrossFiles.files[file]!);
  }
  await app.openFile('src/math.ts');
  await expect(workspaceEditor(app)).toContainText('export function add(a: number, b: number): number {');
}

/** The workspace's editor (the review's diff editor is a Monaco editor too). */
const workspaceEditor = (app: AppPage) => app.page.getByTestId('editor').locator('.view-lines');

/** Starts a task from the panel's instruction box (Ctrl/Cmd+Shift+K). */
async function startTask(app: AppPage, instruction: string, testInfo?: TestInfo): Promise<void> {
  await app.page.keyboard.press(`${app.mod}+Shift+K`);
  const input = app.page.getByTestId('deep-instruction');
  await expect(input).toBeFocused();
  await input.fill(instruction);
  if (testInfo) await shoot(app.page, testInfo, 'deep-composer');
  await input.press('Enter');
}

/** Every request body the model saw, as text. */
const sent = (request: RecordedRequest): string => JSON.stringify(request.body);

/** A screenshot for people to look at (kept with the test's results, and in PAIRLANE_SHOTS_DIR when set). */
async function shoot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  const dir = process.env.PAIRLANE_SHOTS_DIR;
  if (dir) {
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(file, path.join(dir, `${name}.png`));
  }
}

test.describe('deep lane', () => {
  test('renames a function used in three files: plan, tests in the worker, diff review, apply, all green, one undo per file', async ({ page, ai }, testInfo) => {
    test.slow();
    const app = new AppPage(page);
    await app.open();
    await seedWorkspace(app);
    // The model takes its time before its last answer, so the work in progress can be seen.
    const answers = renameAcrossFiles.answers.map((answer, index) => (index === renameAcrossFiles.answers.length - 1 ? { ...answer, firstTokenDelayMs: 1500 } : answer));
    ai.model.enqueue(...answers);
    await startTask(app, renameAcrossFiles.instruction, testInfo);

    const panel = page.getByTestId('deep-panel');
    // The plan is shown with its steps; the tests ran in the page's worker runtime over the staged files.
    await expect(page.getByTestId('deep-plan-step')).toHaveCount(3);
    await expect(page.getByTestId('deep-plan-step').first()).toContainText('Find every use of add');
    await expect(page.locator('[data-testid="deep-tool"][data-name="run_tests"]')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
    await expect(page.getByTestId('deep-files').locator('li')).toHaveCount(3);
    await expect(page.getByTestId('deep-tokens')).not.toHaveText('0 tokens');
    await shoot(page, testInfo, 'deep-working');

    await expect(panel).toHaveAttribute('data-state', 'reviewing', { timeout: 30_000 });
    await expect(page.getByTestId('deep-tests-after')).toHaveText(/after: \d+ passed/);
    await expect(page.getByTestId('deep-review-file')).toHaveCount(3);
    await expect(page.locator('[data-testid="deep-diff"] .monaco-diff-editor')).toBeVisible();
    await page.locator('[data-testid="deep-review-file"][data-path="src/math.ts"]').click();
    await expect(page.getByTestId('deep-diff')).toHaveAttribute('data-path', 'src/math.ts');
    await expect(page.getByTestId('deep-diff')).toContainText('export function plus(a: number, b: number): number {');
    // Nothing reached the workspace before the apply.
    await expect(workspaceEditor(app)).toContainText('export function add(a: number, b: number): number {');
    await shoot(page, testInfo, 'deep-review');

    // The server's tool results carried what the page ran: the search's matches and the passing run.
    expect(sent(ai.model.requests[1]!)).toContain('src/main.ts:3: console.log(add(2, 3));');
    expect(sent(ai.model.requests[3]!)).toMatch(/Tests passed: \d+ passed, 0 failed/);

    await page.getByTestId('deep-apply-all').click();
    await expect(panel).toHaveAttribute('data-state', 'applied');
    await expect(page.getByTestId('deep-status-detail')).toContainText('Applied 3 files');
    await expect(workspaceEditor(app)).toContainText('export function plus(a: number, b: number): number {');

    // All green in the page after the apply.
    await app.runTests();
    await app.expectRunEnded('passed');
    await expect(app.count('failed')).toHaveAttribute('data-count', '0');
    await expect(app.count('passed')).not.toHaveAttribute('data-count', '0');

    // Ctrl/Cmd+Z in a file takes its apply back in one step.
    await workspaceEditor(app).click();
    await page.keyboard.press(`${app.mod}+z`);
    await expect(workspaceEditor(app)).toContainText('export function add(a: number, b: number): number {');
    await page.keyboard.press(`${app.mod}+Shift+z`);
    await expect(workspaceEditor(app)).toContainText('export function plus(a: number, b: number): number {');
  });

  test('a first patch that breaks a test: the failure reaches the model and its second patch fixes it', async ({ page, ai }) => {
    test.slow();
    const app = new AppPage(page);
    await app.open();
    await seedWorkspace(app);
    ai.model.enqueue(...firstPatchBreaksATest.answers);
    await startTask(app, firstPatchBreaksATest.instruction);

    const panel = page.getByTestId('deep-panel');
    await expect(panel).toHaveAttribute('data-state', 'reviewing', { timeout: 45_000 });
    const runs = page.locator('[data-testid="deep-tool"][data-name="run_tests"]');
    await expect(runs).toHaveCount(2);
    await expect(runs.nth(0)).toHaveAttribute('data-status', 'failed');
    await expect(runs.nth(1)).toHaveAttribute('data-status', 'ok');
    // The request after the first run carries its failure, as the page's runtime reported it.
    expect(ai.model.requests).toHaveLength(6);
    const afterFailure = sent(ai.model.requests[3]!);
    expect(afterFailure).toContain('FAILED (failed)');
    expect(afterFailure).toContain('total.ts');
    expect(sent(ai.model.requests[5]!)).toMatch(/Tests passed: \d+ passed, 0 failed/);
    await expect(page.getByTestId('deep-tests-after')).toHaveText(/after: \d+ passed$/);
    await expect(page.getByTestId('deep-review-file')).toHaveCount(3);

    // The person edits math.ts while the result waits for review: applying it says so.
    await expect(page.getByTestId('editor')).toHaveAttribute('data-path', 'src/math.ts');
    await workspaceEditor(app).click();
    await page.keyboard.press(`${app.mod}+End`);
    await page.keyboard.type('// checked by hand');
    await expect(workspaceEditor(app)).toContainText('// checked by hand');

    // Applying one file at a time: the last one makes it applied.
    for (const file of ['src/main.ts', 'src/math.ts', 'src/total.ts']) {
      await page.locator(`[data-testid="deep-review-file"][data-path="${file}"] [data-testid="deep-apply-file"]`).click();
      if (file === 'src/total.ts') break;
      await expect(page.locator(`[data-testid="deep-review-file"][data-path="${file}"]`)).toHaveAttribute('data-applied', 'true');
      if (file === 'src/math.ts') await expect(page.getByTestId('deep-apply-problems')).toContainText('src/math.ts: it had changed since the task read it');
    }
    await expect(panel).toHaveAttribute('data-state', 'applied');
    await expect(page.getByTestId('deep-status-detail')).toContainText('Applied 3 files');
    await expect(workspaceEditor(app)).toContainText('export function plus(a: number, b: number): number {');
    await expect(workspaceEditor(app)).not.toContainText('// checked by hand');
    await app.runTests();
    await app.expectRunEnded('passed');
  });

  test('interrupt mid-run stops the model call at once and leaves the workspace as it was', async ({ page, ai }, testInfo) => {
    test.slow();
    const app = new AppPage(page);
    await app.open();
    await seedWorkspace(app);
    // Plan, patch all three files (staged), then a turn that never finishes.
    ai.model.enqueue(renameAcrossFiles.answers[0]!, renameAcrossFiles.answers[1]!, { text: 'Now I will run the tests and then look at every caller again.', tokensPerSecond: 4, fault: { kind: 'hang', afterTokens: 3 } });
    await startTask(app, renameAcrossFiles.instruction);

    const panel = page.getByTestId('deep-panel');
    await expect(page.getByTestId('deep-files').locator('li')).toHaveCount(3, { timeout: 30_000 });
    await expect.poll(() => ai.model.requests.length).toBe(3);

    // A steer goes to the server for the next turn.
    const steer = page.getByTestId('deep-steer-input');
    await steer.fill('keep add as an alias');
    await steer.press('Enter');
    await expect(page.getByTestId('deep-steer-queued')).toHaveText('for the next turn: “keep add as an alias”');
    await expect(steer).toHaveValue('');

    await panel.press('Escape');
    await expect(panel).toHaveAttribute('data-state', 'interrupted');
    await expect(page.getByTestId('deep-status-detail')).toHaveText('Stopped. Your files are as they were.');
    // The steer never reached a model turn: the server gives it back, and the panel shows it.
    await expect(page.getByTestId('deep-steer-refusal')).toContainText('keep add as an alias');
    await shoot(page, testInfo, 'deep-interrupted');
    const hanging = ai.model.requests[2]!;
    await hanging.settled;
    expect(hanging.outcome).toBe('aborted');
    await expect(workspaceEditor(app)).toContainText('export function add(a: number, b: number): number {');
    await app.openFile('src/total.ts');
    await expect(workspaceEditor(app)).toContainText('add(sum, x)');

    await page.getByTestId('deep-close').click();
    await expect(panel).toHaveAttribute('data-state', 'idle');
  });

  test('a quick edit that names several files is proposed to the deep lane with its context: Esc declines, Enter starts', async ({ page, ai }, testInfo) => {
    const app = new AppPage(page);
    await app.open();
    await seedWorkspace(app);
    const instruction = 'rename add to plus in all three files and make the tests pass';
    // Line 1 selected, then the quick-edit command with an instruction that names several files.
    const ask = async (): Promise<void> => {
      await app.goToLine(1);
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+ArrowDown');
      await page.keyboard.press(`${app.mod}+k`);
      await expect(page.getByTestId('quick-edit-input')).toBeFocused();
      await page.keyboard.type(instruction);
      await page.keyboard.press('Enter');
    };
    await ask();

    const panel = page.getByTestId('deep-panel');
    await expect(panel).toHaveAttribute('data-state', 'proposed');
    await expect(page.getByTestId('quick-edit')).toHaveCount(0);
    await expect(page.getByTestId('deep-reason')).toHaveText(['names several files', 'asks for tests to pass']);
    await expect(page.getByTestId('deep-proposal')).toContainText('src/math.ts');
    await expect(panel).toBeFocused();
    await shoot(page, testInfo, 'deep-proposal');

    // Esc: the quick edit comes back with what was typed.
    await page.keyboard.press('Escape');
    await expect(panel).toHaveAttribute('data-state', 'idle');
    await expect(page.getByTestId('quick-edit')).toHaveAttribute('data-state', 'instructing');
    await page.keyboard.press('Escape');

    // Asked again from a new quick edit, Enter starts the task with the instruction carried over.
    ai.model.enqueue({ text: 'Nothing needed changing.' });
    await ask();
    await expect(panel).toHaveAttribute('data-state', 'proposed');
    // The panel takes the focus once the proposal is drawn; a key before that goes elsewhere.
    await expect(panel).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(panel).toHaveAttribute('data-state', 'reviewing', { timeout: 30_000 });
    expect(sent(ai.model.requests[0]!)).toContain(instruction);
    expect(sent(ai.model.requests[0]!)).toContain('export function add(a: number, b: number): number {');
  });

  test('a patch that does not apply is a failed tool call the model reads, and nothing changes', async ({ page, ai }) => {
    const app = new AppPage(page);
    await app.open();
    await seedWorkspace(app);
    const badPatch = '--- a/src/math.ts\n+++ b/src/math.ts\n@@ -1,2 +1,2 @@\n-export function sum(a: number, b: number): number {\n+export function plus(a: number, b: number): number {\n   return a + b;\n';
    ai.model.enqueue({ toolCalls: [{ name: 'apply_patch', arguments: { patch: badPatch } }] }, { text: 'I could not patch it: src/math.ts has no function sum.' });
    await startTask(app, 'Rename sum to plus.');

    const panel = page.getByTestId('deep-panel');
    await expect(panel).toHaveAttribute('data-state', 'reviewing', { timeout: 30_000 });
    await expect(page.getByTestId('deep-status-detail')).toContainText('The task changed no files');
    await expect(page.getByTestId('deep-last-failure')).toContainText('does not apply');
    expect(sent(ai.model.requests[1]!)).toContain('FAILED (patch-rejected): src/math.ts, hunk 1 of 1');
    await page.getByTestId('deep-discard').click();
    await expect(panel).toHaveAttribute('data-state', 'discarded');
    await expect(workspaceEditor(app)).toContainText('export function add(a: number, b: number): number {');
  });

  test('a model that repeats the same call ends as looping, with the reason, and nothing written', async ({ page, ai }, testInfo) => {
    const app = new AppPage(page);
    await app.open();
    await seedWorkspace(app);
    ai.model.setFallback({ toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.ts' } }] });
    await startTask(app, 'Read math.');

    const panel = page.getByTestId('deep-panel');
    await expect(panel).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
    await expect(page.getByTestId('deep-status')).toHaveText('Stopped: looping');
    await expect(page.getByTestId('deep-status-detail')).toContainText('read_file with the same arguments 3 times');
    await expect(page.getByTestId('deep-status-detail')).toContainText('Nothing was written to the workspace.');
    // It staged nothing, so there is nothing to review.
    await expect(page.getByTestId('deep-review-staged')).toHaveCount(0);
    await shoot(page, testInfo, 'deep-failed');
    await expect(workspaceEditor(app)).toContainText('export function add(a: number, b: number): number {');
  });

  test('a model that loops after staging patches: what it staged is kept for review, and discarding it leaves the workspace as it was', async ({ page, ai }, testInfo) => {
    test.slow();
    const app = new AppPage(page);
    await app.open();
    await seedWorkspace(app);
    // The rename of all three files is staged, then the model reads the same file over and over.
    ai.model.enqueue(renameAcrossFiles.answers[1]!);
    ai.model.setFallback({ toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.ts' } }] });
    await startTask(app, renameAcrossFiles.instruction);

    const panel = page.getByTestId('deep-panel');
    await expect(panel).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
    await expect(page.getByTestId('deep-status')).toHaveText('Stopped: looping');
    await expect(page.getByTestId('deep-status-detail')).toContainText('The changes staged so far are kept for review.');
    const review = page.getByTestId('deep-review-staged');
    await expect(review).toHaveText('Review what it staged (3 files)');
    await shoot(page, testInfo, 'deep-failed-staged');

    await review.click();
    await expect(panel).toHaveAttribute('data-state', 'reviewing');
    await expect(page.getByTestId('deep-summary')).toHaveText('Stopped before finishing (looping): review what it staged.');
    await expect(page.getByTestId('deep-review-file')).toHaveCount(3);
    await page.locator('[data-testid="deep-review-file"][data-path="src/math.ts"]').click();
    await expect(page.getByTestId('deep-diff')).toContainText('export function plus(a: number, b: number): number {');
    await shoot(page, testInfo, 'deep-review-staged');

    await page.getByTestId('deep-discard').click();
    await expect(panel).toHaveAttribute('data-state', 'discarded');
    await expect(workspaceEditor(app)).toContainText('export function add(a: number, b: number): number {');
    await app.openFile('src/total.ts');
    await expect(workspaceEditor(app)).toContainText('add(sum, x)');
    await app.openFile('src/main.ts');
    await expect(workspaceEditor(app)).toContainText('console.log(add(2, 3));');
  });
});
