import type { SnapshotFrom } from 'xstate';
import type { RequestMetric } from '../../../shared/metrics/RequestMetric.ts';
import { capRunReport } from '../../../shared/rooms/capRunReport.ts';
import type { AiAttribution } from '../../../shared/rooms/aiAttribution.ts';
import type { ReportedRoomEvent, RunResultPayload } from '../../../shared/rooms/reportedRoomEvent.ts';
import { selectDeepLane } from '../../../shared/session/selectDeepLane.ts';
import { selectGhostText } from '../../../shared/session/selectGhostText.ts';
import { selectQuickEdit } from '../../../shared/session/selectQuickEdit.ts';
import type { sessionMachine } from '../../../shared/session/sessionMachine.ts';
import type { RunState } from '../../ui/RunController.ts';
import { ALL_TESTS } from '../../ui/RunController.ts';
import type { Store } from '../../ui/Store.ts';
import { describeRunResult } from './describeRunResult.ts';

type Lane = AiAttribution['lane'];
type Snapshot = SnapshotFrom<typeof sessionMachine>;

/** A paste reaches the log from this size on (smaller ones are ordinary editing). */
export const LARGE_PASTE = { chars: 200, lines: 5 } as const;
/** Time away shorter than this is not a focus loss worth a line (a glance at a notification). */
export const FOCUS_LOSS_MIN_MS = 2_000;

/** The session machine as the reporter reads it (AiSession.actor). */
export interface SessionFacts {
  getSnapshot(): Snapshot;
  subscribe(listener: (snapshot: Snapshot) => void): { unsubscribe(): void };
}

/** A paste as the editor tells it (Monaco's `onDidPaste`, with the pasted range read from the model). */
export interface PasteFacts {
  readonly text: string;
  readonly path: string | undefined;
}

/** The page's focus, as `window` and `document` tell it. */
export interface FocusSource {
  readonly window: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
  readonly document: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> & { readonly visibilityState: string; readonly activeElement: Element | null };
}

export interface RoomEventReporterOptions {
  /** Sends one event to the room: `(event) => emit({ type: 'room-event', roomId, event })`. Not called by an observer's page. */
  send(event: ReportedRoomEvent): void;
  /**
   * Whether the room would take `event` now (`checkReport(policy, you, event).ok`, from
   * shared/rooms/checkReport.ts): what it would refuse is not sent, so a lane the host turned off
   * does not turn each attempt into a refusal. Default: everything is sent.
   */
  mayReport?: (event: ReportedRoomEvent) => boolean;
  /** The AI session: its machine (AiSession.actor) and its request records (AiSession.metrics). */
  readonly session?: { readonly actor: SessionFacts; readonly metrics: Store<readonly RequestMetric[]> };
  /** The person's runs (RunController.state). */
  readonly runs?: Store<RunState | undefined>;
  /** Subscribes to pastes in the editor; returns the unsubscribe (see `monacoPastes`). */
  readonly pastes?: (listener: (paste: PasteFacts) => void) => () => void;
  /** The page, for focus loss (`{ window, document }`). */
  readonly focus?: FocusSource;
  /** Milliseconds, for focus-loss durations. Default `performance.now()`. */
  readonly now?: () => number;
  readonly largePaste?: { readonly chars: number; readonly lines: number };
  readonly focusLossMinMs?: number;
}

/** What one AI answer showed, remembered until its request ends. */
interface Shown {
  readonly lane: Lane;
  readonly requestId: string;
  chars: number;
  lines: number;
  readonly path: string | undefined;
  sent: boolean;
}

const lineCount = (text: string): number => (text === '' ? 0 : text.split('\n').length);
const laneOfMetric = (metric: RequestMetric): Lane => (metric.kind === 'suggestion' ? 'fast' : metric.kind === 'quick-edit' ? 'quick-edit' : 'deep');

/**
 * Reports what happens in this person's page to the room's event log: runs and their results
 * (with the report, capped, for the others to open), the AI lanes as the person met them (each
 * request that ended, each suggestion shown, accepted or rejected, with lane and model), large
 * pastes, and time away from the page. The server stamps time and person; this only says what.
 *
 * Mounting (client/rooms/ui/useRoomEditor.ts: once the room is joined and the editor is up, not
 * for an observer; disposed when either goes):
 *
 * ```ts
 * const reporter = createRoomEventReporter({
 *   send: (event) => roomSession.report(event),
 *   session: { actor: aiSession.actor, metrics: aiSession.metrics },
 *   runs: runController.state,
 *   pastes: monacoPastes(editor, (model) => pathOf(model.uri)),
 *   focus: { window, document },
 *   mayReport: (event) => {
 *     const { policy, you } = roomSession.view.get();
 *     return policy !== undefined && you !== undefined && checkReport(policy, you, event).ok;
 *   },
 * });
 * // later: reporter.dispose()
 * ```
 */
export function createRoomEventReporter(options: RoomEventReporterOptions): { dispose(): void } {
  const stops: Array<() => void> = [];
  const { mayReport } = options;
  const send = mayReport
    ? (event: ReportedRoomEvent): void => {
        if (mayReport(event)) options.send(event);
      }
    : options.send;
  if (options.session) stops.push(reportAi(options.session, send));
  if (options.runs) stops.push(reportRuns(options.runs, send));
  if (options.pastes) {
    const threshold = options.largePaste ?? LARGE_PASTE;
    stops.push(
      options.pastes(({ text, path }) => {
        const lines = lineCount(text);
        if (text.length < threshold.chars && lines < threshold.lines) return;
        send({ kind: 'paste', payload: { chars: text.length, lines, ...(path ? { path } : {}) } });
      }),
    );
  }
  if (options.focus) stops.push(reportFocusLoss(options.focus, send, options.now ?? (() => performance.now()), options.focusLossMinMs ?? FOCUS_LOSS_MIN_MS));
  return {
    dispose: () => {
      for (const stop of stops.splice(0).reverse()) stop();
    },
  };
}

/**
 * The AI facts: `suggestion-shown` from the machine's states (a ghost text once it is whole, or
 * when it goes away before; a quick edit or a deep result once it is up for review), and for each
 * request record the machine writes when a request ends, `ai-request` with its figures, preceded
 * by `suggestion-accepted` or `suggestion-rejected` when that is how it ended.
 */
function reportAi(session: NonNullable<RoomEventReporterOptions['session']>, send: (event: ReportedRoomEvent) => void): () => void {
  const shown = new Map<string, Shown>();
  /** The characters the person took, by request (a ghost text's accepted part). */
  const taken = new Map<string, number>();
  let ghost: Shown | undefined;
  let lastAccepted: unknown = session.actor.getSnapshot().context.fast.accepted;
  const modelOf = (snapshot: Snapshot, lane: Lane): string | null => (lane === 'deep' ? (snapshot.context.deep.model ?? snapshot.context.models.deep) : snapshot.context.models.fast);

  const sendShown = (snapshot: Snapshot, entry: Shown): void => {
    if (entry.sent) return;
    entry.sent = true;
    send({
      kind: 'suggestion-shown',
      payload: { lane: entry.lane, model: modelOf(snapshot, entry.lane), requestId: entry.requestId, chars: entry.chars, lines: entry.lines, ...(entry.path ? { path: entry.path } : {}) },
    });
  };
  const remember = (entry: Shown): Shown => {
    const known = shown.get(entry.requestId);
    if (known) return known;
    shown.set(entry.requestId, entry);
    return entry;
  };

  const onSnapshot = (snapshot: Snapshot): void => {
    // Ghost text: counted once it is whole (the lane's `shown`), or when it goes away still streaming.
    const visible = selectGhostText(snapshot);
    const active = snapshot.context.fast.active;
    if (ghost && ghost.requestId !== visible?.requestId) sendShown(snapshot, ghost);
    if (visible && active && active.requestId === visible.requestId) {
      ghost = remember({ lane: 'fast', requestId: visible.requestId, chars: 0, lines: 0, path: visible.path, sent: false });
      ghost.chars = Math.max(ghost.chars, active.text.length);
      ghost.lines = Math.max(ghost.lines, lineCount(active.text));
      if (snapshot.matches({ fastLane: 'shown' })) sendShown(snapshot, ghost);
    } else {
      ghost = undefined;
    }
    const accepted = snapshot.context.fast.accepted;
    if (accepted !== lastAccepted) {
      lastAccepted = accepted;
      if (accepted) taken.set(accepted.requestId, accepted.text.length);
    }
    // A quick edit's proposal, once it is up for review.
    const quick = selectQuickEdit(snapshot);
    const quickId = snapshot.context.quick.requestId;
    if (quick?.state === 'review' && quickId !== null && !shown.get(quickId)?.sent) {
      sendShown(snapshot, remember({ lane: 'quick-edit', requestId: quickId, chars: quick.proposed.length, lines: lineCount(quick.proposed), path: quick.path, sent: false }));
    }
    // A deep task's result, once it is up for review.
    const deep = selectDeepLane(snapshot);
    if (deep?.state === 'reviewing' && deep.taskId !== null && !shown.get(deep.taskId)?.sent) {
      const texts = deep.files.map((file) => file.after ?? '');
      sendShown(
        snapshot,
        remember({
          lane: 'deep',
          requestId: deep.taskId,
          chars: texts.reduce((sum, text) => sum + text.length, 0),
          lines: texts.reduce((sum, text) => sum + lineCount(text), 0),
          path: deep.files.length === 1 ? deep.files[0]?.path : undefined,
          sent: false,
        }),
      );
    }
  };

  let seen = session.metrics.get().at(-1);
  const onMetrics = (metrics: readonly RequestMetric[]): void => {
    const from = seen === undefined ? -1 : metrics.lastIndexOf(seen);
    // The store keeps the latest records; one that fell out of it was already reported.
    const fresh = metrics.slice(from === -1 && seen !== undefined ? metrics.length - 1 : from + 1);
    seen = metrics.at(-1);
    const snapshot = session.actor.getSnapshot();
    for (const metric of fresh) {
      // The lane was off (on the server, or for this person): nothing was asked of any model.
      if (metric.outcome === 'failed' && metric.detail === 'misconfigured') continue;
      const lane = laneOfMetric(metric);
      const model = metric.model ?? modelOf(snapshot, lane);
      const entry = shown.get(metric.requestId);
      if (entry && !entry.sent) sendShown(snapshot, entry);
      if (metric.outcome === 'accepted') {
        const chars = taken.get(metric.requestId) ?? entry?.chars ?? 0;
        send({
          kind: 'suggestion-accepted',
          payload: { lane, model, requestId: metric.requestId, chars, partial: metric.detail === 'partial', ...(entry?.path ? { path: entry.path } : {}) },
        });
      } else if (metric.outcome === 'rejected') {
        send({ kind: 'suggestion-rejected', payload: { lane, model, requestId: metric.requestId, reason: metric.detail?.slice(0, 200) ?? null } });
      }
      send({
        kind: 'ai-request',
        payload: {
          lane,
          model,
          requestId: metric.requestId,
          outcome: metric.outcome,
          durationMs: metric.durationMs,
          timeToFirstTokenMs: metric.timeToFirstTokenMs,
          tokensIn: metric.tokensIn,
          tokensOut: metric.tokensOut,
          fromCache: metric.fromCache,
          detail: metric.detail?.slice(0, 200) ?? null,
        },
      });
      shown.delete(metric.requestId);
      taken.delete(metric.requestId);
    }
  };

  const subscription = session.actor.subscribe(onSnapshot);
  const stopMetrics = session.metrics.subscribe(onMetrics);
  return () => {
    subscription.unsubscribe();
    stopMetrics();
  };
}

/** A run when it starts, and its result (summary, counts, the capped report) when it ends. */
function reportRuns(runs: Store<RunState | undefined>, send: (event: ReportedRoomEvent) => void): () => void {
  let started: string | undefined = runs.get()?.id;
  let finished: string | undefined = runs.get()?.phase === 'done' ? runs.get()?.id : undefined;
  return runs.subscribe((run) => {
    if (!run) return;
    const path = run.kind === 'program' || (run.target !== ALL_TESTS && !run.target.includes(', ')) ? run.target.slice(0, 512) : undefined;
    if (started !== run.id) {
      started = run.id;
      send({ kind: 'run', payload: { runId: run.id, mode: run.kind, ...(path ? { path } : {}), ...(run.runtime ? { runtime: run.runtime } : {}) } });
    }
    if (run.phase !== 'done' || finished === run.id) return;
    finished = run.id;
    send({ kind: 'run-result', payload: runResultOf(run, path) });
  });
}

/** The `run-result` payload of a finished run. */
function runResultOf(run: RunState, path: string | undefined): RunResultPayload {
  const status = run.status ?? 'error';
  const counts = run.kind === 'tests' ? run.report?.counts : undefined;
  const error = run.status === 'crashed' ? run.crash : run.program?.error?.message;
  const summary = describeRunResult({ mode: run.kind, status, counts, error }).slice(0, 300);
  const capped = run.report ? capRunReport({ kind: 'tests', report: run.report }) : run.program ? capRunReport({ kind: 'program', result: run.program }) : undefined;
  return {
    runId: run.id,
    mode: run.kind,
    ...(path ? { path } : {}),
    // A runtime that failed to run it at all is an error as far as the room is concerned.
    status: status === 'crashed' ? 'error' : status,
    durationMs: Math.max(0, run.durationMs ?? 0),
    ...(counts ? { counts } : {}),
    summary,
    ...(capped?.shared ? { shared: capped.shared } : {}),
    ...(capped && capped.truncated.length > 0 ? { truncated: capped.truncated } : {}),
  };
}

/**
 * Time away from the page: it starts when the window loses the focus to another window (not to
 * one of our own frames, such as the program's sandbox) or the tab is hidden, and is reported
 * when the person is back, with its length, if it lasted at least `minMs`. Leaving while away
 * (dispose) reports it as `unfinished`.
 */
function reportFocusLoss(focus: FocusSource, send: (event: ReportedRoomEvent) => void, now: () => number, minMs: number): () => void {
  let away: { since: number; how: 'blur' | 'hidden' } | undefined;
  const back = (unfinished: boolean): void => {
    if (!away) return;
    const durationMs = Math.max(0, Math.round(now() - away.since));
    const { how } = away;
    away = undefined;
    if (durationMs >= minMs) send({ kind: 'focus-loss', payload: { durationMs, how, ...(unfinished ? { unfinished } : {}) } });
  };
  const onBlur = (): void => {
    // Focus that moved into one of the page's frames (the program's sandbox) stays in the page.
    if (focus.document.activeElement?.tagName === 'IFRAME') return;
    away ??= { since: now(), how: 'blur' };
  };
  const onVisibility = (): void => {
    if (focus.document.visibilityState === 'hidden') {
      if (away) away.how = 'hidden';
      else away = { since: now(), how: 'hidden' };
    } else {
      back(false);
    }
  };
  const onFocus = (): void => back(false);
  focus.window.addEventListener('blur', onBlur);
  focus.window.addEventListener('focus', onFocus);
  focus.document.addEventListener('visibilitychange', onVisibility);
  return () => {
    focus.window.removeEventListener('blur', onBlur);
    focus.window.removeEventListener('focus', onFocus);
    focus.document.removeEventListener('visibilitychange', onVisibility);
    back(true);
  };
}
