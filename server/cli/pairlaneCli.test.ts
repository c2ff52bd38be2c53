import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestReport } from '../../shared/testReport.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(REPO, 'bin', 'pairlane.mjs');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs bin/pairlane.mjs as a person would, in a child process. */
function pairlane(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function writeFolder(root: string, files: Record<string, string | Uint8Array>): Promise<string> {
  for (const [file, data] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), data);
  }
  return root;
}

/**
 * The built client the CLI serves. PAIRLANE_CLIENT_DIR when given (a build made beforehand);
 * otherwise the client is built into a temporary folder (without the precompressed copies,
 * which only save bytes on a network), so the test neither needs nor touches dist/.
 */
async function clientDir(tmp: string): Promise<string> {
  if (process.env.PAIRLANE_CLIENT_DIR) return path.resolve(process.env.PAIRLANE_CLIENT_DIR);
  const { build, loadConfigFromFile } = await import('vite');
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, path.join(REPO, 'vite.config.ts'));
  if (!loaded) throw new Error('vite.config.ts not found');
  const outDir = path.join(tmp, 'client');
  const plugins = (loaded.config.plugins ?? []).filter((p) => !(p && 'name' in p && p.name === 'pairlane-precompress'));
  const input = Object.fromEntries(['index', 'sandbox', 'harness'].map((page) => [page, path.join(REPO, 'client', `${page}.html`)]));
  await build({
    ...loaded.config,
    plugins,
    configFile: false,
    root: path.join(REPO, 'client'),
    logLevel: 'warn',
    build: { ...loaded.config.build, outDir, emptyOutDir: true, rollupOptions: { ...loaded.config.build?.rollupOptions, input } },
  });
  return outDir;
}

describe('pairlane test (CLI, headless Chromium)', () => {
  let tmp = '';
  let env: NodeJS.ProcessEnv = {};
  let passing = '';
  let failing = '';
  let python = '';
  let mixed = '';

  beforeAll(async () => {
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'pairlane-cli-'));
    env = { PAIRLANE_CLIENT_DIR: await clientDir(tmp) };
    passing = await writeFolder(path.join(tmp, 'passing'), {
      'src/sum.ts': 'export function sum(a: number, b: number): number {\n  return a + b;\n}\n',
      'src/sum.test.ts': [
        "import { describe, it, expect } from 'vitest';",
        "import { sum } from './sum.ts';",
        "describe('sum', () => {",
        "  it('adds', () => { expect(sum(1, 2)).toBe(3); });",
        "  it('adds negatives', () => { expect(sum(-1, -2)).toBe(-3); });",
        '});',
      ].join('\n'),
      'node_modules/left-pad/index.js': 'module.exports = () => {};\n',
      'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]),
    });
    failing = await writeFolder(path.join(tmp, 'failing'), {
      'src/user.test.ts': [
        "import { test, expect } from 'vitest';",
        '',
        'interface User {',
        '  name: string;',
        '  roles: string[];',
        '}',
        '',
        "const make = (name: string): User => ({ name, roles: ['reader'] });",
        '',
        "test('has a name', () => { expect(make('ada').name).toBe('ada'); });",
        "test('has the editor role', () => {",
        "  expect(make('ada')).toEqual({ name: 'ada', roles: ['editor'] });",
        '});',
      ].join('\n'),
    });
    const calc = { 'calc.py': 'def add(a, b):\n    return a + b\n', 'test_calc.py': 'from calc import add\n\ndef test_add():\n    assert add(2, 2) == 4\n\ndef test_bad():\n    assert add(2, 2) == 5\n' };
    python = await writeFolder(path.join(tmp, 'python'), calc);
    mixed = await writeFolder(path.join(tmp, 'mixed'), { ...calc, 'src/sum.test.ts': "import { it, expect } from 'vitest';\nit('adds', () => { expect(1 + 1).toBe(2); });\n" });
  }, 240_000);

  afterAll(async () => {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('passes a passing folder: exit 0, ✓ per file, the summary line, notes on what it skipped', async () => {
    const run = await pairlane(['test', passing], env);
    expect(run.stderr).toContain('pairlane: skipped logo.png (binary)');
    expect(run.stderr).toContain('pairlane: skipped node_modules/');
    expect(run.stdout).toMatch(/^ ✓ src\/sum\.test\.ts \(2 tests\)/m);
    expect(run.stdout).toMatch(/^2 passed, 0 failed, 0 skipped$/m);
    expect(run.code, run.stderr).toBe(0);
  }, 90_000);

  it('fails a failing folder: exit 1, the failure with message, diff and file:line:col', async () => {
    const run = await pairlane(['test', failing], env);
    expect(run.stdout).toMatch(/^ ✗ src\/user\.test\.ts \(2 tests \| 1 failed\)/m);
    expect(run.stdout).toMatch(/^ {5}✓ has a name/m);
    expect(run.stdout).toMatch(/^ {5}✗ has the editor role/m);
    expect(run.stdout).toContain('- Expected');
    expect(run.stdout).toContain('+ Received');
    expect(run.stdout).toMatch(/at src\/user\.test\.ts:12:\d+/);
    expect(run.stdout).toMatch(/^1 passed, 1 failed, 0 skipped$/m);
    expect(run.code, run.stderr).toBe(1);
  }, 90_000);

  it('prints only the TestReport JSON with --json', async () => {
    const run = await pairlane(['test', failing, '--json'], env);
    const report = TestReport.parse(JSON.parse(run.stdout));
    expect(report.counts).toEqual({ passed: 1, failed: 1, skipped: 0, todo: 0, total: 2 });
    expect(report.runtime).toBe('worker');
    expect(run.code).toBe(1);
  }, 90_000);

  it('runs a Python folder in Pyodide: the failing assert with both values at its line', async () => {
    const run = await pairlane(['test', python], env);
    expect(run.stdout).toMatch(/^ ✗ test_calc\.py \(2 tests \| 1 failed\)/m);
    expect(run.stdout).toContain('assert 4 == 5');
    expect(run.stdout).toMatch(/at test_calc\.py:7:\d+/);
    expect(run.stdout).toMatch(/^1 passed, 1 failed, 0 skipped$/m);
    expect(run.code, run.stderr).toBe(1);
  }, 120_000);

  it('runs a folder with JavaScript and Python tests with both runtimes, in one report', async () => {
    const run = await pairlane(['test', mixed, '--json'], env);
    const report = TestReport.parse(JSON.parse(run.stdout));
    expect(report.runtime).toBe('worker+python');
    expect(report.files.map((f) => f.file)).toEqual(['src/sum.test.ts', 'test_calc.py']);
    expect(report.counts).toMatchObject({ passed: 2, failed: 1, total: 3 });
    expect(run.code).toBe(1);
  }, 120_000);

  it('exits 2 on a usage error, without starting a browser', async () => {
    const run = await pairlane(['test'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: pairlane test <folder>');
  });
});
