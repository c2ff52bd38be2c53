import type { JSX } from 'preact';
import type { Diagnostic, SourceLocation, TestError } from '../../shared/testReport.ts';
import { Icon } from './Icon.tsx';

/** Opens a file at a line and column (the editor's reveal). */
export type OpenLocation = (location: SourceLocation) => void;

/** "src/a.ts:3:5", clickable: it opens the file there. */
export function LocationLink({ location, onOpen }: { location: SourceLocation; onOpen: OpenLocation }): JSX.Element {
  const text = `${location.file}:${location.line}:${location.column}`;
  return (
    <button
      class="location-link"
      title={`Open ${text}`}
      data-testid="location-link"
      data-location={text}
      onClick={(e) => {
        e.stopPropagation();
        onOpen(location);
      }}
    >
      {text}
    </button>
  );
}

/** Build errors, each as "file:line:col message" with the source line and a caret under the column. */
export function DiagnosticList({ diagnostics, onOpen }: { diagnostics: readonly Diagnostic[]; onOpen: OpenLocation }): JSX.Element {
  return (
    <div class="diagnostics" data-testid="diagnostics">
      {diagnostics.map((d, i) => (
        <div key={i} class={`diagnostic severity-${d.severity}`} data-testid="diagnostic">
          <div class="diagnostic-head">
            <Icon name="alert" size={14} class="diagnostic-icon" />
            {d.location ? <LocationLink location={d.location} onOpen={onOpen} /> : null}
            <span class="diagnostic-message">{d.message}</span>
          </div>
          {d.lineText !== undefined && d.location ? (
            <pre class="diagnostic-source">
              <span class="diagnostic-gutter">{String(d.location.line).padStart(4)} │ </span>
              {d.lineText}
              {'\n'}
              <span class="diagnostic-gutter">{'     │ '}</span>
              <span class="diagnostic-caret">{`${' '.repeat(Math.max(0, d.location.column - 1))}^`}</span>
            </pre>
          ) : null}
        </div>
      ))}
    </div>
  );
}

/**
 * A rendered expected/received diff: "-" lines are what the test expected, "+" lines what it got,
 * as vitest prints them, coloured here instead of with ANSI codes.
 */
export function DiffView({ diff }: { diff: string }): JSX.Element {
  return (
    <pre class="diff" data-testid="test-diff">
      {diff.split('\n').map((line, i) => {
        const kind = line.startsWith('-') ? 'expected' : line.startsWith('+') ? 'received' : 'same';
        return (
          <span key={i} class={`diff-line diff-${kind}`}>
            {line}
            {'\n'}
          </span>
        );
      })}
    </pre>
  );
}

/** A failure: its message, the diff (or expected/received), where it happened, and the stack. */
export function ErrorDetails({ error, onOpen, showStack = true }: { error: TestError; onOpen: OpenLocation; showStack?: boolean }): JSX.Element {
  const hasPair = error.diff === undefined && (error.expected !== undefined || error.actual !== undefined);
  return (
    <div class="error-details" data-testid="error-details">
      <pre class="error-message" data-testid="error-message">
        {error.message}
      </pre>
      {error.diff ? <DiffView diff={error.diff} /> : null}
      {hasPair ? (
        <DiffView diff={[`- Expected: ${error.expected ?? ''}`, `+ Received: ${error.actual ?? ''}`].join('\n')} />
      ) : null}
      {error.location ? (
        <div class="error-location">
          at <LocationLink location={error.location} onOpen={onOpen} />
        </div>
      ) : null}
      {showStack && error.stack ? (
        <details class="error-stack">
          <summary>Stack trace</summary>
          <pre>{error.stack}</pre>
        </details>
      ) : null}
    </div>
  );
}
