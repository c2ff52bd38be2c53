/**
 * Measures what the scripted model server sustains: N concurrent streams, each scripted at a
 * token rate, read by plain HTTP clients in this process while the server runs in its own
 * process (its CPU time read from /proc). Prints figures; passes or fails nothing.
 *
 *   tsx server/testing/scriptedModelServer/measureThroughput.ts [--streams 100] [--rate 5000] [--tokens 5000] [--chunk 1] [--route chat]
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: {
    streams: { type: 'string', default: '100' },
    rate: { type: 'string', default: '5000' },
    tokens: { type: 'string', default: '5000' },
    chunk: { type: 'string', default: '1' },
    route: { type: 'string', default: 'chat' },
  },
});
const streams = Number(values.streams);
const rate = Number(values.rate);
const tokens = Number(values.tokens);
const chunk = Number(values.chunk);
const path = values.route === 'responses' ? '/v1/responses' : values.route === 'infill' ? '/infill' : '/v1/chat/completions';

const dir = mkdtempSync(join(tmpdir(), 'pairlane-throughput-'));
const scriptPath = join(dir, 'script.json');
writeFileSync(scriptPath, JSON.stringify({ fallback: { tokens: Array.from({ length: tokens }, (_, i) => ` t${i % 100}`), tokensPerSecond: rate, chunkTokens: chunk } }));

const main = join(fileURLToPath(new URL('.', import.meta.url)), 'main.ts');
const child = spawn(process.execPath, ['--import', 'tsx', main, '--port', '0', '--script', scriptPath, '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise<string>((resolve, reject) => {
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    const match = /listening on (\S+)/.exec(text);
    if (match?.[1]) resolve(match[1]);
  });
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});

/** utime + stime of the server process, in ms. */
function serverCpuMs(): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** One stream read with node:http and counted by bytes, so the client costs as little as it can. */
function stream(): Promise<{ ms: number; firstMs: number; events: number }> {
  const started = performance.now();
  const body = JSON.stringify(path === '/infill' ? { input_prefix: 'a', input_suffix: 'b', stream: true } : { model: 'm', messages: [{ role: 'user', content: 'x' }], input: 'x', stream: true });
  return new Promise((resolve, reject) => {
    const req = http.request(url + path, { method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
      let events = 0;
      let firstMs = -1;
      res.on('data', (chunk: Buffer) => {
        if (firstMs < 0) firstMs = performance.now() - started;
        // "\n\n" ends each SSE event.
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) if (chunk[at + 1] === 10) events++;
      });
      res.on('end', () => resolve({ ms: performance.now() - started, firstMs, events }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: streams });
const cpuBefore = serverCpuMs();
const started = performance.now();
const results = await Promise.all(Array.from({ length: streams }, () => stream()));
const wall = performance.now() - started;
const cpu = serverCpuMs() - cpuBefore;
child.kill('SIGTERM');

const durations = results.map((r) => r.ms).sort((a, b) => a - b);
const ideal = (tokens / rate) * 1000;
const median = durations[Math.floor(durations.length / 2)] ?? 0;
const p95 = durations[Math.floor(durations.length * 0.95)] ?? 0;
console.log(
  JSON.stringify(
    {
      streams,
      tokensPerStream: tokens,
      scriptedRatePerStream: rate,
      chunkTokens: chunk,
      route: values.route,
      idealStreamMs: Math.round(ideal),
      medianStreamMs: Math.round(median),
      p95StreamMs: Math.round(p95),
      achievedTokensPerSecondPerStream: Math.round(tokens / (median / 1000)),
      aggregateTokensPerSecond: Math.round((streams * tokens) / (wall / 1000)),
      eventsReceived: results.reduce((sum, r) => sum + r.events, 0),
      serverCpuMs: Math.round(cpu),
      serverCpuShareOfOneCore: Number((cpu / wall).toFixed(2)),
    },
    null,
    2,
  ),
);
