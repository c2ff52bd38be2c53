/**
 * The relay benchmark's Pairlane server, in its own process as in production (started by
 * relay.bench.ts with an IPC channel and the upstream's base URL as argument): createServer with
 * the fast lane pointed at the scripted upstream. Stops when the parent disconnects, so a
 * `--cpu-prof` profile is written on the way out.
 */
import { createServer } from '../server/createServer.ts';
import { createLaneProviders } from '../server/lanes/createLaneProviders.ts';
import { relayBenchLanes } from './relayBenchLanes.ts';

const upstreamBaseURL = process.argv[2];
if (upstreamBaseURL === undefined) throw new Error('usage: relayBenchServer.ts <upstream base URL>');
const lanes = relayBenchLanes(upstreamBaseURL);
const providers = await createLaneProviders(lanes);
const server = await createServer({ host: '127.0.0.1', port: 0, ai: { lanes, fastProvider: providers.fast } });
process.send!({ type: 'ready', url: server.url });

process.on('disconnect', () => {
  void server
    .close()
    .then(() => providers.close())
    .then(() => process.exit(0));
});
