import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The built client to serve: PAIRLANE_CLIENT_DIR when set (used as it is), else dist/client
 * in the repository, built with vite first when it has no harness page. Build progress goes
 * to stderr, so `--json` output on stdout stays clean.
 */
export async function ensureClientBuild(repoRoot: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.PAIRLANE_CLIENT_DIR) {
    const dir = path.resolve(env.PAIRLANE_CLIENT_DIR);
    if (!fs.existsSync(path.join(dir, 'harness.html'))) {
      throw new Error(`PAIRLANE_CLIENT_DIR=${dir} has no harness.html: build the client there, or unset it.`);
    }
    return dir;
  }
  const dir = path.join(repoRoot, 'dist', 'client');
  if (fs.existsSync(path.join(dir, 'harness.html'))) return dir;

  process.stderr.write(`pairlane: ${path.relative(process.cwd(), dir) || dir} is missing; building the client (vite build)…\n`);
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: repoRoot,
      // The build's own output is progress for the person, not results: keep stdout for results.
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(process.stderr, { end: false });
    child.stderr.pipe(process.stderr, { end: false });
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (code !== 0 || !fs.existsSync(path.join(dir, 'harness.html'))) {
    throw new Error(`Building the client failed (vite exited with ${code}).`);
  }
  process.stderr.write('pairlane: client built.\n');
  return dir;
}
