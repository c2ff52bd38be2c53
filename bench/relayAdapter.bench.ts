/**
 * The fast lane's adapter alone (`npx tsx bench/relayAdapter.bench.ts`): CPU per token of the
 * openai-chat adapter reading 100 concurrent streams, beside the OpenAI SDK's own stream iterator
 * (what the adapter used to read with) and a plain streaming fetch with a minimal SSE reader, all
 * in this process against the scripted upstream in a child process (its CPU is left out).
 *
 * RELAY_BENCH_RATES=1000,5000 (tokens/s per stream), RELAY_BENCH_CHUNK_TOKENS (tokens per SSE
 * event), RELAY_ADAPTER_BENCH_STREAMS (default 100) and _ROUNDS (default 2), RELAY_ADAPTER_BENCH_ONLY=adapter
 * (or SDK, plain) to run one reader, e.g. under --cpu-prof.
 */
import { fork } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOpenAIClient } from '../server/providers/openai/createOpenAIClient.ts';
import { OpenAIChatProvider } from '../server/providers/openai/OpenAIChatProvider.ts';
import { readPlainSse } from './readPlainSse.ts';
import type { UpstreamCommand } from './relayBenchUpstream.ts';

const ONLY = process.env.RELAY_ADAPTER_BENCH_ONLY;
const RATES = (process.env.RELAY_BENCH_RATES ?? '1000,5000').split(',').map(Number);
const CHUNK_TOKENS = Number(process.env.RELAY_BENCH_CHUNK_TOKENS ?? '1');
const STREAMS = Number(process.env.RELAY_ADAPTER_BENCH_STREAMS ?? '100');
const ROUNDS = Number(process.env.RELAY_ADAPTER_BENCH_ROUNDS ?? '2');
const ANSWER_SECONDS = 0.5;
const MODEL = 'scripted-coder';
const here = path.dirname(fileURLToPath(import.meta.url));

const upstream = fork(path.join(here, 'relayBenchUpstream.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
let nextId = 1;
const replies = new Map<number, () => void>();
const ready = new Promise<string>((resolve) => {
  upstream.on('message', (message: { type?: string; id?: number; baseURL?: string }) => {
    if (message.type === 'ready') resolve(message.baseURL!);
    else if (message.id !== undefined) replies.get(message.id)?.();
  });
});
/** A command without its id, kept as a union (a plain Omit would keep only the members' common keys). */
type UpstreamAsk = UpstreamCommand extends infer C ? (C extends UpstreamCommand ? Omit<C, 'id'> : never) : never;
const ask = (command: UpstreamAsk) =>
  new Promise<void>((resolve) => {
    const id = nextId++;
    replies.set(id, resolve);
    upstream.send({ ...command, id });
  });

const messages = [{ role: 'user' as const, content: 'Continue the code.' }];

/** Reads one answer; returns the characters of text it got. */
type Reader = (baseURL: string) => Promise<number>;

const readers: Record<string, (baseURL: string) => Reader> = {
  'adapter (openai-chat)': (baseURL) => {
    const provider = new OpenAIChatProvider({ baseURL, model: MODEL, apiKey: 'sk-bench-not-a-real-key' });
    return async () => {
      let chars = 0;
      for await (const event of provider.generate({ prompt: { kind: 'chat', messages }, maxTokens: 20000, signal: new AbortController().signal })) {
        if (event.type === 'text') chars += event.text.length;
      }
      return chars;
    };
  },
  'SDK stream iterator': (baseURL) => {
    const client = createOpenAIClient({ baseURL, apiKey: 'sk-bench-not-a-real-key' });
    return async () => {
      let chars = 0;
      const stream = await client.chat.completions.create({ model: MODEL, messages, max_tokens: 20000, stream: true, stream_options: { include_usage: true } });
      for await (const chunk of stream) chars += chunk.choices[0]?.delta?.content?.length ?? 0;
      return chars;
    };
  },
  'plain fetch + minimal SSE': (baseURL) => async () => {
    let chars = 0;
    // A keep-alive socket the upstream has just closed fails the request: counted as missing tokens, as the adapter's would be.
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench-not-a-real-key' },
      body: JSON.stringify({ model: MODEL, stream: true, max_tokens: 20000, messages }),
    });
    await readPlainSse(response.body!, (content) => (chars += content.length));
    return chars;
  },
};

const baseURL = await ready;
console.log(`adapter bench: ${STREAMS} streams × ${ROUNDS} rounds, ${CHUNK_TOKENS} token(s) per SSE event, ${os.availableParallelism()} cores, 1-min load ${os.loadavg()[0]!.toFixed(2)}`);
for (const rate of RATES) {
  const tokens = Array.from({ length: rate * ANSWER_SECONDS }, (_, i) => ` t${(i % 90) + 10}`);
  await ask({ type: 'answer', answer: { tokens, tokensPerSecond: rate, chunkTokens: CHUNK_TOKENS } });
  for (const [name, make] of Object.entries(readers)) {
    if (ONLY !== undefined && !name.startsWith(ONLY)) continue;
    const read = make(baseURL);
    await read(baseURL); // warm-up: connections, JIT
    const cpu = process.cpuUsage();
    const started = performance.now();
    const chars = await Promise.all(
      Array.from({ length: STREAMS }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i / STREAMS) * 1000));
        let total = 0;
        for (let round = 0; round < ROUNDS; round++) total += await read(baseURL).catch(() => 0);
        return total;
      }),
    );
    const used = process.cpuUsage(cpu);
    const tokenCount = chars.reduce((a, b) => a + b, 0) / 4;
    const expected = STREAMS * ROUNDS * tokens.length;
    console.log(
      `${rate}/s ${name.padEnd(26)} ${(((used.user + used.system) / tokenCount) || 0).toFixed(2).padStart(6)} µs CPU per token, ${tokenCount}/${expected} tokens, ${((performance.now() - started) / 1000).toFixed(1)} s, load ${os.loadavg()[0]!.toFixed(2)}`,
    );
  }
}
await ask({ type: 'close' });
// The clients' keep-alive sockets would hold the process open.
process.exit(0);
