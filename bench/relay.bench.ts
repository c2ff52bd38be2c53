/**
 * Fast-lane relay benchmark: what the relay adds between a model streaming tokens and the
 * browser, beside the same upstream read directly, in the same run.
 *
 *   npm run bench:relay                          (RELAY_BENCH_PROFILE=<dir> also writes a --cpu-prof of the relay)
 *   RELAY_BENCH_THREADS=2 npm run bench:relay    (the relay's adapter on two worker threads under load)
 *
 * Layout, as in production: the scripted upstream (server/testing/scriptedModelServer) runs in
 * its own process, the Pairlane server (createServer, fast lane = openai-chat adapter pointed at
 * the upstream) in another, and this process holds the socket.io-clients (websocket, one
 * connection per simulated person) and the direct reference. Were all three in one process, the
 * figures would measure their contention for one event loop, not the relay.
 *
 * Reference: the same openai-chat adapter the relay uses (OpenAIChatProvider, built from the
 * same lane configuration), called in this process, so the reference pays the same SDK parsing,
 * the same stream handling and one process boundary to the upstream; the difference is exactly
 * the relay: the socket.io hop in, prompt building, budgets, coalescing, the hop out.
 *
 * Scenarios, each at 1,000 and 5,000 tokens/s per stream:
 * - 1 stream: first-token latency over TTFT_TRIALS sequential trials per path (direct and relay
 *   trials alternate, so load drift hits both alike); throughput of THROUGHPUT_RUNS 2-second streams.
 * - 100 concurrent streams: 100 people (connections) each ask CONCURRENT_ROUNDS times in a row
 *   for a half-second answer, starts staggered over the first second; first-token latency of
 *   every request and throughput per stream and in aggregate; the same load read by a plain
 *   streaming fetch too, to show what the adapter itself costs.
 * - cancel → upstream abort: the client cancels on the first text; the upstream records when it
 *   saw the connection go. Clocks across processes are aligned by an IPC round trip (the offset
 *   from the fastest of 50), good to a fraction of a millisecond.
 *
 * Figures: first token = from sending the request to the first text, on this process's clock;
 * "added" = the relay's percentile minus the reference's (the trials are not paired); tokens/s of
 * a stream = (tokens − 1) over first text → end; aggregate = every token delivered over the
 * phase's wall time. CPU per process and phase comes from /proc (Linux).
 *
 * The last line is one JSON object: every figure, ratios against the direct reference, and
 * pass/fail per target (null for a target a narrowed run did not measure).
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, SuggestMessage } from '../shared/clientMessage.ts';
import { PROTOCOL_VERSION } from '../shared/protocolVersion.ts';
import type { ServerToClientEvents } from '../shared/serverMessage.ts';
import { createLaneProviders } from '../server/lanes/createLaneProviders.ts';
import type { GenerateRequest, ModelProvider } from '../server/providers/ModelProvider.ts';
import type { ScriptedResponseInput } from '../server/testing/scriptedModelServer/ScriptedResponse.ts';
import { percentile } from './percentile.ts';
import { readPlainSse } from './readPlainSse.ts';
import { relayBenchLanes } from './relayBenchLanes.ts';
import type { RelayTrace } from './relayBenchServer.ts';
import type { UpstreamRecord } from './relayBenchUpstream.ts';
import { SOCKET_PARSER_OPTIONS } from '../shared/socket/socketParserOptions.ts';

/** RELAY_BENCH_ONLY=single,concurrent,cancel and RELAY_BENCH_RATES=1000,5000 narrow a run (for profiling one scenario). */
const ONLY = new Set((process.env.RELAY_BENCH_ONLY ?? 'single,concurrent,cancel').split(','));
const RATES = (process.env.RELAY_BENCH_RATES ?? '1000,5000').split(',').map(Number);
/** Tokens per SSE event (RELAY_BENCH_CHUNK_TOKENS): 1 by default, as OpenAI streams them; the worst case for every reader. */
const CHUNK_TOKENS = Number(process.env.RELAY_BENCH_CHUNK_TOKENS ?? '1');
/** RELAY_BENCH_TRACE=1: the relay process notes when it called, heard from and aborted its provider (a diagnosis, not the figures). */
const TRACE = process.env.RELAY_BENCH_TRACE === '1';
/**
 * RELAY_BENCH_THREADS: the relay server's PAIRLANE_FAST_THREADS (default 0, the server's default: the
 * adapter on its event loop; 2 puts it on two worker threads once 4 or more streams are in flight).
 * The direct reference always reads on this process's event loop.
 */
const RELAY_THREADS = Number(process.env.RELAY_BENCH_THREADS ?? '0');
/** RELAY_BENCH_TRIALS: first-token and cancel trials per path (default 240); fewer for a short run on a busy machine. */
const TRIALS = Number(process.env.RELAY_BENCH_TRIALS ?? '240');
/**
 * CPU lists for `taskset` (e.g. `2,3`): RELAY_BENCH_RELAY_CPUS for the relay server,
 * RELAY_BENCH_UPSTREAM_CPUS for the scripted upstream, RELAY_BENCH_CLIENT_CPUS for this process
 * (the clients and the direct reference). The target is the relay on 2 cores; on a 2-core machine
 * the upstream and the 100 clients share them, so a machine with 4+ cores pins them apart.
 */
const PINS = { relay: process.env.RELAY_BENCH_RELAY_CPUS, upstream: process.env.RELAY_BENCH_UPSTREAM_CPUS, client: process.env.RELAY_BENCH_CLIENT_CPUS };

/** Pins every thread of `pid` (threads started later inherit it) to `cpus`, when a list is given. */
function pin(pid: number | undefined, cpus: string | undefined): void {
  if (!cpus || pid === undefined) return;
  execFileSync('taskset', ['-a', '-cp', cpus, String(pid)], { stdio: 'ignore' });
}
const TTFT_TRIALS = TRIALS;
const WARMUP_TRIALS = 20;
const THROUGHPUT_RUNS = 3;
const CONCURRENT_STREAMS = 100;
const CONCURRENT_ROUNDS = 2;
/** Length of each answer in the 100-stream scenario. */
const CONCURRENT_ANSWER_SECONDS = 0.5;
const CANCEL_TRIALS = TRIALS;
/** Gap between trial starts: one connection stays under the server's 50 messages a second, and trials do not overlap. */
const TRIAL_GAP_MS = 30;
/** Tokens of a first-token trial's answer: long enough to be a stream, short enough to end before the next trial. */
const SHORT_ANSWER_TOKENS = 16;
/** Every token is exactly this many characters, so text length counts tokens. */
const TOKEN_CHARS = 4;
const MAX_TOKENS = 20000;
const TARGETS = { addedFirstTokenP50Ms: 2, addedFirstTokenP99Ms: 10, throughputRatio: 0.99, cancelToAbortP99Ms: 5 } as const;

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
const here = path.dirname(fileURLToPath(import.meta.url));
const now = () => performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Tokens " t10", " t11", …: four characters each. */
function scriptedTokens(count: number): string[] {
  return Array.from({ length: count }, (_, i) => ` t${(i % 90) + 10}`);
}

// A realistic cursor position: a TypeScript file around it, about 2 KB before and 600 B after.
const PREFIX = Array.from({ length: 40 }, (_, i) => `export function step${i}(value: number): number {\n  return value + ${i};\n}\n`).join('').slice(-2048);
const SUFFIX = Array.from({ length: 12 }, (_, i) => `\nexport const limit${i} = ${i * 7};`).join('');

/** One answer as this process saw it, in this process's clock. */
interface Answer {
  sentAt: number;
  firstAt?: number;
  doneAt?: number;
  cancelledAt?: number;
  text: string;
  error?: string;
}

/** A child process spoken to over IPC: each command answered by the reply with its id. */
class ChildLink {
  private nextId = 1;
  private readonly waiting = new Map<number, (reply: Record<string, unknown>) => void>();
  readonly ready: Promise<Record<string, unknown>>;

  constructor(readonly child: ChildProcess) {
    this.ready = new Promise((resolve, reject) => {
      child.on('message', (message: Record<string, unknown>) => {
        if (message.type === 'ready') return resolve(message);
        const resolveReply = this.waiting.get(message.id as number);
        this.waiting.delete(message.id as number);
        resolveReply?.(message);
      });
      child.once('exit', (code) => reject(new Error(`${path.basename(String(child.spawnargs.at(-1)))} exited with ${code}`)));
    });
  }

  static start(file: string, args: string[], execArgv: string[] = []): ChildLink {
    return new ChildLink(fork(path.join(here, file), args, { execArgv: ['--import', 'tsx', ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  }

  request(command: { type: string } & Record<string, unknown>): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.send({ ...command, id });
    });
  }
}

/** A child's performance.now() minus ours, from the IPC round trip that took least time. */
async function clockOffset(child: ChildLink): Promise<{ offsetMs: number; roundTripMs: number }> {
  let best = { offsetMs: 0, roundTripMs: Infinity };
  for (let i = 0; i < 50; i++) {
    const before = now();
    const reply = await child.request({ type: 'now' });
    const after = now();
    if (after - before < best.roundTripMs) best = { offsetMs: (reply.now as number) - (before + after) / 2, roundTripMs: after - before };
  }
  return best;
}

/** One simulated person: a socket.io connection to the relay, with its answers by request id. */
class Person {
  private static count = 0;
  private readonly id = ++Person.count;
  private asked = 0;
  private readonly waiting = new Map<string, { answer: Answer; cancelOnFirst: boolean; resolve: (answer: Answer) => void }>();

  private constructor(private readonly socket: ClientSocket) {
    socket.on('suggestion-batch', (message) => {
      const entry = this.waiting.get(message.requestId);
      if (!entry) return;
      const at = now();
      entry.answer.firstAt ??= at;
      entry.answer.text += message.text;
      if (entry.cancelOnFirst) {
        entry.answer.cancelledAt = now();
        socket.emit('cancel', { type: 'cancel', requestId: message.requestId });
        this.settle(message.requestId);
      }
    });
    socket.on('suggestion-done', (message) => {
      const entry = this.waiting.get(message.requestId);
      if (!entry) return;
      entry.answer.doneAt = now();
      this.settle(message.requestId);
    });
    socket.on('suggestion-error', (message) => this.settle(message.requestId, `${message.code}: ${message.message}`));
    socket.on('error', (message) => {
      if (message.requestId !== undefined) this.settle(message.requestId, `${message.code}: ${message.message}`);
    });
  }

  static async connect(url: string): Promise<Person> {
    const socket: ClientSocket = connect(url, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], auth: { protocolVersion: PROTOCOL_VERSION }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      socket.once('ai-status', () => resolve());
      socket.once('connect_error', reject);
    });
    return new Person(socket);
  }

  ask(cancelOnFirst = false): Promise<Answer> {
    const requestId = `p${this.id}-${++this.asked}`;
    const message: SuggestMessage = {
      type: 'suggest',
      requestId,
      path: 'src/steps.ts',
      language: 'typescript',
      context: { kind: 'windows', prefix: PREFIX, suffix: SUFFIX },
      trigger: 'auto',
    };
    return new Promise((resolve) => {
      const answer: Answer = { sentAt: now(), text: '' };
      this.waiting.set(requestId, { answer, cancelOnFirst, resolve });
      this.socket.emit('suggest', message);
    });
  }

  close(): void {
    this.socket.disconnect();
  }

  private settle(requestId: string, error?: string): void {
    const entry = this.waiting.get(requestId);
    if (!entry) return;
    this.waiting.delete(requestId);
    if (error !== undefined) entry.answer.error = error;
    entry.resolve(entry.answer);
  }
}

/** The reference: the same upstream through the same adapter, in this process. */
async function askDirect(provider: ModelProvider, cancelOnFirst = false): Promise<Answer> {
  const controller = new AbortController();
  const request: GenerateRequest = {
    prompt: { kind: 'infill', prefix: PREFIX, suffix: SUFFIX, path: 'src/steps.ts' },
    maxTokens: MAX_TOKENS,
    temperature: 0,
    signal: controller.signal,
  };
  const answer: Answer = { sentAt: now(), text: '' };
  try {
    for await (const event of provider.generate(request)) {
      if (event.type === 'done') {
        answer.doneAt = now();
        break;
      }
      answer.firstAt ??= now();
      answer.text += event.text;
      if (cancelOnFirst && answer.cancelledAt === undefined) {
        answer.cancelledAt = now();
        controller.abort();
      }
    }
  } catch (error) {
    answer.error = String(error);
  }
  return answer;
}

/**
 * A second, lower bound of a reference, for the 100-stream scenario only: the same request by a
 * plain streaming fetch with a minimal SSE reader (one JSON.parse per event, no SDK), to show how
 * much of the CPU goes to the adapter rather than to the relay.
 */
async function askPlain(baseURL: string): Promise<Answer> {
  const answer: Answer = { sentAt: now(), text: '' };
  try {
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench-not-a-real-key' },
      body: JSON.stringify({ model: 'scripted-coder', stream: true, max_tokens: MAX_TOKENS, messages: [{ role: 'user', content: `${PREFIX}<cursor>${SUFFIX}` }] }),
    });
    await readPlainSse(response.body!, (content) => {
      answer.firstAt ??= now();
      answer.text += content;
    });
    answer.doneAt = now();
  } catch (error) {
    answer.error = String(error);
  }
  return answer;
}

interface Spread {
  p50: number;
  p99: number;
  max: number;
  n: number;
}

function spread(values: readonly number[]): Spread {
  const round = (value: number) => Math.round(value * 100) / 100;
  if (values.length === 0) return { p50: NaN, p99: NaN, max: NaN, n: 0 };
  return { p50: round(percentile(values, 50)), p99: round(percentile(values, 99)), max: round(Math.max(...values)), n: values.length };
}

function firstTokenMs(answers: readonly Answer[]): number[] {
  return answers.filter((a) => a.firstAt !== undefined).map((a) => a.firstAt! - a.sentAt);
}

/** Tokens a second one stream delivered, from its first text to its end. */
function streamRate(answer: Answer): number | undefined {
  if (answer.firstAt === undefined || answer.doneAt === undefined) return undefined;
  const tokens = answer.text.length / TOKEN_CHARS;
  return ((tokens - 1) * 1000) / (answer.doneAt - answer.firstAt);
}

function failures(answers: readonly Answer[], expectedText?: string): string[] {
  const problems: string[] = [];
  for (const answer of answers) {
    if (answer.error !== undefined) problems.push(answer.error);
    else if (expectedText !== undefined && answer.text !== expectedText) problems.push(`text of ${answer.text.length} chars, expected ${expectedText.length}`);
  }
  return problems;
}

/** What every scenario uses: the processes, the people, the reference, the aligned clock. */
interface Bench {
  direct: ModelProvider;
  upstreamBaseURL: string;
  people: Person[];
  setAnswer(answer: ScriptedResponseInput): Promise<unknown>;
  records(): Promise<UpstreamRecord[]>;
  /** An upstream time in this process's clock. */
  toLocal(upstreamTime: number): number;
  /** With RELAY_BENCH_TRACE=1: the relay's calls of its provider since the last reset, times in this process's clock. */
  relayTraces(): Promise<RelayTrace[] | undefined>;
  resetRelayTraces(): Promise<unknown>;
  /** CPU time so far of each process (ms). */
  cpuMs(): CpuMs;
  problems: string[];
}

interface CpuMs {
  upstream: number;
  relay: number;
  /** The relay process's main thread alone (socket.io, prompts, budgets, batching; the adapter too with 0 threads). */
  relayMain: number;
  bench: number;
}

/** utime + stime of another process, in ms (Linux: /proc, ticks of 10 ms). */
function processCpuMs(pid: number, tid?: number): number {
  const fields = readFileSync(tid === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** One row of the summary: first-token latency and throughput of one scenario. */
interface ScenarioResult {
  firstTokenMs: { direct: Spread; relay: Spread; addedP50: number; addedP99: number };
  tokensPerSecondPerStream: { scripted: number; direct: Spread; relay: Spread; ratioP50: number };
  aggregateTokensPerSecond?: { direct: number; relay: number; ratio: number };
  /** CPU each process spent in each path's phase: where two cores went. */
  cpuMs?: { direct: CpuMs; relay: CpuMs; plainFetch: CpuMs };
  /** The same load read by a plain streaming fetch instead of the adapter (not a target, a lower bound). */
  plainFetch?: { firstTokenMs: Spread; aggregateTokensPerSecond: number };
  /**
   * CPU per token delivered, upstream left out (it is the same for every path): direct = this
   * process; relay = the relay process plus the clients in this process. On a machine shared
   * with other work this is steadier than any time figure.
   */
  cpuMicrosecondsPerToken?: { direct: number; relay: number; plainFetch: number };
  legsMs?: unknown;
}

function compareFirstTokens(direct: readonly Answer[], relay: readonly Answer[]): ScenarioResult['firstTokenMs'] {
  const d = spread(firstTokenMs(direct));
  const r = spread(firstTokenMs(relay));
  return { direct: d, relay: r, addedP50: round2(r.p50 - d.p50), addedP99: round2(r.p99 - d.p99) };
}

function compareRates(rate: number, direct: readonly Answer[], relay: readonly Answer[]): ScenarioResult['tokensPerSecondPerStream'] {
  const d = spread(direct.map(streamRate).filter((r) => r !== undefined));
  const r = spread(relay.map(streamRate).filter((r) => r !== undefined));
  return { scripted: rate, direct: d, relay: r, ratioP50: round4(r.p50 / d.p50) };
}

/**
 * The upstream's records of alternating trials (direct, relay, direct, …), matched by position,
 * which holds only if every trial reached the upstream exactly once; otherwise none are used.
 */
function pairedRecords(records: UpstreamRecord[], trials: number, scenario: string, problems: string[]): UpstreamRecord[] {
  if (records.length === 2 * trials) return records;
  problems.push(`${scenario}: the upstream saw ${records.length} requests for ${2 * trials} trials; its times are left out`);
  return [];
}

/** 1 stream: paced first-token trials (direct and relay alternate), then 2-second streams for throughput. */
async function singleStream(bench: Bench, rate: number): Promise<ScenarioResult> {
  const one = bench.people[0]!;
  const short = scriptedTokens(SHORT_ANSWER_TOKENS);
  await bench.setAnswer({ tokens: short, tokensPerSecond: rate, chunkTokens: CHUNK_TOKENS });
  for (let i = 0; i < WARMUP_TRIALS; i++) {
    await askDirect(bench.direct);
    await one.ask();
  }
  await bench.setAnswer({ tokens: short, tokensPerSecond: rate, chunkTokens: CHUNK_TOKENS });
  await bench.resetRelayTraces();
  const directTrials: Answer[] = [];
  const relayTrials: Answer[] = [];
  for (let i = 0; i < TTFT_TRIALS; i++) {
    let started = now();
    directTrials.push(await askDirect(bench.direct));
    await sleep(started + TRIAL_GAP_MS - now());
    started = now();
    relayTrials.push(await one.ask());
    await sleep(started + TRIAL_GAP_MS - now());
  }
  const seen = pairedRecords(await bench.records(), TTFT_TRIALS, `1 stream at ${rate}/s`, bench.problems);
  bench.problems.push(...failures([...directTrials, ...relayTrials], short.join('')).map((p) => `1 stream at ${rate}/s: ${p}`));
  // Where the time goes, per path: to the upstream, and from the upstream's first token back to the client.
  const legs = (trials: Answer[], offset: number) => {
    const request: number[] = [];
    const back: number[] = [];
    trials.forEach((trial, i) => {
      const record = seen[2 * i + offset];
      if (!record || record.firstTokenAt === undefined || trial.firstAt === undefined) return;
      request.push(bench.toLocal(record.receivedAt) - trial.sentAt);
      back.push(trial.firstAt - bench.toLocal(record.firstTokenAt));
    });
    return { toUpstream: spread(request), upstreamFirstTokenToClient: spread(back) };
  };
  // With traces: the relay trial's time split at the relay process.
  const traces = await bench.relayTraces();
  let relaySplitMs: Record<string, Spread> | undefined;
  if (traces && traces.length === TTFT_TRIALS && seen.length > 0) {
    const split = { clientToRelayCall: [] as number[], relayCallToUpstream: [] as number[], upstreamFirstTokenToRelay: [] as number[], relayToClient: [] as number[] };
    relayTrials.forEach((trial, i) => {
      const trace = traces[i]!;
      const record = seen[2 * i + 1]!;
      if (trace.firstTextAt === undefined || record.firstTokenAt === undefined || trial.firstAt === undefined) return;
      split.clientToRelayCall.push(trace.calledAt - trial.sentAt);
      split.relayCallToUpstream.push(bench.toLocal(record.receivedAt) - trace.calledAt);
      split.upstreamFirstTokenToRelay.push(trace.firstTextAt - bench.toLocal(record.firstTokenAt));
      split.relayToClient.push(trial.firstAt - trace.firstTextAt);
    });
    relaySplitMs = Object.fromEntries(Object.entries(split).map(([name, values]) => [name, spread(values)]));
  }

  const long = scriptedTokens(rate * 2);
  await bench.setAnswer({ tokens: long, tokensPerSecond: rate, chunkTokens: CHUNK_TOKENS });
  const directRuns: Answer[] = [];
  const relayRuns: Answer[] = [];
  for (let i = 0; i < THROUGHPUT_RUNS; i++) {
    directRuns.push(await askDirect(bench.direct));
    relayRuns.push(await one.ask());
  }
  bench.problems.push(...failures([...directRuns, ...relayRuns], long.join('')).map((p) => `1 stream throughput at ${rate}/s: ${p}`));
  return {
    firstTokenMs: compareFirstTokens(directTrials, relayTrials),
    legsMs: { direct: legs(directTrials, 0), relay: legs(relayTrials, 1), ...(relaySplitMs ? { relaySplit: relaySplitMs } : {}) },
    tokensPerSecondPerStream: compareRates(rate, directRuns, relayRuns),
  };
}

/** 100 people, one connection each, starts staggered over a second, CONCURRENT_ROUNDS answers of CONCURRENT_ANSWER_SECONDS each. */
async function concurrentStreams(bench: Bench, rate: number): Promise<ScenarioResult> {
  const answer = scriptedTokens(rate * CONCURRENT_ANSWER_SECONDS);
  await bench.setAnswer({ tokens: answer, tokensPerSecond: rate, chunkTokens: CHUNK_TOKENS });
  const run = async (ask: (person: Person) => Promise<Answer>) => {
    const cpuBefore = bench.cpuMs();
    const started = now();
    const answers = await Promise.all(
      bench.people.map(async (person, i) => {
        await sleep((i * 1000) / bench.people.length);
        const mine: Answer[] = [];
        for (let round = 0; round < CONCURRENT_ROUNDS; round++) mine.push(await ask(person));
        return mine;
      }),
    );
    const all = answers.flat();
    const tokens = all.reduce((sum, a) => sum + a.text.length / TOKEN_CHARS, 0);
    const aggregate = Math.round(tokens / ((now() - started) / 1000));
    const cpuAfter = bench.cpuMs();
    const cpu: CpuMs = {
      upstream: cpuAfter.upstream - cpuBefore.upstream,
      relay: cpuAfter.relay - cpuBefore.relay,
      relayMain: cpuAfter.relayMain - cpuBefore.relayMain,
      bench: Math.round(cpuAfter.bench - cpuBefore.bench),
    };
    const perToken = Math.round(((cpu.relay + cpu.bench) * 1000 * 10) / tokens) / 10;
    return { answers: all, aggregate, cpu, perToken };
  };
  const direct = await run(() => askDirect(bench.direct));
  const relay = await run((person) => person.ask());
  const plain = await run(() => askPlain(bench.upstreamBaseURL));
  bench.problems.push(...failures([...direct.answers, ...relay.answers, ...plain.answers], answer.join('')).map((p) => `${bench.people.length} streams at ${rate}/s: ${p}`));
  return {
    firstTokenMs: compareFirstTokens(direct.answers, relay.answers),
    tokensPerSecondPerStream: compareRates(rate, direct.answers, relay.answers),
    aggregateTokensPerSecond: { direct: direct.aggregate, relay: relay.aggregate, ratio: round4(relay.aggregate / direct.aggregate) },
    cpuMs: { direct: direct.cpu, relay: relay.cpu, plainFetch: plain.cpu },
    plainFetch: { firstTokenMs: spread(firstTokenMs(plain.answers)), aggregateTokensPerSecond: plain.aggregate },
    cpuMicrosecondsPerToken: { direct: direct.perToken, relay: relay.perToken, plainFetch: plain.perToken },
  };
}

/** Cancel on the first text of a 1,000 tokens/s stream; the upstream records when its connection went. */
async function cancelToAbort(bench: Bench) {
  const one = bench.people[0]!;
  await bench.setAnswer({ tokens: scriptedTokens(MAX_TOKENS), tokensPerSecond: 1000, chunkTokens: CHUNK_TOKENS });
  await bench.resetRelayTraces();
  const directCancels: Answer[] = [];
  const relayCancels: Answer[] = [];
  for (let i = 0; i < CANCEL_TRIALS; i++) {
    let started = now();
    directCancels.push(await askDirect(bench.direct, true));
    await sleep(started + TRIAL_GAP_MS - now());
    started = now();
    relayCancels.push(await one.ask(true));
    await sleep(started + TRIAL_GAP_MS - now());
  }
  await sleep(100);
  const seen = pairedRecords(await bench.records(), CANCEL_TRIALS, 'cancel', bench.problems);
  const delays = (trials: Answer[], offset: number) => {
    const values: number[] = [];
    let missing = 0;
    trials.forEach((trial, i) => {
      const record = seen[2 * i + offset];
      if (record?.abortedAt === undefined || trial.cancelledAt === undefined) missing++;
      else values.push(bench.toLocal(record.abortedAt) - trial.cancelledAt);
    });
    return { ...spread(values), missing };
  };
  bench.problems.push(...failures([...directCancels, ...relayCancels]).map((p) => `cancel: ${p}`));
  const direct = delays(directCancels, 0);
  const relay = delays(relayCancels, 1);
  // With traces: client cancel → the relay's abort, and the relay's abort → the upstream seeing it.
  const traces = await bench.relayTraces();
  let relaySplit: Record<string, Spread> | undefined;
  if (traces && traces.length === CANCEL_TRIALS && seen.length > 0) {
    const toRelay: number[] = [];
    const toUpstream: number[] = [];
    relayCancels.forEach((trial, i) => {
      const aborted = traces[i]!.abortedAt;
      const record = seen[2 * i + 1]!;
      if (aborted === undefined || trial.cancelledAt === undefined || record.abortedAt === undefined) return;
      toRelay.push(aborted - trial.cancelledAt);
      toUpstream.push(bench.toLocal(record.abortedAt) - aborted);
    });
    relaySplit = { clientCancelToRelayAbort: spread(toRelay), relayAbortToUpstream: spread(toUpstream) };
  }
  return { direct, relay, addedP50: round2(relay.p50 - direct.p50), addedP99: round2(relay.p99 - direct.p99), ...(relaySplit ? { relaySplit } : {}) };
}

async function main(): Promise<void> {
  const loadAtStart = os.loadavg()[0] ?? 0;
  const upstream = ChildLink.start('relayBenchUpstream.ts', []);
  const { baseURL } = (await upstream.ready) as { baseURL: string };
  pin(upstream.child.pid, PINS.upstream);
  pin(process.pid, PINS.client);
  const profileDir = process.env.RELAY_BENCH_PROFILE;
  const relayProcess = ChildLink.start('relayBenchServer.ts', [baseURL, String(RELAY_THREADS)], profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []);
  const { url } = (await relayProcess.ready) as { url: string };
  pin(relayProcess.child.pid, PINS.relay);
  const providers = await createLaneProviders(relayBenchLanes(baseURL));
  const clock = await clockOffset(upstream);
  const relayClock = await clockOffset(relayProcess);
  const bench: Bench = {
    direct: providers.fast!,
    upstreamBaseURL: baseURL,
    people: await Promise.all(Array.from({ length: CONCURRENT_STREAMS }, () => Person.connect(url))),
    setAnswer: (answer) => upstream.request({ type: 'answer', answer }),
    records: async () => (await upstream.request({ type: 'records' })).records as UpstreamRecord[],
    toLocal: (upstreamTime) => upstreamTime - clock.offsetMs,
    relayTraces: async () => {
      if (!TRACE) return undefined;
      const traces = (await relayProcess.request({ type: 'traces' })).traces as RelayTrace[];
      const local = (time: number | undefined) => (time === undefined ? undefined : time - relayClock.offsetMs);
      return traces.map((t) => ({ calledAt: local(t.calledAt)!, firstTextAt: local(t.firstTextAt), abortedAt: local(t.abortedAt) }));
    },
    resetRelayTraces: () => relayProcess.request({ type: 'reset' }),
    cpuMs: () => {
      const own = process.cpuUsage();
      const relayPid = relayProcess.child.pid!;
      return { upstream: processCpuMs(upstream.child.pid!), relay: processCpuMs(relayPid), relayMain: processCpuMs(relayPid, relayPid), bench: (own.user + own.system) / 1000 };
    },
    problems: [],
  };

  const scenarios: Record<string, ScenarioResult> = {};
  for (const rate of RATES) {
    for (const [kind, name, measure] of [
      ['single', `1 stream at ${rate}/s`, singleStream],
      ['concurrent', `${CONCURRENT_STREAMS} streams at ${rate}/s`, concurrentStreams],
    ] as const) {
      if (!ONLY.has(kind)) continue;
      const started = now();
      scenarios[name] = await measure(bench, rate);
      // Progress on stderr: a long run under load still shows where it is.
      console.error(`${name}: done in ${((now() - started) / 1000).toFixed(1)} s, 1-min load ${os.loadavg()[0]?.toFixed(2)}`);
    }
  }
  const cancel = ONLY.has('cancel') ? await cancelToAbort(bench) : undefined;

  for (const person of bench.people) person.close();
  relayProcess.child.disconnect();
  await upstream.request({ type: 'close' });
  await providers.close();
  const loadAtEnd = os.loadavg()[0] ?? 0;

  const results = Object.values(scenarios);
  // A target a narrowed run did not measure has no verdict (pass: null) and fails the run's overall pass.
  const measured = results.length > 0;
  const worstAddedP50 = measured ? Math.max(...results.map((s) => s.firstTokenMs.addedP50)) : null;
  const worstAddedP99 = measured ? Math.max(...results.map((s) => s.firstTokenMs.addedP99)) : null;
  const worstRatio = measured ? Math.min(...results.flatMap((s) => [s.tokensPerSecondPerStream.ratioP50, s.aggregateTokensPerSecond?.ratio ?? Infinity])) : null;
  const verdict = (worst: number | null, ok: (value: number) => boolean) => (worst === null ? null : ok(worst));
  const targets = {
    addedFirstTokenP50Ms: { limit: TARGETS.addedFirstTokenP50Ms, worst: worstAddedP50, pass: verdict(worstAddedP50, (v) => v < TARGETS.addedFirstTokenP50Ms) },
    addedFirstTokenP99Ms: { limit: TARGETS.addedFirstTokenP99Ms, worst: worstAddedP99, pass: verdict(worstAddedP99, (v) => v < TARGETS.addedFirstTokenP99Ms) },
    throughputRatio: { limit: TARGETS.throughputRatio, worst: worstRatio, pass: verdict(worstRatio, (v) => v >= TARGETS.throughputRatio) },
    cancelToAbortP99Ms: {
      limit: TARGETS.cancelToAbortP99Ms,
      worst: cancel?.relay.p99 ?? null,
      pass: cancel === undefined ? null : cancel.relay.p99 < TARGETS.cancelToAbortP99Ms && cancel.relay.missing === 0,
    },
  };

  const header = ['scenario', 'first token direct p50/p99 ms', 'relay p50/p99 ms', 'added p50/p99 ms', 'tok/s per stream direct/relay (ratio)', 'aggregate tok/s direct/relay (ratio)'];
  const rows = Object.entries(scenarios).map(([name, s]) => [
    name,
    `${s.firstTokenMs.direct.p50} / ${s.firstTokenMs.direct.p99}`,
    `${s.firstTokenMs.relay.p50} / ${s.firstTokenMs.relay.p99}`,
    `${s.firstTokenMs.addedP50} / ${s.firstTokenMs.addedP99}`,
    `${Math.round(s.tokensPerSecondPerStream.direct.p50)} / ${Math.round(s.tokensPerSecondPerStream.relay.p50)} (${s.tokensPerSecondPerStream.ratioP50})`,
    s.aggregateTokensPerSecond ? `${s.aggregateTokensPerSecond.direct} / ${s.aggregateTokensPerSecond.relay} (${s.aggregateTokensPerSecond.ratio})` : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ');
  const pins = Object.entries(PINS).filter(([, cpus]) => cpus).map(([who, cpus]) => `${who} on CPUs ${cpus}`).join(', ');
  console.log(`relay bench: ${CHUNK_TOKENS} token(s) per SSE event; relay adapter on ${RELAY_THREADS} thread(s); ${pins ? `${pins}; ` : ''}${os.availableParallelism()} cores, 1-min load ${loadAtStart.toFixed(2)} → ${loadAtEnd.toFixed(2)}; upstream clock aligned within ±${(clock.roundTripMs / 2).toFixed(3)} ms`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
  for (const [name, s] of Object.entries(scenarios)) {
    const legs = s.legsMs as { relaySplit?: unknown } | undefined;
    if (legs?.relaySplit) console.log(`${name}, relay split: ${JSON.stringify(legs.relaySplit)}`);
    if (!s.cpuMs) continue;
    const cpu = (c: CpuMs) => `upstream ${c.upstream}, relay ${c.relay} (main thread ${c.relayMain}), bench ${c.bench}`;
    console.log(`CPU ms, ${name}: direct phase ${cpu(s.cpuMs.direct)}; relay phase ${cpu(s.cpuMs.relay)}; plain fetch phase ${cpu(s.cpuMs.plainFetch)}`);
    if (s.plainFetch) console.log(`  plain fetch, no SDK: first token p50/p99 ${s.plainFetch.firstTokenMs.p50} / ${s.plainFetch.firstTokenMs.p99} ms, aggregate ${s.plainFetch.aggregateTokensPerSecond} tok/s`);
    const perToken = s.cpuMicrosecondsPerToken;
    if (perToken) console.log(`  CPU µs per token (upstream left out): direct ${perToken.direct}, relay ${perToken.relay}, plain fetch ${perToken.plainFetch}`);
  }
  if (cancel) {
    console.log(`cancel → upstream abort ms: direct p50 ${cancel.direct.p50} p99 ${cancel.direct.p99}; relay p50 ${cancel.relay.p50} p99 ${cancel.relay.p99} max ${cancel.relay.max} (missing ${cancel.relay.missing})`);
    if (cancel.relaySplit) console.log(`  relay split: ${JSON.stringify(cancel.relaySplit)}`);
  }
  for (const [name, target] of Object.entries(targets)) console.log(`${target.pass === null ? 'NOT MEASURED' : target.pass ? 'PASS' : 'FAIL'} ${name}: worst ${target.worst} (limit ${target.limit})`);
  if (bench.problems.length > 0) console.log(`problems (${bench.problems.length}): ${[...new Set(bench.problems)].slice(0, 10).join('; ')}`);

  console.log(
    JSON.stringify({
      bench: 'relay',
      cores: os.availableParallelism(),
      loadAverage1m: { start: round2(loadAtStart), end: round2(loadAtEnd) },
      layout: 'upstream and relay in child processes; clients and the direct reference in the bench process',
      reference: "openai-chat adapter (the relay's own) called in the bench process",
      clockAlignmentMs: round4(clock.roundTripMs / 2),
      tokensPerEvent: CHUNK_TOKENS,
      relayThreads: RELAY_THREADS,
      cpuPins: Object.fromEntries(Object.entries(PINS).filter(([, cpus]) => cpus)),
      trials: TRIALS,
      scenarios,
      cancelToAbortMs: cancel,
      targets,
      problems: bench.problems.length,
      pass: Object.values(targets).every((t) => t.pass === true) && bench.problems.length === 0,
    }),
  );
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function round4(value: number): number {
  return Math.round(value * 10000) / 10000;
}

await main();
