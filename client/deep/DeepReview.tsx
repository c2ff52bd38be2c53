import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DeepLaneView } from '../../shared/session/selectDeepLane.ts';
import type { DeepFileChange } from '../../shared/session/SessionEvent.ts';
import type { SessionActor } from '../ai/SessionActor.ts';
import { monaco } from '../editor/monaco.ts';
import { Icon } from '../ui/Icon.tsx';
import { useStore } from '../ui/useStore.ts';
import { ApplyProblems } from './ApplyProblems.tsx';
import type { DeepLaneGlue } from './DeepLaneGlue.ts';
import { describeTestSummary } from './describeDeepLane.ts';
import { DeepToolRow } from './DeepToolRow.tsx';

export interface DeepReviewProps {
  readonly view: DeepLaneView;
  readonly actor: SessionActor;
  readonly glue: DeepLaneGlue;
}

/** Review models live under their own scheme, so they never pass for workspace files. */
const reviewUri = (side: 'before' | 'after', taskId: string, path: string): monaco.Uri => monaco.Uri.from({ scheme: 'pairlane-review', authority: side, path: `/${taskId}/${path}` });

/**
 * The result of a deep task under review: the files it changed, each in Monaco's diff editor (the
 * workspace as the task found it against the task's text), the tests before and after, and Apply
 * all, Apply per file, Discard. Nothing is written but through the machine's apply.
 */
export function DeepReview({ view, actor, glue }: DeepReviewProps): JSX.Element {
  const problems = useStore(glue.applyProblems);
  const [selected, setSelected] = useState(() => view.files[0]?.path);
  const file = view.files.find((f) => f.path === selected) ?? view.files[0];
  const before = describeTestSummary(view.tests.before);
  const after = describeTestSummary(view.tests.after);
  const remaining = view.toApply.length;
  const lastFailure = view.toolCalls.filter((call) => call.status === 'failed' && call.summary !== null).at(-1);
  return (
    <div class="deep-body deep-review" data-testid="deep-review">
      <div class="deep-review-bar">
        <p class="deep-summary" data-testid="deep-summary" title={view.summary ?? undefined}>
          {view.summary ?? 'The task ended without a summary.'}
        </p>
        <p class="deep-tests" data-testid="deep-review-tests">
          <Icon name="flask" size={12} />
          <span class={`tone-${before.tone}`}>before: {before.text}</span>
          <span class="deep-arrow">→</span>
          <span class={`tone-${after.tone}`} data-testid="deep-tests-after">
            after: {after.text}
          </span>
        </p>
        <div class="deep-actions">
          <button class="button primary deep-small-button" data-testid="deep-apply-all" disabled={remaining === 0} onClick={() => actor.send({ type: 'deep.applyAll' })}>
            <Icon name="check" size={12} /> {view.applied.length > 0 ? `Apply the other ${remaining}` : `Apply all ${remaining}`}
          </button>
          <button class="button ghost deep-small-button" data-testid="deep-discard" onClick={() => actor.send({ type: 'deep.discard' })}>
            Discard
          </button>
        </div>
      </div>
      {problems.length > 0 ? (
        <ApplyProblems problems={problems} class="deep-review-problems" />
      ) : null}
      {view.files.length === 0 ? (
        <div class="deep-review-empty">
          <p class="deep-ending-detail" data-testid="deep-status-detail">
            The task changed no files; there is nothing to apply.
          </p>
          {lastFailure ? (
            <p class="deep-muted" data-testid="deep-last-failure">
              <Icon name="alert" size={12} /> {lastFailure.name}: {lastFailure.summary}
            </p>
          ) : null}
          <Activity view={view} />
        </div>
      ) : (
        <div class="deep-review-main">
          <div class="deep-review-side">
          <ul class="deep-review-files" role="listbox" aria-label="Changed files">
            {view.files.map((f) => {
              const applied = view.applied.includes(f.path);
              return (
                <li
                  key={f.path}
                  class={`deep-review-file${f.path === file?.path ? ' is-selected' : ''}${applied ? ' is-applied' : ''}`}
                  data-testid="deep-review-file"
                  data-path={f.path}
                  data-applied={applied ? 'true' : 'false'}
                  role="option"
                  aria-selected={f.path === file?.path}
                  onClick={() => setSelected(f.path)}
                >
                  <span class={`deep-file-status is-${f.status}`}>{f.status[0]?.toUpperCase()}</span>
                  <span class="deep-file-path" title={f.path}>
                    {f.path}
                  </span>
                  <span class="deep-file-counts">
                    <span class="tone-ok">+{f.added}</span> <span class="tone-fail">−{f.removed}</span>
                  </span>
                  {applied ? (
                    <span class="deep-applied-mark" title="Applied">
                      <Icon name="check" size={12} />
                    </span>
                  ) : (
                    <button
                      class="button secondary deep-tiny-button"
                      data-testid="deep-apply-file"
                      title={`Apply ${f.path} only`}
                      onClick={(event) => {
                        event.stopPropagation();
                        actor.send({ type: 'deep.applyFile', path: f.path });
                      }}
                    >
                      Apply
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          <Activity view={view} />
          </div>
          {file && view.taskId ? <DiffView taskId={view.taskId} file={file} /> : null}
        </div>
      )}
    </div>
  );
}

/** What the task did, every tool call in order: the review says how the result came about. */
function Activity({ view }: { view: DeepLaneView }): JSX.Element | null {
  if (view.toolCalls.length === 0) return null;
  const failed = view.toolCalls.filter((call) => call.status === 'failed').length;
  return (
    <details class="deep-review-activity" open={failed > 0}>
      <summary class="deep-heading">
        What it did · {view.toolCalls.length} tool call{view.toolCalls.length === 1 ? '' : 's'}
        {failed > 0 ? <span class="tone-fail"> · {failed} failed</span> : null}
      </summary>
      <ul class="deep-tools">
        {view.toolCalls.map((activity) => (
          <DeepToolRow key={activity.callId} activity={activity} />
        ))}
      </ul>
    </details>
  );
}

/** One file's diff in Monaco's diff editor, read-only on both sides. */
function DiffView({ taskId, file }: { taskId: string; file: DeepFileChange }): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneDiffEditor | undefined>(undefined);
  useEffect(() => {
    if (!host.current) return;
    editor.current = monaco.editor.createDiffEditor(host.current, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: true,
      renderSideBySideInlineBreakpoint: 720,
      minimap: { enabled: false },
      // The review sits under the editor, often narrower than a file's longest line: wrap rather than scroll sideways.
      wordWrap: 'on',
      diffWordWrap: 'on',
      scrollBeyondLastLine: false,
      renderOverviewRuler: false,
      fontFamily: '"JetBrains Mono Variable", "JetBrains Mono", "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
      fontSize: 12.5,
      lineNumbersMinChars: 3,
      hideUnchangedRegions: { enabled: true, contextLineCount: 3, minimumLineCount: 6, revealLineCount: 10 },
      theme: 'pairlane-dark',
    });
    return () => {
      const models = editor.current?.getModel();
      editor.current?.dispose();
      models?.original.dispose();
      models?.modified.dispose();
      editor.current = undefined;
    };
  }, []);
  useEffect(() => {
    const diff = editor.current;
    if (!diff) return;
    const previous = diff.getModel();
    const original = monaco.editor.createModel(file.before ?? '', undefined, reviewUri('before', taskId, file.path));
    const modified = monaco.editor.createModel(file.after ?? '', undefined, reviewUri('after', taskId, file.path));
    // The language follows the file's extension, as the workspace's own models do.
    const language = languageOf(file.path);
    monaco.editor.setModelLanguage(original, language);
    monaco.editor.setModelLanguage(modified, language);
    diff.setModel({ original, modified });
    previous?.original.dispose();
    previous?.modified.dispose();
  }, [taskId, file.path, file.before, file.after]);
  return <div class="deep-diff" ref={host} data-testid="deep-diff" data-path={file.path} />;
}

function languageOf(path: string): string {
  const extension = path.slice(path.lastIndexOf('.')).toLowerCase();
  const found = monaco.languages.getLanguages().find((language) => language.extensions?.includes(extension));
  return found?.id ?? 'plaintext';
}
