import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import { io as connect, type Socket } from 'socket.io-client';
import type { SuggestionErrorMessage } from '../shared/serverMessage.ts';
import { PROTOCOL_VERSION } from '../shared/protocolVersion.ts';
import { blockNonLoopback } from '../server/chromiumLaunchOptions.ts';
import { expect, test } from './aiFixtures.ts';
import { AppPage } from './appPage.ts';
import { SOCKET_PARSER_OPTIONS } from '../shared/socket/socketParserOptions.ts';

/**
 * A shared room in two browser contexts, as two people use it: the host shares the workspace,
 * the guest opens the invite link. The guest reaches the server through a TCP proxy the test can
 * cut, which is how its connection drops (Chromium's offline mode leaves open websockets alone).
 */

/** A loopback TCP proxy to `target`: `cut()` drops every connection and refuses new ones until `resume()`. */
async function startProxy(targetPort: number): Promise<{ url: string; cut(): Promise<void>; resume(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  const listen = (port: number) => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  await listen(0);
  const { port } = server.address() as AddressInfo;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  return { url: `http://127.0.0.1:${port}`, cut: stop, resume: () => listen(port), close: stop };
}

/** The text of the open file as Monaco renders it (spaces normalised). */
function editorText(page: Page): Promise<string> {
  return page.locator('.monaco-editor .view-lines').evaluate((el) => (el as HTMLElement).innerText.replace(/\u00a0/g, ' '));
}

/**
 * Counts the room events a page's websockets carry each way, by kind (a compact keystroke event is
 * a binary frame that starts 0xb2, then 0 for a sync and 1 for awareness: shared/socket/compactEvent.ts).
 * Said when a presence check fails, so a missing cursor can be told apart: never sent, never
 * received, or received and not drawn.
 */
function recordRoomFrames(page: Page): () => string {
  const counts = new Map<string, number>();
  const count = (direction: string, payload: string | Buffer): void => {
    let kind = 'other';
    if (typeof payload !== 'string' && payload[0] === 0xb2) kind = payload[1] === 1 ? 'awareness' : 'sync';
    else if (typeof payload === 'string' && payload.includes('"room-awareness"')) kind = 'awareness (text)';
    const key = `${direction} ${kind}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => count('sent', payload));
    socket.on('framereceived', ({ payload }) => count('received', payload));
    socket.on('close', () => count('closed', ''));
  });
  return () => [...counts].map(([key, n]) => `${key}: ${n}`).join(', ');
}

/** Expects one cursor label with `name` on `page`; if there is none, says what the page's sockets carried and which labels it drew. */
async function expectCursorLabel(page: Page, name: string, frames: () => string): Promise<void> {
  const labels = page.locator('.pairlane-remote-cursor-label');
  try {
    await expect(labels.filter({ hasText: name })).toHaveCount(1);
  } catch (error) {
    const drawn = await labels.allInnerTexts().catch(() => []);
    throw new Error(`${(error as Error).message}\nlabels drawn: ${JSON.stringify(drawn)}; room frames: ${frames()}`, { cause: error });
  }
}

/** Types a new first line into the open file. */
async function typeFirstLine(app: AppPage, text: string): Promise<void> {
  await app.goToLine(1);
  await app.page.keyboard.press('Home');
  await app.page.keyboard.type(`${text}\n`);
}

test('host and guest share a room: edits, named cursors, the AI policy enforced, reload and offline edits kept', async ({ page, ai, browser }) => {
  test.setTimeout(240_000);
  const host = new AppPage(page);
  const hostFrames = recordRoomFrames(page);
  await host.open('/');

  // The host shares the workspace: a room is made of its files and the page opens it.
  await page.getByTestId('share-button').click();
  await page.getByTestId('share-name-input').fill('Ada');
  await page.screenshot({ path: test.info().outputPath('share-dialog.png') });
  await page.getByTestId('share-create').click();
  await page.waitForURL(/\/\?room=[A-Za-z0-9_-]+$/);
  await expect(page.getByTestId('status-room')).toHaveAttribute('data-phase', 'joined', { timeout: 30_000 });
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible({ timeout: 30_000 });
  const roomId = new URL(page.url()).searchParams.get('room') ?? '';
  // The panel opens with the invite links: guest (edit) and observer (read-only).
  await expect(page.getByTestId('room-panel')).toBeVisible();
  const guestLink = (await page.getByTestId('invite-guest').first().getAttribute('data-link')) ?? '';
  expect(guestLink).toContain(`/?room=${roomId}#token=`);
  await expect(page.getByTestId('invite-observer').first()).toContainText('read-only');
  const guestToken = new URL(guestLink).hash.replace('#token=', '');
  await page.getByTestId('room-panel').getByRole('button', { name: 'Close' }).click();

  // The guest opens the link through a proxy the test can cut.
  const proxy = await startProxy(new URL(ai.url).port === '' ? 80 : Number(new URL(ai.url).port));
  const guestContext = await browser.newContext({ baseURL: proxy.url });
  await blockNonLoopback(guestContext);
  const guestPage = await guestContext.newPage();
  const guestFrames = recordRoomFrames(guestPage);
  const guest = new AppPage(guestPage);
  try {
    const { pathname, search, hash } = new URL(guestLink);
    await guestPage.goto(`${pathname}${search}${hash}`);
    // The token leaves the address bar at once.
    await expect.poll(() => guestPage.url()).toBe(`${proxy.url}/?room=${roomId}`);
    await guestPage.getByTestId('room-name-input').fill('Grace');
    await guestPage.screenshot({ path: test.info().outputPath('guest-name.png') });
    await guestPage.getByTestId('room-name-ok').click();
    await expect(guestPage.getByTestId('status-room')).toHaveAttribute('data-phase', 'joined', { timeout: 30_000 });
    await expect(guestPage.locator('.monaco-editor .view-lines')).toBeVisible({ timeout: 30_000 });
    const file = (await page.locator('.monaco-editor[data-uri]').getAttribute('data-uri'))?.replace('file:///', '') ?? '';
    await expect(guestPage.locator('.monaco-editor[data-uri]')).toHaveAttribute('data-uri', `file:///${file}`);

    // Each sees the other's edits. Typing with the server there never flashes "unsent" in the
    // status bar (each keystroke waits a few milliseconds for the store's commit).
    await page.getByTestId('status-room').evaluate((status) => {
      const seen = (): void => {
        if (status.textContent?.includes('unsent')) status.dataset.sawUnsent = 'yes';
      };
      new MutationObserver(seen).observe(status, { childList: true, characterData: true, subtree: true });
    });
    await typeFirstLine(host, '// from Ada');
    await expect.poll(() => editorText(guestPage)).toContain('// from Ada');
    await expect(page.getByTestId('status-room')).not.toHaveAttribute('data-saw-unsent', 'yes');
    await typeFirstLine(guest, '// from Grace');
    await expect.poll(() => editorText(page)).toContain('// from Grace');

    // And the other's cursor, labelled with their name.
    await expectCursorLabel(page, 'Grace', hostFrames);
    await expectCursorLabel(guestPage, 'Ada', guestFrames);
    await page.screenshot({ path: test.info().outputPath('host.png') });
    await guestPage.screenshot({ path: test.info().outputPath('guest.png') });

    // The host turns the guest's AI off; the guest's status says so.
    await page.getByTestId('room-button').click();
    const grace = page.getByTestId('room-person').filter({ hasText: 'Grace' });
    await grace.getByTestId('room-ai-select').selectOption('off');
    await expect(guestPage.getByTestId('status-room')).toHaveAttribute('data-ai', 'off');
    await expect(guestPage.getByTestId('status-room')).toContainText('AI off by host');
    await page.screenshot({ path: test.info().outputPath('host-panel.png') });
    await page.getByTestId('room-panel').getByRole('button', { name: 'Close' }).click();

    // A suggest sent by hand with the guest's token, outside the page's UI, is refused with a typed error.
    const hand: Socket = connect(ai.url, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true });
    try {
      const joined = new Promise<void>((resolve) => hand.once('room-joined', () => resolve()));
      hand.emit('room-join', { type: 'room-join', roomId, token: guestToken });
      await joined;
      const refused = new Promise<SuggestionErrorMessage>((resolve) => hand.once('suggestion-error', resolve));
      hand.emit('suggest', { type: 'suggest', requestId: 'by-hand', path: file, context: { kind: 'windows', prefix: 'const x = ', suffix: ';\n' }, trigger: 'explicit' });
      expect(await refused).toEqual({ type: 'suggestion-error', requestId: 'by-hand', code: 'ai-off', message: 'The host has turned AI off for you in this room.' });
    } finally {
      hand.disconnect();
    }
    // The refusal is in the room's log, against the guest; the room goes on.
    await expect
      .poll(async () => (await ai.store.listEvents(roomId, {})).filter((event) => event.kind === 'refused' && event.payload !== null && JSON.stringify(event.payload).includes('suggest')).length)
      .toBeGreaterThan(0);

    // A reload keeps the room, the name and the text.
    await guestPage.reload();
    await expect(guestPage.getByTestId('status-room')).toHaveAttribute('data-phase', 'joined', { timeout: 30_000 });
    await expect(guestPage.getByTestId('room-name-dialog')).toHaveCount(0);
    await expect.poll(() => editorText(guestPage), { timeout: 30_000 }).toContain('// from Grace');

    // The guest's connection drops: the banner says so, edits go on and are counted.
    await proxy.cut();
    await expect(guestPage.getByTestId('room-offline')).toBeVisible({ timeout: 30_000 });
    await typeFirstLine(guest, '// typed offline');
    await expect(guestPage.getByTestId('room-offline')).toContainText('not on the server yet');
    await guestPage.screenshot({ path: test.info().outputPath('guest-offline.png') });
    expect(await editorText(page)).not.toContain('// typed offline');

    // Back: the offline edit merges into the room, and the host sees it.
    await proxy.resume();
    await expect(guestPage.getByTestId('room-offline')).toHaveCount(0, { timeout: 30_000 });
    await expect(guestPage.getByTestId('status-room')).toHaveAttribute('data-phase', 'joined');
    await expect.poll(() => editorText(page), { timeout: 30_000 }).toContain('// typed offline');
    await expect(guestPage.getByTestId('status-room')).not.toContainText('unsent');

    // The host's run is seen by the guest, labelled with who ran it.
    await host.goToLine(1);
    await host.runFile();
    await expect(guestPage.getByTestId('remote-run-line')).toContainText('Ada', { timeout: 60_000 });

    // Running turned off for guests: the guest's Run and Test say why.
    await page.getByTestId('room-button').click();
    await page.getByTestId('room-disable-running').check();
    await expect(guestPage.getByTestId('run-button')).toBeDisabled();
    await expect(guestPage.getByTestId('run-button')).toHaveAttribute('title', 'The host has turned running off in this room.');
    await expect(guestPage.getByTestId('test-button')).toBeDisabled();

    // The host opens the replay from the panel: it shows the session, both people and the text they typed.
    const [replay] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('room-replay-link').click()]);
    await expect(replay.getByTestId('replay')).toBeVisible({ timeout: 30_000 });
    await expect(replay.getByTestId('replay-people')).toContainText('Ada');
    await expect(replay.getByTestId('replay-people')).toContainText('Guest');
    await replay.screenshot({ path: test.info().outputPath('replay.png') });
  } finally {
    await guestContext.close();
    await proxy.close();
  }
});
