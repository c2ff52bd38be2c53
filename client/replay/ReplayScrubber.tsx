import type { JSX } from 'preact';
import { useMemo } from 'preact/hooks';
import type { RoomEvent } from '../../shared/rooms/roomEvent.ts';
import { clock, kindLabel, toneOf, type EventTone } from './describeEvent.ts';

export const REPLAY_SPEEDS = [1, 4, 16, 64] as const;

interface Props {
  start: number;
  end: number;
  at: number;
  events: readonly RoomEvent[];
  playing: boolean;
  speed: number;
  onSeek(at: number): void;
  onStep(direction: 1 | -1): void;
  onTogglePlay(): void;
  onSpeed(speed: number): void;
}

/** At most this many markers: a long session's events are grouped per slot of the track. */
const MAX_MARKERS = 600;

/**
 * The timeline: a range input over the session (the moment shown), event markers coloured by
 * kind above it (a click seeks there), play/pause and speed. ←/→ on the range step between
 * events rather than milliseconds (the page handles them the same way elsewhere).
 */
export function ReplayScrubber({ start, end, at, events, playing, speed, onSeek, onStep, onTogglePlay, onSpeed }: Props): JSX.Element {
  const span = Math.max(1, end - start);
  const markers = useMemo(() => {
    // One marker per slot and tone, so thousands of edits stay a readable strip.
    const slots = new Map<string, { at: number; tone: EventTone; count: number; title: string }>();
    for (const event of events) {
      const tone = toneOf(event);
      const slot = Math.round(((event.at - start) / span) * MAX_MARKERS);
      const key = `${slot}:${tone}`;
      const found = slots.get(key);
      if (found) found.count++;
      else slots.set(key, { at: event.at, tone, count: 1, title: kindLabel(event.kind) });
    }
    return [...slots.values()];
  }, [events, start, span]);

  // The same nodes while the events and the seek handler stay: scrubbing does not diff hundreds of markers.
  const markerStrip = useMemo(
    () => (
      <div class="replay-markers" aria-hidden="true">
        {markers.map((marker) => (
          <span
            key={`${marker.at}:${marker.tone}`}
            class={`replay-marker tone-${marker.tone}`}
            style={{ left: `${((marker.at - start) / span) * 100}%` }}
            title={`${clock(marker.at - start)} · ${marker.title}${marker.count > 1 ? ` ×${marker.count}` : ''}`}
            onClick={() => onSeek(marker.at)}
          />
        ))}
      </div>
    ),
    [markers, start, span, onSeek],
  );

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
      event.preventDefault();
      event.stopPropagation();
      onStep(event.key === 'ArrowRight' ? 1 : -1);
    }
  };

  return (
    <div class="replay-scrubber" data-testid="replay-scrubber">
      <button type="button" class="replay-play" onClick={onTogglePlay} aria-label={playing ? 'Pause' : 'Play'} title={playing ? 'Pause (space)' : 'Play (space)'} data-testid="replay-play">
        {playing ? (
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <rect x="3.5" y="3" width="3" height="10" rx="1" fill="currentColor" />
            <rect x="9.5" y="3" width="3" height="10" rx="1" fill="currentColor" />
          </svg>
        ) : (
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path d="M4.5 2.8v10.4a.6.6 0 0 0 .9.5l8.3-5.2a.6.6 0 0 0 0-1L5.4 2.3a.6.6 0 0 0-.9.5Z" fill="currentColor" />
          </svg>
        )}
      </button>
      <div class="replay-track">
        {markerStrip}
        <input
          type="range"
          class="replay-range"
          min={start}
          max={end}
          step={1}
          value={at}
          aria-label="Moment of the session"
          aria-valuetext={`${clock(at - start)} of ${clock(end - start)}`}
          data-testid="replay-range"
          onInput={(event) => onSeek(Number((event.currentTarget as HTMLInputElement).value))}
          onKeyDown={onKeyDown}
        />
      </div>
      <div class="replay-time" data-testid="replay-time">
        <strong>{clock(at - start)}</strong>
        <span> / {clock(end - start)}</span>
        <small>{new Date(at).toLocaleTimeString()}</small>
      </div>
      <label class="replay-speed">
        <span>Speed</span>
        <select value={String(speed)} onChange={(event) => onSpeed(Number((event.currentTarget as HTMLSelectElement).value))} data-testid="replay-speed">
          {REPLAY_SPEEDS.map((value) => (
            <option key={value} value={String(value)}>
              {value}×
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
