import { describe, expect, it } from 'vitest';
import { selectFastLaneStatus } from './selectFastLaneStatus.ts';
import { SESSION_DEFAULTS } from './SessionOptions.ts';
import { startTestSession, type TestSession } from './testing/startTestSession.ts';

/** Types at line end and lets the debounce run out: the first request (f1) is in flight. */
function requested(text = 'const total = ', typed = 'a'): TestSession {
  const s = startTestSession({ text });
  s.type(typed);
  s.clock.increment(s.context.fast.debounceMs);
  expect(s.fast).toBe('requesting');
  return s;
}

/** f1 streamed `parts` (done or not). */
function streamed(parts: readonly string[], done: boolean): TestSession {
  const s = requested();
  s.stream('f1', parts, { done });
  return s;
}

describe('fast lane: debounce', () => {
  it('asks once the debounce has run out after the last key, not before', () => {
    const s = startTestSession({ text: 'const total = ' });
    s.type('a');
    expect(s.fast).toBe('debouncing');
    const ms = s.context.fast.debounceMs;
    expect(ms).toBe(38); // line end: the eager debounce
    s.clock.increment(ms - 1);
    expect(s.fast).toBe('debouncing');
    expect(s.services.suggestionRequests).toEqual([]);
    s.clock.increment(1);
    expect(s.fast).toBe('requesting');
    expect(s.services.calls).toEqual([{ kind: 'requestSuggestion', request: { requestId: 'f1', cursor: s.doc.cursor, trigger: 'auto' } }]);
  });

  it('restarts on every key, so typing steadily sends nothing until a pause', () => {
    const s = startTestSession({ text: 'let x = ' });
    s.type('abcdefgh', 30);
    expect(s.services.suggestionRequests).toEqual([]);
    s.clock.increment(s.context.fast.debounceMs);
    expect(s.services.suggestionRequests).toEqual(['f1']);
    expect(s.services.calls[0]).toMatchObject({ request: { cursor: { before: 'let x = abcdefgh' } } });
  });

  it('waits longer while the person types fast, and longer with a slow round trip', () => {
    const slow = startTestSession({ text: 'x = ' });
    slow.type('ab', 400);
    const fast = startTestSession({ text: 'x = ' });
    fast.type('abcdef', 60);
    expect(slow.context.fast.debounceMs).toBe(38);
    expect(fast.context.fast.debounceMs).toBeGreaterThan(slow.context.fast.debounceMs);
    expect(fast.context.fast.debounceMs).toBeGreaterThanOrEqual(90);

    const far = startTestSession({ text: 'x = ' });
    far.send({ type: 'latency.measured', roundTripMs: 400 });
    far.type('a');
    expect(far.context.fast.debounceMs).toBe(138);
  });

  it('learns the round trip from the time to the first batch', () => {
    const s = requested();
    s.clock.increment(120);
    s.stream('f1', ['b'], { done: false });
    expect(s.context.fast.roundTripMs).toBe(120);
  });

  it('does not ask by itself mid-line, but asks there when told to', () => {
    const s = startTestSession({ text: 'call(value)' });
    s.send({ type: 'editor.moved', cursor: s.doc.moveTo(5) });
    s.type('x');
    expect(s.fast).toBe('idle');
    s.clock.increment(10_000);
    expect(s.services.suggestionRequests).toEqual([]);
    s.send({ type: 'fast.trigger' });
    expect(s.fast).toBe('requesting');
    expect(s.services.calls).toEqual([{ kind: 'requestSuggestion', request: { requestId: 'f1', cursor: s.doc.cursor, trigger: 'explicit' } }]);
  });

  it('needs a cursor for an explicit request, from the trigger or an earlier event', () => {
    const s = startTestSession({ text: 'x' });
    s.send({ type: 'fast.trigger' });
    expect(s.fast).toBe('idle');
    s.send({ type: 'fast.trigger', cursor: s.doc.cursor });
    expect(s.services.suggestionRequests).toEqual(['f1']);
  });

  it('Esc while debouncing sends nothing', () => {
    const s = startTestSession({ text: 'x = ' });
    s.type('a');
    s.send({ type: 'fast.dismiss' });
    expect(s.fast).toBe('idle');
    s.clock.increment(1000);
    expect(s.services.calls).toEqual([]);
  });
});

describe('fast lane: streaming and typing through', () => {
  it('grows the ghost text batch by batch and shows the whole once done', () => {
    const s = requested();
    s.stream('f1', ['mount'], { done: false });
    expect(s.fast).toBe('streaming');
    expect(s.ghost).toEqual({ requestId: 'f1', path: 'src/main.ts', at: s.doc.offset, text: 'mount' });
    s.stream('f1', [' + 1', ';'], { from: 1 });
    expect(s.fast).toBe('shown');
    expect(s.ghost?.text).toBe('mount + 1;');
  });

  it('keeps the stream when the person types what it says next, and sends no cancel', () => {
    const s = streamed(['mount + 1'], false);
    s.type('mou');
    expect(s.fast).toBe('streaming');
    expect(s.ghost?.text).toBe('nt + 1');
    s.stream('f1', [';'], { from: 1 });
    expect(s.ghost?.text).toBe('nt + 1;');
    s.type('nt');
    expect(s.fast).toBe('shown');
    expect(s.ghost?.text).toBe(' + 1;');
    expect(s.services.cancels).toEqual([]);
    expect(s.services.suggestionRequests).toEqual(['f1']);
  });

  it('typing all of a shown suggestion counts as accepting it by typing', () => {
    const s = streamed(['mount;'], true);
    s.type('mount;');
    expect(s.fast).toBe('accepted');
    expect(s.context.fast.accepted).toEqual({ requestId: 'f1', text: 'mount;', via: 'typing' });
    expect(s.ghost).toBeNull();
  });

  it('typing something else cancels the stream and debounces again', () => {
    const s = streamed(['mount'], false);
    s.type('x');
    expect(s.services.cancels).toEqual(['f1:typed-over']);
    expect(s.fast).toBe('debouncing');
    expect(s.ghost).toBeNull();
    expect(s.context.fast.interruption).toEqual({ requestId: 'f1', reason: 'typed-over' });
    // Batches of the cancelled request are never shown again.
    s.stream('f1', [' + 1;'], { from: 1 });
    expect(s.fast).toBe('debouncing');
    expect(s.ghost).toBeNull();
    s.clock.increment(s.context.fast.debounceMs);
    expect(s.services.suggestionRequests).toEqual(['f1', 'f2']);
  });

  it('typed over where no new request may start, it rests in interrupted (typed-over)', () => {
    const s = startTestSession({ text: 'f(abcd)' });
    s.send({ type: 'editor.moved', cursor: s.doc.moveTo(2) });
    s.send({ type: 'fast.trigger' });
    s.stream('f1', ['x, '], { done: false });
    s.type('y');
    expect(s.fast).toBe('interrupted');
    expect(selectFastLaneStatus(s.actor.getSnapshot())).toMatchObject({ state: 'interrupted', reason: 'typed-over', requestId: 'f1' });
  });

  it('typing over a shown suggestion needs no cancel: it has ended', () => {
    const s = streamed(['mount;'], true);
    s.type('q');
    expect(s.services.cancels).toEqual([]);
    expect(s.ghost).toBeNull();
    expect(s.context.fast.interruption).toEqual({ requestId: 'f1', reason: 'typed-over' });
  });

  it('typing ahead of what has arrived waits for the rest instead of cancelling', () => {
    const s = streamed(['mo'], false);
    s.type('mo');
    expect(s.fast).toBe('requesting');
    expect(s.ghost).toBeNull();
    // Typing on debounces a newer request, but the stream is still followed and wins if it keeps up.
    s.type('unt');
    expect(s.fast).toBe('debouncing');
    s.stream('f1', ['unt + 1'], { from: 1, done: false });
    expect(s.fast).toBe('streaming');
    expect(s.ghost?.text).toBe(' + 1');
    s.clock.increment(1000);
    expect(s.services.cancels).toEqual([]);
    expect(s.services.suggestionRequests).toEqual(['f1']);
  });

  it('backspacing within what was typed through brings the text back', () => {
    const s = streamed(['mount;'], true);
    s.type('mou');
    s.backspace(2);
    expect(s.fast).toBe('shown');
    expect(s.ghost?.text).toBe('ount;');
  });
});

describe('fast lane: typing while a request is on its way', () => {
  it('shows the request after all if its first words are what was typed meanwhile', () => {
    const s = requested();
    s.type('mo');
    expect(s.fast).toBe('debouncing');
    s.stream('f1', ['mount'], { done: false });
    expect(s.fast).toBe('streaming');
    expect(s.ghost?.text).toBe('unt');
    s.clock.increment(1000);
    expect(s.services.suggestionRequests).toEqual(['f1']);
  });

  it('cancels it as typed-over once its first words contradict the typing', () => {
    const s = requested();
    s.type('x');
    s.stream('f1', ['mount'], { done: false });
    expect(s.services.cancels).toEqual(['f1:typed-over']);
    expect(s.fast).toBe('debouncing');
    s.clock.increment(s.context.fast.debounceMs);
    expect(s.services.suggestionRequests).toEqual(['f1', 'f2']);
  });

  it('a newer request replaces it; the older stays in flight for the cache but is never shown over the newer', () => {
    const s = requested();
    s.type('m');
    s.clock.increment(s.context.fast.debounceMs);
    expect(s.services.suggestionRequests).toEqual(['f1', 'f2']);
    expect(s.services.cancels).toEqual([]);
    expect(s.context.fast.interruption).toEqual({ requestId: 'f1', reason: 'replaced' });
    expect(s.context.fast.inFlight.map((r) => r.requestId)).toEqual(['f1', 'f2']);
    s.stream('f1', ['mount;']);
    expect(s.fast).toBe('requesting');
    expect(s.ghost).toBeNull();
    // The older answer went to the cache.
    expect(s.context.fast.cache.entries.map((e) => e.requestId)).toEqual(['f1']);
    s.stream('f2', ['ore;']);
    expect(s.ghost).toEqual(expect.objectContaining({ requestId: 'f2', text: 'ore;' }));
  });

  it('keeps at most two requests in flight: a third cancels the oldest', () => {
    const s = requested();
    s.type('m');
    s.clock.increment(s.context.fast.debounceMs);
    s.type('o');
    s.clock.increment(s.context.fast.debounceMs);
    expect(s.services.suggestionRequests).toEqual(['f1', 'f2', 'f3']);
    expect(s.services.cancels).toEqual(['f1:replaced']);
    expect(s.context.fast.inFlight.map((r) => r.requestId)).toEqual(['f2', 'f3']);
    // The cancel reaches the server before the new request.
    const kinds = s.services.calls.map((c) => (c.kind === 'cancel' ? `cancel ${c.requestId}` : c.kind === 'requestSuggestion' ? c.request.requestId : c.kind));
    expect(kinds).toEqual(['f1', 'f2', 'cancel f1', 'f3']);
  });

  it('an explicit request replaces the one being streamed without cancelling it', () => {
    const s = streamed(['mount'], false);
    s.send({ type: 'fast.trigger' });
    expect(s.services.suggestionRequests).toEqual(['f1', 'f2']);
    expect(s.services.cancels).toEqual([]);
    expect(s.fast).toBe('requesting');
    expect(s.ghost).toBeNull();
    expect(s.context.fast.interruption).toEqual({ requestId: 'f1', reason: 'replaced' });
    s.stream('f1', [' + 1;'], { from: 1 });
    expect(s.ghost).toBeNull();
  });
});

describe('fast lane: request ids and sequence numbers', () => {
  it('assembles out-of-order batches in order and drops duplicates', () => {
    const s = requested();
    s.send({ type: 'fast.batch', requestId: 'f1', seq: 2, text: 'C', done: true });
    expect(s.fast).toBe('requesting');
    s.send({ type: 'fast.batch', requestId: 'f1', seq: 0, text: 'A', done: false });
    expect(s.ghost?.text).toBe('A');
    s.send({ type: 'fast.batch', requestId: 'f1', seq: 0, text: 'A', done: false });
    s.send({ type: 'fast.batch', requestId: 'f1', seq: 1, text: 'B', done: false });
    expect(s.fast).toBe('shown');
    expect(s.ghost?.text).toBe('ABC');
  });

  it('fails the request with bad-response when too many batches wait for a gap', () => {
    const s = startTestSession({ text: 'x = ', options: { maxBufferedBatches: 2 } });
    s.type('a');
    s.clock.increment(s.context.fast.debounceMs);
    for (const seq of [1, 2, 3]) s.send({ type: 'fast.batch', requestId: 'f1', seq, text: 'z', done: false });
    expect(s.fast).toBe('error');
    expect(s.context.fast.error).toMatchObject({ requestId: 'f1', status: 'bad-response' });
    expect(s.services.cancels).toEqual(['f1:bad-response']);
  });

  it('ignores answers to ids it never sent', () => {
    const s = requested();
    s.stream('f9', ['nope']);
    s.send({ type: 'fast.failed', requestId: 'f9', status: 'unavailable', message: 'x' });
    expect(s.fast).toBe('requesting');
  });

  it('prefixes ids so two sessions never share one, and counts across lanes', () => {
    const s = startTestSession({ text: 'let a = 1;', idPrefix: 'c7-' });
    s.send({ type: 'quick.open', path: s.doc.path, documentText: s.doc.text, selection: { start: 0, end: 3 } });
    s.send({ type: 'quick.submit', instruction: 'use const' });
    s.send({ type: 'quick.cancel' });
    s.send({ type: 'fast.trigger', cursor: s.doc.cursor });
    expect(s.services.quickEditRequests.map((r) => r.requestId)).toEqual(['c7-q1']);
    expect(s.services.suggestionRequests).toEqual(['c7-f2']);
  });
});

describe('fast lane: the prefix cache', () => {
  it('brings a suggestion back after typing over it and backspacing, without a request', () => {
    const s = streamed(['mount;'], true);
    s.type('x');
    expect(s.ghost).toBeNull();
    s.backspace();
    expect(s.fast).toBe('shown');
    expect(s.ghost).toEqual(expect.objectContaining({ requestId: 'f1', text: 'mount;' }));
    s.clock.increment(1000);
    expect(s.services.suggestionRequests).toEqual(['f1']);
  });

  it('comes back partway along the suggestion too, and after moving away and back', () => {
    const s = streamed(['mount + 1;'], true);
    const home = s.doc.offset;
    s.send({ type: 'editor.moved', cursor: s.doc.moveTo(0) });
    expect(s.fast).toBe('interrupted');
    s.send({ type: 'editor.moved', cursor: s.doc.moveTo(home) });
    expect(s.ghost?.text).toBe('mount + 1;');
    s.type('mou');
    s.type('Z');
    s.backspace();
    expect(s.ghost?.text).toBe('nt + 1;');
  });

  it('does not bring back a dismissed suggestion', () => {
    const s = streamed(['mount;'], true);
    s.send({ type: 'fast.dismiss' });
    expect(s.fast).toBe('dismissed');
    s.type('x');
    s.backspace();
    expect(s.ghost).toBeNull();
    expect(s.fast).toBe('debouncing');
  });

  it('shows a request that completes in the background once the person rests where it fits', () => {
    const s = requested();
    s.type('m');
    s.clock.increment(s.context.fast.debounceMs);
    s.send({ type: 'fast.cancel' });
    expect(s.fast).toBe('interrupted');
    expect(s.services.cancels).toEqual(['f2:cancelled']);
    s.stream('f1', ['mount;']);
    expect(s.fast).toBe('shown');
    expect(s.ghost).toEqual(expect.objectContaining({ requestId: 'f1', text: 'ount;' }));
  });
});

describe('fast lane: accept and dismiss', () => {
  it('Tab asks the glue to insert the rest; the inserted text then debounces the next suggestion', () => {
    const s = streamed(['mount;'], true);
    s.type('mo');
    s.services.onInsert = (insertion) => s.send({ type: 'editor.typed', cursor: s.doc.type(insertion.text) });
    s.send({ type: 'fast.accept' });
    expect(s.services.insertions).toEqual([{ requestId: 'f1', path: 'src/main.ts', at: s.doc.offset - 4, text: 'unt;', kind: 'whole' }]);
    expect(s.context.fast.accepted).toEqual({ requestId: 'f1', text: 'unt;', via: 'tab' });
    expect(s.doc.text).toBe('const total = amount;');
    expect(s.fast).toBe('debouncing');
    expect(s.ghost).toBeNull();
  });

  it('Tab while streaming takes what is shown and cancels the rest', () => {
    const s = streamed(['mount'], false);
    s.send({ type: 'fast.accept' });
    expect(s.fast).toBe('accepted');
    expect(s.services.cancels).toEqual(['f1:accepted']);
    expect(s.services.insertions.map((i) => i.text)).toEqual(['mount']);
  });

  it('Tab with nothing shown does nothing', () => {
    const s = requested();
    s.send({ type: 'fast.accept' });
    s.send({ type: 'fast.acceptWord' });
    expect(s.fast).toBe('requesting');
    expect(s.services.insertions).toEqual([]);
  });

  it('accept word inserts one word and keeps the rest shown, through the echo of the insertion', () => {
    const s = streamed(['items.map((x) => x)'], true);
    s.services.onInsert = (insertion) => s.send({ type: 'editor.typed', cursor: s.doc.type(insertion.text) });
    s.send({ type: 'fast.acceptWord' });
    expect(s.fast).toBe('shown');
    expect(s.ghost?.text).toBe('.map((x) => x)');
    for (let i = 0; i < 3; i++) s.send({ type: 'fast.acceptWord' });
    expect(s.services.insertions.map((i) => i.text)).toEqual(['items', '.', 'map', '((']);
    expect(s.ghost?.text).toBe('x) => x)');
    for (let i = 0; i < 5; i++) s.send({ type: 'fast.acceptWord' });
    expect(s.services.insertions.slice(4).map((i) => i.text)).toEqual(['x', ')', ' =>', ' x', ')']);
    expect(s.fast).toBe('accepted');
    expect(s.doc.text).toBe('const total = aitems.map((x) => x)');
  });

  it('Esc dismisses a shown suggestion, and cancels one still coming', () => {
    const shown = streamed(['mount;'], true);
    shown.send({ type: 'fast.dismiss' });
    expect(shown.fast).toBe('dismissed');
    expect(shown.context.fast.dismissed).toEqual({ requestId: 'f1' });
    expect(shown.services.cancels).toEqual([]);

    const coming = streamed(['mount'], false);
    coming.send({ type: 'fast.dismiss' });
    expect(coming.fast).toBe('interrupted');
    expect(coming.services.cancels).toEqual(['f1:cancelled']);
    expect(coming.ghost).toBeNull();

    const waiting = requested();
    waiting.send({ type: 'fast.dismiss' });
    expect(waiting.fast).toBe('interrupted');
    expect(waiting.services.cancels).toEqual(['f1:cancelled']);
  });

  it('moving the cursor away cancels what is coming; a change by someone else too', () => {
    const s = streamed(['mount'], false);
    s.send({ type: 'editor.moved', cursor: s.doc.moveTo(3) });
    expect(s.fast).toBe('interrupted');
    expect(s.services.cancels).toEqual(['f1:cancelled']);

    const t = streamed(['mount'], false);
    // A collaborator adds a line above: offsets before the cursor shift.
    t.doc.text = '// note\n' + t.doc.text;
    t.doc.offset += 8;
    t.send({ type: 'editor.changed', cursor: t.doc.cursor });
    expect(t.fast).toBe('interrupted');
    expect(t.services.cancels).toEqual(['f1:cancelled']);
    // Nothing starts by itself after a change the person did not type.
    t.clock.increment(1000);
    expect(t.services.suggestionRequests).toEqual(['f1']);
  });
});

describe('fast lane: errors, limits and time limits', () => {
  it('shows a provider failure with its status, never a spinner, and starts again on typing', () => {
    const s = requested();
    s.send({ type: 'fast.failed', requestId: 'f1', status: 'unavailable', message: 'The model server is not reachable.' });
    expect(s.fast).toBe('error');
    expect(selectFastLaneStatus(s.actor.getSnapshot())).toMatchObject({ state: 'error', status: 'unavailable', message: 'The model server is not reachable.' });
    s.type('b');
    expect(s.fast).toBe('debouncing');
  });

  it('a rate limit pauses automatic requests for the time given; an explicit one still goes', () => {
    const s = requested();
    s.send({ type: 'fast.failed', requestId: 'f1', status: 'rate-limited', message: 'Slow down.', retryAfterMs: 2000 });
    s.type('b');
    expect(s.fast).toBe('idle');
    s.send({ type: 'fast.trigger' });
    expect(s.services.suggestionRequests).toEqual(['f1', 'f2']);
    s.send({ type: 'fast.cancel' });
    s.clock.increment(2000);
    s.type('c');
    expect(s.fast).toBe('debouncing');
  });

  it('a budget limit interrupts with reason budget and pauses automatic requests', () => {
    const s = streamed(['mount'], false);
    s.send({ type: 'fast.limited', requestId: 'f1', message: 'Fast-lane budget reached for this hour.' });
    expect(s.fast).toBe('interrupted');
    expect(s.ghost).toBeNull();
    expect(selectFastLaneStatus(s.actor.getSnapshot())).toMatchObject({ state: 'interrupted', reason: 'budget', pausedUntil: s.clock.now() + SESSION_DEFAULTS.limitPauseMs });
    s.type('x');
    expect(s.fast).toBe('idle');
    s.clock.increment(SESSION_DEFAULTS.limitPauseMs);
    s.type('y');
    expect(s.fast).toBe('debouncing');
  });

  it('a limit reported for a request in the background also pauses: the pending debounce sends nothing', () => {
    const s = requested();
    s.type('m');
    s.clock.increment(s.context.fast.debounceMs);
    s.type('o');
    s.send({ type: 'fast.limited', requestId: 'f1', message: 'budget', retryAfterMs: 5000 });
    expect(s.fast).toBe('debouncing');
    s.clock.increment(s.context.fast.debounceMs);
    // The request already in flight is still awaited; no new one is sent.
    expect(s.fast).toBe('requesting');
    expect(s.context.fast.active?.requestId).toBe('f2');
    expect(s.services.suggestionRequests).toEqual(['f1', 'f2']);
    s.send({ type: 'fast.cancel' });
    s.type('p');
    s.clock.increment(s.context.fast.debounceMs);
    expect(s.fast).toBe('idle');
    expect(s.services.suggestionRequests).toEqual(['f1', 'f2']);
  });

  it('a request with no text within the first-batch limit fails as timeout and is cancelled', () => {
    const s = requested();
    s.clock.increment(SESSION_DEFAULTS.firstBatchTimeoutMs - 1);
    expect(s.fast).toBe('requesting');
    s.clock.increment(1);
    expect(s.fast).toBe('error');
    expect(s.context.fast.error).toMatchObject({ requestId: 'f1', status: 'timeout' });
    expect(s.services.cancels).toEqual(['f1:timeout']);
  });

  it('a stream silent past the stall limit fails as timeout; each batch restarts the limit', () => {
    const s = streamed(['mo'], false);
    s.clock.increment(SESSION_DEFAULTS.stallTimeoutMs - 10);
    s.stream('f1', ['unt'], { from: 1, done: false });
    s.clock.increment(SESSION_DEFAULTS.stallTimeoutMs - 10);
    expect(s.fast).toBe('streaming');
    s.clock.increment(10);
    expect(s.fast).toBe('error');
    expect(s.ghost).toBeNull();
    expect(s.services.cancels).toEqual(['f1:timeout']);
  });

  it('a request in the background that fails is forgotten without a word', () => {
    const s = requested();
    s.type('m');
    s.clock.increment(s.context.fast.debounceMs);
    s.send({ type: 'fast.failed', requestId: 'f1', status: 'bad-response', message: 'x' });
    expect(s.fast).toBe('requesting');
    expect(s.context.fast.inFlight.map((r) => r.requestId)).toEqual(['f2']);
  });
});

describe('fast lane beside a quick edit', () => {
  it('stops when a quick edit opens and asks nothing while it is open', () => {
    const s = streamed(['mount'], false);
    s.send({ type: 'quick.open', path: s.doc.path, documentText: s.doc.text, selection: { start: 0, end: 5 } });
    expect(s.fast).toBe('interrupted');
    expect(s.services.cancels).toEqual(['f1:cancelled']);
    s.type('b');
    s.send({ type: 'fast.trigger' });
    s.clock.increment(1000);
    expect(s.services.suggestionRequests).toEqual(['f1']);
    s.send({ type: 'quick.cancel' });
    s.type('c');
    expect(s.fast).toBe('debouncing');
  });
});
