import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_CSP } from '../shared/sandboxCsp.ts';

// The real entry point as a child process: what `npm start` runs, signals and all.
let clientDir: string;
// Rooms are stored in a data folder of the test's own, never in ./data.
let dataDir: string;

beforeAll(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairlane-main-data-'));
  clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairlane-client-'));
  fs.mkdirSync(path.join(clientDir, 'assets'));
  fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Pairlane</title>');
  fs.writeFileSync(path.join(clientDir, 'sandbox.html'), '<!doctype html><title>sandbox</title>');
  fs.writeFileSync(path.join(clientDir, 'assets', 'app-abc123.js'), 'console.log(1)');
});
afterAll(() => {
  fs.rmSync(clientDir, { recursive: true, force: true });
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function start() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PAIRLANE_PORT: '0', PAIRLANE_HOST: '127.0.0.1', PAIRLANE_CLIENT_DIR: clientDir, PAIRLANE_DATA_DIR: dataDir, DATABASE_URL: '', PAIRLANE_SECRET: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /running at (http:\/\/\S+?)\/?$/m.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, url, exited, output: () => out };
}

describe('server/main', () => {
  it('serves the client cross-origin isolated, the sandbox with its CSP, and stops cleanly on SIGTERM', async () => {
    const server = start();
    const url = await server.url;

    const index = await fetch(`${url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(index.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(index.headers.get('cache-control')).toBe('no-cache');

    const sandbox = await fetch(`${url}/sandbox.html`);
    expect(sandbox.headers.get('content-security-policy')).toBe(SANDBOX_CSP);
    expect(index.headers.get('content-security-policy')).toBeNull();

    const asset = await fetch(`${url}/assets/app-abc123.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(asset.headers.get('access-control-allow-origin')).toBe('*');
    expect(asset.headers.get('cross-origin-resource-policy')).toBe('cross-origin');

    expect((await fetch(`${url}/nope.js`)).status).toBe(404);
    expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok' });
    // Rooms are on, in the data folder, and the generated secret is kept there, never printed.
    expect(server.output()).toContain(`rooms: PGlite in ${path.join(dataDir, 'pglite')}`);
    const secret = fs.readFileSync(path.join(dataDir, 'secret'), 'utf8').trim();
    expect(server.output()).not.toContain(secret);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain('Pairlane stopped.');
    // The store was closed: PGlite's lock on the folder is gone.
    expect(fs.readdirSync(dataDir).filter((name) => name.includes('lock'))).toEqual([]);
  });

  it('refuses a bad port with a clear message', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, PAIRLANE_PORT: 'eighty', PAIRLANE_CLIENT_DIR: clientDir, PAIRLANE_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(err).toContain('PAIRLANE_PORT must be an integer');
  });
});
