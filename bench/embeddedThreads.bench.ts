/**
 * Embedded model throughput by thread count: greedy tokens per second through node-llama-cpp on
 * the generated tiny GGUF (or on the GGUF given as the first argument), for threads 1, 2 and
 * node-llama-cpp's own default. It explains EMBEDDED_DEFAULT_THREADS.
 *
 *   npx tsx bench/embeddedThreads.bench.ts [model.gguf]
 *
 * Each setting runs RUNS times for TOKENS tokens, each run cut off after RUN_LIMIT_MS (a run
 * that is cut off still counts the tokens it made in that time). Prints the load average too:
 * on a shared 2-core machine the figures depend on it. The last line is one JSON object.
 */
import os from 'node:os';
import path from 'node:path';
import { getLlama, LlamaCompletion, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import { writeTinyGguf } from '../server/testing/tinyGguf/writeTinyGguf.ts';
import { percentile } from './percentile.ts';

const RUNS = 3;
const TOKENS = 200;
const RUN_LIMIT_MS = 15_000;

async function tokensPerSecond(llama: Llama, modelPath: string, threads: number | undefined): Promise<number[]> {
  const model = await llama.loadModel({ modelPath, gpuLayers: 0 });
  const context = await model.createContext({ contextSize: 1024, ...(threads === undefined ? {} : { threads }) });
  const rates: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const sequence = context.getSequence();
      const completion = new LlamaCompletion({ contextSequence: sequence });
      let tokens = 0;
      const started = performance.now();
      await completion.generateCompletion('export function add(a: number, b: number) {\n', {
        maxTokens: TOKENS,
        temperature: 0,
        signal: AbortSignal.timeout(RUN_LIMIT_MS),
        stopOnAbortSignal: true,
        onToken: (chunk) => {
          tokens += chunk.length;
        },
      });
      rates.push((tokens / (performance.now() - started)) * 1000);
      await sequence.dispose();
    }
  } finally {
    await context.dispose();
    await model.dispose();
  }
  return rates;
}

const modelPath = process.argv[2] ?? (await writeTinyGguf(path.join(os.tmpdir(), 'pairlane-bench-tiny', 'tiny.gguf')));
const quiet = { gpu: false, build: 'never', skipDownload: true, progressLogs: false, logLevel: LlamaLogLevel.error } as const;
// The default row uses node-llama-cpp's defaults throughout (its maxThreads cap included); the
// numbered rows lift the cap so the context's thread count is the one used, as the provider does.
const defaults = await getLlama(quiet);
const uncapped = await getLlama({ ...quiet, maxThreads: 0 });
console.log(`model ${path.basename(modelPath)}; cores ${os.availableParallelism()}; default maxThreads ${defaults.maxThreads}`);

const results: Record<string, { p50: number; runs: number[]; loadAverage: number }> = {};
for (const [label, llama, threads] of [
  ['threads 1', uncapped, 1],
  ['threads 2', uncapped, 2],
  [`default (${defaults.maxThreads})`, defaults, undefined],
] as const) {
  const loadAverage = os.loadavg()[0] ?? 0;
  const runs = await tokensPerSecond(llama, modelPath, threads);
  const p50 = percentile(runs, 50);
  results[label] = { p50: Math.round(p50), runs: runs.map(Math.round), loadAverage: Math.round(loadAverage * 100) / 100 };
  console.log(`${label.padEnd(14)} ${Math.round(p50).toString().padStart(6)} tok/s (runs ${runs.map(Math.round).join(', ')}; 1-min load ${loadAverage.toFixed(2)})`);
}
await defaults.dispose();
await uncapped.dispose();
console.log(JSON.stringify({ model: path.basename(modelPath), tokens: TOKENS, results }));
