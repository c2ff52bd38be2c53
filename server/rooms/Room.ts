import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { RoomErrorCode, RoomErrorMessage, RoomMember, RoomServerMessage, RoomSyncMessage } from '../../shared/roomMessage.ts';
import type { AiAttribution } from '../../shared/rooms/aiAttribution.ts';
import { aiActionOf, checkReport } from '../../shared/rooms/checkReport.ts';
import { isBroadcastEvent, type ReportedRoomEvent } from '../../shared/rooms/reportedRoomEvent.ts';
import type { RoomEventKind } from '../../shared/rooms/roomEvent.ts';
import { aiPolicyOf, applyPolicyChange, checkRoomAction, type RoomPolicyChange, type RoomPolicyState } from '../../shared/rooms/roomPolicy.ts';
import type { RoomStore } from '../store/RoomStore.ts';
import { decodeAwarenessClients } from './decodeAwarenessClients.ts';
import { EditBatcher } from './EditBatcher.ts';
import type { RoomClock } from './RoomClock.ts';
import type { RoomPeer } from './RoomPeer.ts';
import { updateChangesDocument } from './updateChangesDocument.ts';

/** A refused message, for the server log (and, for people in the room, the room's event log). */
export interface RoomRefusalRecord {
  roomId: string;
  connectionId: string;
  personId?: string;
  refused: string;
  code: RoomErrorCode;
  reason?: string;
}

export interface RoomOptions {
  store: RoomStore;
  clock: RoomClock;
  /** How long one person's edits gather into one "edit" event. Default 2 s. */
  editBatchMs?: number;
  onRefused: (record: RoomRefusalRecord) => void;
  /** The store failed under this room: it has told its members and must be dropped. */
  onBroken: (room: Room, error: unknown) => void;
  /**
   * Sends one message to several members, encoded once (Socket.IO's broadcast), for the fan-out
   * of every edit and presence change. Default: each member's own `send`.
   */
  sendToMany?: (peers: RoomPeer[], message: RoomServerMessage) => void;
}

/** The origin of an applied update that every member must be sent, its sender included. */
const ECHO_TO_ALL = Symbol('echo-to-all');

/** Awareness client ids one connection may hold (one per editor tab is the norm). */
const MAX_CLIENT_IDS_PER_CONNECTION = 8;

interface Member {
  peer: RoomPeer;
  clientIds: Set<number>;
}

/** Updates waiting to be stored, with the acknowledgements each one owes. */
interface Pending {
  /** Undefined for an acknowledgement that stores nothing (an update the room already had). */
  update: Uint8Array | undefined;
  ack?: { peer: RoomPeer; ackId: number };
}

/**
 * One room in memory: its Y.Doc, its awareness, who is in it and its policy. It answers the
 * y-protocols sync (step 1 → step 2), applies and broadcasts updates, relays awareness, and checks
 * the sender's role and the room policy on every message.
 *
 * The ack path: an accepted update is applied to the document and sent to the others at once
 * (propagation does not wait for the disk), and queued for the store. Queued updates are written
 * one batch at a time (merged into one row when several wait: group commit); `room-ack` for an
 * update goes out only after the batch holding it is committed. The queue is FIFO, so an ack
 * also covers every earlier update from that connection; a batch sends each connection one ack
 * message, naming every update of it the batch stored. If the store fails, nothing more is
 * acknowledged: the room tells everyone `store-unavailable` and is dropped, and the clients'
 * rejoin resends (as their sync step 2) whatever the reloaded room lacks.
 */
export class Room {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  private readonly members = new Map<string, Member>();
  private queue: Pending[] = [];
  private flushing: Promise<void> | undefined;
  /** Connections one of whose updates was dropped (rate limit) and that have not resynced since. */
  private readonly gaps = new Set<string>();
  private readonly logging = new Set<Promise<unknown>>();
  private policyChain: Promise<unknown> = Promise.resolve();
  private broken = false;
  private readonly edits: EditBatcher;

  private constructor(
    readonly id: string,
    readonly hostId: string,
    private policyState: RoomPolicyState,
    private readonly options: RoomOptions,
  ) {
    // gc stays on: the server never needs deleted text, and a smaller document loads faster.
    this.doc = new Y.Doc();
    this.edits = new EditBatcher(options.clock, options.editBatchMs ?? 2_000, (batch) =>
      this.log('edit', batch.personId, { from: batch.from, to: batch.to, updates: batch.updates, update: Buffer.from(batch.update).toString('base64') }, batch.from),
    );
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    // The server is not a presence in the room.
    this.awareness.setLocalState(null);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => this.broadcastUpdate(update, origin));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...change.added, ...change.updated, ...change.removed];
      const data = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
      this.sendToOthers({ type: 'room-awareness', roomId: this.id, data }, origin);
    });
  }

  /** Loads a room and its document from the store; undefined when the store has no such room. */
  static async load(roomId: string, options: RoomOptions): Promise<Room | undefined> {
    const record = await options.store.getRoom(roomId);
    if (!record) return undefined;
    const room = new Room(roomId, record.hostId, record.policy, options);
    const updates = await options.store.loadUpdates(roomId);
    room.doc.transact(() => {
      for (const update of updates) Y.applyUpdate(room.doc, update);
    });
    return room;
  }

  get policy(): RoomPolicyState {
    return this.policyState;
  }

  get size(): number {
    return this.members.size;
  }

  /** The people in the room, one entry per connection. */
  memberList(): RoomMember[] {
    return [...this.members.values()].map(({ peer, clientIds }) => ({
      ...peer.person,
      clientIds: [...clientIds],
      ai: aiPolicyOf(this.policyState, peer.person.personId),
    }));
  }

  /** Adds a connection: tells it who is here, starts the sync, and tells the others. */
  join(peer: RoomPeer): void {
    this.members.set(peer.connectionId, { peer, clientIds: new Set() });
    peer.send({ type: 'room-joined', roomId: this.id, you: peer.person, policy: this.policyState, members: this.memberList() });
    // Step 1 asks the client for what the room lacks (edits made offline). An observer has
    // nothing it may add, so it is not asked; it still sends its own step 1 to get the document.
    if (peer.person.role !== 'observer') {
      const encoder = encoding.createEncoder();
      syncProtocol.writeSyncStep1(encoder, this.doc);
      peer.send({ type: 'room-sync', roomId: this.id, data: encoding.toUint8Array(encoder) });
    }
    const present = [...this.awareness.getStates().keys()];
    if (present.length > 0) {
      peer.send({ type: 'room-awareness', roomId: this.id, data: awarenessProtocol.encodeAwarenessUpdate(this.awareness, present) });
    }
    this.broadcastMembers();
    this.log('join', peer.person.personId, { name: peer.person.name, role: peer.person.role, connectionId: peer.connectionId });
  }

  /** Removes a connection and its presence. */
  leave(connectionId: string): void {
    const member = this.members.get(connectionId);
    if (!member) return;
    this.members.delete(connectionId);
    this.gaps.delete(connectionId);
    this.edits.flush(member.peer.person.personId);
    if (member.clientIds.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...member.clientIds], connectionId);
    this.broadcastMembers();
    this.log('leave', member.peer.person.personId, { connectionId });
  }

  /**
   * One of this connection's sync messages was dropped before the room saw it (the rate limit):
   * its later updates are refused until it resyncs, since an ack would promise the dropped one too.
   */
  droppedSyncOf(connectionId: string): void {
    if (this.members.has(connectionId)) this.gaps.add(connectionId);
  }

  has(connectionId: string): boolean {
    return this.members.has(connectionId);
  }

  /** A y-protocols sync message from a member. */
  receiveSync(peer: RoomPeer, message: RoomSyncMessage): void {
    let kind: number;
    let payload: Uint8Array;
    try {
      const decoder = decoding.createDecoder(message.data);
      kind = decoding.readVarUint(decoder);
      payload = decoding.readVarUint8Array(decoder);
    } catch {
      this.refuse(peer, 'room-sync', 'invalid-message', 'Not a sync message', { ackId: message.ackId });
      return;
    }
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const encoder = encoding.createEncoder();
      try {
        syncProtocol.writeSyncStep2(encoder, this.doc, payload);
      } catch {
        this.refuse(peer, 'room-sync', 'invalid-message', 'Not a state vector');
        return;
      }
      peer.send({ type: 'room-sync', roomId: this.id, data: encoding.toUint8Array(encoder) });
      return;
    }
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
      this.refuse(peer, 'room-sync', 'invalid-message', `Unknown sync message kind ${kind}`, { ackId: message.ackId });
      return;
    }
    let changes: boolean;
    try {
      changes = updateChangesDocument(this.doc, payload);
    } catch {
      this.refuse(peer, 'room-sync', 'invalid-message', 'Not a Yjs update', { ackId: message.ackId });
      return;
    }
    if (kind === syncProtocol.messageYjsUpdate && this.gaps.has(peer.connectionId)) {
      // An earlier update of this connection was dropped: this one may depend on it, and an ack
      // promises everything before it. Until the client resyncs (its step 2 carries all it has),
      // its updates are refused, so no ack ever covers an edit that was not stored.
      this.refuse(peer, 'room-sync', 'rate-limited', 'An earlier edit of yours was dropped; join again to resync.', { ackId: message.ackId });
      return;
    }
    if (kind === syncProtocol.messageYjsSyncStep2) this.gaps.delete(peer.connectionId);
    const ack = message.ackId === undefined ? undefined : { peer, ackId: message.ackId };
    if (!changes) {
      // Nothing to store, but the ack still waits its turn: it promises everything before it too.
      if (ack) this.enqueue({ update: undefined, ack });
      return;
    }
    const check = checkRoomAction(this.policyState, peer.person, 'edit');
    if (!check.ok) {
      this.refuse(peer, 'room-sync', 'forbidden', `Your edit was refused: ${check.reason}`, { reason: check.reason, ackId: message.ackId });
      return;
    }
    const { attribution } = message;
    if (attribution) {
      const lane = checkRoomAction(this.policyState, peer.person, aiActionOf(attribution.lane));
      if (!lane.ok) {
        this.refuse(peer, 'room-sync', 'forbidden', `Text from the ${attribution.lane} lane was refused: ${lane.reason}`, { reason: lane.reason, ackId: message.ackId });
        return;
      }
    }
    // Without held-back updates, what this one integrates is a part of it, so the sender needs no
    // echo. With some (an update that arrived before one it depends on), applying this may
    // integrate them too, and they were never broadcast: then everyone gets the result, the sender
    // included. (In a star, a held-back update normally waits for its own sender; the echo costs
    // little and does not rely on that.)
    const origin = this.doc.store.pendingStructs || this.doc.store.pendingDs ? ECHO_TO_ALL : peer.connectionId;
    try {
      Y.applyUpdate(this.doc, payload, origin);
    } catch {
      this.refuse(peer, 'room-sync', 'invalid-message', 'The update could not be applied', { ackId: message.ackId });
      return;
    }
    // The update as received is what is stored, so every acknowledged byte is on disk, even a
    // part Yjs holds back until an update it depends on arrives.
    this.enqueue({ update: payload, ack });
    if (attribution) this.logAttributedEdit(peer.person.personId, payload, attribution);
    else this.edits.add(peer.person.personId, payload);
  }

  /**
   * A fact a member's browser reports (a run, an AI suggestion shown, a paste...): checked against
   * the role and policy, stamped with the server's time and the verified person, logged; a run
   * and its result also go to everyone else in the room. A refusal is typed and logged.
   */
  reportEvent(peer: RoomPeer, event: ReportedRoomEvent): void {
    const check = checkReport(this.policyState, peer.person, event);
    if (!check.ok) {
      this.refuse(peer, 'room-event', 'forbidden', `Your "${event.kind}" event was refused: ${check.reason}`, { reason: check.reason });
      return;
    }
    const at = this.options.clock.now();
    this.log(event.kind, peer.person.personId, event.payload, at);
    if (!isBroadcastEvent(event)) return;
    const { personId, name } = peer.person;
    for (const member of this.members.values()) {
      if (member.peer.connectionId !== peer.connectionId) member.peer.send({ type: 'room-event', roomId: this.id, at, personId, name, event });
    }
  }

  /** An awareness update from a member: only for client ids that are not another connection's. */
  receiveAwareness(peer: RoomPeer, data: Uint8Array): void {
    const member = this.members.get(peer.connectionId);
    if (!member) return;
    let entries;
    try {
      entries = decodeAwarenessClients(data);
    } catch {
      this.refuse(peer, 'room-awareness', 'invalid-message', 'Not an awareness update');
      return;
    }
    for (const { clientId } of entries) {
      for (const other of this.members.values()) {
        if (other !== member && other.clientIds.has(clientId)) {
          this.refuse(peer, 'room-awareness', 'forbidden', `Client id ${clientId} is someone else's`, { reason: 'awareness-not-yours' });
          return;
        }
      }
    }
    const ids = new Set(member.clientIds);
    for (const { clientId, removed } of entries) {
      if (removed) ids.delete(clientId);
      else ids.add(clientId);
    }
    if (ids.size > MAX_CLIENT_IDS_PER_CONNECTION) {
      this.refuse(peer, 'room-awareness', 'forbidden', `At most ${MAX_CLIENT_IDS_PER_CONNECTION} awareness ids per connection`, { reason: 'too-many-clients' });
      return;
    }
    const membersChanged = ids.size !== member.clientIds.size || [...ids].some((id) => !member.clientIds.has(id));
    member.clientIds = ids;
    awarenessProtocol.applyAwarenessUpdate(this.awareness, data, peer.connectionId);
    if (membersChanged) this.broadcastMembers();
  }

  /** The host changes the policy: stored first, then sent to everyone. */
  changePolicy(peer: RoomPeer, change: RoomPolicyChange): Promise<void> {
    const run = this.policyChain.then(async () => {
      const result = applyPolicyChange(this.policyState, peer.person, change);
      if (!result.ok) {
        this.refuse(peer, 'room-policy', 'forbidden', `Only the host changes the room policy`, { reason: result.reason });
        return;
      }
      await this.options.store.savePolicy(this.id, result.policy);
      this.policyState = result.policy;
      for (const member of this.members.values()) member.peer.send({ type: 'room-policy-state', roomId: this.id, policy: result.policy });
      this.broadcastMembers();
      this.log('policy', peer.person.personId, change);
    });
    this.policyChain = run.catch(() => undefined);
    return run;
  }

  /** The host reads (`text` undefined) or replaces their private notes. */
  async notes(peer: RoomPeer, text: string | undefined): Promise<void> {
    const check = checkRoomAction(this.policyState, peer.person, text === undefined ? 'read-notes' : 'write-notes');
    if (!check.ok) {
      this.refuse(peer, 'room-notes', 'forbidden', 'Notes are the host’s', { reason: check.reason });
      return;
    }
    const notes = text === undefined ? await this.options.store.readNotes(this.id) : await this.options.store.writeNotes(this.id, text, this.options.clock.now());
    peer.send({ type: 'room-notes', roomId: this.id, text: notes?.text ?? '', updatedAt: notes?.updatedAt ?? null });
  }

  /** Sends a typed refusal and records it; the room goes on. */
  refuse(peer: RoomPeer, refused: string, code: RoomErrorCode, message: string, extra: Partial<Pick<RoomErrorMessage, 'reason' | 'ackId' | 'requestId' | 'issues'>> = {}): void {
    peer.send({ type: 'room-error', code, message, roomId: this.id, refused, ...withoutUndefined(extra) });
    this.options.onRefused({ roomId: this.id, connectionId: peer.connectionId, personId: peer.person.personId, refused, code, reason: extra.reason });
    if (this.members.has(peer.connectionId)) this.log('refused', peer.person.personId, { event: refused, code, ...(extra.reason ? { reason: extra.reason } : {}) });
  }

  /** Resolves once every queued update is stored and every event logged. */
  async settled(): Promise<void> {
    while (this.flushing || this.logging.size > 0) {
      await this.flushing;
      await Promise.allSettled([...this.logging]);
    }
  }

  /** Stores what is queued, then frees the document. */
  async close(): Promise<void> {
    this.edits.flush();
    await this.settled();
    this.awareness.destroy();
    this.doc.destroy();
  }

  private broadcastUpdate(update: Uint8Array, origin: unknown): void {
    if (this.members.size === 0) return;
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, update);
    this.sendToOthers({ type: 'room-sync', roomId: this.id, data: encoding.toUint8Array(encoder) }, origin);
  }

  /** Sends `message` to every member but the connection `except` (any other value: to all). */
  private sendToOthers(message: RoomServerMessage, except: unknown): void {
    const peers: RoomPeer[] = [];
    for (const member of this.members.values()) if (member.peer.connectionId !== except) peers.push(member.peer);
    if (peers.length > 1 && this.options.sendToMany) this.options.sendToMany(peers, message);
    else for (const peer of peers) peer.send(message);
  }

  private broadcastMembers(): void {
    const members = this.memberList();
    for (const member of this.members.values()) member.peer.send({ type: 'room-members', roomId: this.id, members });
  }

  private enqueue(pending: Pending): void {
    if (this.broken) return;
    this.queue.push(pending);
    this.kick();
  }

  private kick(): void {
    if (this.flushing || this.queue.length === 0 || this.broken) return;
    this.flushing = this.flush().finally(() => {
      this.flushing = undefined;
      this.kick();
    });
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0 && !this.broken) {
      const batch = this.queue.splice(0);
      const updates = batch.flatMap((pending) => (pending.update ? [pending.update] : []));
      try {
        if (updates.length > 0) await this.options.store.appendUpdate(this.id, updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates));
      } catch (error) {
        this.break(error);
        return;
      }
      // One ack message per connection and batch: its last update's ackId, and the batch's
      // earlier ones of that connection listed in it (an id each, so the ack stays exact however
      // the ids were ordered), instead of one message per update.
      const acks = new Map<RoomPeer, number[]>();
      for (const { ack } of batch) {
        if (!ack) continue;
        const ids = acks.get(ack.peer);
        if (ids) ids.push(ack.ackId);
        else acks.set(ack.peer, [ack.ackId]);
      }
      for (const [peer, ids] of acks) {
        const ackId = ids.pop() as number;
        peer.send({ type: 'room-ack', roomId: this.id, ackId, ...(ids.length > 0 ? { earlier: ids } : {}) });
      }
    }
  }

  private break(error: unknown): void {
    this.broken = true;
    this.queue = [];
    for (const member of this.members.values()) {
      member.peer.send({
        type: 'room-error',
        code: 'store-unavailable',
        roomId: this.id,
        message: 'The room could not be saved; join again to resync (your unacknowledged edits are kept and resent).',
      });
    }
    this.options.onBroken(this, error);
  }

  /**
   * Text accepted from an AI lane is an `edit` event of its own, carrying the lane: the person's
   * open batch is closed first, so the log keeps the order in which the changes happened.
   */
  private logAttributedEdit(personId: string, update: Uint8Array, ai: AiAttribution): void {
    this.edits.flush(personId);
    const at = this.options.clock.now();
    this.log('edit', personId, { from: at, to: at, updates: 1, update: Buffer.from(update).toString('base64'), ai }, at);
  }

  private log(kind: RoomEventKind, personId: string, payload: Parameters<RoomStore['appendEvent']>[0]['payload'], at = this.options.clock.now()): void {
    const writing = this.options.store
      .appendEvent({ roomId: this.id, at, personId, kind, payload })
      .catch((error: unknown) => console.error(`room ${this.id}: event "${kind}" not logged:`, error))
      .finally(() => this.logging.delete(writing));
    this.logging.add(writing);
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
