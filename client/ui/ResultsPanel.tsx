import type { JSX } from 'preact';
import { countTests } from '../../shared/testReport.ts';
import { RemoteRunsArea } from '../rooms/remoteRuns/RemoteRunsArea.tsx';
import type { RemoteRuns } from '../rooms/remoteRuns/RemoteRuns.ts';
import type { OutputBuffer } from './OutputBuffer.ts';
import { OutputPanel } from './OutputPanel.tsx';
import type { RunState } from './RunController.ts';
import { TestsPanel } from './TestsPanel.tsx';
import { describeRun } from './describeRun.ts';
import { Icon } from './Icon.tsx';
import type { OpenLocation } from './Problems.tsx';

export type ResultsTab = 'output' | 'tests';

interface Props {
  tab: ResultsTab;
  onTab(tab: ResultsTab): void;
  run: RunState | undefined;
  /** The latest test run (the current run when it is one). */
  testRun: RunState | undefined;
  output: OutputBuffer;
  outputVersion: number;
  entry: string | undefined;
  testFileCount: number;
  onOpen: OpenLocation;
  onRunTestFile(file: string): void;
  /** In a room: the others' runs, as a status line and their reports (client/rooms/remoteRuns). */
  remoteRuns?: RemoteRuns | undefined;
}

/** The person's own output or tests, as the tab says. */
function ownResults(props: Props): JSX.Element {
  return props.tab === 'output' ? (
    <OutputPanel run={props.run} output={props.output} version={props.outputVersion} entry={props.entry} onOpen={props.onOpen} />
  ) : (
    <TestsPanel run={props.testRun} testFileCount={props.testFileCount} onOpen={props.onOpen} onRunFile={props.onRunTestFile} />
  );
}

/** Output and Tests, as two tabs under one header that states how the last run went. */
export function ResultsPanel(props: Props): JSX.Element {
  const { run } = props;
  const description = run ? describeRun(run, props.output.lines.length) : undefined;
  const { testRun } = props;
  const testCounts = testRun ? (testRun.report?.counts ?? countTests(testRun.tests)) : undefined;
  return (
    <section class="results" data-testid="results">
      <div class="results-header">
        <div class="results-tabs" role="tablist">
          <button
            class={`results-tab${props.tab === 'output' ? ' is-active' : ''}`}
            role="tab"
            aria-selected={props.tab === 'output'}
            data-testid="results-tab-output"
            onClick={() => props.onTab('output')}
          >
            <Icon name="terminal" size={14} /> Output
            {props.tab !== 'output' && props.output.lines.length > 0 ? <span class="tab-dot-indicator" title="This run printed output" /> : null}
          </button>
          <button
            class={`results-tab${props.tab === 'tests' ? ' is-active' : ''}`}
            role="tab"
            aria-selected={props.tab === 'tests'}
            data-testid="results-tab-tests"
            onClick={() => props.onTab('tests')}
          >
            <Icon name="flask" size={14} /> Tests
            {testCounts && testCounts.total > 0 ? (
              <span class={`tab-count ${testCounts.failed > 0 ? 'tone-fail' : 'tone-ok'}`}>
                {testCounts.failed > 0 ? testCounts.failed : testCounts.passed}
              </span>
            ) : null}
          </button>
        </div>
        {run && description ? (
          <div class="run-header" data-testid="run-header" data-status={run.status ?? 'running'} title={run.runtime ? `on the ${run.runtime} runtime` : undefined}>
            <span class={`run-pill tone-${description.tone}`} data-testid="run-status">
              {description.tone === 'running' ? <span class="spinner small" /> : null}
              {description.status}
            </span>
            <span class="run-title">{description.title}</span>
            {description.duration ? <span class="run-duration">{description.duration}</span> : null}
          </div>
        ) : null}
      </div>
      <div class="results-body">
        {props.remoteRuns ? (
          <RemoteRunsArea remoteRuns={props.remoteRuns} onOpen={props.onOpen} onRunTestFile={props.onRunTestFile}>
            {ownResults(props)}
          </RemoteRunsArea>
        ) : (
          ownResults(props)
        )}
      </div>
    </section>
  );
}
