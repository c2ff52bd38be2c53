import { describe, expect, it } from 'vitest';
import { selectQuickEdit } from './selectQuickEdit.ts';
import { SESSION_DEFAULTS } from './SessionOptions.ts';
import { startTestSession, type TestSession } from './testing/startTestSession.ts';

const SOURCE = ['function sum(xs) {', '  let total = 0;', '  for (const x of xs) total += x;', '  return total;', '}', ''].join('\n');
const BODY = { start: SOURCE.indexOf('  let'), end: SOURCE.indexOf('}') };
const ORIGINAL = SOURCE.slice(BODY.start, BODY.end);
const REDUCED = '  return xs.reduce((a, b) => a + b, 0);\n';

function opened(): TestSession {
  const s = startTestSession({ text: SOURCE });
  s.send({ type: 'quick.open', path: s.doc.path, documentText: SOURCE, selection: BODY });
  expect(s.quick).toBe('instructing');
  return s;
}

function asked(instruction = 'use reduce'): TestSession {
  const s = opened();
  s.send({ type: 'quick.submit', instruction });
  expect(s.quick).toBe('streaming');
  return s;
}

const view = (s: TestSession) => selectQuickEdit(s.actor.getSnapshot());

describe('quick edit', () => {
  it('opens on a valid selection only, and asks once there is an instruction', () => {
    const s = startTestSession({ text: SOURCE });
    s.send({ type: 'quick.open', path: s.doc.path, documentText: SOURCE, selection: { start: 10, end: SOURCE.length + 1 } });
    s.send({ type: 'quick.open', path: s.doc.path, documentText: SOURCE, selection: { start: 10, end: 4 } });
    expect(s.quick).toBe('idle');
    expect(view(s)).toBeNull();
    s.send({ type: 'quick.open', path: s.doc.path, documentText: SOURCE, selection: BODY });
    expect(view(s)).toMatchObject({ state: 'instructing', original: ORIGINAL, proposed: '', turns: [] });
    s.send({ type: 'quick.submit', instruction: '   ' });
    expect(s.quick).toBe('instructing');
    s.send({ type: 'quick.submit', instruction: ' use reduce ' });
    expect(s.quick).toBe('streaming');
    expect(s.services.quickEditRequests).toEqual([
      { requestId: 'q1', path: 'src/main.ts', documentText: SOURCE, selection: BODY, turns: [{ role: 'user', text: 'use reduce' }] },
    ]);
  });

  it('streams the new text, then offers it for review, then applies it', () => {
    const s = asked();
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: '  return xs.reduce(', done: false });
    expect(view(s)).toMatchObject({ state: 'streaming', original: ORIGINAL, proposed: '  return xs.reduce(' });
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 1, text: '(a, b) => a + b, 0);\n', done: true });
    expect(s.quick).toBe('review');
    expect(view(s)).toMatchObject({ state: 'review', proposed: REDUCED, turns: [{ role: 'user', text: 'use reduce' }, { role: 'assistant', text: REDUCED }] });
    s.send({ type: 'quick.accept' });
    expect(s.quick).toBe('applied');
    const edits = view(s)?.edits;
    expect(s.services.calls.at(-1)).toEqual({ kind: 'applyQuickEdit', application: { requestId: 'q1', path: 'src/main.ts', edits } });
    // The edits really turn the selection into the proposal.
    let text = SOURCE;
    for (const edit of [...(edits ?? [])].reverse()) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    expect(text).toBe(SOURCE.slice(0, BODY.start) + REDUCED + SOURCE.slice(BODY.end));
  });

  it('reject and Esc in review drop the answer without applying it', () => {
    for (const type of ['quick.reject', 'quick.cancel'] as const) {
      const s = asked();
      s.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: REDUCED, done: true });
      s.send({ type });
      expect(s.quick).toBe('rejected');
      expect(s.services.calls.some((c) => c.kind === 'applyQuickEdit')).toBe(false);
    }
  });

  it('refuses an answer that edits outside the selection, with the reason', () => {
    const s = asked();
    const signature = { start: 0, end: SOURCE.indexOf('{'), text: 'function sum(xs: number[]) ' };
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: 'typed the parameter', done: true, edits: [signature] });
    expect(s.quick).toBe('refused');
    expect(view(s)?.refusal).toMatchObject({ reason: 'outside-selection', message: 'The answer changes line 1, outside the selection (lines 2–4).' });
    s.send({ type: 'quick.accept' });
    expect(s.services.calls.some((c) => c.kind === 'applyQuickEdit')).toBe(false);
  });

  it('takes the done batch\'s edits even when it arrives before the text', () => {
    const s = asked();
    const at = SOURCE.indexOf('let total');
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 1, text: 'total', done: true, edits: [{ start: at, end: at + 3, text: 'var' }] });
    expect(s.quick).toBe('streaming');
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 1, text: 'dup', done: false });
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: 'var ', done: false });
    expect(s.quick).toBe('review');
    expect(view(s)?.edits).toEqual([{ start: at, end: at + 3, text: 'var' }]);
    expect(view(s)?.proposed).toBe(ORIGINAL.replace('let', 'var'));
  });

  it('redirect while streaming cancels, restarts with the instruction added and keeps the conversation', () => {
    const s = asked();
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: '  return xs.reduce(', done: false });
    s.send({ type: 'quick.redirect', instruction: 'no, keep the loop' });
    expect(s.quick).toBe('streaming');
    expect(s.services.cancels).toEqual(['q1:redirected']);
    const [, second] = s.services.quickEditRequests;
    expect(second).toEqual({
      requestId: 'q2',
      path: 'src/main.ts',
      documentText: SOURCE,
      selection: BODY,
      turns: [
        { role: 'user', text: 'use reduce' },
        { role: 'assistant', text: '  return xs.reduce(', partial: true },
        { role: 'user', text: 'no, keep the loop' },
      ],
    });
    expect(view(s)?.proposed).toBe('');
    // The cancelled answer is never shown again.
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 1, text: 'stale', done: true });
    expect(s.quick).toBe('streaming');
    expect(view(s)?.proposed).toBe('');
    s.send({ type: 'quick.batch', requestId: 'q2', seq: 0, text: ORIGINAL.replace('let', 'var'), done: true });
    expect(s.quick).toBe('review');
    expect(view(s)?.turns).toHaveLength(4);
  });

  it('a redirect before any text arrived adds no empty assistant turn', () => {
    const s = asked();
    s.send({ type: 'quick.redirect', instruction: 'shorter' });
    expect(s.services.quickEditRequests[1]?.turns).toEqual([
      { role: 'user', text: 'use reduce' },
      { role: 'user', text: 'shorter' },
    ]);
  });

  it('a follow-up after review, refusal or failure asks again with the whole conversation', () => {
    const reviewed = asked();
    reviewed.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: REDUCED, done: true });
    reviewed.send({ type: 'quick.redirect', instruction: 'name the accumulator total' });
    expect(reviewed.quick).toBe('streaming');
    expect(reviewed.services.cancels).toEqual([]);
    expect(reviewed.services.quickEditRequests[1]?.turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user']);

    const refused = asked();
    refused.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: ORIGINAL, done: true });
    expect(view(refused)?.refusal?.reason).toBe('no-change');
    refused.send({ type: 'quick.redirect', instruction: 'really change it' });
    expect(refused.quick).toBe('streaming');

    const failed = asked();
    failed.send({ type: 'quick.failed', requestId: 'q1', status: 'unavailable', message: 'down' });
    failed.send({ type: 'quick.redirect', instruction: 'try again' });
    expect(failed.quick).toBe('streaming');
    expect(failed.services.quickEditRequests[1]?.turns).toEqual([
      { role: 'user', text: 'use reduce' },
      { role: 'user', text: 'try again' },
    ]);
  });

  it('shows provider failures and budgets with their status, and times out a silent stream', () => {
    const failed = asked();
    failed.send({ type: 'quick.failed', requestId: 'q1', status: 'rate-limited', message: 'Too many requests.' });
    expect(failed.quick).toBe('failed');
    expect(view(failed)?.failure).toEqual({ status: 'rate-limited', message: 'Too many requests.' });

    const limited = asked();
    limited.send({ type: 'quick.limited', requestId: 'q1', message: 'Quick-edit budget reached.' });
    expect(view(limited)?.failure).toEqual({ status: 'budget', message: 'Quick-edit budget reached.' });

    const silent = asked();
    silent.clock.increment(SESSION_DEFAULTS.quickEditStallMs - 1);
    silent.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: 'a', done: false });
    silent.clock.increment(SESSION_DEFAULTS.quickEditStallMs - 1);
    expect(silent.quick).toBe('streaming');
    silent.clock.increment(1);
    expect(silent.quick).toBe('failed');
    expect(view(silent)?.failure?.status).toBe('timeout');
    expect(silent.services.cancels).toEqual(['q1:timeout']);
  });

  it('fails as bad-response when too many batches wait for a gap', () => {
    const s = startTestSession({ text: SOURCE, options: { maxBufferedBatches: 1 } });
    s.send({ type: 'quick.open', path: s.doc.path, documentText: SOURCE, selection: BODY });
    s.send({ type: 'quick.submit', instruction: 'x' });
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 1, text: 'a', done: false });
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 2, text: 'b', done: false });
    expect(view(s)?.failure?.status).toBe('bad-response');
    expect(s.services.cancels).toEqual(['q1:bad-response']);
  });

  it('refuses an answer once the document changes under it; a change to another file does not matter', () => {
    const s = asked();
    s.send({ type: 'editor.typed', cursor: { path: 'src/other.ts', offset: 1, before: 'x', lineSuffix: '' } });
    expect(s.quick).toBe('streaming');
    s.send({ type: 'editor.typed', cursor: s.doc.type('\n') });
    expect(s.quick).toBe('refused');
    expect(view(s)?.refusal?.reason).toBe('document-changed');
    expect(s.services.cancels).toEqual(['q1:cancelled']);
    // A follow-up would be about a document that no longer exists: open again instead.
    s.send({ type: 'quick.redirect', instruction: 'again' });
    expect(s.quick).toBe('refused');

    const reviewing = asked();
    reviewing.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: REDUCED, done: true });
    reviewing.send({ type: 'editor.changed', cursor: reviewing.doc.cursor });
    expect(reviewing.quick).toBe('refused');
  });

  it('Esc closes it, cancelling a request in flight; opening another restarts it', () => {
    const s = asked();
    s.send({ type: 'quick.cancel' });
    expect(s.quick).toBe('idle');
    expect(s.services.cancels).toEqual(['q1:cancelled']);

    const t = asked();
    t.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: 'x', done: false });
    t.send({ type: 'quick.open', path: t.doc.path, documentText: SOURCE, selection: { start: 0, end: 8 } });
    expect(t.quick).toBe('instructing');
    expect(t.services.cancels).toEqual(['q1:cancelled']);
    expect(view(t)).toMatchObject({ original: 'function', proposed: '', turns: [] });

    const u = opened();
    u.send({ type: 'quick.cancel' });
    expect(u.quick).toBe('idle');
    expect(u.services.calls).toEqual([]);
  });

  it('a quick edit can start again after it was applied or rejected', () => {
    const s = asked();
    s.send({ type: 'quick.batch', requestId: 'q1', seq: 0, text: REDUCED, done: true });
    s.send({ type: 'quick.accept' });
    s.send({ type: 'quick.open', path: s.doc.path, documentText: SOURCE, selection: BODY });
    expect(s.quick).toBe('instructing');
  });
});
