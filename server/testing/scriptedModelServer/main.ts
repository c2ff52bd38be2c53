/**
 * Starts the scripted model server from the command line, for e2e runs and manual checks:
 *
 *   tsx server/testing/scriptedModelServer/main.ts --port 8790 --script script.json [--host 127.0.0.1]
 *
 * The script file is a ModelScript (ScriptedResponse.ts): `{ "responses": [...], "fallback": {...} }`.
 * Prints one line, `scripted model server listening on <url>`, then logs each request as it settles.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { modelScriptSchema, type ModelScript } from './ScriptedResponse.ts';
import { startScriptedModelServer } from './startScriptedModelServer.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    script: { type: 'string' },
    quiet: { type: 'boolean', default: false },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be an integer from 0 to 65535, got "${values.port}"`);
  process.exit(2);
}

let script: ModelScript = { responses: [], fallback: { text: 'Hello from the scripted model.', chunkTokens: 1, firstTokenDelayMs: 0, finishReason: 'stop', toolCalls: [] } };
if (values.script !== undefined) {
  const parsed = modelScriptSchema.safeParse(JSON.parse(await readFile(values.script, 'utf8')) as unknown);
  if (!parsed.success) {
    console.error(`${values.script} is not a valid model script:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    process.exit(2);
  }
  script = parsed.data;
}

const server = await startScriptedModelServer({ host: values.host, port, script });
console.log(`scripted model server listening on ${server.url}`);

let logged = 0;
async function logRequests(): Promise<void> {
  for (;;) {
    const request = await server.nextRequest();
    if (values.quiet) continue;
    // A hanging request must not hold up the log of the ones after it.
    void request.settled.then((settled) => {
      logged++;
      console.log(`#${settled.seq} ${settled.transport} ${settled.path} → ${settled.outcome}, ${settled.tokensSent} tokens`);
    });
  }
}
void logRequests();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void server.close().then(() => {
      if (!values.quiet) console.log(`closed after ${logged} requests`);
      process.exit(0);
    });
  });
}
