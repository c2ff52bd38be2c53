import './deepLane.css';
import type { ComponentType, JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeepLaneView } from '../../shared/session/selectDeepLane.ts';
import type { SessionActor } from '../ai/SessionActor.ts';
import { Icon } from '../ui/Icon.tsx';
import { Kbd, shortcutText } from '../ui/Kbd.tsx';
import { useStore } from '../ui/useStore.ts';
import { ApplyProblems } from './ApplyProblems.tsx';
import type { DeepLaneGlue } from './DeepLaneGlue.ts';
import type { DeepReviewProps } from './DeepReview.tsx';
import { deepLaneHeadline, describeTestSummary, formatCount, REASON_LABELS } from './describeDeepLane.ts';
import { DeepToolRow, TOOL_VERBS } from './DeepToolRow.tsx';
import { useDeepLane } from './useDeepLane.ts';

interface Props {
  readonly actor: SessionActor;
  readonly glue: DeepLaneGlue;
  /** The open tabs, the focused one first: the context a task the person starts carries. */
  readonly openFiles: readonly string[];
  onOpenFile(path: string): void;
}

const START_KEYS = ['Mod', 'Shift', 'K'];

/** The review needs Monaco's diff editor: loaded when a review first opens (Monaco is in by then). */
let reviewModule: Promise<ComponentType<DeepReviewProps>> | undefined;
const loadReview = (): Promise<ComponentType<DeepReviewProps>> => (reviewModule ??= import('./DeepReview.tsx').then((m) => m.DeepReview));

/**
 * The deep-lane panel under the editor, rendered from `selectDeepLane`: a proposal to confirm
 * with Enter or decline with Esc, a task the person starts (Ctrl/Cmd+Shift+K), the task while it
 * works (plan, tool calls, files changed, tests, tokens, a steer for the next turn, Interrupt with
 * Esc), its review, and how it ended. Everything it does goes to the session machine as an event.
 */
export function DeepLanePanel(props: Props): JSX.Element {
  const { actor } = props;
  const view = useDeepLane(actor);
  const [composing, setComposing] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const steerInput = useRef<HTMLInputElement>(null);
  const state = view?.state;

  // Ctrl/Cmd+Shift+K wherever focus is (Monaco's "delete line" yields to it): start a task, or steer the one running.
  const latest = useRef({ view, composing });
  latest.current = { view, composing };
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || !event.shiftKey || event.key.toLowerCase() !== 'k' || event.altKey) return;
      event.preventDefault();
      event.stopPropagation();
      const current = latest.current.view;
      if (current?.running) steerInput.current?.focus();
      else if (current?.state === 'proposed' || current?.state === 'reviewing') panel.current?.focus();
      else setComposing(true);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  // A proposal takes focus so that one key answers it.
  useEffect(() => {
    if (state === 'proposed') panel.current?.focus();
    if (state !== undefined && state !== 'applied' && state !== 'discarded' && state !== 'failed' && state !== 'budgetLimited' && state !== 'interrupted') setComposing(false);
  }, [state, view?.proposal]);

  const onKeyDown = (event: KeyboardEvent): void => {
    if (view?.state === 'proposed' && !(event.target instanceof HTMLTextAreaElement)) {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        actor.send({ type: 'deep.confirm' });
      } else if (event.key === 'Escape') {
        event.preventDefault();
        actor.send({ type: 'deep.decline' });
      }
    } else if (view?.running && event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      actor.send({ type: 'deep.interrupt' });
    }
  };

  if (composing && (view === null || !view.running)) {
    return (
      <section class="deep-panel is-composing" data-testid="deep-panel" data-state="composing" ref={panel} tabIndex={-1}>
        <Composer
          onStart={(instruction) => {
            actor.send({ type: 'deep.propose', instruction, openFiles: props.openFiles, reasons: ['asked'] });
            actor.send({ type: 'deep.confirm' });
            setComposing(false);
          }}
          onCancel={() => setComposing(false)}
        />
      </section>
    );
  }

  if (view === null) {
    return (
      <section class="deep-panel is-idle" data-testid="deep-panel" data-state="idle">
        <button class="deep-idle-button" data-testid="deep-new-task" onClick={() => setComposing(true)} title={`Hand a task to the deep lane (${shortcutText(START_KEYS)})`}>
          <Icon name="sparkles" size={13} />
          <span>Deep lane</span>
          <span class="deep-idle-hint">plans, edits several files and runs the tests; you review before anything is written</span>
          <Kbd keys={START_KEYS} />
        </button>
      </section>
    );
  }

  const headline = deepLaneHeadline(view);
  const ended = !view.running && view.state !== 'proposed' && view.state !== 'reviewing';
  return (
    <section
      class={`deep-panel is-${view.state}`}
      data-testid="deep-panel"
      data-state={view.state}
      ref={panel}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      aria-label="Deep lane"
    >
      <header class="deep-header">
        <Icon name="sparkles" size={14} />
        <span class="deep-title">Deep lane</span>
        <span class={`deep-pill tone-${headline.tone}`} data-testid="deep-status">
          {headline.tone === 'running' ? <span class="spinner small" /> : null}
          {headline.label}
        </span>
        <span class="deep-instruction" title={view.proposal.instruction}>
          {view.proposal.instruction}
        </span>
        <span class="deep-figures" title={view.model ? `${view.model}${view.adapter ? ` (${view.adapter})` : ''}` : undefined}>
          {view.turnId !== null ? <span>turn {view.turnId}</span> : null}
          {view.state !== 'proposed' ? (
            <span data-testid="deep-tokens" title={`${formatCount(view.usage.inputTokens)} in, ${formatCount(view.usage.outputTokens)} out`}>
              {formatCount(view.usage.inputTokens + view.usage.outputTokens)} tokens
            </span>
          ) : null}
        </span>
        {view.running ? (
          <button class="button stop deep-small-button" data-testid="deep-interrupt" onClick={() => actor.send({ type: 'deep.interrupt' })} title="Stop at once; nothing is written">
            <Icon name="stop" size={12} /> Interrupt <Kbd keys={['Escape']} />
          </button>
        ) : null}
        {ended ? (
          <>
            <button class="button ghost deep-small-button" data-testid="deep-new-task" onClick={() => setComposing(true)}>
              <Icon name="plus" size={12} /> New task
            </button>
            <button class="button ghost deep-small-button" data-testid="deep-close" onClick={() => actor.send({ type: 'deep.close' })} title="Close">
              <Icon name="close" size={12} />
            </button>
          </>
        ) : null}
      </header>
      {view.state === 'proposed' ? <Proposal view={view} actor={actor} /> : null}
      {view.running ? <Progress view={view} actor={actor} steerInput={steerInput} onOpenFile={props.onOpenFile} /> : null}
      {view.state === 'reviewing' ? <LazyReview view={view} actor={actor} glue={props.glue} /> : null}
      {ended ? <Ending view={view} actor={actor} detail={headline.detail} glue={props.glue} onOpenFile={props.onOpenFile} /> : null}
    </section>
  );
}

/** The instruction box of a task the person starts. */
function Composer(props: { onStart(instruction: string): void; onCancel(): void }): JSX.Element {
  const [text, setText] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  const start = (): void => {
    if (text.trim() !== '') props.onStart(text.trim());
  };
  return (
    <div class="deep-composer">
      <Icon name="sparkles" size={14} />
      <textarea
        ref={input}
        class="deep-composer-input"
        data-testid="deep-instruction"
        rows={2}
        placeholder="Describe a task for the deep lane, e.g. “rename add to plus everywhere and make the tests pass”"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            start();
          } else if (event.key === 'Escape') {
            event.preventDefault();
            props.onCancel();
          }
        }}
      />
      <div class="deep-composer-actions">
        <button class="button primary deep-small-button" data-testid="deep-start" disabled={text.trim() === ''} onClick={start}>
          Start <Kbd keys={['Enter']} />
        </button>
        <button class="button ghost deep-small-button" onClick={props.onCancel}>
          Cancel <Kbd keys={['Escape']} />
        </button>
      </div>
    </div>
  );
}

/** A proposal with the context it carries over and why it was made; Enter starts it, Esc declines. */
function Proposal({ view, actor }: { view: DeepLaneView; actor: SessionActor }): JSX.Element {
  const { proposal } = view;
  return (
    <div class="deep-body deep-proposal" data-testid="deep-proposal">
      <p class="deep-proposal-question">
        {proposal.fromQuickEdit ? 'This looks like work for the deep lane' : 'Hand this to the deep lane?'}
        <span class="deep-reasons">
          {proposal.reasons.map((reason) => (
            <span class="deep-reason" key={reason} data-testid="deep-reason">
              {REASON_LABELS[reason]}
            </span>
          ))}
        </span>
      </p>
      <dl class="deep-context">
        <dt>Task</dt>
        <dd class="deep-context-instruction">{proposal.instruction}</dd>
        {proposal.constraints ? (
          <>
            <dt>Then</dt>
            <dd>{proposal.constraints}</dd>
          </>
        ) : null}
        {proposal.selection ? (
          <>
            <dt>Selection</dt>
            <dd>
              <code>{proposal.selection.path}</code> · {lineCount(proposal.selection.text)}
            </dd>
          </>
        ) : null}
        {proposal.openFiles.length > 0 ? (
          <>
            <dt>Files</dt>
            <dd>
              {proposal.openFiles.map((path) => (
                <code key={path}>{path}</code>
              ))}
            </dd>
          </>
        ) : null}
        {proposal.failingTestOutput ? (
          <>
            <dt>Failing tests</dt>
            <dd>
              <pre class="deep-failing-output">{proposal.failingTestOutput.split('\n').slice(0, 4).join('\n')}</pre>
            </dd>
          </>
        ) : null}
      </dl>
      <div class="deep-actions">
        <button class="button primary deep-small-button" data-testid="deep-confirm" onClick={() => actor.send({ type: 'deep.confirm' })}>
          Start task <Kbd keys={['Enter']} />
        </button>
        <button class="button ghost deep-small-button" data-testid="deep-decline" onClick={() => actor.send({ type: 'deep.decline' })}>
          {proposal.fromQuickEdit ? 'Keep the quick edit' : 'Not now'} <Kbd keys={['Escape']} />
        </button>
        <span class="deep-note">Nothing is written to your files before you review the result.</span>
      </div>
    </div>
  );
}

/** The task while it works: plan, activity, files, tests, and the steer box. */
function Progress(props: { view: DeepLaneView; actor: SessionActor; steerInput: { current: HTMLInputElement | null }; onOpenFile(path: string): void }): JSX.Element {
  const { view, actor } = props;
  const [steer, setSteer] = useState('');
  // The turn the person saw when they began typing: a steer typed during a turn that ended is stale.
  const typedDuring = useRef<number | null>(null);
  const lastRefusal = useRef(view.steerRefusal);
  useEffect(() => {
    const refusal = view.steerRefusal;
    if (refusal === null || refusal === lastRefusal.current) return;
    lastRefusal.current = refusal;
    // The refused text comes back into the box, so nothing typed is lost.
    setSteer((current) => (current.trim() === '' ? refusal.text : current));
    typedDuring.current = null;
  }, [view.steerRefusal]);
  // The server took the last steer: the machine forgets it, the panel still says where it goes.
  const [delivered, setDelivered] = useState<string | null>(null);
  const queued = useRef(view.steer);
  useEffect(() => {
    const was = queued.current;
    queued.current = view.steer;
    if (view.steer !== null) setDelivered(null);
    else if (was !== null && view.steerRefusal === lastRefusal.current) setDelivered(was.text);
  }, [view.steer]);
  useEffect(() => setDelivered(null), [view.turnId]);
  const activity = view.toolCalls.slice(-8);
  const send = (): void => {
    const text = steer.trim();
    if (text === '') return;
    actor.send({ type: 'deep.steer', text, ...(typedDuring.current === null ? {} : { turnId: typedDuring.current }) });
    setSteer('');
    typedDuring.current = null;
  };
  const before = describeTestSummary(view.tests.before);
  const after = describeTestSummary(view.tests.after);
  return (
    <div class="deep-body deep-progress">
      <div class="deep-columns">
        <div class="deep-column">
          <h3 class="deep-heading">Plan</h3>
          {view.plan.length === 0 ? (
            <p class="deep-muted">{view.state === 'planning' ? 'Reading the task…' : 'No plan given.'}</p>
          ) : (
            <ol class="deep-plan">
              {view.plan.map((step) => (
                <li key={step.id} class={`deep-step is-${step.status}`} data-testid="deep-plan-step" data-status={step.status}>
                  <span class="deep-step-mark">{step.status === 'done' ? <Icon name="check" size={12} /> : step.status === 'in-progress' ? <span class="spinner small" /> : <span class="deep-step-dot" />}</span>
                  <span>{step.title}</span>
                </li>
              ))}
            </ol>
          )}
          {view.narration.trim() !== '' ? <p class="deep-narration">{view.narration.trim()}</p> : null}
        </div>
        <div class="deep-column">
          <h3 class="deep-heading">Activity {view.toolCalls.length > activity.length ? <span class="deep-muted">· last {activity.length} of {view.toolCalls.length}</span> : null}</h3>
          {activity.length === 0 ? <p class="deep-muted">No tool calls yet.</p> : <ul class="deep-tools">{activity.map((a) => <DeepToolRow key={a.callId} activity={a} />)}</ul>}
        </div>
        <div class="deep-column deep-column-narrow">
          <h3 class="deep-heading">Files changed</h3>
          {view.files.length === 0 ? (
            <p class="deep-muted">None yet (staged, not written).</p>
          ) : (
            <ul class="deep-files" data-testid="deep-files">
              {view.files.map((file) => (
                <li key={file.path} class="deep-file-row">
                  <span class={`deep-file-status is-${file.status}`}>{file.status[0]?.toUpperCase()}</span>
                  <span class="deep-file-path" title={file.path}>
                    {file.path}
                  </span>
                  <span class="deep-file-counts">
                    <span class="tone-ok">+{file.added}</span> <span class="tone-fail">−{file.removed}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
          <h3 class="deep-heading">Tests</h3>
          <p class="deep-tests" data-testid="deep-tests">
            <span class={`tone-${before.tone}`}>before: {before.text}</span>
            <span class="deep-arrow">→</span>
            <span class={`tone-${after.tone}`} data-testid="deep-tests-after">
              now: {after.text}
            </span>
          </p>
        </div>
      </div>
      <div class="deep-steer">
        <Icon name="chevronRight" size={13} />
        <input
          ref={props.steerInput}
          class="deep-steer-input"
          data-testid="deep-steer-input"
          placeholder={view.steer ? 'A steer is queued for the next turn…' : 'Steer the next turn, e.g. “keep the old name as an alias”'}
          value={steer}
          disabled={view.steer !== null}
          onInput={(event) => {
            const text = event.currentTarget.value;
            if (steer.trim() === '' && text.trim() !== '') typedDuring.current = view.turnId;
            setSteer(text);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              send();
            } else if (event.key === 'Escape' && steer !== '') {
              // Esc first clears what is typed; only an empty box lets it through to interrupt the task.
              event.preventDefault();
              event.stopPropagation();
              setSteer('');
              typedDuring.current = null;
            }
          }}
        />
        {view.steer || delivered !== null ? (
          <span class="deep-steer-queued" data-testid="deep-steer-queued">
            {view.steer ? 'sending' : 'for the next turn'}: “{view.steer?.text ?? delivered}”
          </span>
        ) : view.steerRefusal ? (
          <span class="deep-steer-refused" data-testid="deep-steer-refusal" title={view.steerRefusal.message}>
            <Icon name="alert" size={12} /> {view.steerRefusal.message}
          </span>
        ) : null}
        <button class="button secondary deep-small-button" data-testid="deep-steer-send" disabled={steer.trim() === '' || view.steer !== null} onClick={send}>
          Steer <Kbd keys={['Enter']} />
        </button>
      </div>
    </div>
  );
}

/** The review, once its module (Monaco's diff editor) is in. */
function LazyReview(props: DeepReviewProps): JSX.Element {
  const [Review, setReview] = useState<ComponentType<DeepReviewProps> | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void loadReview().then((component) => {
      if (live) setReview(() => component);
    });
    return () => {
      live = false;
    };
  }, []);
  return Review ? <Review {...props} /> : <div class="deep-body deep-muted">Opening the review…</div>;
}

/** How a task ended (applied, discarded, failed, out of budget, interrupted); a task that stopped before finishing offers what it staged for review. */
function Ending(props: { view: DeepLaneView; actor: SessionActor; detail: string | null; glue: DeepLaneGlue; onOpenFile(path: string): void }): JSX.Element {
  const { view, actor } = props;
  const staged = (view.state === 'failed' || view.state === 'budgetLimited') && view.files.length > 0 ? view.files.length : 0;
  const problems = useStore(props.glue.applyProblems);
  const returned = useStore(props.glue.returnedSteer);
  const refusal = view.steerRefusal ?? (returned !== null && returned.taskId === view.taskId ? { text: returned.text, message: returned.reason } : null);
  const failedCalls = view.toolCalls.filter((call) => call.status === 'failed' && call.summary !== null);
  const lastFailure = failedCalls.at(-1);
  return (
    <div class="deep-body deep-ending">
      {props.detail ? (
        <p class="deep-ending-detail" data-testid="deep-status-detail">
          {props.detail}
        </p>
      ) : null}
      {view.state === 'applied' ? (
        <p class="deep-ending-detail" data-testid="deep-status-detail">
          Applied {view.applied.length} file{view.applied.length === 1 ? '' : 's'}: {formatPaths(view.applied, props.onOpenFile)}. <Kbd keys={['Mod', 'Z']} /> in a file takes its apply back in one step.
        </p>
      ) : null}
      {problems.length > 0 && (view.state === 'applied' || view.state === 'discarded') ? (
        <ApplyProblems problems={problems} />
      ) : null}
      {refusal ? (
        <p class="deep-steer-refused" data-testid="deep-steer-refusal">
          <Icon name="alert" size={12} /> Your steer did not reach the model: “{refusal.text}”. {refusal.message}
        </p>
      ) : null}
      {view.state !== 'applied' && lastFailure ? (
        <p class="deep-muted" data-testid="deep-last-failure">
          Last failed tool call: {TOOL_VERBS[lastFailure.name] ?? lastFailure.name} — {lastFailure.summary}
        </p>
      ) : null}
      {staged > 0 ? (
        <div class="deep-actions">
          <button class="button primary deep-small-button" data-testid="deep-review-staged" onClick={() => actor.send({ type: 'deep.review' })}>
            <Icon name="check" size={12} /> Review what it staged ({staged} file{staged === 1 ? '' : 's'})
          </button>
        </div>
      ) : null}
      {view.summary ? <p class="deep-summary">{view.summary}</p> : null}
    </div>
  );
}

function formatPaths(paths: readonly string[], onOpen: (path: string) => void): JSX.Element[] {
  return paths.map((path, index) => (
    <>
      {index > 0 ? ', ' : ''}
      <button class="deep-link" key={path} onClick={() => onOpen(path)}>
        {path}
      </button>
    </>
  ));
}

/** "1 line", "4 lines": a selection ending at the start of a line does not count that line. */
function lineCount(text: string): string {
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  return `${Math.max(lines, 1)} line${lines === 1 ? '' : 's'}`;
}
