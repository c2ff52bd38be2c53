import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { Page } from '@playwright/test';
import { createServer, type PairlaneServer } from '../server/createServer.ts';
import { connectRoomClient, type RoomTestClient } from '../server/rooms/testing/connectRoomClient.ts';
import type { RoomStore } from '../server/store/RoomStore.ts';
import { openFreshPgliteStore } from '../server/store/testing/openFreshPgliteStore.ts';
import type { ReportedRoomEvent } from '../shared/rooms/reportedRoomEvent.ts';
import type { RoomInvite } from '../shared/roomMessage.ts';
import { createFile, fileText } from '../shared/workspaceDoc.ts';
import { expect, test } from './fixtures.ts';

/**
 * The host's replay and report of a real session: a server with rooms (PGlite in a temp folder),
 * a host and a guest connected with socket.io from Node making edits (one accepted from the fast
 * lane) and reporting runs and AI events, then the replay page opened as the host.
 */

const EARLY = 'return 0; // EARLY';
const FINAL_TEST = "test('sum', () => expect(sum(2, 3)).toBe(5));";
const SHOTS = process.env.PAIRLANE_REPLAY_SHOTS;

// One session for both tests: one worker, one server.
test.describe.configure({ mode: 'serial' });

let server: PairlaneServer;
let store: RoomStore;
let roomId: string;
let host: RoomInvite;
let guest: RoomInvite;

function report(client: RoomTestClient, event: ReportedRoomEvent): void {
  client.emit({ type: 'room-event', roomId, event });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.beforeAll(async () => {
  test.setTimeout(120_000);
  store = await openFreshPgliteStore();
  const clientDir = path.resolve(process.env.PAIRLANE_CLIENT_DIR || 'dist/client');
  server = await createServer({ host: '127.0.0.1', port: 0, clientDir, rooms: { store, secret: randomBytes(32), onRefused: () => {} } });
  const created = await server.rooms!.createRoom({ hostName: 'Hana', guestName: 'Gus' });
  roomId = created.roomId;
  host = created.host;
  guest = created.guest;

  const hostClient = connectRoomClient(server.url, { roomId, token: host.token });
  await hostClient.join();
  await hostClient.next('room-sync', false);
  createFile(hostClient.doc, 'src/sum.ts', `export function sum(a: number, b: number): number {\n  ${EARLY}\n}\n`);
  await hostClient.sync.whenAcknowledged();
  report(hostClient, { kind: 'run', payload: { runId: 'r1', mode: 'tests' } });
  report(hostClient, {
    kind: 'run-result',
    payload: { runId: 'r1', mode: 'tests', status: 'failed', durationMs: 240, counts: { passed: 0, failed: 1, skipped: 0, todo: 0, total: 1 }, summary: '0 passed, 1 failed' },
  });
  // The server gathers a person's edits over 2 s into one log entry: the next ones are a later moment.
  await pause(2300);

  const guestClient = connectRoomClient(server.url, { roomId, token: guest.token });
  await guestClient.join();
  await expect.poll(() => fileText(guestClient.doc, 'src/sum.ts')?.toString() ?? '').toContain(EARLY);
  const ai = { lane: 'fast' as const, model: 'scripted-small', requestId: 'req-1' };
  report(guestClient, { kind: 'suggestion-shown', payload: { ...ai, chars: 13, lines: 1, path: 'src/sum.ts' } });
  report(guestClient, {
    kind: 'ai-request',
    payload: { ...ai, outcome: 'accepted', durationMs: 450, timeToFirstTokenMs: 180, tokensIn: 120, tokensOut: 16, fromCache: false, detail: null },
  });
  // The accepted text enters the document as one attributed update, as the editor sends it.
  const scratch = new Y.Doc();
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(guestClient.doc));
  const before = Y.encodeStateVector(scratch);
  const text = fileText(scratch, 'src/sum.ts') as Y.Text;
  const at = text.toString().indexOf(EARLY);
  scratch.transact(() => {
    text.delete(at, EARLY.length);
    text.insert(at, 'return a + b;');
  });
  const update = Y.encodeStateAsUpdate(scratch, before);
  Y.applyUpdate(guestClient.doc, update, guestClient.sync);
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  const acked = guestClient.next('room-ack');
  guestClient.emit({ type: 'room-sync', roomId, data: encoding.toUint8Array(encoder), ackId: 100_000, attribution: ai });
  await acked;
  report(guestClient, { kind: 'suggestion-accepted', payload: { ...ai, chars: 13, partial: false, path: 'src/sum.ts' } });
  report(guestClient, { kind: 'paste', payload: { path: 'src/sum.ts', chars: 48, lines: 2 } });
  report(guestClient, { kind: 'focus-loss', payload: { durationMs: 5200, how: 'hidden' } });
  await pause(1200);

  createFile(hostClient.doc, 'src/sum.test.ts', `import { sum } from './sum.ts';\n\n${FINAL_TEST}\n`);
  await hostClient.sync.whenAcknowledged();
  report(hostClient, { kind: 'run', payload: { runId: 'r2', mode: 'tests' } });
  report(hostClient, {
    kind: 'run-result',
    payload: { runId: 'r2', mode: 'tests', status: 'passed', durationMs: 210, counts: { passed: 1, failed: 0, skipped: 0, todo: 0, total: 1 }, summary: '1 passed' },
  });
  // Leaving closes each person's open batch of edits into the log.
  hostClient.close();
  guestClient.close();
  await expect
    .poll(async () => (await store.listEvents(roomId)).filter((event) => event.kind === 'edit').length, { timeout: 10_000 })
    .toBeGreaterThanOrEqual(3);
  await expect.poll(async () => (await store.listEvents(roomId)).filter((event) => event.kind === 'leave').length).toBe(2);
  if (SHOTS) await mkdir(SHOTS, { recursive: true });
});

test.afterAll(async () => {
  await server?.close();
  await store?.close();
});

/** The text Monaco shows (its spaces are non-breaking). */
async function editorText(page: Page): Promise<string> {
  // allInnerTexts does not wait: with no file shown there are no lines, and that is ''.
  return (await page.locator('[data-testid=replay-editor] .view-lines').allInnerTexts()).join('\n').replace(/\u00a0/g, ' ');
}

test('the replay shows the session: early files at the start, the final ones at the end, the events and the report', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(`${server.url}/?room=${roomId}&view=replay#token=${host.token}`);
  await expect(page.getByTestId('replay')).toBeVisible();
  // The editor app itself never started on this page.
  await expect(page.locator('.toolbar')).toHaveCount(0);

  // Opened at the end: the final files.
  await expect(page.getByTestId('replay-files')).toContainText('src/sum.test.ts');
  await page.getByTestId('replay-files').getByText('src/sum.ts', { exact: true }).click();
  await expect.poll(() => editorText(page)).toContain('return a + b;');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/replay-end.png` });

  // To the start: nothing yet; one event on (→), the host's first edit, with the early content.
  const range = page.getByTestId('replay-range');
  await range.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('replay-files')).toContainText('No files yet');
  for (let step = 0; step < 4 && !(await editorText(page)).includes(EARLY); step++) await range.press('ArrowRight');
  await expect.poll(() => editorText(page)).toContain(EARLY);
  await expect(page.getByTestId('replay-path')).toHaveText('src/sum.ts');
  await expect(page.locator('[data-testid=replay-editor] .replay-changed-line').first()).toBeVisible();

  // Stepping on reaches the accepted fast-lane text, named with its lane and model.
  for (let step = 0; step < 12 && !(await editorText(page)).includes('return a + b;'); step++) await range.press('ArrowRight');
  await expect.poll(() => editorText(page)).toContain('return a + b;');
  await expect(page.getByTestId('replay-events')).toContainText('applied fast · scripted-small text');
  await expect(page.getByTestId('replay-events')).toContainText('Gus');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/replay-ai-edit.png` });

  await page.keyboard.press('End');
  await expect(page.getByTestId('replay-files')).toContainText('src/sum.test.ts');

  // The report: its charts draw on canvases, its summary has the session's numbers.
  await page.getByTestId('report-tab').click();
  await expect(page.getByTestId('report')).toBeVisible();
  const summary = page.getByTestId('report-summary');
  await expect(summary.locator('tr', { hasText: 'Suggestions shown' })).toContainText('1');
  await expect(summary.locator('tr', { hasText: 'Changes accepted' })).toContainText('100% of shown');
  await expect(summary.locator('tr', { hasText: 'Tokens per accepted change' })).toContainText('136');
  await expect(summary.locator('tr', { hasText: 'Cost per accepted change' })).toContainText('—');
  await expect(summary.locator('tr', { hasText: 'Test runs' })).toContainText('1 passed · 1 failed');
  await expect(summary.locator('tr', { hasText: 'Pastes' })).toContainText('48 characters');
  for (const chart of ['chart-suggestions', 'chart-latency', 'chart-tokens', 'chart-runs', 'chart-signals']) {
    await expect(page.getByTestId(chart).locator('canvas')).toHaveCount(1);
  }
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/report.png` });
  // A price for the model turns the cost from unknown into a figure.
  await page.getByLabel('Input price of scripted-small').fill('1');
  await page.getByLabel('Output price of scripted-small').fill('4');
  await expect(summary.locator('tr', { hasText: 'Cost per accepted change' })).toContainText('$0.0002');
  if (SHOTS) await page.getByTestId('report-models').screenshot({ path: `${SHOTS}/report-prices.png` });

  // A session still going on logs more: Reload reads it, and the report counts it.
  const logged = (await store.listEvents(roomId)).length;
  await store.appendEvent({ roomId, at: Date.now(), personId: guest.personId, kind: 'paste', payload: { chars: 10, lines: 1 } });
  await page.getByTestId('replay-reload').click();
  await expect(page.locator('.replay-title')).toContainText(`${logged + 1} events`);
  await expect(summary.locator('tr', { hasText: 'Pastes' })).toContainText('58 characters');
});

test("a guest's or observer's link is refused with the host-only message", async ({ page }) => {
  await page.goto(`${server.url}/?room=${roomId}&view=replay#token=${guest.token}`);
  await expect(page.getByTestId('replay-refused')).toContainText('Only the host can replay this session');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/refused.png` });
  const response = await page.request.get(`${server.url}/api/rooms/${roomId}/log`, { headers: { Authorization: `Bearer ${guest.token}` } });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ code: 'forbidden', reason: 'host-only' });
});
