import type { JSX } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { countTests, type TestCaseResult, type TestFileResult, type TestStatus } from '../../shared/testReport.ts';
import type { RunState } from './RunController.ts';
import { describeRun, formatDuration } from './describeRun.ts';
import { Icon, type IconName } from './Icon.tsx';
import { Kbd } from './Kbd.tsx';
import { DiagnosticList, ErrorDetails, type OpenLocation } from './Problems.tsx';

const statusIcon: Record<TestStatus, IconName> = { passed: 'check', failed: 'cross', skipped: 'skip', todo: 'todo' };

interface Group {
  file: string;
  tests: TestCaseResult[];
  result: TestFileResult | undefined;
}

/** Tests grouped by file, in the order files first reported; the report's file entries once it is in. */
function groupByFile(tests: readonly TestCaseResult[], files: readonly TestFileResult[] | undefined): Group[] {
  if (files) return files.map((f) => ({ file: f.file, tests: f.tests, result: f }));
  const groups = new Map<string, Group>();
  for (const test of tests) {
    const group = groups.get(test.file) ?? { file: test.file, tests: [], result: undefined };
    group.tests.push(test);
    groups.set(test.file, group);
  }
  return [...groups.values()];
}

interface Props {
  run: RunState | undefined;
  testFileCount: number;
  onOpen: OpenLocation;
  /** Runs one test file again. */
  onRunFile(file: string): void;
}

/**
 * Test results, live while they stream in: counts, one group per file, and per test its status,
 * full name and duration. Failed tests open to their message, a coloured diff and a link to the
 * line that failed.
 */
export function TestsPanel({ run, testFileCount, onOpen, onRunFile }: Props): JSX.Element {
  const [onlyFailures, setOnlyFailures] = useState(false);
  const tests = run?.kind === 'tests' ? run.tests : [];
  const report = run?.kind === 'tests' ? run.report : undefined;
  const groups = useMemo(() => groupByFile(tests, report?.files), [tests, report]);
  const counts = report?.counts ?? countTests(tests);
  const description = run?.kind === 'tests' ? describeRun(run, 0) : undefined;

  if (!run || run.kind !== 'tests') {
    return (
      <div class="tests-panel" data-testid="tests-panel">
        <div class="panel-empty" data-testid="tests-empty">
          <div class="panel-empty-title">No test run yet</div>
          <div class="panel-empty-text">
            {testFileCount > 0 ? (
              <>
                <Kbd keys={['Mod', 'Shift', 'Enter']} /> runs {testFileCount === 1 ? 'the test file' : `all ${testFileCount} test files`}.
              </>
            ) : (
              <>
                No test files yet. Name a file <code>*.test.ts</code> and use <code>describe</code>, <code>it</code> and <code>expect</code>.
              </>
            )}
          </div>
        </div>
      </div>
    );
  }

  const fileErrors = groups.filter((g) => g.result?.error).length;
  const visibleGroups = onlyFailures ? groups.filter((g) => g.result?.error || g.tests.some((t) => t.status === 'failed')) : groups;

  return (
    <div class="tests-panel" data-testid="tests-panel">
      <div class="tests-summary" data-testid="tests-summary">
        <span class="count-pill tone-ok" data-testid="count-passed" data-count={counts.passed}>
          <Icon name="check" size={12} /> {counts.passed} passed
        </span>
        <span class={`count-pill ${counts.failed > 0 ? 'tone-fail' : 'tone-muted'}`} data-testid="count-failed" data-count={counts.failed}>
          <Icon name="cross" size={12} /> {counts.failed} failed
        </span>
        {counts.skipped > 0 ? (
          <span class="count-pill tone-muted" data-testid="count-skipped" data-count={counts.skipped}>
            <Icon name="skip" size={12} /> {counts.skipped} skipped
          </span>
        ) : null}
        {counts.todo > 0 ? (
          <span class="count-pill tone-todo" data-testid="count-todo" data-count={counts.todo}>
            <Icon name="todo" size={12} /> {counts.todo} todo
          </span>
        ) : null}
        {fileErrors > 0 ? (
          <span class="count-pill tone-fail">
            <Icon name="alert" size={12} /> {fileErrors} file{fileErrors === 1 ? '' : 's'} failed
          </span>
        ) : null}
        <span class="spacer" />
        <label class="toggle" title="Show only failed tests">
          <input type="checkbox" checked={onlyFailures} onChange={(e) => setOnlyFailures(e.currentTarget.checked)} />
          Failures only
        </label>
      </div>
      <div class="tests-scroll">
        {report && report.diagnostics.length > 0 ? <DiagnosticList diagnostics={report.diagnostics} onOpen={onOpen} /> : null}
        {visibleGroups.map((group) => (
          <FileGroup key={group.file} group={group} onOpen={onOpen} onlyFailures={onlyFailures} onRun={run.phase === 'done' ? () => onRunFile(group.file) : undefined} />
        ))}
        {run.phase === 'running' && groups.length === 0 ? <div class="output-waiting">Running tests…</div> : null}
        {run.phase === 'done' && groups.length === 0 && report?.diagnostics.length === 0 ? (
          <div class="panel-empty" data-testid="tests-none">
            <div class="panel-empty-title">{description?.explanation ?? 'No tests ran'}</div>
            <div class="panel-empty-text">
              {run.status === 'passed' || run.status === 'failed' ? (
                <>
                  No test files were found. Name a file <code>*.test.ts</code> or <code>*.spec.ts</code>.
                </>
              ) : null}
            </div>
          </div>
        ) : null}
        {run.phase === 'done' && groups.length > 0 && description?.explanation ? (
          <div class={`output-explanation tone-${description.tone}`} data-testid="run-explanation">
            {description.explanation}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function FileGroup({ group, onOpen, onlyFailures, onRun }: { group: Group; onOpen: OpenLocation; onlyFailures: boolean; onRun: (() => void) | undefined }): JSX.Element {
  const [collapsed, setCollapsed] = useState(false);
  const counts = countTests(group.tests);
  const failed = counts.failed > 0 || Boolean(group.result?.error);
  const tests = onlyFailures ? group.tests.filter((t) => t.status === 'failed') : group.tests;
  return (
    <section class={`test-file${failed ? ' has-failures' : ''}`} data-testid={`test-file-${group.file}`}>
      <header class="test-file-head" onClick={() => setCollapsed((c) => !c)}>
        <Icon name={collapsed ? 'chevronRight' : 'chevronDown'} size={12} class="test-file-twisty" />
        <span class={`status-icon status-${failed ? 'failed' : counts.passed > 0 ? 'passed' : 'skipped'}`}>
          <Icon name={failed ? 'cross' : counts.passed > 0 ? 'check' : 'skip'} size={12} />
        </span>
        <button
          class="test-file-name"
          title={`Open ${group.file}`}
          onClick={(e) => {
            e.stopPropagation();
            onOpen({ file: group.file, line: 1, column: 1 });
          }}
        >
          {group.file}
        </button>
        <span class="test-file-counts">
          {counts.failed > 0 ? <span class="tone-fail">{counts.failed} failed</span> : null}
          <span class="tone-muted">
            {counts.passed}/{counts.total}
          </span>
        </span>
        {onRun ? (
          <button
            class="icon-button small test-file-run"
            title={`Run ${group.file} again`}
            aria-label={`Run ${group.file} again`}
            data-testid="run-test-file"
            onClick={(e) => {
              e.stopPropagation();
              onRun();
            }}
          >
            <Icon name="play" size={12} />
          </button>
        ) : null}
        {group.result ? <span class="duration">{formatDuration(group.result.durationMs)}</span> : null}
      </header>
      {!collapsed ? (
        <div class="test-file-body">
          {group.result?.error ? (
            <div class="test-file-error" data-testid="test-file-error">
              <ErrorDetails error={group.result.error} onOpen={onOpen} />
            </div>
          ) : null}
          {tests.map((test) => (
            <TestRow key={`${test.fullName}#${test.location?.line ?? ''}`} test={test} onOpen={onOpen} />
          ))}
        </div>
      ) : null}
    </section>
  );
}

function TestRow({ test, onOpen }: { test: TestCaseResult; onOpen: OpenLocation }): JSX.Element {
  const [open, setOpen] = useState(test.status === 'failed');
  const expandable = test.status === 'failed' && test.error !== undefined;
  return (
    <div class={`test-row status-${test.status}${open ? ' is-open' : ''}`} data-testid="test-row" data-status={test.status} data-name={test.fullName}>
      <div
        class="test-row-head"
        role={expandable ? 'button' : undefined}
        tabIndex={expandable ? 0 : undefined}
        aria-expanded={expandable ? open : undefined}
        onClick={() => expandable && setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (expandable && (e.key === 'Enter' || e.key === ' ')) {
            e.preventDefault();
            setOpen((o) => !o);
          }
        }}
      >
        <span class={`status-icon status-${test.status}`} title={test.status}>
          <Icon name={statusIcon[test.status]} size={12} />
        </span>
        <span class="test-name">
          {test.ancestors.map((a, i) => (
            <span key={i} class="test-ancestor">
              {a}
              <span class="test-sep"> › </span>
            </span>
          ))}
          <span class="test-own-name">{test.name}</span>
        </span>
        {test.location ? (
          <button
            class="icon-button small test-goto"
            title={`Go to ${test.location.file}:${test.location.line}`}
            aria-label={`Go to the test ${test.name}`}
            onClick={(e) => {
              e.stopPropagation();
              if (test.location) onOpen(test.location);
            }}
          >
            <Icon name="link" size={13} />
          </button>
        ) : null}
        {test.status === 'passed' || test.status === 'failed' ? <span class="duration">{formatDuration(test.durationMs)}</span> : null}
      </div>
      {open && test.error ? (
        <div class="test-row-body">
          <ErrorDetails error={test.error.location || !test.location ? test.error : { ...test.error, location: test.location }} onOpen={onOpen} />
        </div>
      ) : null}
    </div>
  );
}
