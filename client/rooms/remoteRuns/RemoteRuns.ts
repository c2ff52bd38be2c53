import type { RoomServerMessage } from '../../../shared/roomMessage.ts';
import type { RunPayload, RunResultPayload } from '../../../shared/rooms/reportedRoomEvent.ts';
import { Store } from '../../ui/Store.ts';

/** A run someone else in the room started, and its result once it came. */
export interface RemoteRun {
  readonly runId: string;
  readonly personId: string;
  /** Who ran it, as their invite names them. */
  readonly name: string;
  readonly mode: RunPayload['mode'];
  readonly path: string | undefined;
  /** Server time (epoch ms) of the start, or of the result when the start was missed. */
  readonly startedAt: number;
  readonly phase: 'running' | 'done';
  readonly result: RunResultPayload | undefined;
  /** Server time of the result. */
  readonly endedAt: number | undefined;
}

export interface RemoteRunsOptions {
  roomId: string;
  /** The room's messages (`connection.onRoomMessage`); returns the unsubscribe. */
  subscribe(listener: (message: RoomServerMessage) => void): () => void;
  /**
   * The name the room shows for a person (the one they chose, as presence shows it), if known;
   * otherwise the run is labelled with the name their invite gave them.
   */
  nameOf?: (personId: string) => string | undefined;
}

/** Remote runs kept, newest first. */
const KEPT = 20;

/**
 * The runs the others in the room make, as the server sends them (`room-event` with `run` and
 * `run-result`): the latest first in `runs`, and the one the person opened in `viewing` (the
 * results panel shows its report in place of their own until they close it).
 *
 * Mounting (client/rooms/RoomSession.ts and client/ui/App.tsx), for every role, observers included:
 *
 * ```ts
 * const remoteRuns = new RemoteRuns({ roomId, subscribe: (listener) => connection.onRoomMessage(listener), nameOf: (personId) => chosenNameOf(personId) });
 * <ResultsPanel ... remoteRuns={remoteRuns} />   // the status line and the report view
 * // on leaving the room: remoteRuns.dispose()
 * ```
 */
export class RemoteRuns {
  readonly runs = new Store<readonly RemoteRun[]>([]);
  /** The remote run whose report is open, if any. */
  readonly viewing = new Store<RemoteRun | undefined>(undefined);
  private readonly stop: () => void;

  constructor(private readonly options: RemoteRunsOptions) {
    this.stop = options.subscribe((message) => this.receive(message));
  }

  /** Opens a remote run's report (or closes it, with undefined). */
  view(run: RemoteRun | undefined): void {
    this.viewing.set(run);
  }

  dispose(): void {
    this.stop();
  }

  private receive(message: RoomServerMessage): void {
    if (message.type !== 'room-event' || message.roomId !== this.options.roomId) return;
    const { event, personId, at } = message;
    const name = this.options.nameOf?.(personId) ?? message.name;
    // One person may run the same id from two tabs; the key keeps them apart.
    const same = (run: RemoteRun): boolean => run.personId === personId && run.runId === event.payload.runId;
    const known = this.runs.get().find(same);
    const next: RemoteRun =
      event.kind === 'run'
        ? { runId: event.payload.runId, personId, name, mode: event.payload.mode, path: event.payload.path, startedAt: at, phase: 'running', result: undefined, endedAt: undefined }
        : {
            runId: event.payload.runId,
            personId,
            name,
            mode: event.payload.mode,
            path: event.payload.path,
            startedAt: known?.startedAt ?? at,
            phase: 'done',
            result: event.payload,
            endedAt: at,
          };
    this.runs.set((runs) => [next, ...runs.filter((run) => !same(run))].slice(0, KEPT));
    const viewing = this.viewing.get();
    if (viewing && same(viewing)) this.viewing.set(next);
  }
}
