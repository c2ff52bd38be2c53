/**
 * What the transport alone costs a keystroke: a 30-byte binary message relayed from one client to
 * another through a server on loopback, one message every 100 ms (typing speed, so each message
 * meets idle processes, as keystrokes in a room do), over Socket.IO as Pairlane configures it
 * against a bare `ws` relay (what y-websocket sends on) measured in the same run. No Yjs, no
 * checks, no store: the floor under `npm run bench:rooms`' single-room figures.
 *
 * A third relay, "rooms", is the Socket.IO server as the rooms use it: the keystroke's compact
 * event taken off engine.io below Socket.IO and written on as one frame
 * (server/rooms/takeCompactEvents.ts), the clients unchanged.
 *
 * Rounds alternate the relays (ws, Socket.IO, rooms, ws, ...) so all see the same machine; each
 * relay runs in its own process, the two clients in this one. TRANSPORT_BENCH_MESSAGES per round
 * (default 200), TRANSPORT_BENCH_ROUNDS (default 3). Last line: one JSON object.
 */
import { fork } from 'node:child_process';
import { loadavg, cpus } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { io as connect } from 'socket.io-client';
import WebSocket from 'ws';
import { SOCKET_PARSER_OPTIONS } from '../shared/socket/socketParserOptions.ts';
import { percentile } from './percentile.ts';

const MESSAGES = Number(process.env.TRANSPORT_BENCH_MESSAGES ?? '200');
const ROUNDS = Number(process.env.TRANSPORT_BENCH_ROUNDS ?? '3');
const GAP_MS = 100;
const here = path.dirname(fileURLToPath(import.meta.url));

type Relay = 'ws' | 'socket.io' | 'rooms';
const RELAYS = ['ws', 'socket.io', 'rooms'] as const;

interface Pair {
  send(payload: Uint8Array): void;
  onReceive(listener: () => void): void;
  close(): void;
}

async function connectPair(relay: Relay, url: string): Promise<Pair> {
  if (relay === 'ws') {
    const [a, b] = [new WebSocket(url), new WebSocket(url)];
    await Promise.all([a, b].map((ws) => new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))));
    return {
      send: (payload) => a.send(payload),
      onReceive: (listener) => b.on('message', listener),
      close: () => [a, b].forEach((ws) => ws.close()),
    };
  }
  const open = () => connect(url, { ...SOCKET_PARSER_OPTIONS, transports: ['websocket'], forceNew: true, reconnection: false });
  const [a, b] = [open(), open()];
  await Promise.all([a, b].map((socket) => new Promise((resolve, reject) => socket.once('connect', () => resolve(undefined)).once('connect_error', reject))));
  return {
    send: (payload) => a.emit('room-sync', { type: 'room-sync', roomId: 'bench-room', data: payload, ackId: 1 }),
    onReceive: (listener) => b.on('room-sync', listener),
    close: () => [a, b].forEach((socket) => socket.disconnect()),
  };
}

/** One round: MESSAGES relayed one at a time, GAP_MS apart; the one-way times in ms. */
async function round(relay: Relay): Promise<number[]> {
  const child = fork(path.join(here, 'transportBenchServer.ts'), [relay], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: { port: number }) => resolve(message.port));
      child.once('exit', (code) => reject(new Error(`the ${relay} relay exited (${code})`)));
    });
    const pair = await connectPair(relay, `http://127.0.0.1:${port}`);
    let received: () => void = () => undefined;
    pair.onReceive(() => received());
    // Warm-up, not measured: the first messages also compile the code on the path.
    const times: number[] = [];
    for (let i = 0; i < MESSAGES + 20; i++) {
      const arrived = new Promise<void>((resolve) => (received = resolve));
      const sentAt = performance.now();
      pair.send(new Uint8Array(30).fill(i & 0xff));
      await arrived;
      if (i >= 20) times.push(performance.now() - sentAt);
      await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    }
    pair.close();
    return times;
  } finally {
    child.kill();
  }
}

const load = { start: loadavg().map((n) => Number(n.toFixed(2))) };
console.log(`transport benchmark, ${cpus().length} cores, load ${load.start.join(' ')}; ${ROUNDS} rounds × ${MESSAGES} messages, ${GAP_MS} ms apart`);
const samples: Record<Relay, number[]> = { ws: [], 'socket.io': [], rooms: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const relay of RELAYS) {
    const times = await round(relay);
    samples[relay].push(...times);
    console.log(`  round ${r + 1} ${relay.padEnd(9)} p50 ${percentile(times, 50).toFixed(3)} ms  p99 ${percentile(times, 99).toFixed(3)} ms`);
  }
}
const figures = Object.fromEntries(
  RELAYS.map((relay) => [relay, { p50Ms: Number(percentile(samples[relay], 50).toFixed(3)), p99Ms: Number(percentile(samples[relay], 99).toFixed(3)), samples: samples[relay].length }]),
) as Record<Relay, { p50Ms: number; p99Ms: number; samples: number }>;
/** A relay against bare ws: the ratios at p50 and p99, and what it adds at p50. */
function againstWs(relay: Relay): { ratioP50: number; ratioP99: number; addedP50Ms: number } {
  return {
    ratioP50: Number((figures[relay].p50Ms / figures.ws.p50Ms).toFixed(2)),
    ratioP99: Number((figures[relay].p99Ms / figures.ws.p99Ms).toFixed(2)),
    addedP50Ms: Number((figures[relay].p50Ms - figures.ws.p50Ms).toFixed(3)),
  };
}
const { ratioP50, ratioP99, addedP50Ms } = againstWs('socket.io');
const { ratioP50: roomsRatioP50, ratioP99: roomsRatioP99, addedP50Ms: roomsAddedP50Ms } = againstWs('rooms');
for (const relay of RELAYS) console.log(`${relay.padEnd(9)} p50 ${figures[relay].p50Ms} ms  p99 ${figures[relay].p99Ms} ms`);
console.log(`ratio socket.io ÷ ws: p50 ${ratioP50}×, p99 ${ratioP99}× (Socket.IO adds ${addedP50Ms} ms at p50 per relayed message)`);
console.log(`ratio rooms ÷ ws: p50 ${roomsRatioP50}×, p99 ${roomsRatioP99}× (the rooms' path adds ${roomsAddedP50Ms} ms at p50)`);
console.log(
  JSON.stringify({
    bench: 'transport',
    startedAt: new Date().toISOString(),
    cores: cpus().length,
    load: { ...load, end: loadavg().map((n) => Number(n.toFixed(2))) },
    config: { messages: MESSAGES, rounds: ROUNDS, gapMs: GAP_MS },
    ...figures,
    ratioP50,
    ratioP99,
    addedP50Ms,
    roomsRatioP50,
    roomsRatioP99,
    roomsAddedP50Ms,
  }),
);
process.exit(0);
