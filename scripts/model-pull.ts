/**
 * Downloads a small FIM-capable coder GGUF into models/, where the server finds it when no model
 * is configured (server/providers/embedded/findLocalModel.ts).
 *
 *   npm run model:pull                                   Qwen2.5-Coder 0.5B Instruct, Q8_0 (~530 MB)
 *   npm run model:pull -- hf:<user>/<repo>:<quant>       another Hugging Face GGUF
 *   npm run model:pull -- https://…/model.gguf --dir models
 *
 * It needs the internet. Before downloading it checks that the model host answers, within a few
 * seconds, and otherwise says so and exits 1 instead of retrying for minutes. HF_ENDPOINT (a
 * Hugging Face mirror) and HF_TOKEN (gated models) are honoured, as node-llama-cpp does.
 */
import path from 'node:path';
import { createModelDownloader } from 'node-llama-cpp';

/** Qwen2.5-Coder was trained with FIM tokens and repo-level context; 0.5B runs on a laptop CPU. */
const DEFAULT_MODEL = 'hf:Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF:Q8_0';
const REACHABILITY_TIMEOUT_MS = 5_000;

function parseArguments(argv: readonly string[]): { uri: string; dir: string } {
  let uri = DEFAULT_MODEL;
  let dir = 'models';
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    if (argument === '--dir') dir = argv[++i] ?? dir;
    else if (argument === '--help' || argument === '-h') {
      console.log('usage: npm run model:pull -- [hf:<user>/<repo>:<quant> | https://…/model.gguf] [--dir models]');
      process.exit(0);
    } else uri = argument;
  }
  return { uri, dir: path.resolve(dir) };
}

/** The origin the download starts from: the Hugging Face endpoint for hf: URIs, else the URL's own. */
function downloadOrigin(uri: string): string {
  if (uri.startsWith('hf:')) return new URL(process.env.HF_ENDPOINT || 'https://huggingface.co/').origin;
  return new URL(uri).origin;
}

/** Why `origin` cannot be reached, or undefined when it answers (any HTTP status counts as an answer). */
async function unreachableReason(origin: string): Promise<string | undefined> {
  try {
    await fetch(origin, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(REACHABILITY_TIMEOUT_MS) });
    return undefined;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return `no answer within ${REACHABILITY_TIMEOUT_MS / 1000} s`;
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
    const message = cause instanceof Error ? cause.message : String(cause);
    return code && !message.includes(code) ? `${code}: ${message}` : message;
  }
}

/** `dir` relative to the working directory when inside it (models/), else absolute. */
function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? dir : relative;
}

const { uri, dir } = parseArguments(process.argv.slice(2));
let origin: string;
try {
  origin = downloadOrigin(uri);
} catch {
  console.error(`model:pull: "${uri}" is neither hf:<user>/<repo>[:<quant>] nor an http(s) URL.`);
  process.exit(2);
}
const reason = await unreachableReason(origin);
if (reason !== undefined) {
  console.error(
    `model:pull: cannot download ${uri}: ${origin} cannot be reached (${reason}).\n` +
      'This command needs the internet. Offline, copy a .gguf file into ' +
      `${displayPath(dir)}/ yourself (a FIM-capable coder model such as Qwen2.5-Coder works best); ` +
      'the server uses it when no model is configured.',
  );
  process.exit(1);
}

console.log(`model:pull: ${uri} → ${dir}/`);
const downloader = await createModelDownloader({
  modelUri: uri,
  dirPath: dir,
  showCliProgress: true,
  ...(process.env.HF_TOKEN ? { tokens: { huggingFace: process.env.HF_TOKEN } } : {}),
});
const modelPath = await downloader.download();
console.log(`model:pull: saved ${modelPath}\nStart the server (npm start): with no model configured, it runs this one.`);
