/**
 * Rooms benchmark: edit propagation client to client through the Pairlane rooms server, beside
 * the reference y-websocket server, in the same run on the same machine.
 *
 *   npm run bench:rooms
 *
 * Layout: each server runs in its own child process (node --expose-gc, tsx), so its CPU and
 * memory are its own and the clients' work does not sit on its event loop:
 * - Pairlane: the app's server (createServer with its rooms, as main wires them; AI lanes off)
 *   over the real PGlite store in a fresh data folder, real invite tokens
 *   (bench/roomsBenchPairlaneServer.ts).
 * - Reference: y-websocket 2.x's server (`bin/utils` setupWSConnection, as its `bin/server.cjs`),
 *   no persistence (bench/roomsBenchReferenceServer.ts).
 * This process holds every client: Pairlane's are socket.io-client + RoomSyncClient, the
 * reference's are y-websocket's WebsocketProvider; each with a real Y.Doc holding the same ~4 KB
 * workspace (bench/roomsBenchDocument.ts) and an awareness state.
 *
 * Propagation: a typist types one character (every eighth keystroke a backspace); the time from
 * just before the edit (so the client's own encoding and send count) until each other client's doc has it applied, one sample
 * per edit and receiver, and per edit the time until the last receiver has it. Typists type at
 * ROOMS_BENCH_RATE keystrokes a second (default 10), the typist changing every 10 keystrokes.
 * Scenarios: one room of 2, 10 and 50 clients, and 100 rooms of 3 typing all at once. Both
 * servers' clients are connected for the whole scenario and the phases run Pairlane, reference,
 * reference, Pairlane (half the edits each), so drift in the machine's load hits both alike.
 *
 * Memory per room: each server loads ROOMS_BENCH_MEMORY_ROOMS rooms, each with one member
 * connected and the workspace document; heap and RSS after a full collection, minus the same
 * after a few warm-up rooms, divided by the number of rooms. Measured last, once Pairlane's rooms
 * of the earlier scenarios have unloaded.
 *
 * Knobs: ROOMS_BENCH_EDITS (keystrokes per single-room scenario and server, default 300),
 * ROOMS_BENCH_SECONDS (typing time per server for 100 rooms, default 20), ROOMS_BENCH_SIZES
 * (default 2,10,50), ROOMS_BENCH_ONLY=memory,single,many, ROOMS_BENCH_MEMORY_ROOMS (default 200),
 * ROOMS_BENCH_PROFILE=<dir> (a --cpu-prof of each server). A short run on a busy machine:
 * ROOMS_BENCH_EDITS=60 ROOMS_BENCH_SECONDS=5 ROOMS_BENCH_MEMORY_ROOMS=50.
 *
 * The last line is one JSON object with every figure and the ratio Pairlane / reference.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { percentile } from './percentile.ts';
import { RoomsBenchChild } from './roomsBenchChild.ts';
import type { RoomsBenchClient } from './roomsBenchClient.ts';
import { benchDocumentUpdate } from './roomsBenchDocument.ts';
import { connectPairlaneClient } from './roomsBenchPairlaneClient.ts';
import { connectReferenceClient } from './roomsBenchReferenceClient.ts';
import { RoomsBenchRoom, type PropagationSamples } from './roomsBenchRoom.ts';

const EDITS = Number(process.env.ROOMS_BENCH_EDITS ?? '300');
const SECONDS = Number(process.env.ROOMS_BENCH_SECONDS ?? '20');
const RATE = Number(process.env.ROOMS_BENCH_RATE ?? '10');
const SIZES = (process.env.ROOMS_BENCH_SIZES ?? '2,10,50').split(',').map(Number);
const ONLY = new Set((process.env.ROOMS_BENCH_ONLY ?? 'memory,single,many').split(','));
const MEMORY_ROOMS = Number(process.env.ROOMS_BENCH_MEMORY_ROOMS ?? '200');
const PROFILE_DIR = process.env.ROOMS_BENCH_PROFILE;
const MANY_ROOMS = 100;
const MANY_SIZE = 3;
const WARMUP_ROOMS = 5;
/** A typist hands over to the next client after this many keystrokes. */
const TYPIST_TURN = 10;
/** How long after the last keystroke a missing delivery still counts. */
const SETTLE_MS = 10_000;
const CONNECT_BATCH = 25;
const TARGET_RATIO = 1.2;

type ServerName = 'pairlane' | 'y-websocket';

interface Target {
  name: ServerName;
  child: RoomsBenchChild;
  url: string;
}

interface CreatedRoom {
  roomId: string;
  tokens: string[];
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const load = () => os.loadavg().map((value) => round(value));

/**
 * The machine's CPU time counters (Linux /proc/stat, all cores, in ticks): how much of the time
 * the hypervisor gave to other guests ("steal"). On a shared virtual machine a few percent of it
 * moves p99 by more than any change to the servers does, so each scenario prints its share.
 */
function cpuTicks(): { steal: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user).
    return { steal: fields[7] ?? 0, total: fields.slice(0, 8).reduce((sum, value) => sum + value, 0) };
  } catch {
    return undefined;
  }
}

function stealShare(before: ReturnType<typeof cpuTicks>, after: ReturnType<typeof cpuTicks>): number | null {
  if (!before || !after || after.total <= before.total) return null;
  return round((after.steal - before.steal) / (after.total - before.total), 3);
}
const documentUpdate = benchDocumentUpdate();

async function startTarget(name: ServerName): Promise<Target> {
  const child = RoomsBenchChild.start(name === 'pairlane' ? 'roomsBenchPairlaneServer.ts' : 'roomsBenchReferenceServer.ts', name, PROFILE_DIR);
  const ready = await child.ready;
  return { name, child, url: String(ready.url) };
}

function connectClient(target: Target, room: CreatedRoom, member: number): RoomsBenchClient {
  const name = `Person ${member + 1}`;
  if (target.name === 'pairlane') return connectPairlaneClient(target.url, room.roomId, room.tokens[member] ?? '', documentUpdate, name);
  return connectReferenceClient(target.url, room.roomId, documentUpdate, name);
}

/** `count` rooms of `members` clients each, every client holding the room's document. */
async function openRooms(target: Target, count: number, members: number): Promise<RoomsBenchClient[][]> {
  const { rooms } = (await target.child.request({ type: 'create', rooms: count, members })) as unknown as { rooms: CreatedRoom[] };
  const result: RoomsBenchClient[][] = rooms.map(() => []);
  const jobs = rooms.flatMap((room, r) => Array.from({ length: members }, (_, m) => ({ room, r, m })));
  for (let i = 0; i < jobs.length; i += CONNECT_BATCH) {
    const batch = jobs.slice(i, i + CONNECT_BATCH).map(({ room, r, m }) => {
      const client = connectClient(target, room, m);
      (result[r] as RoomsBenchClient[])[m] = client;
      return client.synced;
    });
    await withTimeout(Promise.all(batch), 30_000, `${target.name}: clients did not sync`);
  }
  return result;
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

async function cpuMs(target: Target): Promise<number> {
  const usage = await target.child.request({ type: 'cpu' });
  return (Number(usage.user) + Number(usage.system)) / 1000;
}

interface PhaseResult {
  samples: PropagationSamples;
  missing: number;
  serverCpuMs: number;
  /** This process's CPU (every client of the phase). */
  clientCpuMs: number;
  wallMs: number;
  /** The server's event-loop delay over the phase (2 ms resolution). */
  loopDelay: { p99Ms: number; maxMs: number };
}

/** Every room's typist types `editsPerRoom` keystrokes at RATE a second; the rooms start staggered over one interval. */
async function typePhase(target: Target, rooms: RoomsBenchClient[][], editsPerRoom: number): Promise<PhaseResult> {
  const samples: PropagationSamples = { perReceiver: [], allReceived: [], edits: 0 };
  const tracked = rooms.map((clients) => new RoomsBenchRoom(clients, samples));
  const interval = 1000 / RATE;
  const cpuBefore = await cpuMs(target);
  await target.child.request({ type: 'loop-delay' });
  const clientBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    tracked.map(async (room, r) => {
      const offset = ((r + 0.5) / tracked.length) * interval;
      for (let k = 0; k < editsPerRoom; k++) {
        await sleep(started + offset + k * interval - performance.now());
        room.type(Math.floor(k / TYPIST_TURN) % room.clients.length);
      }
    }),
  );
  const deadline = performance.now() + SETTLE_MS;
  while (tracked.some((room) => room.pendingEdits > 0) && performance.now() < deadline) await sleep(20);
  const wallMs = performance.now() - started;
  const clientUsage = process.cpuUsage(clientBefore);
  const serverCpuMs = (await cpuMs(target)) - cpuBefore;
  const delay = await target.child.request({ type: 'loop-delay' });
  const missing = tracked.reduce((sum, room) => sum + room.missing, 0);
  for (const room of tracked) room.stopWatching();
  return { samples, missing, serverCpuMs, clientCpuMs: (clientUsage.user + clientUsage.system) / 1000, wallMs, loopDelay: { p99Ms: Number(delay.p99Ms), maxMs: Number(delay.maxMs) } };
}

interface Figures {
  p50Ms: number;
  p99Ms: number;
  allReceivedP50Ms: number;
  allReceivedP99Ms: number;
  edits: number;
  samples: number;
  missing: number;
  /** Server CPU per keystroke relayed (its fan-out included). */
  serverCpuMsPerEdit: number;
  /** Server CPU over the phases' wall time (1 = one core busy). */
  serverCpuShare: number;
  /** This process's CPU over the same time: when it nears 1, the clients, not the server, set the pace. */
  clientCpuShare: number;
  /** The server's event-loop delay: the worst phase's p99 and the maximum. */
  serverLoopDelayP99Ms: number;
  serverLoopDelayMaxMs: number;
  clientErrors: number;
}

function figuresOf(phases: PhaseResult[], rooms: RoomsBenchClient[][]): Figures {
  const perReceiver = phases.flatMap((phase) => phase.samples.perReceiver);
  const allReceived = phases.flatMap((phase) => phase.samples.allReceived);
  const edits = phases.reduce((sum, phase) => sum + phase.samples.edits, 0);
  const cpu = phases.reduce((sum, phase) => sum + phase.serverCpuMs, 0);
  const wall = phases.reduce((sum, phase) => sum + phase.wallMs, 0);
  const clientCpu = phases.reduce((sum, phase) => sum + phase.clientCpuMs, 0);
  const safe = (values: number[], p: number) => (values.length > 0 ? round(percentile(values, p)) : NaN);
  return {
    p50Ms: safe(perReceiver, 50),
    p99Ms: safe(perReceiver, 99),
    allReceivedP50Ms: safe(allReceived, 50),
    allReceivedP99Ms: safe(allReceived, 99),
    edits,
    samples: perReceiver.length,
    missing: phases.reduce((sum, phase) => sum + phase.missing, 0),
    serverCpuMsPerEdit: round(cpu / Math.max(1, edits), 3),
    serverCpuShare: round(cpu / wall, 3),
    clientCpuShare: round(clientCpu / wall, 3),
    serverLoopDelayP99Ms: round(Math.max(...phases.map((phase) => phase.loopDelay.p99Ms)), 1),
    serverLoopDelayMaxMs: round(Math.max(...phases.map((phase) => phase.loopDelay.maxMs)), 1),
    clientErrors: rooms.flat().reduce((sum, client) => sum + client.errors, 0),
  };
}

interface ScenarioResult {
  scenario: string;
  rooms: number;
  clientsPerRoom: number;
  pairlane: Figures;
  reference: Figures;
  /** Pairlane / reference, per receiver. */
  ratioP50: number;
  ratioP99: number;
  withinTarget: boolean;
  converged: boolean;
  load: { before: number[]; after: number[] };
  /** Share of the machine's CPU time the hypervisor gave elsewhere during the scenario (null off Linux). */
  stealShare: number | null;
}

/** One scenario: both servers' rooms open at once, phases Pairlane, reference, reference, Pairlane. */
async function scenario(name: string, targets: Record<ServerName, Target>, roomCount: number, members: number, editsPerRoom: number): Promise<ScenarioResult> {
  const before = load();
  const ticksBefore = cpuTicks();
  const pairlaneRooms = await openRooms(targets.pairlane, roomCount, members);
  const referenceRooms = await openRooms(targets['y-websocket'], roomCount, members);
  await sleep(500);
  const half = Math.max(1, Math.round(editsPerRoom / 2));
  const phases: Record<ServerName, PhaseResult[]> = { pairlane: [], 'y-websocket': [] };
  for (const which of ['pairlane', 'y-websocket', 'y-websocket', 'pairlane'] as const) {
    phases[which].push(await typePhase(targets[which], which === 'pairlane' ? pairlaneRooms : referenceRooms, half));
  }
  const converged = [...pairlaneRooms, ...referenceRooms].every((clients) => new RoomsBenchRoom(clients, { perReceiver: [], allReceived: [], edits: 0 }).converged());
  const pairlane = figuresOf(phases.pairlane, pairlaneRooms);
  const reference = figuresOf(phases['y-websocket'], referenceRooms);
  for (const client of [...pairlaneRooms, ...referenceRooms].flat()) client.close();
  const ratioP50 = round(pairlane.p50Ms / reference.p50Ms);
  const ratioP99 = round(pairlane.p99Ms / reference.p99Ms);
  const result: ScenarioResult = {
    scenario: name,
    rooms: roomCount,
    clientsPerRoom: members,
    pairlane,
    reference,
    ratioP50,
    ratioP99,
    withinTarget: ratioP50 <= TARGET_RATIO && ratioP99 <= TARGET_RATIO,
    converged,
    load: { before, after: load() },
    stealShare: stealShare(ticksBefore, cpuTicks()),
  };
  const line = (label: string, f: Figures) =>
    `  ${label.padEnd(12)} p50 ${f.p50Ms.toFixed(2)} ms  p99 ${f.p99Ms.toFixed(2)} ms  (all received p50 ${f.allReceivedP50Ms.toFixed(2)}, p99 ${f.allReceivedP99Ms.toFixed(2)})  ` +
    `${f.edits} edits, ${f.samples} samples, ${f.missing} missing, server CPU ${f.serverCpuMsPerEdit} ms/edit (${Math.round(f.serverCpuShare * 100)}% of a core), clients ${Math.round(f.clientCpuShare * 100)}% of a core, server loop delay p99 ${f.serverLoopDelayP99Ms} ms, max ${f.serverLoopDelayMaxMs} ms` +
    (f.clientErrors ? `, ${f.clientErrors} client errors` : '');
  const steal = result.stealShare === null ? '' : `, host steal ${(result.stealShare * 100).toFixed(1)}%`;
  console.log(`${name}: ${roomCount} room(s) of ${members}, load ${before.join(' ')} → ${result.load.after.join(' ')}${steal}${converged ? '' : ' (DOCS DIFFER)'}`);
  console.log(line('pairlane', pairlane));
  console.log(line('y-websocket', reference));
  console.log(`  ratio p50 ${ratioP50}×, p99 ${ratioP99}× (target ≤ ${TARGET_RATIO}×)`);
  // Let the closed connections go before the next scenario.
  await sleep(1000);
  return result;
}

interface MemoryFigures {
  rooms: number;
  heapPerRoomKiB: number;
  rssPerRoomKiB: number;
  externalPerRoomKiB: number;
  baselineHeapMiB: number;
  baselineRssMiB: number;
}

/** Heap and RSS per loaded room with one member connected, after a full collection. */
async function memory(target: Target): Promise<MemoryFigures> {
  if (target.name === 'pairlane') {
    // Rooms of the earlier scenarios unload 30 s after their last member left: not in the middle of this.
    const deadline = performance.now() + 60_000;
    while (Number((await target.child.request({ type: 'status' })).loadedRooms) > 0 && performance.now() < deadline) await sleep(1000);
  }
  const warm = await openRooms(target, WARMUP_ROOMS, 1);
  // Stores finish, the event log's 2 s edit window closes.
  await sleep(3000);
  const base = await target.child.request({ type: 'memory' });
  const loaded = await openRooms(target, MEMORY_ROOMS, 1);
  await sleep(3000);
  const after = await target.child.request({ type: 'memory' });
  for (const client of [...warm, ...loaded].flat()) client.close();
  const per = (key: string) => round((Number(after[key]) - Number(base[key])) / MEMORY_ROOMS / 1024, 1);
  return {
    rooms: MEMORY_ROOMS,
    heapPerRoomKiB: per('heapUsed'),
    rssPerRoomKiB: per('rss'),
    externalPerRoomKiB: per('external'),
    baselineHeapMiB: round(Number(base.heapUsed) / 2 ** 20, 1),
    baselineRssMiB: round(Number(base.rss) / 2 ** 20, 1),
  };
}

async function main(): Promise<void> {
  // y-websocket's provider adds a process 'exit' listener per client (to clear its presence).
  process.setMaxListeners(0);
  const startedAt = new Date().toISOString();
  const loadAtStart = load();
  console.log(`rooms benchmark, ${os.cpus().length} cores, load ${loadAtStart.join(' ')}; document ${documentUpdate.byteLength} B as one update`);
  const targets: Record<ServerName, Target> = { pairlane: await startTarget('pairlane'), 'y-websocket': await startTarget('y-websocket') };
  const scenarios: ScenarioResult[] = [];
  let memoryFigures: Record<ServerName, MemoryFigures> | undefined;
  try {
    if (ONLY.has('single')) {
      for (const size of SIZES) scenarios.push(await scenario(`room of ${size}`, targets, 1, size, EDITS));
    }
    if (ONLY.has('many')) scenarios.push(await scenario(`${MANY_ROOMS} rooms of ${MANY_SIZE}`, targets, MANY_ROOMS, MANY_SIZE, Math.round(SECONDS * RATE)));
    // Last: the rooms it loads would otherwise unload (and store) during the propagation phases.
    if (ONLY.has('memory')) {
      memoryFigures = { pairlane: await memory(targets.pairlane), 'y-websocket': await memory(targets['y-websocket']) };
      for (const [name, figures] of Object.entries(memoryFigures)) {
        console.log(
          `memory ${name}: ${figures.heapPerRoomKiB} KiB heap, ${figures.rssPerRoomKiB} KiB RSS, ${figures.externalPerRoomKiB} KiB external per room ` +
            `(${figures.rooms} rooms, one member each; baseline heap ${figures.baselineHeapMiB} MiB, RSS ${figures.baselineRssMiB} MiB)`,
        );
      }
    }
  } finally {
    const status: Record<string, unknown> = await targets.pairlane.child.request({ type: 'status' }).catch(() => ({}));
    const refusals = status.refusals;
    if (typeof refusals === 'object' && refusals !== null && Object.keys(refusals).length > 0) console.log(`pairlane refusals: ${JSON.stringify(refusals)}`);
    await Promise.all(Object.values(targets).map((target) => target.child.stop()));
  }
  if (PROFILE_DIR) console.log(`CPU profiles of both servers in ${PROFILE_DIR}`);
  console.log(
    JSON.stringify({
      bench: 'rooms',
      startedAt,
      cores: os.cpus().length,
      load: { start: loadAtStart, end: load() },
      config: { edits: EDITS, seconds: SECONDS, rate: RATE, memoryRooms: MEMORY_ROOMS, documentBytes: documentUpdate.byteLength },
      targetRatio: TARGET_RATIO,
      scenarios,
      memory: memoryFigures ?? null,
      allWithinTarget: scenarios.length > 0 ? scenarios.every((s) => s.withinTarget) : null,
    }),
  );
}

await main();
