import type { ComponentType, JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ReplayTimeline } from '../../shared/rooms/replay/ReplayTimeline.ts';
import type { RoomLog } from './fetchRoomLog.ts';
import { clock } from './describeEvent.ts';
import { ReplayEditor } from './ReplayEditor.tsx';
import { ReplayEventList } from './ReplayEventList.tsx';
import { ReplayScrubber } from './ReplayScrubber.tsx';
import type { ReportViewProps } from './ReportView.tsx';

type Tab = 'replay' | 'report';

/** The files list's order: the file the moment changed first among equals is not needed; plain path order. */
function pathsOf(files: Record<string, string>): string[] {
  return Object.keys(files).sort();
}

/**
 * The host's replay of a room: a timeline to scrub (or play) through the session, the files as
 * they were at that moment with what the last edit changed highlighted, the events around it and
 * who was there; and a Report tab with the session's charts (its code, and the charting library,
 * load only when the tab is opened).
 */
export function ReplayApp({ log, onReload }: { log: RoomLog; onReload?: () => Promise<void> }): JSX.Element {
  const timeline = useMemo(() => new ReplayTimeline(log.events, { room: log.room }), [log]);
  useEffect(() => () => timeline.destroy(), [timeline]);
  const [tab, setTab] = useState<Tab>('replay');
  const [at, setAt] = useState(timeline.end);
  const [reloading, setReloading] = useState<string | undefined>(undefined);
  // A reloaded log that grew: whoever was watching the end keeps watching the (new) end.
  const previousEnd = useRef(timeline.end);
  useEffect(() => {
    setAt((current) => (current >= previousEnd.current ? timeline.end : Math.min(current, timeline.end)));
    previousEnd.current = timeline.end;
  }, [timeline]);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(4);
  const [chosenPath, setChosenPath] = useState<string | undefined>(undefined);
  const [follow, setFollow] = useState(true);
  const [Report, setReport] = useState<ComponentType<ReportViewProps> | undefined>(undefined);
  const [reportError, setReportError] = useState<string | undefined>(undefined);

  const moment = useMemo(() => timeline.momentAt(at), [timeline, at]);
  const paths = pathsOf(moment.files);
  const changedPaths = new Set(moment.changes.map((change) => change.path));
  // Following the edits, the file shown is the one the moment changed; otherwise the one picked.
  const followed = follow ? moment.changes.find((change) => change.kind !== 'removed')?.path : undefined;
  const [lastFollowed, setLastFollowed] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (followed) setLastFollowed(followed);
  }, [followed]);
  const path = [followed, chosenPath, lastFollowed, paths[0]].find((candidate) => candidate !== undefined && candidate in moment.files);
  const active = useMemo(() => timeline.activeAt(at), [timeline, at]);

  const seek = useCallback((next: number) => setAt(Math.min(timeline.end, Math.max(timeline.start, next))), [timeline]);
  const seekByHand = useCallback(
    (next: number) => {
      setPlaying(false);
      seek(next);
    },
    [seek],
  );
  const step = useCallback(
    (direction: 1 | -1) => {
      setPlaying(false);
      setAt((current) => timeline.stepFrom(current, direction) ?? current);
    },
    [timeline],
  );

  // Playing advances the moment by real time × speed, frame by frame, and stops at the end.
  const playingRef = useRef({ last: 0 });
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    playingRef.current.last = performance.now();
    const tick = (now: number): void => {
      const elapsed = now - playingRef.current.last;
      playingRef.current.last = now;
      let ended = false;
      setAt((current) => {
        const next = Math.min(timeline.end, current + elapsed * speed);
        ended = next >= timeline.end;
        return next;
      });
      if (ended) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, timeline]);

  const togglePlay = useCallback(() => {
    setPlaying((was) => {
      if (!was && at >= timeline.end) setAt(timeline.start);
      return !was;
    });
  }, [at, timeline]);

  // ←/→ step between events, Home/End jump, space plays, anywhere on the replay tab but a form field.
  useEffect(() => {
    if (tab !== 'replay') return;
    const onKey = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input:not([type=range]), select, textarea, .monaco-editor')) return;
      if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') step(event.key === 'ArrowRight' ? 1 : -1);
      else if (event.key === 'Home') seek(timeline.start);
      else if (event.key === 'End') seek(timeline.end);
      else if (event.key === ' ' && !target?.closest('button')) togglePlay();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [tab, step, seek, togglePlay, timeline]);

  const openReport = (): void => {
    setTab('report');
    setPlaying(false);
    if (Report) return;
    import('./ReportView.tsx').then(
      (module) => setReport(() => module.ReportView),
      (error: unknown) => setReportError(error instanceof Error ? error.message : String(error)),
    );
  };

  const host = timeline.person(log.room.hostId).name;
  return (
    <div class="replay" data-testid="replay">
      <header class="replay-header">
        <div class="brand">
          <span class="brand-name">Pairlane</span>
        </div>
        <div class="replay-title">
          <h1>Session replay</h1>
          <span>
            room <code>{log.roomId}</code> · host {host} · {clock(timeline.durationMs)} · {timeline.events.length} events
          </span>
        </div>
        {onReload && (
          <button
            type="button"
            class="replay-reload"
            disabled={reloading === 'loading'}
            title={reloading && reloading !== 'loading' ? reloading : 'Read the log again: a session still going on has more by now'}
            data-testid="replay-reload"
            onClick={() => {
              setReloading('loading');
              onReload().then(
                () => setReloading(undefined),
                (error: unknown) => setReloading(`Could not reload: ${error instanceof Error ? error.message : String(error)}`),
              );
            }}
          >
            {reloading === 'loading' ? 'Reloading…' : reloading ? 'Reload failed' : 'Reload'}
          </button>
        )}
        <nav class="replay-tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'replay'} class={tab === 'replay' ? 'is-active' : ''} onClick={() => setTab('replay')} data-testid="replay-tab">
            Replay
          </button>
          <button type="button" role="tab" aria-selected={tab === 'report'} class={tab === 'report' ? 'is-active' : ''} onClick={openReport} data-testid="report-tab">
            Report
          </button>
        </nav>
      </header>
      {tab === 'replay' ? (
        <>
          <ReplayScrubber
            start={timeline.start}
            end={timeline.end}
            at={at}
            events={timeline.events}
            playing={playing}
            speed={speed}
            onSeek={seekByHand}
            onStep={step}
            onTogglePlay={togglePlay}
            onSpeed={setSpeed}
          />
          <div class="replay-body">
            <aside class="replay-side">
              <section class="replay-panel" aria-label="Files at this moment">
                <h2 class="replay-panel-title">
                  Files <span class="replay-count">{paths.length}</span>
                </h2>
                <ul class="replay-files" data-testid="replay-files">
                  {paths.map((file) => (
                    <li key={file}>
                      <button
                        type="button"
                        class={`replay-file${file === path ? ' is-active' : ''}${changedPaths.has(file) ? ' is-changed' : ''}`}
                        onClick={() => {
                          setChosenPath(file);
                          setFollow(false);
                        }}
                      >
                        {file}
                      </button>
                    </li>
                  ))}
                  {paths.length === 0 && <li class="replay-empty">No files yet at this moment.</li>}
                </ul>
                <label class="replay-follow">
                  <input type="checkbox" checked={follow} onChange={(event) => setFollow((event.currentTarget as HTMLInputElement).checked)} />
                  Follow the edits
                </label>
              </section>
              <section class="replay-panel" aria-label="People">
                <h2 class="replay-panel-title">People</h2>
                <ul class="replay-people" data-testid="replay-people">
                  {[...timeline.people.values()].map((person) => {
                    const present = active.present.some((entry) => entry.personId === person.personId);
                    const busy = active.recent.some((entry) => entry.personId === person.personId);
                    return (
                      <li key={person.personId} class={`${present ? 'is-present' : ''}${busy ? ' is-active' : ''}`}>
                        <span class="replay-dot" />
                        <span>{person.name}</span>
                        <small>{person.role ?? ''}</small>
                        {busy && <em>active</em>}
                      </li>
                    );
                  })}
                </ul>
              </section>
            </aside>
            <main class="replay-main">
              <div class="replay-file-bar">
                <span class="replay-file-path" data-testid="replay-path">{path ?? 'No file'}</span>
                {moment.edit && (
                  <span class="replay-file-note">
                    after {moment.edits} of {timeline.edits.length} edits · last by {timeline.person(moment.edit.personId).name}
                  </span>
                )}
              </div>
              <ReplayEditor path={path} text={path === undefined ? undefined : moment.files[path]} change={moment.changes.find((change) => change.path === path)} />
            </main>
            <ReplayEventList timeline={timeline} at={at} onSeek={seekByHand} />
          </div>
          {timeline.unreadableEdits > 0 && (
            <p class="replay-warning">{timeline.unreadableEdits} edit event(s) could not be read and are left out of the files shown.</p>
          )}
        </>
      ) : Report ? (
        <Report log={log} timeline={timeline} />
      ) : (
        <div class="replay-loading" data-testid="report-loading">
          {reportError ? `The report could not load: ${reportError}` : 'Loading the report…'}
        </div>
      )}
    </div>
  );
}
