import type { ComponentChildren, JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { BootState, RuntimeStatus } from '../runtime/selectRuntime.ts';
import type { Template } from '../workspace/templates.ts';
import { ContextMenu, type MenuItem } from './ContextMenu.tsx';
import type { RunControls } from './describeRunControls.ts';
import { Icon } from './Icon.tsx';

interface Props {
  /** Run / Test / Stop as the session machine decides them (describeRunControls). */
  controls: RunControls;
  /** What Run will run (the active file, or the workspace's main), shown on the button. */
  runLabel: string | undefined;
  runtime: RuntimeStatus;
  templates: readonly Template[];
  onRun(): void;
  onTest(): void;
  onStop(): void;
  onNewFile(): void;
  onNewFolder(): void;
  onTemplate(template: Template): void;
  /** The room controls (Share, or the room this tab is in), beside the runtime badge. */
  room?: ComponentChildren;
}

/** The top bar: brand, the New menu, Run / Test / Stop with what the runtime is doing, and the runtime badge. */
export function Toolbar(props: Props): JSX.Element {
  const [menu, setMenu] = useState<{ x: number; y: number } | undefined>();
  const { run, test, stop, activity } = props.controls;
  const items: MenuItem[] = [
    { label: 'New file', icon: 'filePlus', action: props.onNewFile, testId: 'menu-new-file' },
    { label: 'New folder', icon: 'folderPlus', action: props.onNewFolder, testId: 'menu-new-folder' },
    { separator: true },
    { heading: 'Start from a template' },
    ...props.templates.map(
      (t): MenuItem => ({ label: t.name, hint: t.description, icon: 'sparkles', action: () => props.onTemplate(t), testId: `template-${t.id}` }),
    ),
  ];
  return (
    <header class="toolbar" data-testid="toolbar">
      <div class="brand" title="Pairlane">
        <span class="brand-mark" aria-hidden="true">
          <svg viewBox="0 0 20 20" width="20" height="20">
            <rect x="1" y="1" width="18" height="18" rx="5" fill="url(#brand-gradient)" />
            <path d="M6 5.5v9M10 5.5v9M14 5.5v9" stroke="#0b0e14" stroke-width="1.8" stroke-linecap="round" stroke-dasharray="2.2 2.2" />
            <defs>
              <linearGradient id="brand-gradient" x1="0" y1="0" x2="20" y2="20" gradientUnits="userSpaceOnUse">
                <stop stop-color="#8fb3ff" />
                <stop offset="1" stop-color="#b494ff" />
              </linearGradient>
            </defs>
          </svg>
        </span>
        <span class="brand-name">Pairlane</span>
      </div>
      <button
        class="button ghost"
        data-testid="new-menu"
        aria-haspopup="menu"
        aria-expanded={menu !== undefined}
        onClick={(e) => {
          const rect = e.currentTarget.getBoundingClientRect();
          setMenu(menu ? undefined : { x: rect.left, y: rect.bottom + 4 });
        }}
      >
        <Icon name="plus" size={14} /> New <Icon name="chevronDown" size={12} class="caret" />
      </button>
      <div class="toolbar-divider" />
      <div class="run-group">
        <button class="button primary" data-testid="run-button" title={run.title} disabled={!run.enabled} onClick={props.onRun}>
          <Icon name="play" size={13} />
          Run
          {props.runLabel !== undefined ? <span class="button-detail">{props.runLabel}</span> : null}
        </button>
        <button class="button secondary" data-testid="test-button" title={test.title} disabled={!test.enabled} onClick={props.onTest}>
          <Icon name="flask" size={14} />
          Test
        </button>
        {stop.visible ? (
          <button class="button stop" data-testid="stop-button" title={stop.title} onClick={props.onStop}>
            <Icon name="stop" size={12} />
            Stop
          </button>
        ) : null}
        {activity ? (
          <span
            class={`run-spinner${activity.kind === 'failed' ? ' tone-fail' : ''}`}
            data-testid="run-activity"
            data-kind={activity.kind}
            aria-live="polite"
            title={activity.detail ?? activity.text}
          >
            {activity.kind === 'failed' ? <Icon name="alert" size={13} /> : <span class="spinner" />} {activity.text}
          </span>
        ) : null}
      </div>
      <span class="spacer" />
      {props.room}
      <RuntimeBadge status={props.runtime} />
      {menu ? <ContextMenu x={menu.x} y={menu.y} items={items} onClose={() => setMenu(undefined)} testId="new-menu-list" /> : null}
    </header>
  );
}

function RuntimeBadge({ status }: { status: RuntimeStatus }): JSX.Element {
  const tone = status.phase === 'failed' ? 'fail' : status.phase === 'booting' ? 'busy' : status.active === 'webcontainer' ? 'ok' : 'offline';
  return (
    <div
      class={`runtime-badge tone-${tone}`}
      data-testid="runtime-badge"
      data-runtime={status.active}
      data-phase={status.phase}
      tabIndex={0}
      aria-label={`${status.label}. ${status.detail}`}
    >
      <Icon name={status.active === 'webcontainer' ? 'cloud' : 'chip'} size={14} />
      <span class="runtime-badge-text">{status.label}</span>
      <div class="runtime-popover" role="tooltip" data-testid="runtime-detail">
        <div class="runtime-popover-title">{status.active === 'webcontainer' ? 'WebContainer runtime' : 'Offline runtime'}</div>
        <p>{status.detail}</p>
        <dl>
          <dt>Offline runtime</dt>
          <dd>{bootText(status.worker)}</dd>
          <dt>WebContainer</dt>
          <dd>{bootText(status.webcontainer)}</dd>
        </dl>
        <p class="runtime-popover-hint">
          Choose one with <code>?runtime=worker</code> or <code>?runtime=webcontainer</code>.
        </p>
      </div>
    </div>
  );
}

function bootText(state: BootState): string {
  switch (state.phase) {
    case 'off':
      return 'not used';
    case 'booting':
      return 'starting…';
    case 'ready':
      return `ready (started in ${(state.bootMs / 1000).toFixed(1)} s)`;
    case 'failed':
      // The reason itself is in the text above.
      return 'unavailable';
  }
}
