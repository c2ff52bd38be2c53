import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedLoopbackPort } from '../server/providers/providerContract.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pairlane-model-pull-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `npm run model:pull`'s script as npm would, with the model host swapped for `env`. */
function modelPull(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/model-pull.ts', ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('npm run model:pull', () => {
  it('fails at once, saying why, when the model host cannot be reached', async () => {
    const endpoint = `http://127.0.0.1:${await closedLoopbackPort()}/`;
    const { code, stderr } = await modelPull(['--dir', dir], { HF_ENDPOINT: endpoint });
    expect(code).toBe(1);
    expect(stderr).toContain('cannot download hf:Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF:Q8_0');
    expect(stderr).toMatch(new RegExp(`${new URL(endpoint).origin} cannot be reached \\(.*ECONNREFUSED`));
    expect(stderr).toContain(`copy a .gguf file into ${dir}/`);
    expect(stderr).toContain('needs the internet');
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects a model that is neither a Hugging Face URI nor a URL', async () => {
    const { code, stderr } = await modelPull(['not a model', '--dir', dir], {});
    expect(code).toBe(2);
    expect(stderr).toContain('is neither hf:');
  });
});
