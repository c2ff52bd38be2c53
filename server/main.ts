import fs from 'node:fs';
import path from 'node:path';
import { createServer } from './createServer.ts';
import { createLaneProviders } from './lanes/createLaneProviders.ts';
import { describeLaneConfig } from './lanes/describeLaneConfig.ts';
import { loadLanesConfig } from './lanes/loadLanesConfig.ts';
import { readServerConfig } from './serverConfig.ts';
import { loadRoomSecret } from './rooms/loadRoomSecret.ts';
import { dataDirFrom } from './store/dataDirFrom.ts';
import { openRoomStore } from './store/openRoomStore.ts';
import type { RoomStore } from './store/RoomStore.ts';

/** Grace period for open connections on SIGTERM before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 5_000;

async function startFromEnv() {
  // Variables already in the environment win over the optional .env file (Node's own loader).
  if (fs.existsSync('.env')) process.loadEnvFile('.env');
  const config = readServerConfig();
  const lanes = loadLanesConfig();
  // The secret first: a bad PAIRLANE_SECRET should stop the start before anything is opened.
  const secret = await loadRoomSecret(process.env, dataDirFrom(process.env));
  const store = await openRoomStore(process.env);
  let providers: Awaited<ReturnType<typeof createLaneProviders>> | undefined;
  try {
    providers = await createLaneProviders(lanes);
    const server = await createServer({ ...config, ai: { lanes, fastProvider: providers.fast, deepProvider: providers.deep }, rooms: { store, secret } });
    return { config, lanes, providers, store, server };
  } catch (error) {
    await providers?.close();
    await store.close();
    throw error;
  }
}

/** Where rooms are kept, for the start-up lines: a folder, or a database named without its password. */
function describeRoomStore(store: RoomStore, env: NodeJS.ProcessEnv): string {
  if (store.backend === 'pglite') return `rooms: PGlite in ${path.resolve(dataDirFrom(env), 'pglite')}`;
  try {
    const url = new URL(env.DATABASE_URL?.trim() ?? '');
    return `rooms: PostgreSQL at ${url.hostname}${url.port ? `:${url.port}` : ''}${url.pathname} (DATABASE_URL)`;
  } catch {
    return 'rooms: PostgreSQL (DATABASE_URL)';
  }
}

// A bad setting or a busy port is the operator's to fix: say what is wrong, without a stack trace.
const { config, lanes, providers, store, server } = await startFromEnv().catch((error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(code === 'EADDRINUSE' ? `Port in use: ${(error as Error).message}. Set PAIRLANE_PORT to another port.` : (error as Error).message);
  process.exit(2);
});
// A wildcard address is not something to type into a browser; localhost reaches it.
const shownUrl = config.host === '0.0.0.0' || config.host === '::' ? `http://localhost:${server.port}` : server.url;
console.log(`Pairlane is running at ${shownUrl}/`);
console.log(`  serving ${config.clientDir}; runtime: in-browser (user code never runs on this server)`);
// Described without keys: whether one is set, never its value.
console.log(`  ${describeLaneConfig(lanes.fast).summary}`);
console.log(`  ${describeLaneConfig(lanes.deep).summary}`);
console.log(`  ${describeRoomStore(store, process.env)}`);
// A deep lane whose adapter cannot call tools refuses every task; say so now rather than at the first one.
if (providers.deep && !providers.deep.generateWithTools) {
  console.warn(`  The deep lane's adapter (${lanes.deep.provider}) cannot call tools, so deep tasks will fail: use openai-chat, openai-responses, openai-responses-ws or embedded.`);
}

let stopping = false;
function shutdown(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: closing connections…`);
  const force = setTimeout(() => {
    console.error(`Connections still open after ${SHUTDOWN_GRACE_MS} ms; exiting anyway.`);
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  // Sockets first (which aborts every model call in flight and lets each room write what it holds),
  // then the models and the store.
  server
    .close()
    .then(() => Promise.all([providers.close(), store.close()]))
    .then(
      () => {
        console.log('Pairlane stopped.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error('Shutdown failed:', error);
        process.exit(1);
      },
    );
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
