import type { JSX } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { OutputBuffer } from './OutputBuffer.ts';
import type { RunState } from './RunController.ts';
import { describeRun } from './describeRun.ts';
import { DiagnosticList, ErrorDetails, type OpenLocation } from './Problems.tsx';
import { Kbd } from './Kbd.tsx';

/** Height of one output line in pixels; fixed so the visible slice is computed, not measured. */
const ROW_HEIGHT = 19;
/** Lines drawn above and below the visible ones, so fast scrolling does not show gaps. */
const OVERSCAN = 30;
/**
 * Up to this many lines are drawn in full and wrap like text; past it the panel switches to the
 * virtual list, whose fixed-height rows cannot wrap (long lines scroll sideways instead).
 */
const WRAPPED_LINES_LIMIT = 2_000;

interface Props {
  run: RunState | undefined;
  output: OutputBuffer;
  /** Changes whenever the buffer changed (at most once a frame). */
  version: number;
  entry: string | undefined;
  onOpen: OpenLocation;
}

/**
 * Console output of the last run. Only the lines in view are in the DOM (a fixed-height virtual
 * list), so a program printing a hundred thousand lines does not freeze the tab. It follows the
 * output while scrolled to the bottom and stays put when the person scrolled up to read.
 */
export function OutputPanel({ run, output, version, entry, onOpen }: Props): JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 600 });
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = (): void => setViewport({ top: el.scrollTop, height: el.clientHeight });
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    measure();
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [version, run?.phase, run?.id]);

  useLayoutEffect(() => {
    stick.current = true;
  }, [run?.id]);

  const lines = output.lines;
  const virtual = lines.length > WRAPPED_LINES_LIMIT;
  const first = virtual ? Math.max(0, Math.floor(viewport.top / ROW_HEIGHT) - OVERSCAN) : 0;
  const last = virtual ? Math.min(lines.length, Math.ceil((viewport.top + viewport.height) / ROW_HEIGHT) + OVERSCAN) : lines.length;
  const description = run ? describeRun(run, lines.length) : undefined;
  const program = run?.kind === 'program' ? run.program : undefined;
  const diagnostics = program?.diagnostics ?? run?.report?.diagnostics ?? [];

  return (
    <div class="output-panel" data-testid="output-panel">
      <div
        class="output-scroll"
        ref={scroller}
        data-testid="output"
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
          setViewport({ top: el.scrollTop, height: el.clientHeight });
        }}
      >
        {!run ? (
          <div class="panel-empty" data-testid="output-empty">
            <div class="panel-empty-title">No output yet</div>
            <div class="panel-empty-text">
              {entry ? (
                <>
                  <Kbd keys={['Mod', 'Enter']} /> runs <code>{entry}</code>, <Kbd keys={['Mod', 'Shift', 'Enter']} /> runs the tests.
                </>
              ) : (
                'Open a file to run it.'
              )}
            </div>
          </div>
        ) : null}
        {output.dropped > 0 ? (
          <div class="output-line stream-system">
            … {output.dropped.toLocaleString()} earlier lines not kept
          </div>
        ) : null}
        <div
          class={`output-lines${virtual ? ' is-virtual' : ''}`}
          style={virtual ? { height: `${lines.length * ROW_HEIGHT}px` } : undefined}
          data-testid="output-lines"
          data-count={lines.length}
        >
          <div style={virtual ? { transform: `translateY(${first * ROW_HEIGHT}px)` } : undefined}>
            {lines.slice(first, last).map((line, i) => (
              <div key={first + i} class={`output-line stream-${line.stream}`} data-testid="output-line">
                {line.text || ' '}
              </div>
            ))}
          </div>
        </div>
        {run?.phase === 'running' && lines.length === 0 ? <div class="output-waiting">Running…</div> : null}
        {run?.input ? <InputLine key={run.id} answer={run.input.answer} /> : null}
        {program?.error ? (
          <div class="output-error" data-testid="program-error">
            <ErrorDetails error={program.error} onOpen={onOpen} />
          </div>
        ) : null}
        {diagnostics.length > 0 && run?.kind === 'program' ? <DiagnosticList diagnostics={diagnostics} onOpen={onOpen} /> : null}
        {run?.phase === 'done' && description?.explanation ? (
          <div class={`output-explanation tone-${description.tone}`} data-testid="run-explanation">
            {description.explanation}
          </div>
        ) : null}
      </div>
    </div>
  );
}

/** The line a waiting program reads (Python's input()): Enter sends it, Ctrl+D sends end of input. */
function InputLine({ answer }: { answer(text: string | null): void }): JSX.Element {
  const field = useRef<HTMLInputElement>(null);
  // Focused once, when the question comes; output arriving later does not take the focus back.
  useLayoutEffect(() => field.current?.focus({ preventScroll: true }), []);
  return (
    <form
      class="output-input"
      data-testid="output-input"
      onSubmit={(event) => {
        event.preventDefault();
        const field = event.currentTarget.elements.namedItem('line');
        if (field instanceof HTMLInputElement) answer(field.value);
      }}
    >
      <span class="output-input-caret" aria-hidden="true">
        ›
      </span>
      <input
        name="line"
        ref={field}
        aria-label="Input for the program"
        placeholder="The program waits for input: type a line, Enter"
        autocomplete="off"
        spellcheck={false}
        onKeyDown={(event) => {
          if (event.key === 'd' && event.ctrlKey) {
            event.preventDefault();
            answer(null);
          }
        }}
      />
    </form>
  );
}
