import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ReplayTimeline } from '../../shared/rooms/replay/ReplayTimeline.ts';
import { clock, describeEvent, kindLabel, toneOf } from './describeEvent.ts';

interface Props {
  timeline: ReplayTimeline;
  at: number;
  onSeek(at: number): void;
}

/** Events before and after the moment. */
const AROUND = 12;

/** The events around the scrubbed moment: when, who, what (with lane and model); the current one marked; a click seeks. */
export function ReplayEventList({ timeline, at, onSeek }: Props): JSX.Element {
  const current = timeline.eventIndexAt(at);
  const from = Math.max(0, current - AROUND);
  const shown = timeline.events.slice(from, Math.min(timeline.events.length, current + AROUND + 1));
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    list.current?.querySelector('.is-current')?.scrollIntoView({ block: 'nearest' });
  }, [current]);
  return (
    <section class="replay-panel replay-events" aria-label="Events around this moment">
      <h2 class="replay-panel-title">
        Events <span class="replay-count">{current + 1} / {timeline.events.length}</span>
      </h2>
      <ol class="replay-event-list" ref={list} data-testid="replay-events">
        {shown.map((event, offset) => {
          const index = from + offset;
          const state = index === current ? 'is-current' : index > current ? 'is-future' : '';
          return (
            <li key={`${event.at}:${event.seq}`} class={`replay-event ${state}`} data-kind={event.kind}>
              <button type="button" onClick={() => onSeek(event.at)}>
                <span class="replay-event-time">{clock(event.at - timeline.start)}</span>
                <span class={`replay-chip tone-${toneOf(event)}`}>{kindLabel(event.kind)}</span>
                <span class="replay-event-who">{timeline.person(event.personId).name}</span>
                <span class="replay-event-what">{describeEvent(event)}</span>
              </button>
            </li>
          );
        })}
        {shown.length === 0 && <li class="replay-empty">Nothing was logged in this room yet.</li>}
      </ol>
    </section>
  );
}
