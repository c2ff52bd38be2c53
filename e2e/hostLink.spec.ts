import { blockNonLoopback } from '../server/chromiumLaunchOptions.ts';
import { expect, test } from './aiFixtures.ts';
import { AppPage } from './appPage.ts';

/**
 * The host's own token lives in the tab that shared the workspace (sessionStorage). Its link is
 * the way back in as host from another tab, browser or machine, so the Room panel shows it.
 */
test('a room keeps its tabs over a reload, and the host link opens it as host in another browser context', async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const host = new AppPage(page);
  await host.open('/');
  const roomId = await host.shareAsHost('Ada');

  const row = page.getByTestId('invite-host');
  await expect(row).toContainText('keep private');
  const hostLink = (await row.getAttribute('data-link')) ?? '';
  expect(hostLink).toContain(`/?room=${roomId}#token=`);
  await page.screenshot({ path: test.info().outputPath('host-link.png') });

  // The room's open tabs are this tab's and survive a reload, like the local workspace's.
  await page.getByTestId('room-panel').getByRole('button', { name: 'Close' }).click();
  await host.openFile('src/stats.ts');
  await page.reload();
  await expect(page.getByTestId('status-room')).toHaveAttribute('data-phase', 'joined', { timeout: 30_000 });
  await expect(host.tab('src/main.ts')).toBeVisible();
  await expect(host.tab('src/stats.ts')).toHaveAttribute('data-active', 'true');

  const other = await browser.newContext({ baseURL });
  await blockNonLoopback(other);
  try {
    const second = await other.newPage();
    const { pathname, search, hash } = new URL(hostLink);
    await second.goto(`${pathname}${search}${hash}`);
    await expect.poll(() => second.url()).toBe(`${baseURL}/?room=${roomId}`);
    await expect(second.getByTestId('status-room')).toHaveAttribute('data-phase', 'joined', { timeout: 30_000 });
    await second.getByTestId('room-button').click();
    // Host controls, not a guest's view: the rules and the invite links.
    await expect(second.getByTestId('room-controls')).toBeVisible();
    await expect(second.getByTestId('room-invites')).toBeVisible();
    await expect(second.getByTestId('room-panel')).toContainText('Host');
  } finally {
    await other.close();
  }
});
