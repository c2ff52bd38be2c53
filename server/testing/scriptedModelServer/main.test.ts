import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('./main.ts', import.meta.url));
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pairlane-scripted-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function start(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', main, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
  child.stderr.setEncoding('utf8').on('data', (text: string) => (err += text));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    void exited.then((code) => reject(new Error(`exited with ${code}: ${err}`)));
  });
  // A server that refuses its script never listens: that rejection is the test's to read or ignore.
  listening.catch(() => {});
  return { child, listening, exited, output: () => out, errors: () => err };
}

describe('scripted model server CLI', () => {
  it('serves the script file on the given port, logs each request, and stops on SIGTERM', async () => {
    const script = join(dir, 'script.json');
    await writeFile(script, JSON.stringify({ responses: [{ text: 'from the file' }], fallback: { text: 'fallback' } }));
    const server = start(['--port', '0', '--script', script]);
    const url = await server.listening;
    const ask = async () => {
      const res = await fetch(`${url}/v1/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'm', prompt: 'x' }) });
      return ((await res.json()) as { choices: { text: string }[] }).choices[0]?.text;
    };
    expect(await ask()).toBe('from the file');
    expect(await ask()).toBe('fallback');
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('#1 http /v1/completions → completed');
  });

  it('refuses a script that does not fit the schema, saying where', async () => {
    const script = join(dir, 'bad.json');
    await writeFile(script, JSON.stringify({ responses: [{ tokensPerSecond: -5 }] }));
    const server = start(['--script', script]);
    expect(await server.exited).toBe(2);
    expect(server.errors()).toMatch(/responses\.0\.tokensPerSecond/);
  });
});
