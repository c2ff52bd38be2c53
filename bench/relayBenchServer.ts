/**
 * The relay benchmark's Pairlane server, in its own process as in production (started by
 * relay.bench.ts with an IPC channel, the upstream's base URL and the fast lane's thread count as
 * arguments): createServer with the fast lane pointed at the scripted upstream, built by
 * createLaneProviders from the lane variables as server/main.ts builds it. Stops when the parent disconnects, so a
 * `--cpu-prof` profile is written on the way out.
 *
 * With RELAY_BENCH_TRACE=1 the fast lane's provider is wrapped to note, on this process's clock,
 * when the relay called it, when its first text came and when the relay aborted it; the parent
 * reads those over IPC to split a trial's time at the relay. The wrapper costs one more
 * async-generator hop per token, so it is off for the figures.
 */
import { createServer } from '../server/createServer.ts';
import { createLaneProviders } from '../server/lanes/createLaneProviders.ts';
import type { ModelProvider } from '../server/providers/ModelProvider.ts';
import { relayBenchLanes } from './relayBenchLanes.ts';

/** What the parent asks this process; each is answered with the same `id`. */
export type RelayCommand = { id: number; type: 'now' } | { id: number; type: 'traces' } | { id: number; type: 'reset' };

/** One call of the fast lane's provider, on this process's clock (performance.now()). */
export interface RelayTrace {
  calledAt: number;
  firstTextAt?: number;
  abortedAt?: number;
}

const upstreamBaseURL = process.argv[2];
if (upstreamBaseURL === undefined) throw new Error('usage: relayBenchServer.ts <upstream base URL> [fast-lane threads]');
const lanes = relayBenchLanes(upstreamBaseURL, Number(process.argv[3] ?? '0'));
const providers = await createLaneProviders(lanes);
const traces: RelayTrace[] = [];

function traced(provider: ModelProvider): ModelProvider {
  return {
    describe: () => provider.describe(),
    close: () => provider.close(),
    async *generate(request) {
      const trace: RelayTrace = { calledAt: performance.now() };
      traces.push(trace);
      request.signal.addEventListener('abort', () => (trace.abortedAt = performance.now()), { once: true });
      for await (const event of provider.generate(request)) {
        if (event.type === 'text') trace.firstTextAt ??= performance.now();
        yield event;
      }
    },
  };
}

const fastProvider = process.env.RELAY_BENCH_TRACE === '1' && providers.fast ? traced(providers.fast) : providers.fast;
const server = await createServer({ host: '127.0.0.1', port: 0, ai: { lanes, fastProvider } });
process.send!({ type: 'ready', url: server.url });

process.on('message', (command: RelayCommand) => {
  if (command.type === 'now') process.send!({ id: command.id, now: performance.now() });
  else if (command.type === 'traces') process.send!({ id: command.id, traces });
  else {
    traces.length = 0;
    process.send!({ id: command.id });
  }
});

process.on('disconnect', () => {
  void server
    .close()
    .then(() => providers.close())
    .then(() => process.exit(0));
});
