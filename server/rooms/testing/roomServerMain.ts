/**
 * A store-backed room server in its own process, for the durability test (which SIGKILLs it):
 * the store from the environment (DATABASE_URL, else PGlite in PAIRLANE_DATA_DIR), the secret from
 * PAIRLANE_SECRET or the data folder, then one JSON line on stdout: {"url": "..."}.
 */
import { dataDirFrom } from '../../store/dataDirFrom.ts';
import { openRoomStore } from '../../store/openRoomStore.ts';
import { loadRoomSecret } from '../loadRoomSecret.ts';
import { startRoomServer } from './startRoomServer.ts';

const store = await openRoomStore(process.env);
const secret = await loadRoomSecret(process.env, dataDirFrom(process.env));
const server = await startRoomServer(store, { secret, onRefused: () => undefined });
process.stdout.write(`${JSON.stringify({ url: server.url, backend: store.backend })}\n`);
