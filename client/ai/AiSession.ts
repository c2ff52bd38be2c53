import type * as Y from 'yjs';
import type { WorkspaceOverlay } from '../../shared/deepLane/WorkspaceOverlay.ts';
import type { RequestMetric } from '../../shared/metrics/RequestMetric.ts';
import type { AiAttribution } from '../../shared/rooms/aiAttribution.ts';
import { filesOf, readFiles } from '../../shared/workspaceDoc.ts';
import { relayAnswerToSessionEvent } from '../../shared/relayAnswerToSessionEvent.ts';
import type { AiLaneStatus } from '../../shared/serverMessage.ts';
import { createSessionActor } from '../../shared/session/createSessionActor.ts';
import { selectFastLaneStatus, type FastLaneStatus } from '../../shared/session/selectFastLaneStatus.ts';
import { selectGhostText, type GhostText } from '../../shared/session/selectGhostText.ts';
import type { QuickEditApplication, QuickEditRequest, SessionServices, SuggestionInsertion, SuggestionRequest } from '../../shared/session/SessionServices.ts';
import type { SessionClock } from '../../shared/session/SessionClock.ts';
import { SESSION_DEFAULTS } from '../../shared/session/SessionOptions.ts';
import { toQuickEditMessage } from '../../shared/toQuickEditMessage.ts';
import { toSuggestMessage, SUGGEST_WINDOW_CHARS } from '../../shared/toSuggestMessage.ts';
import { runAttributed } from '../editor/LocalEditOrigin.ts';
import { monaco } from '../editor/monaco.ts';
import { pathOf, type WorkspaceModels } from '../editor/WorkspaceModels.ts';
import { applyDeepFile } from '../deep/applyDeepFile.ts';
import { DeepLaneGlue } from '../deep/DeepLaneGlue.ts';
import type { ServerConnection } from '../net/ServerConnection.ts';
import type { RuntimeSelection } from '../runtime/selectRuntime.ts';
import type { RunController } from '../ui/RunController.ts';
import { Store } from '../ui/Store.ts';
import { attachQuickEdit } from './quickEdit/attachQuickEdit.ts';
import { bindEditorFacts } from './bindEditorFacts.ts';
import { attachGhostText } from './attachGhostText.ts';
import { sameFastLaneStatus } from './sameFastLaneStatus.ts';
import { sameGhostText } from './sameGhostText.ts';
import type { SessionActor } from './SessionActor.ts';
import type { SessionInspect } from './inspectSession.ts';
import { runtimeServices } from './runtimeServices.ts';
import { SnippetPicker } from './SnippetPicker.ts';
import { markTiming } from './markTiming.ts';
import type { FastLaneLimit } from './ui/describeFastLane.ts';

/** The page's clock: the session's delays are real timers, its measurements `performance.now()`. */
const pageClock: SessionClock = {
  now: () => performance.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};

/** What the session runs besides the AI lanes. */
export interface AiSessionOptions {
  /** The page's runtime and the person's run panels: with them the machine decides every run (client/ai/runtimeServices.ts). */
  readonly runtime?: { readonly runtimes: RuntimeSelection; readonly runs: RunController };
  /** Stately's inspector (`await inspectSession()`, only with `?inspect`). */
  readonly inspect?: SessionInspect;
}

/** Request records the page keeps for the session's figures (a long session keeps the latest). */
const METRICS_KEPT = 1000;

/** Why AI requests fail at once in a page without the server (`?offline`). */
const NO_SERVER = 'There is no Pairlane server: this page runs offline.';

/** The workspace path of a model, or undefined for one outside the workspace. */
export const pathOfModel = (model: monaco.editor.ITextModel): string | undefined => pathOf(model.uri);

/**
 * Runs this tab's session machine against the page: the socket for requests and answers, the
 * Monaco models for the text around the cursor, and (once attached) the editor for the person's
 * edits, the ghost text and the keys. Everything the machine decides comes out through the
 * `SessionServices` implemented here; everything the editor and the server say goes in as events.
 * Without a server (`?offline`) the session still runs (the runtime's decisions are the machine's
 * too); its AI requests fail at once as unavailable.
 */
export class AiSession {
  readonly actor: SessionActor;
  /** The fast lane's state for the status bar. */
  readonly fastLane: Store<FastLaneStatus>;
  /** The last budget or rate limit the server reported for the fast lane, with when it lifts. */
  readonly limit = new Store<FastLaneLimit | undefined>(undefined);
  /** The ghost text to render now, if any. */
  readonly ghost = new Store<GhostText | null>(null);
  /** One record per AI request that ended (both lanes), newest last, the latest METRICS_KEPT of them. */
  readonly metrics = new Store<readonly RequestMetric[]>([]);
  readonly snippets: SnippetPicker;
  /** The deep lane's side of the page (socket, staged overlay, tool calls, apply); none without a server. */
  readonly deep: DeepLaneGlue | undefined;
  private editor: monaco.editor.IStandaloneCodeEditor | undefined;
  /** True while an edit that is not the person's own is being applied (a quick edit). */
  private applyingOther = false;
  private readonly unsubscribe: (() => void)[] = [];
  /** The staged files of each deep task this tab runs, by task id: the deep lane's runs run over these, never the workspace. */
  readonly overlays = new Map<string, WorkspaceOverlay>();

  constructor(
    private readonly connection: ServerConnection | undefined,
    private readonly models: WorkspaceModels,
    private readonly doc: Y.Doc,
    options: AiSessionOptions = {},
  ) {
    this.snippets = new SnippetPicker(
      {
        paths: () => [...filesOf(doc).keys()],
        version: (path) => models.get(path)?.getVersionId(),
        head: (path, maxChars) => {
          const model = models.get(path);
          if (!model) return '';
          const end = model.getPositionAt(maxChars);
          return model.getValueInRange({ startLineNumber: 1, startColumn: 1, endLineNumber: end.lineNumber, endColumn: end.column });
        },
      },
      () => performance.now(),
    );
    const runtime =
      options.runtime &&
      runtimeServices({
        ...options.runtime,
        workspaceFiles: () => readFiles(doc),
        overlayFiles: (taskId) => this.overlays.get(taskId)?.files(),
        deepTimeoutMs: (taskId) => {
          const { deep } = this.actor.getSnapshot().context;
          return deep.taskId === taskId ? deep.budgets?.toolTimeoutMs : undefined;
        },
        send: (event) => this.actor.send(event),
      });
    this.deep =
      connection &&
      new DeepLaneGlue({
        connection,
        workspace: () => readFiles(doc),
        overlays: this.overlays,
        send: (event) => this.actor.send(event),
        applyFile: (change) => {
          this.applyingOther = true;
          try {
            // The task being applied is the machine's current one; its files enter the document as its text.
            const taskId = this.actor.getSnapshot().context.deep.taskId;
            return applyDeepFile(change, doc, models, taskId === null ? undefined : this.attribution('deep', taskId));
          } finally {
            this.applyingOther = false;
          }
        },
        clock: pageClock,
      });
    const services: SessionServices = {
      requestSuggestion: (request) => this.requestSuggestion(request),
      requestQuickEdit: (request) => this.requestQuickEdit(request),
      cancel: (requestId, reason) => this.connection?.cancel({ type: 'cancel', requestId, reason }),
      insertSuggestion: (insertion) => this.insertSuggestion(insertion),
      applyQuickEdit: (application) => this.applyQuickEdit(application),
      recordMetric: (metric) => this.metrics.set([...this.metrics.get().slice(1 - METRICS_KEPT), metric]),
      ...(runtime ? { runtime } : {}),
      ...(this.deep ? { deep: this.deep } : {}),
    };
    // Request ids must be unique per connection and stay so across tabs: the server's id for this
    // connection when it is known, else one of our own (a tab that loaded before the server answered).
    const idPrefix = `${connection?.connectionId ?? `tab-${crypto.randomUUID().slice(0, 8)}`}-`;
    this.actor = createSessionActor({ clock: pageClock, services, idPrefix, ...(options.inspect ? { inspect: options.inspect } : {}) });
    this.fastLane = new Store(selectFastLaneStatus(this.actor.getSnapshot()));
    this.actor.subscribe((snapshot) => {
      const status = selectFastLaneStatus(snapshot);
      if (!sameFastLaneStatus(status, this.fastLane.get())) this.fastLane.set(status);
      const ghost = selectGhostText(snapshot);
      if (!sameGhostText(ghost, this.ghost.get())) this.ghost.set(ghost);
    });
    this.actor.start();
    if (runtime) this.unsubscribe.push(runtime.reportStatus());
    if (!connection) return;
    this.unsubscribe.push(connection.onPong((roundTripMs) => this.actor.send({ type: 'latency.measured', roundTripMs })));
    // AI turned off on the server: stop whatever is going on. The lanes' models name the metrics records.
    const followStatus = (status: ReturnType<typeof connection.aiStatus.get>): void => {
      if (!status) return;
      this.actor.send({ type: 'ai.models', fast: status.lanes.fast.model ?? null, deep: status.lanes.deep.model ?? null });
      if (!status.lanes.fast.enabled) this.actor.send({ type: 'fast.cancel' });
    };
    followStatus(connection.aiStatus.get());
    this.unsubscribe.push(connection.aiStatus.subscribe(followStatus));
  }

  /** The fast lane as the server runs it (undefined until the server said). */
  get fastLaneConfig(): AiLaneStatus | undefined {
    return this.connection?.aiStatus.get()?.lanes.fast;
  }

  /**
   * Connects the session to the page's editor: its edits and cursor become events, the ghost
   * text is shown through Monaco's inline completions with Tab / Ctrl+→ / Esc / Alt+\ bound to
   * the machine, and the quick-edit command is attached. Returns what undoes all of it.
   */
  attach(editor: monaco.editor.IStandaloneCodeEditor): monaco.IDisposable {
    this.editor = editor;
    const bindings = [
      bindEditorFacts(editor, this.actor, {
        doc: this.doc,
        pathOf: pathOfModel,
        isApplyingOther: () => this.applyingOther,
        onViewed: (path) => this.snippets.noteViewed(path),
      }),
      attachGhostText(editor, this.actor, this.ghost, pathOfModel),
      attachQuickEdit(editor, this.actor, pathOfModel),
    ];
    return {
      dispose: () => {
        for (const binding of bindings) binding.dispose();
        if (this.editor === editor) this.editor = undefined;
      },
    };
  }

  dispose(): void {
    this.deep?.dispose();
    for (const stop of this.unsubscribe) stop();
    this.actor.stop();
  }

  /**
   * What text accepted from `lane` for `requestId` is attributed to: the lane's model as the
   * server names it (a deep task's own figures first), so the room logs it as that lane's text.
   */
  private attribution(lane: AiAttribution['lane'], requestId: string): AiAttribution {
    const status = this.connection?.aiStatus.get()?.lanes[lane === 'deep' ? 'deep' : 'fast'];
    const { models, deep } = this.actor.getSnapshot().context;
    const model = (lane === 'deep' ? deep.model ?? models.deep : models.fast) ?? status?.model ?? status?.provider;
    return { lane, model: model ? model.slice(0, 200) : 'unknown', requestId };
  }

  private requestSuggestion(request: SuggestionRequest): void {
    markTiming('pairlane:fast-request', { requestId: request.requestId, trigger: request.trigger });
    const fast = this.fastLaneConfig;
    if (!this.connection) {
      this.actor.send({ type: 'fast.failed', requestId: request.requestId, status: 'unavailable', message: NO_SERVER });
      return;
    }
    if (fast && !fast.enabled) {
      this.actor.send({ type: 'fast.failed', requestId: request.requestId, status: 'misconfigured', message: fast.reason ?? 'The fast lane is off on this server.' });
      return;
    }
    const model = this.models.get(request.cursor.path);
    if (!model) {
      this.actor.send({ type: 'fast.failed', requestId: request.requestId, status: 'refused', message: `${request.cursor.path} is no longer in the workspace.` });
      return;
    }
    // Only the windows the message carries are read from the model, never the whole file.
    const offset = Math.min(request.cursor.offset, model.getValueLength());
    const start = Math.max(0, offset - SUGGEST_WINDOW_CHARS.prefix);
    const end = offset + SUGGEST_WINDOW_CHARS.suffix;
    const windowText = model.getValueInRange(monaco.Range.fromPositions(model.getPositionAt(start), model.getPositionAt(end)));
    const message = toSuggestMessage({ ...request, cursor: { ...request.cursor, offset: offset - start } }, windowText, {
      language: model.getLanguageId(),
      snippets: this.snippets.pick(request.cursor.path),
    });
    this.connection.request(message, (answer) => {
      const event = relayAnswerToSessionEvent(answer, 'fast');
      if (!event) return;
      if (event.type === 'fast.batch') markTiming('pairlane:fast-batch', { requestId: event.requestId, seq: event.seq });
      if (event.type === 'fast.limited' || (event.type === 'fast.failed' && event.status === 'rate-limited')) {
        this.limit.set({ message: event.message, resumesAt: Date.now() + (event.retryAfterMs ?? SESSION_DEFAULTS.limitPauseMs) });
      }
      this.actor.send(event);
    });
  }

  private requestQuickEdit(request: QuickEditRequest): void {
    if (!this.connection) {
      this.actor.send({ type: 'quick.failed', requestId: request.requestId, status: 'unavailable', message: NO_SERVER });
      return;
    }
    const language = this.models.get(request.path)?.getLanguageId();
    this.connection.request(toQuickEditMessage(request, language), (answer) => {
      const event = relayAnswerToSessionEvent(answer, 'quick');
      if (event) this.actor.send(event);
    });
  }

  /**
   * Inserts accepted ghost text as the person's own edit: one undo step, the cursor after it.
   * The content change it causes reaches the machine as `editor.typed` (bindEditorFacts), which
   * is how the machine learns the text is in: it never assumes so.
   */
  private insertSuggestion(insertion: SuggestionInsertion): void {
    const model = this.models.get(insertion.path);
    const editor = this.editor;
    if (!model || !editor || editor.getModel() !== model || insertion.text === '') return;
    const at = model.getPositionAt(insertion.at);
    editor.pushUndoStop();
    // One edit, so one Yjs transaction, attributed to the fast lane for the room's log.
    runAttributed(this.attribution('fast', insertion.requestId), () =>
      editor.executeEdits('pairlane.fast-lane', [{ range: monaco.Range.fromPositions(at), text: insertion.text, forceMoveMarkers: true }], () => {
        const end = model.getPositionAt(insertion.at + insertion.text.length);
        return [monaco.Selection.fromPositions(end)];
      }),
    );
    editor.pushUndoStop();
    editor.revealPosition(editor.getPosition() ?? at);
  }

  /** Applies a quick edit's validated edits as one undoable change, reported as `editor.changed`. */
  private applyQuickEdit(application: QuickEditApplication): void {
    const model = this.models.get(application.path);
    if (!model) return;
    const operations = application.edits.map((edit) => ({
      range: monaco.Range.fromPositions(model.getPositionAt(edit.start), model.getPositionAt(edit.end)),
      text: edit.text,
    }));
    this.applyingOther = true;
    try {
      const editor = this.editor;
      const attribution = this.attribution('quick-edit', application.requestId);
      if (editor && editor.getModel() === model) {
        editor.pushUndoStop();
        runAttributed(attribution, () => editor.executeEdits('pairlane.quick-edit', operations));
        editor.pushUndoStop();
      } else {
        model.pushStackElement();
        runAttributed(attribution, () => model.pushEditOperations(null, operations, () => null));
        model.pushStackElement();
      }
    } finally {
      this.applyingOther = false;
    }
  }
}
