import './remoteRuns.css';
import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import { formatDuration } from '../../ui/describeRun.ts';
import { Icon } from '../../ui/Icon.tsx';
import { DiagnosticList, ErrorDetails, type OpenLocation } from '../../ui/Problems.tsx';
import { TestsPanel } from '../../ui/TestsPanel.tsx';
import { useStore } from '../../ui/useStore.ts';
import { describeRemoteRun } from './describeRemoteRun.ts';
import { remoteRunState } from './remoteRunState.ts';
import type { RemoteRun, RemoteRuns } from './RemoteRuns.ts';

interface Props {
  remoteRuns: RemoteRuns;
  onOpen: OpenLocation;
  /** Runs one test file again (in this person's own runtime). */
  onRunTestFile(file: string): void;
  /** The person's own results panel body, shown unless a remote report is open. */
  children: ComponentChildren;
}

const keyOf = (run: RemoteRun): string => `${run.personId}:${run.runId}:${run.phase}`;
const clockTime = (at: number): string => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * The others' runs in the results panel: a status line for the latest one ("Ana ran tests: 4
 * passed, 1 failed", with View report), and, once opened, that report in place of the person's
 * own results, labelled with who ran it, until they go back to theirs.
 */
export function RemoteRunsArea({ remoteRuns, onOpen, onRunTestFile, children }: Props): JSX.Element {
  const runs = useStore(remoteRuns.runs);
  const viewing = useStore(remoteRuns.viewing);
  const [dismissed, setDismissed] = useState<string | undefined>(undefined);
  const latest = runs[0];
  const showLine = latest !== undefined && dismissed !== keyOf(latest) && viewing === undefined;
  return (
    <>
      {showLine ? (
        <div class={`remote-run-line tone-${toneOf(latest)}`} data-testid="remote-run-line" data-phase={latest.phase} role="status" aria-live="polite">
          {latest.phase === 'running' ? <span class="spinner small" /> : <Icon name={latest.result?.status === 'failed' || latest.result?.status === 'error' ? 'cross' : 'check'} size={12} />}
          <span class="remote-run-text">{describeRemoteRun(latest)}</span>
          {latest.phase === 'done' && latest.result?.shared ? (
            <button class="link-button" data-testid="remote-run-view" onClick={() => remoteRuns.view(latest)}>
              View report
            </button>
          ) : null}
          <button class="icon-button small" title="Hide" aria-label="Hide" onClick={() => setDismissed(keyOf(latest))}>
            <Icon name="close" size={12} />
          </button>
        </div>
      ) : null}
      {viewing ? <RemoteRunReport run={viewing} onOpen={onOpen} onRunTestFile={onRunTestFile} onClose={() => remoteRuns.view(undefined)} /> : children}
    </>
  );
}

function toneOf(run: RemoteRun): 'running' | 'ok' | 'fail' {
  if (run.phase === 'running') return 'running';
  return run.result?.status === 'passed' || run.result?.status === 'ok' ? 'ok' : 'fail';
}

/** One remote run's report, labelled with who ran it and when; the console output is not shared. */
function RemoteRunReport({ run, onOpen, onRunTestFile, onClose }: { run: RemoteRun; onOpen: OpenLocation; onRunTestFile(file: string): void; onClose(): void }): JSX.Element {
  const state = remoteRunState(run);
  const truncated = run.result?.truncated ?? [];
  const program = state.program;
  return (
    <div class="remote-run-report" data-testid="remote-run-report">
      <div class="remote-run-label">
        <span class="remote-run-who" data-testid="remote-run-who">
          {run.name}’s run
        </span>
        <span class="remote-run-meta">
          {describeRemoteRun(run)} · {clockTime(run.endedAt ?? run.startedAt)}
          {state.durationMs !== undefined ? ` · ${formatDuration(state.durationMs)}` : ''}
        </span>
        <span class="spacer" />
        <button class="link-button" data-testid="remote-run-close" onClick={onClose}>
          Back to your run
        </button>
      </div>
      {truncated.length > 0 ? <div class="remote-run-note">Shortened to share it: {truncated.join(', ')} left out.</div> : null}
      {run.mode === 'tests' ? (
        <TestsPanel run={state} testFileCount={0} onOpen={onOpen} onRunFile={onRunTestFile} />
      ) : (
        <div class="remote-run-program">
          {program && program.diagnostics.length > 0 ? <DiagnosticList diagnostics={program.diagnostics} onOpen={onOpen} /> : null}
          {program?.error ? <ErrorDetails error={program.error} onOpen={onOpen} /> : null}
          <div class="remote-run-note">{run.name}’s console output stays in their browser; only how the run ended is shared.</div>
        </div>
      )}
    </div>
  );
}
