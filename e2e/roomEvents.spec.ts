import type { Page } from '@playwright/test';
import type { RoomEvent } from '../shared/rooms/roomEvent.ts';
import { blockNonLoopback } from '../server/chromiumLaunchOptions.ts';
import { expect, test } from './aiFixtures.ts';
import { AppPage } from './appPage.ts';

/**
 * What happens in a guest's page reaches the room: their test run is shown to the host (a status
 * line, then the report labelled with who ran it), and the room's event log holds the run and its
 * result, the suggestion shown and accepted with its lane and model, the accepted text as an edit
 * of its own attributed to the fast lane, and a large paste; each under the guest, stamped by
 * the server.
 */

/** The inline ghost text Monaco draws at the cursor ('' when none). */
function ghostText(page: Page): Promise<string> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.monaco-editor .view-lines .ghost-text-decoration')].map((el) => el.textContent ?? '').join('').replace(/\u00a0/g, ' '),
  );
}

test('a guest’s run, accepted suggestion and paste reach the room: the host sees the run, the log has each with person, lane and model', async ({ page, ai, browser }) => {
  test.setTimeout(240_000);
  ai.model.setFallback({ text: '' });
  const host = new AppPage(page);
  await host.open('/');
  const roomId = await host.shareAsHost('Ada');
  const guestLink = (await page.getByTestId('invite-guest').first().getAttribute('data-link')) ?? '';
  await page.getByTestId('room-panel').getByRole('button', { name: 'Close' }).click();

  const guestContext = await browser.newContext({ baseURL: new URL(page.url()).origin });
  await blockNonLoopback(guestContext);
  const guestPage = await guestContext.newPage();
  const guest = new AppPage(guestPage);
  try {
    const { pathname, search, hash } = new URL(guestLink);
    await guestPage.goto(`${pathname}${search}${hash}`);
    await guestPage.getByTestId('room-name-input').fill('Grace');
    await guestPage.getByTestId('room-name-ok').click();
    await expect(guestPage.getByTestId('status-room')).toHaveAttribute('data-phase', 'joined', { timeout: 30_000 });
    await expect(guestPage.locator('.monaco-editor .view-lines')).toBeVisible({ timeout: 30_000 });

    // The guest runs the tests.
    await guestPage.locator('.monaco-editor .view-lines').click();
    await guest.runTests();
    await expect(guest.runStatus()).toHaveAttribute('data-status', /^(passed|failed)$/, { timeout: 60_000 });

    // The guest accepts a ghost suggestion in a new file: it reaches the host as text like any other.
    await guest.treeItem('src/main.ts').click();
    await guest.create('file', 'ghost.ts');
    await guestPage.locator('.monaco-editor .view-lines').click();
    await expect(guestPage.getByTestId('status-ai')).toHaveAttribute('data-state', 'ready');
    const suggestion = 'values.reduce((sum, value) => sum + value, 0);';
    ai.model.setFallback({ text: suggestion });
    await guestPage.keyboard.type('const total = ');
    await expect.poll(() => ghostText(guestPage), { timeout: 15_000 }).toBe(suggestion);
    ai.model.setFallback({ text: '' });
    await guestPage.keyboard.press('Tab');
    await expect.poll(() => ghostText(guestPage)).toBe('');

    // A large paste (its size is logged, never its text).
    const pasted = Array.from({ length: 12 }, (_, i) => `export const line${i} = ${i}; // pasted from elsewhere`).join('\n');
    await guest.typeFile(pasted);

    const guestEvents = async (): Promise<RoomEvent[]> => {
      const log = await ai.store.listEvents(roomId, {});
      // The guest is the person who joined with the guest's invite.
      const joined = log.find((event) => event.kind === 'join' && JSON.stringify(event.payload).includes('"role":"guest"'));
      return log.filter((event) => event.personId === joined?.personId);
    };
    const has = (events: RoomEvent[], kind: RoomEvent['kind'], fields: Record<string, unknown> = {}): boolean =>
      events.some((event) => event.kind === kind && Object.entries(fields).every(([key, value]) => JSON.stringify((event.payload as Record<string, unknown>)[key]) === JSON.stringify(value)));
    await expect
      .poll(
        async () => {
          const events = await guestEvents();
          return {
            run: has(events, 'run', { mode: 'tests' }),
            result: has(events, 'run-result', { mode: 'tests' }),
            shown: has(events, 'suggestion-shown', { lane: 'fast', model: 'scripted-coder' }),
            accepted: has(events, 'suggestion-accepted', { lane: 'fast', chars: suggestion.length }),
            request: has(events, 'ai-request', { lane: 'fast', outcome: 'accepted' }),
            aiEdit: events.some((event) => event.kind === 'edit' && JSON.stringify(event.payload).includes('"lane":"fast"')),
            paste: has(events, 'paste', { chars: pasted.length, lines: 12 }),
          };
        },
        { timeout: 30_000 },
      )
      .toEqual({ run: true, result: true, shown: true, accepted: true, request: true, aiEdit: true, paste: true });
    // The accepted text alone is the attributed edit.
    const aiEdit = (await guestEvents()).find((event) => event.kind === 'edit' && JSON.stringify(event.payload).includes('"ai"'));
    const update = Buffer.from((aiEdit?.payload as { update: string }).update, 'base64').toString('latin1');
    expect(update).toContain(suggestion);
    expect(update).not.toContain('const total');

    // The host was told who ran what and how it went, and opens the report.
    const line = page.getByTestId('remote-run-line');
    // Labelled with the name Grace chose (or, where the room does not know it, her invite's).
    await expect(line).toContainText(/(Grace|Guest) ran tests: \d+ passed/, { timeout: 30_000 });
    await page.screenshot({ path: test.info().outputPath('host-remote-run-line.png') });
    await line.getByTestId('remote-run-view').click();
    await expect(page.getByTestId('remote-run-who')).toHaveText(/^(Grace|Guest)’s run$/);
    await expect(page.getByTestId('remote-run-report').getByTestId('test-row').first()).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('host-remote-run-report.png') });
    await page.getByTestId('remote-run-close').click();
    await expect(page.getByTestId('remote-run-report')).toHaveCount(0);
  } finally {
    await guestContext.close();
  }
});
