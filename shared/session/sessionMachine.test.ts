/**
 * Model-based tests of the session machine: `xstate/graph` walks the machine (as a pure model)
 * through every reachable state of a lane, by shortest paths over an abstraction of its context,
 * and each path is replayed on a real actor on a simulated clock with recording services. At
 * every step the actor must be where the model is and the lane's invariants must hold; at the end
 * of every path that follows a request, every way of interrupting it is tried.
 */
import { getNextTransitions, type ActorLogic, type SnapshotFrom } from 'xstate';
import { TestModel, type TestParam, type TestPath } from 'xstate/graph';
import { describe, expect, it } from 'vitest';
import { activeStatus } from './activeStatus.ts';
import type { CursorContext } from './CursorContext.ts';
import { selectFastLaneStatus } from './selectFastLaneStatus.ts';
import { selectGhostText } from './selectGhostText.ts';
import { selectQuickEdit } from './selectQuickEdit.ts';
import type { SessionInput } from './SessionContext.ts';
import type { SessionEvent } from './SessionEvent.ts';
import { sessionMachine } from './sessionMachine.ts';
import { SESSION_DEFAULTS } from './SessionOptions.ts';
import { shouldAutoTrigger } from './shouldAutoTrigger.ts';
import { RecordingServices } from './testing/RecordingServices.ts';
import { startTestSession, type TestSession } from './testing/startTestSession.ts';
import { typedSince } from './typedSince.ts';
import { validateQuickEdit } from './validateQuickEdit.ts';

type Snapshot = SnapshotFrom<typeof sessionMachine>;
/** Model events: the machine's own, the delayed events XState raises on its clock, and the start. */
type ModelEvent = SessionEvent | { type: `xstate.after.${string}` } | { type: 'xstate.init' };

/** The machine as the walk sees it: it also takes its own delayed events, which the walk sends directly. */
const modelLogic = sessionMachine as unknown as ActorLogic<Snapshot, ModelEvent, SessionInput>;

/** Text of answers to requests that were cancelled or superseded: it must never be shown. */
const STALE = 'STALE';
const START_TEXT = 'const total = ';
/** Where the first request of every path is asked (the document as it starts). */
const HOME: CursorContext = { path: 'src/main.ts', offset: START_TEXT.length, before: START_TEXT, lineSuffix: '' };
/** A place mid-line, where no request starts by itself. */
const MID_LINE: CursorContext = { path: 'src/main.ts', offset: 2, before: 'co', lineSuffix: 'nst total = ' };

function typeAt(cursor: CursorContext, text: string): CursorContext {
  return { ...cursor, offset: cursor.offset + text.length, before: (cursor.before + text).slice(-SESSION_DEFAULTS.windowChars) };
}

function backspaceAt(cursor: CursorContext): CursorContext {
  return { ...cursor, offset: cursor.offset - 1, before: cursor.before.slice(0, -1) };
}

/** The model's clock stands still: pauses (60 s) outlast every path, as they do on the actor's clock. */
const modelInput = { services: new RecordingServices({ runtime: true, deep: true }), clock: { now: () => 0 } };

/** Delayed events the machine is waiting for in `snapshot`. */
function delayedEvents(snapshot: Snapshot): ModelEvent[] {
  return getNextTransitions(snapshot)
    .map((t) => t.eventType)
    .filter((type): type is `xstate.after.${string}` => type.startsWith('xstate.after.'))
    .map((type) => ({ type }));
}

function isDelayed(event: ModelEvent): event is { type: `xstate.after.${string}` } {
  return event.type.startsWith('xstate.after.');
}

/** Runs `event` on the actor: delayed events by advancing its clock by exactly their delay. */
function perform(s: TestSession, event: ModelEvent): void {
  if (isDelayed(event)) {
    const { fast, options } = s.context;
    const ms = event.type.includes('.debounce.')
      ? fast.debounceMs
      : event.type.includes('.firstBatchTimeout.')
        ? options.firstBatchTimeoutMs
        : event.type.includes('.stallTimeout.')
          ? options.stallTimeoutMs
          : options.quickEditStallMs;
    s.clock.increment(ms);
    return;
  }
  if (event.type === 'xstate.init') return;
  s.send(event);
}

/** The `events` parameter of `TestPath.test`: one executor for every event type the model uses. */
function executors(s: TestSession, types: Iterable<string>): TestParam<Snapshot, ModelEvent>['events'] {
  return Object.fromEntries([...types].map((type) => [type, ({ event }: { event: ModelEvent }) => perform(s, event)]));
}

/** A test name for a path: where it ends (abstracted) and the events that lead there. */
function nameOf(path: TestPath<Snapshot, ModelEvent>, abstraction: (snapshot: Snapshot) => string): string {
  const events = path.steps.map((step) => step.event.type.replace(/^xstate\.after\.(\w+)\..*/, 'after $1')).filter((type) => type !== 'xstate.init');
  return `${abstraction(path.state)} ← ${events.join(', ') || 'start'}`;
}

function eventTypesOf(paths: readonly TestPath<Snapshot, ModelEvent>[]): Set<string> {
  return new Set(paths.flatMap((p) => p.steps.map((step) => step.event.type)));
}

// ---------------------------------------------------------------------------------------------
// Fast lane

function fastEvents(snapshot: Snapshot): ModelEvent[] {
  const { fast } = snapshot.context;
  const cursor = fast.cursor ?? HOME;
  const ghost = selectGhostText(snapshot);
  const events: ModelEvent[] = [];
  if (ghost !== null) events.push({ type: 'editor.typed', cursor: typeAt(cursor, ghost.text[0]!) });
  events.push({ type: 'editor.typed', cursor: typeAt(cursor, ghost?.text.startsWith('x') ? 'y' : 'x') });
  if (cursor.before !== '') events.push({ type: 'editor.typed', cursor: backspaceAt(cursor) });
  events.push({ type: 'editor.moved', cursor: shouldAutoTrigger(cursor, SESSION_DEFAULTS) ? MID_LINE : HOME });
  // A collaborator adds a character above: everything before the cursor shifts.
  events.push({ type: 'editor.changed', cursor: { ...cursor, offset: cursor.offset + 1, before: `#${cursor.before}` } });
  events.push({ type: 'fast.trigger' });
  const active = fast.active;
  const request = active === null ? undefined : fast.inFlight.find((r) => r.requestId === active.requestId);
  if (request !== undefined) {
    const { nextSeq, pending } = request.stream;
    const id = request.requestId;
    events.push({ type: 'fast.batch', requestId: id, seq: nextSeq, text: 'ab', done: false });
    events.push({ type: 'fast.batch', requestId: id, seq: nextSeq, text: ';', done: true });
    if (pending.length === 0) events.push({ type: 'fast.batch', requestId: id, seq: nextSeq + 1, text: 'zz', done: false });
    if (nextSeq > 0) events.push({ type: 'fast.batch', requestId: id, seq: nextSeq - 1, text: 'dup', done: false });
    events.push({ type: 'fast.failed', requestId: id, status: 'unavailable', message: 'down' });
    events.push({ type: 'fast.limited', requestId: id, message: 'budget' });
  }
  for (const background of fast.inFlight.filter((r) => r.requestId !== active?.requestId)) {
    // Completes with what was typed since it was asked, so it may fit where the cursor is.
    const typed = typedSince(background.anchor, cursor) ?? '';
    const sofar = background.stream.text;
    const text = (typed.startsWith(sofar) ? typed.slice(sofar.length) : '') + 'bg';
    events.push({ type: 'fast.batch', requestId: background.requestId, seq: background.stream.nextSeq, text, done: true });
  }
  const stale = Array.from({ length: snapshot.context.requestCount }, (_, i) => `f${i + 1}`)
    .reverse()
    .find((id) => !fast.inFlight.some((r) => r.requestId === id));
  if (stale !== undefined) events.push({ type: 'fast.batch', requestId: stale, seq: 0, text: STALE, done: true });
  events.push({ type: 'fast.accept' }, { type: 'fast.acceptWord' }, { type: 'fast.dismiss' }, { type: 'fast.cancel' });
  return [...events, ...delayedEvents(snapshot)];
}

/** What distinguishes fast-lane states for the walk; text and offsets are left out so it ends. */
function fastAbstraction(snapshot: Snapshot): string {
  const { fast } = snapshot.context;
  const active = fast.active;
  const request = active === null ? undefined : fast.inFlight.find((r) => r.requestId === active.requestId);
  const value = snapshot.value.fastLane;
  return JSON.stringify({
    value,
    status: activeStatus(fast),
    source: active?.source,
    activeInFlight: request !== undefined,
    buffered: (request?.stream.pending.length ?? 0) > 0,
    background: fast.inFlight.length - (request === undefined ? 0 : 1),
    midLine: fast.cursor !== null && !shouldAutoTrigger(fast.cursor, SESSION_DEFAULTS),
    paused: fast.pausedUntil > 0,
    cacheHit: fast.cursor !== null && fast.cache.lookup(fast.cursor) !== null,
    outcome: value === 'interrupted' ? fast.interruption?.reason : value === 'error' ? fast.error?.status : undefined,
  });
}

/** The fast lane's invariants on the actor, whatever the path. */
function checkFastInvariants(s: TestSession): void {
  const snapshot = s.actor.getSnapshot();
  const { fast } = snapshot.context;
  const ghost = selectGhostText(snapshot);
  const cancelled = new Set(s.services.calls.flatMap((c) => (c.kind === 'cancel' ? [c.requestId] : [])));
  const requested = s.services.suggestionRequests;
  if (ghost !== null) {
    expect(['streaming', 'shown']).toContain(s.fast);
    expect(ghost.text).not.toContain(STALE);
    expect(ghost.text).not.toBe('');
    // Nothing of a cancelled request is ever shown again.
    expect(cancelled.has(ghost.requestId)).toBe(false);
    // Latest wins: a suggestion streaming in is the newest request.
    if (fast.active?.source === 'stream' && s.fast === 'streaming') expect(ghost.requestId).toBe(requested.at(-1));
    expect(ghost.at).toBe(fast.cursor?.offset);
  } else {
    expect(s.fast === 'shown' || (s.fast === 'streaming' && activeStatus(fast) === 'streaming')).toBe(false);
  }
  // Resting states follow nothing.
  if (['idle', 'accepted', 'dismissed', 'interrupted', 'error'].includes(s.fast)) expect(fast.active).toBeNull();
  // At most two in flight, none of them cancelled; every cancel names a request sent, once.
  expect(fast.inFlight.length).toBeLessThanOrEqual(SESSION_DEFAULTS.maxInFlight);
  for (const r of fast.inFlight) expect(cancelled.has(r.requestId)).toBe(false);
  const cancels = s.services.calls.flatMap((c) => (c.kind === 'cancel' ? [c.requestId] : []));
  expect(new Set(cancels).size).toBe(cancels.length);
  for (const id of cancels) expect(requested).toContain(id);
  // The UI always has something to say: an outcome has its reason, a request in flight its timer.
  const status = selectFastLaneStatus(snapshot);
  expect(status.state).toBe(s.fast);
  if (s.fast === 'requesting' || s.fast === 'streaming' || s.fast === 'debouncing') expect(delayedEvents(snapshot)).not.toEqual([]);
}

const fastModel = new TestModel(modelLogic, { input: modelInput, events: fastEvents, serializeState: fastAbstraction });
// One path to every abstract state (not only to the states no other path passes through).
const fastPaths = fastModel.getShortestPaths({ allowDuplicatePaths: true }) as TestPath<Snapshot, ModelEvent>[];
const fastEventTypes = eventTypesOf(fastPaths);

/**
 * Replays `path` on a fresh actor over a document holding `text`, checking at every step that
 * the actor is where the model is and that `check` (the lane's invariants) holds.
 */
async function replay(
  path: TestPath<Snapshot, ModelEvent>,
  text: string,
  eventTypes: Iterable<string>,
  check: (s: TestSession) => void,
  /** The part of the state value the walk's abstraction decides (the rest may differ between snapshots it counts as one). */
  project: (value: Snapshot['value']) => unknown = (value) => value,
): Promise<TestSession> {
  const s = startTestSession({ text, lanes: { runtime: true, deep: true } });
  await path.test({
    events: executors(s, eventTypes),
    states: {
      '*': (state) => {
        expect(project(s.actor.getSnapshot().value)).toEqual(project(state.value));
        check(s);
      },
    },
  });
  return s;
}

const replayFast = (path: TestPath<Snapshot, ModelEvent>) => replay(path, START_TEXT, fastEventTypes, checkFastInvariants);

describe('fast lane, every reachable state', () => {
  it('reaches every fast-lane state', () => {
    const reached = new Set(fastPaths.flatMap((p) => [p.state, ...p.steps.map((step) => step.state)]).map((state) => state.value.fastLane));
    expect([...reached].sort()).toEqual(['accepted', 'debouncing', 'dismissed', 'error', 'idle', 'interrupted', 'requesting', 'shown', 'streaming']);
    expect(fastPaths.length).toBeGreaterThan(50);
  });

  it.each(fastPaths.map((path) => [nameOf(path, fastAbstraction), path] as const))('%s', async (_description, path) => {
    await replayFast(path);
  });
});

/** Ways to interrupt a followed request, and what each must leave behind. */
const interruptions: readonly {
  name: string;
  applies: (s: TestSession) => boolean;
  event: (s: TestSession) => ModelEvent;
  /** The cancel the interrupted request must get, if it was still in flight. */
  cancel: string | null;
}[] = [
  {
    name: 'typed over',
    // Only text that has arrived can be contradicted.
    applies: (s) => s.context.fast.active?.text !== '' && activeStatus(s.context.fast) !== 'waiting',
    event: (s) => {
      const ghost = selectGhostText(s.actor.getSnapshot());
      return { type: 'editor.typed', cursor: typeAt(s.context.fast.cursor!, ghost?.text.startsWith('x') ? 'y' : 'x') };
    },
    cancel: 'typed-over',
  },
  { name: 'Esc', applies: () => true, event: () => ({ type: 'fast.dismiss' }), cancel: 'cancelled' },
  { name: 'cancel', applies: () => true, event: () => ({ type: 'fast.cancel' }), cancel: 'cancelled' },
  { name: 'cursor moved away', applies: () => true, event: () => ({ type: 'editor.moved', cursor: { ...MID_LINE, path: 'src/other.ts' } }), cancel: 'cancelled' },
  { name: 'replaced by an explicit request', applies: () => true, event: () => ({ type: 'fast.trigger' }), cancel: null },
  { name: 'budget', applies: (s) => isInFlight(s), event: (s) => ({ type: 'fast.limited', requestId: s.context.fast.active!.requestId, message: 'budget' }), cancel: null },
  {
    name: 'provider error',
    applies: (s) => isInFlight(s),
    event: (s) => ({ type: 'fast.failed', requestId: s.context.fast.active!.requestId, status: 'timeout', message: 'slow' }),
    cancel: null,
  },
  {
    name: 'time limit',
    applies: (s) => s.fast === 'requesting' || s.fast === 'streaming',
    event: (s) => delayedEvents(s.actor.getSnapshot()).find((e) => !e.type.includes('quickEdit'))!,
    cancel: 'timeout',
  },
];

function isInFlight(s: TestSession): boolean {
  const active = s.context.fast.active;
  return active !== null && s.context.fast.inFlight.some((r) => r.requestId === active.requestId);
}

/** Paths that end following a request or showing a suggestion. */
const followingPaths = fastPaths.filter((p) => p.state.context.fast.active !== null);

describe('fast lane, every interruption of every followed request', () => {
  it('covers requesting, streaming and shown, and a request followed while debouncing', () => {
    const ends = new Set(followingPaths.map((p) => p.state.value.fastLane));
    expect([...ends].sort()).toEqual(['debouncing', 'requesting', 'shown', 'streaming']);
  });

  it.each(followingPaths.map((path) => [nameOf(path, fastAbstraction), path] as const))('%s', async (_description, path) => {
    for (const interruption of interruptions) {
      const s = await replayFast(path);
      if (!interruption.applies(s)) continue;
      const active = s.context.fast.active!;
      const wasInFlight = isInFlight(s);
      const inFlightBefore = s.context.fast.inFlight.map((r) => r.requestId);
      const callsBefore = s.services.calls.length;
      const stateBefore = s.fast;
      perform(s, interruption.event(s));
      const context = `${interruption.name} in ${s.fast}`;

      // No stale suggestion: what is shown (if anything) is not the interrupted one.
      const ghost = selectGhostText(s.actor.getSnapshot());
      if (ghost !== null) expect(ghost.requestId, context).not.toBe(active.requestId);
      expect(s.context.fast.active?.requestId, context).not.toBe(active.requestId);

      // The right request id is cancelled, for the right reason, once; and no other request but
      // the oldest when a new request would make three.
      const newCancels = s.services.calls.slice(callsBefore).flatMap((c) => (c.kind === 'cancel' ? [`${c.requestId}:${c.reason}`] : []));
      const expected: string[] = [];
      if (interruption.cancel !== null && wasInFlight) expected.push(`${active.requestId}:${interruption.cancel}`);
      if (interruption.name.startsWith('replaced') && inFlightBefore.length >= SESSION_DEFAULTS.maxInFlight) expected.push(`${inFlightBefore[0]}:replaced`);
      expect(newCancels, context).toEqual(expected);

      // The outcome names the interrupted request and why.
      const status = selectFastLaneStatus(s.actor.getSnapshot());
      if (status.state === 'interrupted' || status.state === 'error') expect(status.requestId, context).toBe(active.requestId);
      if (interruption.name === 'budget') expect(status).toMatchObject({ state: 'interrupted', reason: 'budget' });
      // A request the person has typed past (debouncing) fails quietly: the next one will say it.
      if (interruption.name === 'provider error' && stateBefore !== 'debouncing') expect(status).toMatchObject({ state: 'error', status: 'timeout' });
      if (interruption.name.startsWith('replaced')) expect(s.context.fast.interruption, context).toEqual({ requestId: active.requestId, reason: 'replaced' });

      // Whatever the old request still sends is never shown over what is followed now.
      const seq = s.context.fast.inFlight.find((r) => r.requestId === active.requestId)?.stream.nextSeq ?? 99;
      s.send({ type: 'fast.batch', requestId: active.requestId, seq, text: STALE, done: true });
      const after = selectGhostText(s.actor.getSnapshot());
      expect(after?.text ?? '', context).not.toContain(STALE);
      checkFastInvariants(s);
    }
  });
});

describe('fast lane, never a spinner forever', () => {
  const waiting = fastPaths.filter((p) => p.state.value.fastLane === 'requesting' || p.state.value.fastLane === 'streaming');
  it.each(waiting.map((path) => [nameOf(path, fastAbstraction), path] as const))('%s', async (_description, path) => {
    const s = await replayFast(path);
    const id = s.context.fast.active!.requestId;
    s.clock.increment(Math.max(SESSION_DEFAULTS.firstBatchTimeoutMs, SESSION_DEFAULTS.stallTimeoutMs));
    expect(s.fast).toBe('error');
    expect(selectFastLaneStatus(s.actor.getSnapshot())).toMatchObject({ state: 'error', status: 'timeout', requestId: id });
    expect(s.services.cancels.at(-1)).toBe(`${id}:timeout`);
  });
});

// ---------------------------------------------------------------------------------------------
// Quick edit

const SOURCE = ['function sum(xs) {', '  let total = 0;', '  for (const x of xs) total += x;', '  return total;', '}', ''].join('\n');
const BODY = { start: SOURCE.indexOf('  let'), end: SOURCE.indexOf('}') };
const PATH = 'src/main.ts';

function quickEvents(snapshot: Snapshot): ModelEvent[] {
  const { quick } = snapshot.context;
  const events: ModelEvent[] = [
    { type: 'quick.open', path: PATH, documentText: SOURCE, selection: BODY },
    { type: 'quick.open', path: PATH, documentText: SOURCE, selection: { start: 5, end: SOURCE.length + 1 } },
    { type: 'quick.submit', instruction: 'use reduce' },
    { type: 'quick.submit', instruction: ' ' },
    // The person asks for the deep lane (the other promotion criteria: after two rejections, by redirecting).
    { type: 'quick.handOff' },
    { type: 'deep.decline' },
    { type: 'quick.redirect', instruction: 'keep the loop' },
    { type: 'quick.accept' },
    { type: 'quick.reject' },
    { type: 'quick.cancel' },
    { type: 'editor.typed', cursor: { path: PATH, offset: 1, before: 'f', lineSuffix: 'unction sum(xs) {' } },
    { type: 'editor.typed', cursor: { path: 'src/other.ts', offset: 1, before: 'x', lineSuffix: '' } },
  ];
  const id = quick.requestId;
  if (id !== null) {
    const { nextSeq, pending } = quick.stream;
    events.push({ type: 'quick.batch', requestId: id, seq: nextSeq, text: '  return 0;\n', done: false });
    events.push({ type: 'quick.batch', requestId: id, seq: nextSeq, text: '', done: true });
    events.push({ type: 'quick.batch', requestId: id, seq: nextSeq, text: '', done: true, edits: [{ start: 0, end: 8, text: 'const fn = ' }] });
    if (pending.length === 0) events.push({ type: 'quick.batch', requestId: id, seq: nextSeq + 1, text: 'x', done: false });
    events.push({ type: 'quick.failed', requestId: id, status: 'bad-response', message: 'garbled' });
    events.push({ type: 'quick.limited', requestId: id, message: 'budget' });
    const n = Number(id.slice(1));
    if (n > 1) events.push({ type: 'quick.batch', requestId: `q${n - 1}`, seq: 0, text: STALE, done: true });
  }
  return [...events, ...delayedEvents(snapshot).filter((e) => e.type.includes('quickEdit'))];
}

function quickAbstraction(snapshot: Snapshot): string {
  const { quick } = snapshot.context;
  return JSON.stringify({
    value: snapshot.value.quickEdit,
    deep: snapshot.value.deepLane,
    // What the handoff guards look at: one more rejection promotes, unless the person declined.
    rejected: quick.rejections >= 1,
    declined: quick.handoffDeclined,
    text: quick.stream.text !== '',
    buffered: quick.stream.pending.length > 0,
    turns: Math.min(quick.turns.length, 3),
    refusal: quick.refusal?.reason,
    failure: quick.failure?.status,
  });
}

function checkQuickInvariants(s: TestSession): void {
  const snapshot = s.actor.getSnapshot();
  const { quick } = snapshot.context;
  const view = selectQuickEdit(snapshot);
  const cancelled = new Set(s.services.calls.flatMap((c) => (c.kind === 'cancel' ? [c.requestId] : [])));
  expect(view === null).toBe(s.quick === 'idle' || s.quick === 'handedOff');
  // Moved aside exactly while the deep lane holds its proposal (or has started it).
  if (s.quick === 'handedOff') expect(snapshot.context.deep.proposal?.fromQuickEdit).toBe(true);
  if (view === null) return;
  // Nothing of a cancelled answer is shown.
  expect(view.proposed).not.toContain(STALE);
  if (s.quick === 'streaming') expect(cancelled.has(quick.requestId!)).toBe(false);
  if (s.quick === 'review' || s.quick === 'applied') {
    // Only a validated answer, inside the selection, is reviewed or applied.
    expect(quick.proposal).not.toBeNull();
    expect(validateQuickEdit(quick.documentText, quick.selection, quick.proposal!.edits).ok).toBe(true);
    for (const edit of quick.proposal!.edits) {
      expect(edit.start).toBeGreaterThanOrEqual(quick.selection.start);
      expect(edit.end).toBeLessThanOrEqual(quick.selection.end);
    }
  }
  if (s.quick === 'refused') expect(view.refusal).not.toBeNull();
  if (s.quick === 'failed') expect(view.failure).not.toBeNull();
  const applied = s.services.calls.filter((c) => c.kind === 'applyQuickEdit');
  expect(applied.length).toBeLessThanOrEqual(s.quick === 'applied' ? 1 : applied.length);
  // The conversation alternates sensibly: it starts with the person, and every request ends with their newest turn.
  for (const request of s.services.quickEditRequests) {
    expect(request.turns[0]?.role).toBe('user');
    expect(request.turns.at(-1)?.role).toBe('user');
  }
}

const quickModel = new TestModel(modelLogic, { input: modelInput, events: quickEvents, serializeState: quickAbstraction });
const quickPaths = quickModel.getShortestPaths({ allowDuplicatePaths: true }) as TestPath<Snapshot, ModelEvent>[];
const quickEventTypes = eventTypesOf(quickPaths);

const replayQuick = (path: TestPath<Snapshot, ModelEvent>) =>
  replay(path, SOURCE, quickEventTypes, checkQuickInvariants, (value) => ({ quickEdit: value.quickEdit, deepLane: value.deepLane }));

describe('quick edit, every reachable state', () => {
  it('reaches every quick-edit state', () => {
    const reached = new Set(quickPaths.flatMap((p) => [p.state, ...p.steps.map((step) => step.state)]).map((state) => state.value.quickEdit));
    expect([...reached].sort()).toEqual(['applied', 'failed', 'handedOff', 'idle', 'instructing', 'refused', 'rejected', 'review', 'streaming']);
  });

  it.each(quickPaths.map((path) => [nameOf(path, quickAbstraction), path] as const))('%s', async (_description, path) => {
    await replayQuick(path);
  });
});

describe('quick edit, redirect during every streaming state', () => {
  const streaming = quickPaths.filter((p) => p.state.value.quickEdit === 'streaming');

  it('covers streaming with and without text, buffered batches, and after earlier redirects', () => {
    const kinds = new Set(streaming.map((p) => quickAbstraction(p.state)));
    expect(kinds.size).toBeGreaterThanOrEqual(4);
  });

  it.each(streaming.map((path) => [nameOf(path, quickAbstraction), path] as const))('%s', async (_description, path) => {
    const s = await replayQuick(path);
    const before = s.context.quick;
    const previous = before.requestId!;
    const callsBefore = s.services.calls.length;
    s.send({ type: 'quick.redirect', instruction: 'no, keep it recursive' });
    expect(s.quick).toBe('streaming');
    const calls = s.services.calls.slice(callsBefore);
    expect(calls[0]).toEqual({ kind: 'cancel', requestId: previous, reason: 'redirected' });
    expect(calls[1]?.kind).toBe('requestQuickEdit');
    const request = s.services.quickEditRequests.at(-1)!;
    expect(request.requestId).not.toBe(previous);
    const partial = before.stream.text === '' ? [] : [{ role: 'assistant', text: before.stream.text, partial: true }];
    expect(request.turns).toEqual([...before.turns, ...partial, { role: 'user', text: 'no, keep it recursive' }]);
    expect(selectQuickEdit(s.actor.getSnapshot())?.proposed).toBe('');
    // The old answer, whatever else it sends, is never shown.
    s.send({ type: 'quick.batch', requestId: previous, seq: before.stream.nextSeq, text: STALE, done: true });
    expect(s.quick).toBe('streaming');
    expect(selectQuickEdit(s.actor.getSnapshot())?.proposed).toBe('');
    s.send({ type: 'quick.batch', requestId: request.requestId, seq: 0, text: '  return xs.length ? xs[0] + sum(xs.slice(1)) : 0;\n', done: true });
    expect(s.quick).toBe('review');
    checkQuickInvariants(s);
  });
});
