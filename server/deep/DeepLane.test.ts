import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DeepBudgets } from '../../shared/deepLane/protocol.ts';
import { createServer, type PairlaneServer } from '../createServer.ts';
import { createLaneProviders, type LaneProviders } from '../lanes/createLaneProviders.ts';
import { readLanesConfig } from '../lanes/readLanesConfig.ts';
import type { RecordedRequest } from '../testing/scriptedModelServer/RecordedRequest.ts';
import { firstPatchBreaksATest, renameAcrossFiles } from '../testing/scriptedModelServer/deepLaneScripts.ts';
import { startScriptedModelServer, type ScriptedModelServer } from '../testing/scriptedModelServer/startScriptedModelServer.ts';
import { DeepTestClient, type DeepTestClientOptions } from './testing/DeepTestClient.ts';
import { ManualClock } from './testing/ManualClock.ts';
import type { ContentTest } from './testing/runContentTests.ts';

// The whole path for real: a socket.io client that runs the tools on a staged overlay → our
// server → the deep loop → the OpenAI adapter → the scripted model server, which answers with
// tool calls and records every request (and whether it was aborted).

let upstream: ScriptedModelServer;
let server: PairlaneServer | undefined;
let providers: LaneProviders | undefined;
const clients: DeepTestClient[] = [];

beforeAll(async () => {
  upstream = await startScriptedModelServer();
});
afterAll(() => upstream.close());
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  await providers?.close();
  server = undefined;
  providers = undefined;
  upstream.reset();
});

async function start(options: { provider?: string; budgets?: Partial<DeepBudgets>; clock?: ManualClock; env?: Record<string, string> } = {}): Promise<void> {
  const lanes = readLanesConfig(
    {
      PAIRLANE_DEEP_PROVIDER: options.provider ?? 'openai-chat',
      PAIRLANE_DEEP_BASE_URL: upstream.baseURL,
      PAIRLANE_DEEP_MODEL: 'scripted-deep',
      ...options.env,
    },
    { findLocalModel: () => undefined },
  );
  providers = await createLaneProviders(lanes);
  server = await createServer({
    host: '127.0.0.1',
    port: 0,
    ai: { lanes, fastProvider: providers.fast, deepProvider: providers.deep, deep: { ...(options.budgets ? { budgets: options.budgets } : {}), ...(options.clock ? { clock: options.clock } : {}) } },
  });
}

async function client(options: DeepTestClientOptions = { files: workspace }): Promise<DeepTestClient> {
  const created = new DeepTestClient(server!.url, options);
  clients.push(created);
  await created.ready();
  return created;
}

/** The text the model was sent in request `seq` (1-based): every message's content, joined. */
function sentText(request: RecordedRequest): string {
  return JSON.stringify(request.body);
}

const workspace = renameAcrossFiles.files;

/** "Rename add to plus, used in three files": the tests pass once no file calls add and math.ts exports plus. */
const renameTests: ContentTest[] = [
  { file: 'src/math.test.ts', name: 'math exports plus', check: (files) => (files['src/math.ts']?.includes('export function plus(') ? undefined : 'math.ts does not export plus') },
  {
    file: 'src/math.test.ts',
    name: 'no caller uses add',
    check: (files) => {
      const callers = Object.entries(files).filter(([, text]) => /\badd\(/.test(text)).map(([path]) => path);
      return callers.length === 0 ? undefined : `expected no calls to add, found them in ${callers.join(', ')}`;
    },
  },
];

describe('deep lane: the loop', () => {
  it('plans, patches, feeds a failing test run back to the model, patches again, and ends with the result to review', async () => {
    await start();
    upstream.enqueue(...firstPatchBreaksATest.answers.map((answer, index) => ({ ...answer, usage: { inputTokens: 500 + 100 * index, outputTokens: 20 } })));
    const person = await client({ files: workspace, tests: renameTests });
    person.start('t1', firstPatchBreaksATest.instruction, { openFiles: ['src/math.ts'] });

    const ending = await person.ending('t1');
    expect(ending).toMatchObject({
      kind: 'result',
      summary: 'Renamed add to plus in src/math.ts, src/main.ts and src/total.ts; the tests pass now.',
      figures: { lane: 'deep', adapter: 'openai-chat', model: 'scripted-deep', inputTokens: 4500, outputTokens: 120, turns: 6, toolCalls: 6 },
    });
    const events = person.of('t1');
    expect(events[0]).toMatchObject({ kind: 'started', adapter: 'openai-chat', model: 'scripted-deep' });
    expect(events.find((event) => event.kind === 'plan')).toMatchObject({ kind: 'plan', steps: [{ id: '1', status: 'in-progress' }, { id: '2' }, { id: '3' }] });
    // The failing run went out as a tests event and came back to the model in the next request.
    const runs = events.filter((event) => event.kind === 'tests');
    expect(runs.map((event) => event.kind === 'tests' && event.summary.status)).toEqual(['failed', 'passed']);
    const afterFailure = upstream.requests[3]!;
    expect(sentText(afterFailure)).toContain('FAILED (failed): Tests failed: 1 passed, 1 failed');
    expect(sentText(afterFailure)).toContain('expected no calls to add, found them in src/total.ts');
    // Nothing was written: the overlay holds the three changed files for review.
    expect(person.overlay.diff()).toEqual([
      { path: 'src/main.ts', status: 'modified', added: 2, removed: 2 },
      { path: 'src/math.ts', status: 'modified', added: 1, removed: 1 },
      { path: 'src/total.ts', status: 'modified', added: 2, removed: 2 },
    ]);
    expect(events.filter((event) => event.kind === 'diff').at(-1)).toEqual({ kind: 'diff', files: person.overlay.diff() });
    // Sequence numbers count from 0 with no gaps, and nothing follows the ending.
    const seqs = person.events.filter((message) => message.taskId === 't1').map((message) => message.seq);
    expect(seqs).toEqual(seqs.map((_, index) => index));
    expect(events.at(-1)).toBe(ending);
    expect(upstream.requests).toHaveLength(6);
  });

  it('gives a patch that does not apply back to the model with the file and hunk that failed', async () => {
    await start();
    const badPatch = '--- a/src/math.ts\n+++ b/src/math.ts\n@@ -1,2 +1,2 @@\n-export function sum(a: number, b: number): number {\n+export function plus(a: number, b: number): number {\n   return a + b;\n';
    upstream.enqueue({ toolCalls: [{ name: 'apply_patch', arguments: { patch: badPatch } }] }, { text: 'I could not patch it.' });
    const person = await client();
    person.start('t2', 'Rename sum.');
    const finished = await person.waitFor('t2', 'tool-finished');
    expect(finished).toMatchObject({ name: 'apply_patch', ok: false, failure: 'patch-rejected' });
    expect(finished.summary).toContain('src/math.ts, hunk 1 of 1 (@@ -1,2 +1,2 @@) does not apply');
    expect(await person.ending('t2')).toMatchObject({ kind: 'result', summary: 'I could not patch it.' });
    expect(sentText(upstream.requests[1]!)).toContain('FAILED (patch-rejected): src/math.ts, hunk 1 of 1');
    expect(person.overlay.changes()).toEqual([]);
  });

  it('refuses unknown tools and arguments that do not match, without asking the client, and tells the model why', async () => {
    await start();
    upstream.enqueue(
      {
        toolCalls: [
          { name: 'read_file', arguments: { file: 'src/math.ts' } },
          { name: 'delete_everything', arguments: {} },
          { name: 'search', arguments: '{"query": ' },
        ],
      },
      { text: 'Sorry.' },
    );
    const person = await client();
    person.start('t3', 'Look around.');
    await person.ending('t3');
    const finished = person.of('t3').filter((event) => event.kind === 'tool-finished');
    expect(finished.map((event) => event.kind === 'tool-finished' && [event.name, event.failure])).toEqual([
      ['read_file', 'invalid-arguments'],
      ['delete_everything', 'unknown-tool'],
      ['search', 'invalid-arguments'],
    ]);
    expect(person.of('t3').some((event) => event.kind === 'tool-call')).toBe(false);
    const next = sentText(upstream.requests[1]!);
    expect(next).toContain('read_file: path:');
    expect(next).toContain('Unrecognized key');
    expect(next).toContain('There is no tool \\"delete_everything\\"');
    expect(next).toContain('The arguments of search are not valid JSON');
  });

  it('stops a model that repeats the same call with a "looping" status', async () => {
    await start();
    upstream.setFallback({ toolCalls: [{ name: 'read_file', arguments: { path: 'src/math.ts' } }] });
    const person = await client();
    person.start('t4', 'Read math.');
    const ending = await person.ending('t4');
    expect(ending).toMatchObject({ kind: 'failed', status: 'looping' });
    expect(ending.kind === 'failed' && ending.message).toContain('read_file with the same arguments 3 times');
    expect(person.of('t4').filter((event) => event.kind === 'tool-call')).toHaveLength(2);
  });

  it('works the same over the Responses API', async () => {
    await start({ provider: 'openai-responses' });
    upstream.enqueue(...renameAcrossFiles.answers.map((answer) => ({ ...answer, route: 'responses' as const })));
    const person = await client({ files: workspace, tests: renameTests });
    person.start('t5', renameAcrossFiles.instruction);
    expect(await person.ending('t5')).toMatchObject({ kind: 'result', summary: renameAcrossFiles.answers.at(-1)!.text!, figures: { adapter: 'openai-responses' } });
    expect(person.overlay.diff().map((file) => file.path)).toEqual(['src/main.ts', 'src/math.ts', 'src/total.ts']);
    expect(person.of('t5').find((event) => event.kind === 'tests')).toMatchObject({ summary: { status: 'passed' } });
    expect(sentText(upstream.requests[2]!)).toContain('function_call_output');
  });
});

describe('deep lane: steering', () => {
  it('queues a steer for the next turn and refuses one that names a turn already over, giving its text back', async () => {
    await start();
    upstream.enqueue(
      { text: 'Looking at the files first, one by one.', tokensPerSecond: 20, toolCalls: [{ name: 'list_files', arguments: {} }] },
      { text: 'Using a Map now.', firstTokenDelayMs: 300, toolCalls: [{ name: 'read_file', arguments: { path: 'src/main.ts' } }] },
      { text: 'Done with a Map.' },
    );
    const person = await client();
    person.start('t6', 'Cache the totals.');
    await person.waitFor('t6', 'text');
    person.socket.emit('deep-steer', { type: 'deep-steer', taskId: 't6', turnId: 1, text: 'Use a Map.' });
    expect(await person.waitFor('t6', 'steer-accepted')).toEqual({ kind: 'steer-accepted', turnId: 2 });
    await person.waitFor('t6', 'turn', (event) => event.turnId === 2);
    person.socket.emit('deep-steer', { type: 'deep-steer', taskId: 't6', turnId: 1, text: 'Too late.' });
    const refused = await person.waitFor('t6', 'steer-refused');
    expect(refused).toEqual({ kind: 'steer-refused', reason: expect.stringContaining('Turn 1 is over; the task is on turn 2') as string, text: 'Too late.' });
    expect(await person.ending('t6')).toMatchObject({ kind: 'result', summary: 'Done with a Map.' });
    expect(sentText(upstream.requests[1]!)).toContain('the person added:\\nUse a Map.');
    expect(sentText(upstream.requests[2]!)).not.toContain('Too late.');
  });

  it('a steer on what would have been the last turn still reaches the model', async () => {
    await start();
    upstream.enqueue({ text: 'All done here, nothing else to change in this code.', tokensPerSecond: 20 }, { text: 'Done, and renamed it too.' });
    const person = await client();
    person.start('t7', 'Tidy up.');
    await person.waitFor('t7', 'text');
    person.socket.emit('deep-steer', { type: 'deep-steer', taskId: 't7', turnId: 1, text: 'Also rename it.' });
    expect(await person.ending('t7')).toMatchObject({ kind: 'result', summary: 'Done, and renamed it too.' });
    expect(sentText(upstream.requests[1]!)).toContain('Also rename it.');
  });

  it('refuses a steer for a task that is not running', async () => {
    await start();
    const person = await client();
    person.socket.emit('deep-steer', { type: 'deep-steer', taskId: 'nope', turnId: 1, text: 'hello' });
    expect(await person.waitFor('nope', 'steer-refused')).toEqual({ kind: 'steer-refused', reason: 'Task "nope" is not running.', text: 'hello' });
  });
});

describe('deep lane: interrupt and disconnect', () => {
  it('an interrupt aborts the model call upstream at once', async () => {
    await start();
    upstream.enqueue({ text: 'word '.repeat(200), tokensPerSecond: 20 });
    const person = await client();
    person.start('t8', 'Explain.');
    await person.waitFor('t8', 'text');
    person.socket.emit('deep-interrupt', { type: 'deep-interrupt', taskId: 't8' });
    expect(await person.ending('t8')).toMatchObject({ kind: 'interrupted', figures: { turns: 1, toolCalls: 0 } });
    expect((await upstream.requests[0]!.settled).outcome).toBe('aborted');
  });

  it('an interrupt gets through a connection that has spent its message allowance', async () => {
    await start();
    upstream.enqueue({ text: 'word '.repeat(200), tokensPerSecond: 20 });
    const person = await client();
    person.start('t8b', 'Explain.');
    await person.waitFor('t8b', 'text');
    const refused: string[] = [];
    person.socket.on('error', (error) => refused.push(error.refused ?? ''));
    for (let id = 0; id < 300; id++) person.socket.emit('ping', { type: 'ping', id, sentAt: 0 });
    person.socket.emit('deep-interrupt', { type: 'deep-interrupt', taskId: 't8b' });
    expect(await person.ending('t8b')).toMatchObject({ kind: 'interrupted' });
    expect(refused).toContain('ping');
    expect(refused).not.toContain('deep-interrupt');
  });

  it('an interrupt drops a pending tool call: its late result is ignored and no further turn starts', async () => {
    await start();
    upstream.enqueue({ toolCalls: [{ name: 'run_tests', arguments: {} }] }, { text: 'should never be asked' });
    const person = await client({ files: workspace, hold: ['run_tests'] });
    person.start('t9', 'Test it.');
    const call = await person.waitFor('t9', 'tool-call');
    person.socket.emit('deep-interrupt', { type: 'deep-interrupt', taskId: 't9' });
    await person.ending('t9');
    person.socket.emit('deep-tool-result', { type: 'deep-tool-result', taskId: 't9', callId: call.callId, ok: true, output: 'late' });
    // A ping round trip: anything the late result caused would have arrived before the pong.
    await new Promise((resolve) => {
      person.socket.once('pong', resolve);
      person.socket.emit('ping', { type: 'ping', id: 1, sentAt: 0 });
    });
    expect(person.of('t9').at(-1)).toMatchObject({ kind: 'interrupted' });
    expect(upstream.requests).toHaveLength(1);
  });

  it('a client that disconnects takes its task with it: the model call is aborted', async () => {
    await start();
    upstream.enqueue({ text: 'word '.repeat(200), tokensPerSecond: 20 });
    const person = await client();
    person.start('t10', 'Explain.');
    await person.waitFor('t10', 'text');
    person.close();
    expect((await upstream.requests[0]!.settled).outcome).toBe('aborted');
  });

  it('one task per person: a second start while one runs fails "busy" and the first goes on', async () => {
    await start();
    upstream.enqueue({ text: 'slowly thinking about it', tokensPerSecond: 10 });
    const person = await client();
    person.start('t11', 'First.');
    await person.waitFor('t11', 'turn');
    person.start('t12', 'Second.');
    const busy = await person.ending('t12');
    expect(busy).toMatchObject({ kind: 'failed', status: 'busy' });
    expect(busy.kind === 'failed' && busy.message).toContain('Task "t11" is still running');
    expect(await person.ending('t11')).toMatchObject({ kind: 'result' });
    // Once the first has ended, the refused id may be used.
    upstream.enqueue({ text: 'Second done.' });
    person.start('t12', 'Second.');
    await person.waitFor('t12', 'result');
  });
});

describe('deep lane: budgets', () => {
  it('stops after its turns', async () => {
    await start({ budgets: { maxTurns: 2 } });
    upstream.enqueue({ toolCalls: [{ name: 'list_files', arguments: {} }] }, { toolCalls: [{ name: 'list_files', arguments: { path: 'src' } }] });
    const person = await client();
    person.start('t13', 'Wander.');
    expect(await person.ending('t13')).toMatchObject({ kind: 'failed', status: 'budget' });
    expect(person.of('t13').find((event) => event.kind === 'budget')).toEqual({ kind: 'budget', which: 'turns', limit: 2, used: 2 });
    expect(upstream.requests).toHaveLength(2);
  });

  it('stops once its tokens are spent', async () => {
    await start({ budgets: { maxTokens: 1000 } });
    upstream.enqueue({ toolCalls: [{ name: 'list_files', arguments: {} }], usage: { inputTokens: 900, outputTokens: 150 } });
    const person = await client();
    person.start('t14', 'Wander.');
    expect(await person.ending('t14')).toMatchObject({ kind: 'failed', status: 'budget', figures: { inputTokens: 900, outputTokens: 150 } });
    expect(person.of('t14').find((event) => event.kind === 'budget')).toEqual({ kind: 'budget', which: 'tokens', limit: 1000, used: 1050 });
  });

  it('stops at its wall time (the clock is the test’s), dropping the tool call it waited for', async () => {
    const clock = new ManualClock();
    await start({ clock, budgets: { maxWallTimeMs: 60_000, toolTimeoutMs: 120_000 } });
    upstream.enqueue({ toolCalls: [{ name: 'run_tests', arguments: {} }] });
    const person = await client({ files: workspace, hold: ['run_tests'] });
    person.start('t15', 'Test.');
    await person.waitFor('t15', 'tool-call');
    clock.advance(59_999);
    expect(person.of('t15').some((event) => event.kind === 'budget')).toBe(false);
    clock.advance(1);
    expect(await person.ending('t15')).toMatchObject({ kind: 'failed', status: 'budget', figures: { durationMs: 60_000 } });
    expect(person.of('t15').find((event) => event.kind === 'budget')).toEqual({ kind: 'budget', which: 'wall-time', limit: 60_000, used: 60_000 });
  });

  it('a tool call the client never answers times out, and the model is told', async () => {
    const clock = new ManualClock();
    await start({ clock, budgets: { toolTimeoutMs: 5_000 } });
    upstream.enqueue({ toolCalls: [{ name: 'run_tests', arguments: {} }] }, { text: 'The runtime did not answer.' });
    const person = await client({ files: workspace, hold: ['run_tests'] });
    person.start('t16', 'Test.');
    expect(await person.waitFor('t16', 'tool-call')).toMatchObject({ timeoutMs: 5_000 });
    clock.advance(5_000);
    expect(await person.waitFor('t16', 'tool-finished')).toMatchObject({ ok: false, failure: 'timeout', durationMs: 5_000 });
    expect(await person.ending('t16')).toMatchObject({ kind: 'result' });
    expect(sentText(upstream.requests[1]!)).toContain('FAILED (timeout): run_tests gave no result within 5000 ms.');
  });
});

describe('deep lane: off or unable', () => {
  it('fails "ai-off" with how to turn the lane on', async () => {
    await start({ provider: 'off' });
    const person = await client();
    person.start('t17', 'Anything.');
    const ending = await person.ending('t17');
    expect(ending).toMatchObject({ kind: 'failed', status: 'ai-off' });
    expect(ending.kind === 'failed' && ending.message).toContain('PAIRLANE_DEEP_PROVIDER');
  });

  it('a malformed deep-start is refused by the dispatcher with its issues, and no task starts', async () => {
    await start();
    const person = await client();
    const error = new Promise<{ code: string; issues?: string[]; refused?: string }>((resolve) => person.socket.once('error', resolve));
    person.socket.emit('deep-start', { type: 'deep-start', taskId: 'bad', instruction: '', context: { selection: { path: 'a.ts', start: 5, end: 2, text: '' } } });
    expect(await error).toMatchObject({ code: 'invalid-message', refused: 'deep-start', issues: expect.arrayContaining([expect.stringContaining('instruction'), expect.stringContaining('context.selection.start')]) as string[] });
    expect(person.of('bad')).toEqual([]);
    expect(upstream.requests).toHaveLength(0);
  });

  it('fails "unsupported" for an adapter without tool calling', async () => {
    await start({ provider: 'openai-completions', env: { PAIRLANE_DEEP_FIM_TEMPLATE: 'qwen' } });
    const person = await client();
    person.start('t18', 'Anything.');
    expect(await person.ending('t18')).toMatchObject({ kind: 'failed', status: 'unsupported' });
  });

  it('passes the provider’s failure on with its status', async () => {
    await start();
    upstream.enqueue({ fault: { kind: 'status', status: 429, retryAfterSeconds: 3 } });
    const person = await client();
    person.start('t19', 'Anything.');
    expect(await person.ending('t19')).toMatchObject({ kind: 'failed', status: 'rate-limited' });
  });
});

describe('deep lane: hourly budgets', () => {
  it('charges every turn to the person’s hourly tokens; a later task stops before its first turn once they are spent', async () => {
    await start({ env: { PAIRLANE_DEEP_TOKENS_PER_PERSON_PER_HOUR: '1000' } });
    upstream.enqueue({ text: 'First done.', usage: { inputTokens: 700, outputTokens: 300 } });
    const person = await client();
    person.start('h1', 'One.');
    expect(await person.ending('h1')).toMatchObject({ kind: 'result' });
    person.start('h2', 'Two.');
    const ending = await person.ending('h2');
    expect(ending).toMatchObject({ kind: 'failed', status: 'budget' });
    expect(ending.kind === 'failed' && ending.message).toContain('hourly budget of 1000 tokens for this person is spent; more frees up in about 60 min');
    expect(person.of('h2').find((event) => event.kind === 'budget')).toEqual({ kind: 'budget', which: 'tokens', limit: 1000, used: 1000 });
    expect(upstream.requests).toHaveLength(1);
  });

  it('limits task starts per minute (the lane’s REQUESTS_PER_MINUTE)', async () => {
    await start({ env: { PAIRLANE_DEEP_REQUESTS_PER_MINUTE: '1' } });
    upstream.enqueue({ text: 'Done.' });
    const person = await client();
    person.start('r1', 'One.');
    await person.ending('r1');
    person.start('r2', 'Two.');
    expect(await person.ending('r2')).toMatchObject({ kind: 'failed', status: 'rate-limited' });
  });
});
