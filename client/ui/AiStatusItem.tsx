import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RequestMetric } from '../../shared/metrics/RequestMetric.ts';
import { summarizeMetrics } from '../../shared/metrics/summarizeMetrics.ts';
import type { AiLaneStatus, AiStatusMessage } from '../../shared/serverMessage.ts';
import type { FastLaneStatus } from '../../shared/session/selectFastLaneStatus.ts';
import { describeFastLane, type FastLaneLimit } from '../ai/ui/describeFastLane.ts';
import { describeSessionMetrics } from '../ai/ui/describeSessionMetrics.ts';
import '../styles/aiStatus.css';
import { Store } from './Store.ts';
import { useStore } from './useStore.ts';

const noStatus = new Store<FastLaneStatus | undefined>(undefined);
const noLimit = new Store<FastLaneLimit | undefined>(undefined);
const noMetrics = new Store<readonly RequestMetric[]>([]);

interface Props {
  aiStatus: Store<AiStatusMessage | undefined>;
  connected: boolean;
  /** The session's fast lane, once the editor (and the session) loaded. */
  fastLane: Store<FastLaneStatus> | undefined;
  limit: Store<FastLaneLimit | undefined> | undefined;
  /** The session's per-request records: the popover sums them up. */
  metrics: Store<readonly RequestMetric[]> | undefined;
}

/**
 * The fast lane in the status bar: its model and what it is doing, the specific reason when it
 * cannot help, and on click a popover with the details; for a lane that is off, exactly how to
 * turn it on.
 */
export function AiStatusItem(props: Props): JSX.Element {
  const ai = useStore(props.aiStatus);
  // Only read here, so a store of FastLaneStatus serves as one of FastLaneStatus | undefined.
  const status = useStore((props.fastLane ?? noStatus) as Store<FastLaneStatus | undefined>);
  const limit = useStore(props.limit ?? noLimit);
  const metrics = useStore(props.metrics ?? noMetrics);
  const [open, setOpen] = useState(false);
  const [, setTick] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const view = describeFastLane({ config: ai?.lanes.fast, connected: props.connected, status, limit, now: Date.now() });

  // A limit's pause ends by itself: show that without waiting for another event.
  useEffect(() => {
    if (!limit || limit.resumesAt <= Date.now()) return;
    const timer = setTimeout(() => setTick((n) => n + 1), limit.resumesAt - Date.now() + 50);
    return () => clearTimeout(timer);
  }, [limit]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      const target = event.target;
      if (target instanceof Node && (popover.current?.contains(target) || button.current?.contains(target))) return;
      setOpen(false);
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }
    };
    window.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [open]);

  const rect = open ? button.current?.getBoundingClientRect() : undefined;
  return (
    <>
      <button
        ref={button}
        type="button"
        class={`status-item status-button tone-${view.tone}`}
        title={view.title}
        aria-expanded={open}
        aria-haspopup="dialog"
        data-testid="status-ai"
        data-state={view.state}
        onClick={() => setOpen((was) => !was)}
      >
        <span class="ai-spark" aria-hidden="true">
          ✦
        </span>
        <span class="status-dot" />
        {view.label}
      </button>
      {open && rect ? (
        <div
          ref={popover}
          class="ai-popover"
          role="dialog"
          aria-label={view.heading}
          data-testid="ai-popover"
          style={{ left: `${Math.max(8, Math.min(rect.left, innerWidth - 388))}px`, bottom: `${innerHeight - rect.top + 6}px` }}
        >
          <h2 class="ai-popover-heading">{view.heading}</h2>
          {view.lines.map((line) => (
            <p class="ai-popover-line">{line}</p>
          ))}
          {ai ? <DeepLaneFacts lane={ai.lanes.deep} /> : null}
          <SessionFigures metrics={metrics} />
          {view.howToEnable !== undefined ? (
            <>
              <p class="ai-popover-label">To turn it on</p>
              <pre class="ai-popover-how" data-testid="ai-how-to-enable">
                {view.howToEnable}
              </pre>
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

/** This session's AI figures (what was shown, taken, and what it cost), when any request has ended. */
function SessionFigures(props: { metrics: readonly RequestMetric[] }): JSX.Element | null {
  const lines = describeSessionMetrics(summarizeMetrics(props.metrics));
  if (lines.length === 0) return null;
  return (
    <div data-testid="ai-session-figures">
      <p class="ai-popover-label">This session</p>
      {lines.map((line) => (
        <p class="ai-popover-line">{line}</p>
      ))}
    </div>
  );
}

/** The deep lane as the server runs it (its summary never carries a key), or why it is off and how to turn it on. */
function DeepLaneFacts(props: { lane: AiLaneStatus }): JSX.Element {
  const { lane } = props;
  return (
    <div data-testid="ai-deep-lane">
      <p class="ai-popover-label">Deep lane (Ctrl/Cmd+Shift+K)</p>
      <p class="ai-popover-line">{lane.enabled ? lane.summary : (lane.reason ?? 'This server runs no model for the deep lane.')}</p>
      {!lane.enabled && lane.howToEnable !== undefined ? <pre class="ai-popover-how">{lane.howToEnable}</pre> : null}
    </div>
  );
}
