import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import type { RoomClientMessage, RoomServerMessage } from '../roomMessage.ts';
import type { AiAttribution } from './aiAttribution.ts';
import type { RoomRole } from './roomPolicy.ts';

export interface RoomSyncClientOptions {
  roomId: string;
  doc: Y.Doc;
  /** Presence (cursors, names); optional. */
  awareness?: awarenessProtocol.Awareness;
  /** Sends one message to the server (the socket's emit, with the message's `type` as event). */
  send(message: RoomClientMessage): void;
  /**
   * The server dropped an update without refusing its content (rate limit) or lost the room
   * (store-unavailable): join again, after a pause that grows while it keeps happening, and the
   * step 2 that follows resends what the room lacks.
   */
  onResyncNeeded?: () => void;
  /**
   * The AI attribution a local transaction's origin carries, if any (the client passes one that
   * reads its LocalEditOrigin): that update is sent with it, and the room logs it as AI text.
   * An attributed change made while not joined is sent after the next join, before the step 2,
   * as an update of its own with its attribution.
   */
  attributionOf?: (origin: unknown) => AiAttribution | undefined;
}

/**
 * The client half of the rooms sync, with no socket of its own: the app (or a test) gives it
 * `send` and feeds it the server's room messages. It keeps `doc` equal to the room's document
 * through y-protocols sync, sends local changes as updates with ack ids, and knows which of them
 * the server has durably stored.
 *
 * Offline edits are simply not sent: on the next `room-joined` the server's sync step 1 is
 * answered with a step 2 holding everything the server lacks, which is how nothing is lost
 * across a reconnect (acks for the old connection are then replaced by the step 2's).
 */
export class RoomSyncClient {
  private role: RoomRole | undefined;
  private nextAckId = 1;
  private readonly outstanding = new Set<number>();
  /** Local changes made while not joined, waiting for the next step 2. */
  private offlineChanges = false;
  /**
   * AI text accepted and not yet acknowledged (made offline, or sent and not stored when the
   * connection dropped), with its attribution. A step 2 would carry it as plain typing, so after a
   * rejoin each goes first as an update of its own with its attribution, then the step 2.
   */
  private readonly attributed: Array<{ update: Uint8Array; attribution: AiAttribution; ackId?: number }> = [];
  private waiters: Array<() => void> = [];
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === this) return;
    const attribution = this.role === 'observer' ? undefined : this.options.attributionOf?.(origin);
    if (this.role === undefined) {
      this.offlineChanges = true;
      if (attribution) this.attributed.push({ update, attribution });
      return;
    }
    if (this.role === 'observer') return;
    const ackId = this.sendUpdate(update, attribution);
    if (attribution) this.attributed.push({ update, attribution, ackId });
  };
  private readonly onAwarenessUpdate = (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown): void => {
    if (origin !== 'local' || this.role === undefined || !this.options.awareness) return;
    const changed = [...change.added, ...change.updated, ...change.removed];
    this.options.send({ type: 'room-awareness', roomId: this.options.roomId, data: awarenessProtocol.encodeAwarenessUpdate(this.options.awareness, changed) });
  };

  constructor(private readonly options: RoomSyncClientOptions) {
    options.doc.on('update', this.onDocUpdate);
    options.awareness?.on('update', this.onAwarenessUpdate);
  }

  /** The role the server gave this connection; undefined while not joined. */
  get joinedAs(): RoomRole | undefined {
    return this.role;
  }

  /** Updates sent and not yet acknowledged as stored (plus offline changes not yet sent). */
  get unacknowledged(): number {
    return this.outstanding.size + (this.offlineChanges ? 1 : 0);
  }

  /** Resolves when every local change so far is durably stored by the server. */
  whenAcknowledged(): Promise<void> {
    if (this.unacknowledged === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Feed every room message from the server for this room here. */
  receive(message: RoomServerMessage): void {
    if (!('roomId' in message) || message.roomId !== this.options.roomId) return;
    switch (message.type) {
      case 'room-joined': {
        this.role = message.you.role;
        const encoder = encoding.createEncoder();
        syncProtocol.writeSyncStep1(encoder, this.options.doc);
        this.options.send({ type: 'room-sync', roomId: this.options.roomId, data: encoding.toUint8Array(encoder) });
        const awareness = this.options.awareness;
        if (awareness && awareness.getLocalState() !== null) {
          this.options.send({ type: 'room-awareness', roomId: this.options.roomId, data: awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]) });
        }
        // An observer is never asked for a step 2: what it changed offline stays local.
        if (this.role === 'observer') {
          this.offlineChanges = false;
          this.attributed.length = 0;
        }
        this.settle();
        return;
      }
      case 'room-sync':
        this.receiveSync(message.data);
        return;
      case 'room-ack':
        // One message acknowledges every update of one store batch: its last and the `earlier` ones.
        this.outstanding.delete(message.ackId);
        if (message.earlier) for (const ackId of message.earlier) this.outstanding.delete(ackId);
        this.forgetAttributed();
        this.settle();
        return;
      case 'room-awareness':
        if (this.options.awareness) awarenessProtocol.applyAwarenessUpdate(this.options.awareness, message.data, this);
        return;
      case 'room-error':
        if (message.code === 'store-unavailable' || (message.code === 'rate-limited' && message.ackId !== undefined)) {
          // Not a verdict on the edit: it still has to reach the room, through a rejoin's step 2.
          this.disconnected();
          this.offlineChanges = true;
          this.options.onResyncNeeded?.();
          return;
        }
        // A refused update (forbidden, invalid, too large) is never acknowledged; the refusal is the answer.
        if (message.ackId !== undefined && this.outstanding.delete(message.ackId)) {
          this.forgetAttributed();
          this.settle();
        }
        return;
      default:
        return;
    }
  }

  /**
   * The connection dropped (or the room must be rejoined): what was sent and not acknowledged is
   * resent by the step 2 after the next `room-joined`.
   */
  disconnected(): void {
    if (this.role !== undefined && this.role !== 'observer' && this.outstanding.size > 0) this.offlineChanges = true;
    this.outstanding.clear();
    for (const entry of this.attributed) delete entry.ackId;
    this.role = undefined;
    const awareness = this.options.awareness;
    if (awareness) {
      const others = [...awareness.getStates().keys()].filter((id) => id !== awareness.clientID);
      awarenessProtocol.removeAwarenessStates(awareness, others, this);
    }
  }

  destroy(): void {
    this.options.doc.off('update', this.onDocUpdate);
    this.options.awareness?.off('update', this.onAwarenessUpdate);
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private receiveSync(data: Uint8Array): void {
    const decoder = decoding.createDecoder(data);
    const kind = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (kind === syncProtocol.messageYjsSyncStep1) {
      if (this.role === undefined || this.role === 'observer') return;
      const encoder = encoding.createEncoder();
      syncProtocol.writeSyncStep2(encoder, this.options.doc, payload);
      this.offlineChanges = false;
      // Attributed text first, each with its attribution (the server logs it as AI text); the step 2
      // after it then carries the rest, and what the server already has changes nothing there.
      for (const entry of this.attributed) entry.ackId = this.sendUpdate(entry.update, entry.attribution);
      this.sendSync(encoding.toUint8Array(encoder));
      return;
    }
    Y.applyUpdate(this.options.doc, payload, this);
  }

  private sendUpdate(update: Uint8Array, attribution: AiAttribution | undefined): number {
    const encoder = encoding.createEncoder();
    syncProtocol.writeUpdate(encoder, update);
    return this.sendSync(encoding.toUint8Array(encoder), attribution);
  }

  private sendSync(data: Uint8Array, attribution?: AiAttribution): number {
    const ackId = this.nextAckId++;
    this.outstanding.add(ackId);
    this.options.send({ type: 'room-sync', roomId: this.options.roomId, data, ackId, ...(attribution ? { attribution } : {}) });
    return ackId;
  }

  /** Drops the attributed updates the server has answered (stored or refused). */
  private forgetAttributed(): void {
    for (let i = this.attributed.length - 1; i >= 0; i--) {
      const { ackId } = this.attributed[i]!;
      if (ackId !== undefined && !this.outstanding.has(ackId)) this.attributed.splice(i, 1);
    }
  }

  private settle(): void {
    if (this.unacknowledged > 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
