import * as Y from 'yjs';
import type { RoomEvent } from '../roomEvent.ts';
import { readFiles } from '../../workspaceDoc.ts';
import { changedLines, type ChangedLines } from './changedLines.ts';
import { decodeBase64 } from './decodeBase64.ts';
import { readPayload } from './replayPayloads.ts';

/** Someone who took part, as the log names them. */
export interface ReplayPerson {
  personId: string;
  name: string;
  /** host, guest or observer, from their join (unknown for a person who never joined in this log). */
  role: string | undefined;
}

/** The files at one moment, and what the edit that led to it changed. */
export interface ReplayMoment {
  /** How many edit events were applied (0: before the first). */
  edits: number;
  /** path → contents. */
  files: Record<string, string>;
  /** The files the last applied edit changed, with the lines (empty at 0 edits). */
  changes: ChangedLines[];
  /** The last applied edit event, if any. */
  edit: RoomEvent | undefined;
}

export interface ReplayTimelineOptions {
  /** A snapshot of the document is kept every this many edits. Default 32. */
  snapshotEvery?: number;
  /** The room's record: the host's name and the session's start when the log has no join yet. */
  room?: { createdAt: number; hostId: string; hostName: string };
}

/** The log's order: time, then sequence. */
function byLogOrder(a: RoomEvent, b: RoomEvent): number {
  return a.at - b.at || a.seq - b.seq;
}

/**
 * A session's log as something to scrub through: events by time, the people in it, and the
 * workspace's files after any number of edits. Each `edit` event carries a merged Yjs update;
 * applying them in order to a fresh document rebuilds the files at any moment, whatever the
 * store's compaction did to the room's own document.
 *
 * Scrubbing stays fast on a long session: a snapshot of the document (its encoded state) is kept
 * every `snapshotEvery` edits, and one working document moves forward from where it is when the
 * target lies ahead within a snapshot interval (playing, stepping), or restarts from the nearest
 * snapshot at or before it (jumping back or far ahead). Either way at most `snapshotEvery`
 * updates are applied per position. An edit that does not decode is skipped and counted in
 * `unreadableEdits`, so one bad row does not hide the rest of the session.
 */
export class ReplayTimeline {
  /** Every event, in log order. */
  readonly events: readonly RoomEvent[];
  /** The edit events, in log order. */
  readonly edits: readonly RoomEvent[];
  /** Epoch ms of the session's first and last event (the room's creation when the log is empty). */
  readonly start: number;
  readonly end: number;
  readonly people: ReadonlyMap<string, ReplayPerson>;
  readonly unreadableEdits: number;

  private readonly updates: Array<Uint8Array | undefined>;
  private readonly snapshots: Uint8Array[] = [];
  private readonly snapshotEvery: number;
  private working: { doc: Y.Doc; edits: number };
  private lastMoment: ReplayMoment | undefined;

  constructor(events: readonly RoomEvent[], options: ReplayTimelineOptions = {}) {
    this.snapshotEvery = Math.max(1, options.snapshotEvery ?? 32);
    this.events = [...events].sort(byLogOrder);
    this.edits = this.events.filter((event) => event.kind === 'edit');
    this.start = this.events[0]?.at ?? options.room?.createdAt ?? 0;
    this.end = this.events.at(-1)?.at ?? this.start;

    const people = new Map<string, ReplayPerson>();
    if (options.room) people.set(options.room.hostId, { personId: options.room.hostId, name: options.room.hostName, role: 'host' });
    for (const event of this.events) {
      if (event.kind === 'join') {
        const join = readPayload('join', event.payload);
        people.set(event.personId, { personId: event.personId, name: join?.name ?? event.personId, role: join?.role });
      } else if (!people.has(event.personId) && event.personId !== 'server') {
        people.set(event.personId, { personId: event.personId, name: event.personId, role: undefined });
      }
    }
    this.people = people;

    let unreadable = 0;
    this.updates = this.edits.map((event) => {
      const edit = readPayload('edit', event.payload);
      try {
        if (edit) return decodeBase64(edit.update);
      } catch {
        // counted below
      }
      unreadable++;
      return undefined;
    });
    this.unreadableEdits = unreadable;

    // One pass over every edit builds the snapshots: snapshots[i] is the state after i * snapshotEvery edits.
    const doc = new Y.Doc();
    this.snapshots.push(Y.encodeStateAsUpdate(doc));
    this.updates.forEach((update, index) => {
      if (update) applyQuietly(doc, update);
      if ((index + 1) % this.snapshotEvery === 0) this.snapshots.push(Y.encodeStateAsUpdate(doc));
    });
    this.working = { doc, edits: this.updates.length };
  }

  /** How long the session lasted, in ms. */
  get durationMs(): number {
    return this.end - this.start;
  }

  /** How many edit events happened at or before `at` (epoch ms). */
  editsAt(at: number): number {
    return countAtOrBefore(this.edits, at);
  }

  /** The index in `events` of the last event at or before `at`, or -1. */
  eventIndexAt(at: number): number {
    return countAtOrBefore(this.events, at) - 1;
  }

  /** The time of the nearest event strictly after (`direction` 1) or before (-1) `at`, or undefined at either end. */
  stepFrom(at: number, direction: 1 | -1): number | undefined {
    if (direction === 1) return this.events[countAtOrBefore(this.events, at)]?.at;
    const before = this.events[countAtOrBefore(this.events, at - 1) - 1];
    return before?.at;
  }

  /** The person behind an id (the id itself for one the log never named). */
  person(personId: string): ReplayPerson {
    return this.people.get(personId) ?? { personId, name: personId === 'server' ? 'server' : personId, role: undefined };
  }

  /** The files at `at` (epoch ms) and what the last edit up to then changed. */
  momentAt(at: number): ReplayMoment {
    return this.momentAfter(this.editsAt(at));
  }

  /** The files after the first `edits` edit events, and what the last of them changed. */
  momentAfter(edits: number): ReplayMoment {
    const count = Math.max(0, Math.min(edits, this.updates.length));
    // Stepping over events that are not edits asks for the same moment again: no document work.
    if (this.lastMoment?.edits === count) return this.lastMoment;
    this.lastMoment = this.computeMoment(count);
    return this.lastMoment;
  }

  private computeMoment(count: number): ReplayMoment {
    if (count === 0) return { edits: 0, files: this.filesAfter(0), changes: [], edit: undefined };
    const before = this.filesAfter(count - 1);
    const update = this.updates[count - 1];
    if (update) applyQuietly(this.working.doc, update);
    this.working.edits = count;
    const files = readFiles(this.working.doc);
    const changes: ChangedLines[] = [];
    for (const path of new Set([...Object.keys(before), ...Object.keys(files)])) {
      const change = changedLines(path, before[path], files[path]);
      if (change) changes.push(change);
    }
    return { edits: count, files, changes: changes.sort((a, b) => a.path.localeCompare(b.path)), edit: this.edits[count - 1] };
  }

  /** The files after the first `edits` edit events. */
  filesAfter(edits: number): Record<string, string> {
    this.seek(Math.max(0, Math.min(edits, this.updates.length)));
    return readFiles(this.working.doc);
  }

  /**
   * Who was in the room at `at` (joined and not yet left, by connection), and who did something
   * (an edit, a run, an AI event, a paste) in the `recentMs` before it.
   */
  activeAt(at: number, recentMs = 30_000): { present: ReplayPerson[]; recent: ReplayPerson[] } {
    const connections = new Map<string, number>();
    const recent = new Set<string>();
    for (const event of this.events) {
      if (event.at > at) break;
      if (event.kind === 'join') connections.set(event.personId, (connections.get(event.personId) ?? 0) + 1);
      else if (event.kind === 'leave') connections.set(event.personId, Math.max(0, (connections.get(event.personId) ?? 0) - 1));
      else if (event.at >= at - recentMs && event.personId !== 'server' && event.kind !== 'refused' && event.kind !== 'policy') recent.add(event.personId);
    }
    const present = [...connections].filter(([, open]) => open > 0).map(([id]) => this.person(id));
    return { present, recent: [...recent].map((id) => this.person(id)) };
  }

  /** Frees the working document. */
  destroy(): void {
    this.working.doc.destroy();
  }

  /** Makes the working document the state after `edits` edits, applying at most `snapshotEvery` updates. */
  private seek(edits: number): void {
    const { working } = this;
    if (working.edits === edits) return;
    const ahead = edits - working.edits;
    if (ahead < 0 || ahead > this.snapshotEvery) {
      const snapshot = Math.floor(edits / this.snapshotEvery);
      working.doc.destroy();
      const doc = new Y.Doc();
      Y.applyUpdate(doc, this.snapshots[snapshot] as Uint8Array);
      this.working = { doc, edits: snapshot * this.snapshotEvery };
    }
    for (let index = this.working.edits; index < edits; index++) {
      const update = this.updates[index];
      if (update) applyQuietly(this.working.doc, update);
    }
    this.working.edits = edits;
  }
}

/** How many of `sorted` (by time) happened at or before `at`. */
function countAtOrBefore(sorted: readonly RoomEvent[], at: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as RoomEvent).at <= at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Applies an update; one that Yjs cannot read is skipped (a replay shows the rest). */
function applyQuietly(doc: Y.Doc, update: Uint8Array): void {
  try {
    Y.applyUpdate(doc, update);
  } catch {
    // A malformed update changes nothing; the timeline still counts it as an edit.
  }
}
