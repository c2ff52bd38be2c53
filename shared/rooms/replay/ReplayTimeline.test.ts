import { describe, expect, it } from 'vitest';
import type { RoomEvent } from '../roomEvent.ts';
import { ReplayTimeline } from './ReplayTimeline.ts';
import { changedLines } from './changedLines.ts';
import { decodeBase64 } from './decodeBase64.ts';
import { typedSession } from './testing/typedSession.ts';

describe('decodeBase64', () => {
  it('reads what Node writes, padded or not, and base64url', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + length) & 0xff);
      const text = btoa(String.fromCharCode(...bytes));
      expect([...decodeBase64(text)]).toEqual([...bytes]);
      expect([...decodeBase64(text.replace(/=+$/, ''))]).toEqual([...bytes]);
      expect([...decodeBase64(text.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''))]).toEqual([...bytes]);
    }
    expect(() => decodeBase64('ab!c')).toThrow(/not base64/);
  });
});

describe('changedLines', () => {
  it('finds the changed range between the common head and tail', () => {
    expect(changedLines('a', 'x\ny\nz', 'x\nY\nz')).toEqual({ path: 'a', kind: 'changed', from: 2, to: 2 });
    expect(changedLines('a', 'x\nz', 'x\ny1\ny2\nz')).toEqual({ path: 'a', kind: 'changed', from: 2, to: 3 });
    // Only deleted: an empty range at the line where it happened.
    expect(changedLines('a', 'x\ny\nz', 'x\nz')).toEqual({ path: 'a', kind: 'changed', from: 2, to: 1 });
    expect(changedLines('a', undefined, 'one\ntwo')).toEqual({ path: 'a', kind: 'added', from: 1, to: 2 });
    expect(changedLines('a', 'gone', undefined)).toEqual({ path: 'a', kind: 'removed', from: 1, to: 0 });
    expect(changedLines('a', 'same', 'same')).toBeUndefined();
  });
});

describe('ReplayTimeline', () => {
  it('rebuilds the files after any number of edits, in any order of scrubbing', () => {
    const session = typedSession(300, { seed: 7 });
    const timeline = new ReplayTimeline(session.events, { snapshotEvery: 16 });
    expect(timeline.edits).toHaveLength(300);
    expect(timeline.unreadableEdits).toBe(0);
    // Forward, backward, and jumps both ways across snapshot intervals.
    const order = [0, 1, 2, 300, 299, 150, 151, 17, 16, 15, 33, 200, 5, 64, 300, 0];
    for (let i = 0; i < 60; i++) order.push((i * 97) % 301);
    for (const edits of order) expect(timeline.filesAfter(edits), `after ${edits} edits`).toEqual(session.filesAfter[edits]);
    timeline.destroy();
  });

  it('maps times to edits and events, steps between events, and reports what the edit at a moment changed', () => {
    const session = typedSession(20, { seed: 3 });
    const events: RoomEvent[] = [
      { roomId: 'room-typed', seq: 1000, at: (session.events[0] as RoomEvent).at - 5000, personId: 'p-host', kind: 'join', payload: { name: 'Hana', role: 'host', connectionId: 'c1' } },
      { roomId: 'room-typed', seq: 1001, at: (session.events[0] as RoomEvent).at - 4000, personId: 'p-guest', kind: 'join', payload: { name: 'Gus', role: 'guest', connectionId: 'c2' } },
      ...session.events,
      { roomId: 'room-typed', seq: 1002, at: (session.events.at(-1) as RoomEvent).at + 1000, personId: 'p-guest', kind: 'leave', payload: { connectionId: 'c2' } },
    ];
    // Given out of order: the timeline sorts by time, then seq.
    const timeline = new ReplayTimeline([...events].reverse());
    expect(timeline.start).toBe((events[0] as RoomEvent).at);
    expect(timeline.end).toBe((events.at(-1) as RoomEvent).at);
    expect(timeline.person('p-guest')).toEqual({ personId: 'p-guest', name: 'Gus', role: 'guest' });

    const first = timeline.momentAt(timeline.start);
    expect(first.edits).toBe(0);
    expect(first.files).toEqual({});
    const created = timeline.momentAt((session.events[0] as RoomEvent).at);
    expect(created.edits).toBe(1);
    expect(created.files['src/sum.ts']).toContain('return a + b;');
    expect(created.changes).toEqual([{ path: 'src/sum.ts', kind: 'added', from: 1, to: 4 }]);
    const last = timeline.momentAt(timeline.end);
    expect(last.files).toEqual(session.filesAfter[20]);
    for (let k = 2; k <= 20; k++) {
      const moment = timeline.momentAfter(k);
      for (const change of moment.changes) {
        const after = moment.files[change.path];
        if (change.kind !== 'removed') expect(after?.split('\n').length).toBeGreaterThanOrEqual(change.to);
      }
      expect(moment.edit).toBe(timeline.edits[k - 1]);
    }

    expect(timeline.stepFrom(timeline.start, 1)).toBe((events[1] as RoomEvent).at);
    expect(timeline.stepFrom((events[1] as RoomEvent).at, -1)).toBe(timeline.start);
    expect(timeline.stepFrom(timeline.end, 1)).toBeUndefined();
    expect(timeline.stepFrom(timeline.start, -1)).toBeUndefined();

    const during = timeline.activeAt((session.events[3] as RoomEvent).at);
    expect(during.present.map((person) => person.name).sort()).toEqual(['Gus', 'Hana']);
    expect(during.recent.length).toBeGreaterThan(0);
    expect(timeline.activeAt(timeline.end).present.map((person) => person.name)).toEqual(['Hana']);
    timeline.destroy();
  });

  it('skips an edit it cannot read and counts it', () => {
    const session = typedSession(5, { seed: 2 });
    const events = session.events.map((event, i) => (i === 2 ? { ...event, payload: { update: 'not base64!' } } : event));
    const timeline = new ReplayTimeline(events);
    expect(timeline.unreadableEdits).toBe(1);
    expect(timeline.edits).toHaveLength(5);
    expect(timeline.filesAfter(2)).toEqual(session.filesAfter[2]);
    expect(Object.keys(timeline.filesAfter(5))).toContain('src/sum.ts');
  });

  it('scrubs a 2,000-edit session in about a frame or less per position', () => {
    const session = typedSession(2000, { seed: 11 });
    const built = performance.now();
    const timeline = new ReplayTimeline(session.events);
    const buildMs = performance.now() - built;
    const positions: number[] = [];
    for (let i = 0; i < 200; i++) positions.push(Math.floor(((i * 7919) % 2001) * 1));
    // Random jumps (the worst case: each restarts from a snapshot), then a play-through of 200 steps.
    const jumpsStarted = performance.now();
    for (const edits of positions) timeline.momentAfter(edits);
    const perJump = (performance.now() - jumpsStarted) / positions.length;
    const playStarted = performance.now();
    for (let edits = 1000; edits < 1200; edits++) timeline.momentAfter(edits);
    const perStep = (performance.now() - playStarted) / 200;
    let worst = 0;
    for (const edits of positions.slice(0, 50)) {
      const started = performance.now();
      timeline.momentAfter(edits);
      worst = Math.max(worst, performance.now() - started);
    }
    console.log(`replay of 2,000 edits: build ${buildMs.toFixed(0)} ms, random jump ${perJump.toFixed(2)} ms/position (worst ${worst.toFixed(2)} ms), play ${perStep.toFixed(2)} ms/step`);
    expect(timeline.filesAfter(2000)).toEqual(session.filesAfter[2000]);
    // ~3.5 ms a jump and ~0.25 ms a step on a quiet machine (a frame is 16 ms); the bound leaves room
    // for a machine busy with other work, which slows this 3-4x.
    expect(perJump).toBeLessThan(40);
    expect(perStep).toBeLessThan(16);
    timeline.destroy();
  });
});
