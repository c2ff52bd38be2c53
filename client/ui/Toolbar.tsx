import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { BootState, RuntimeStatus } from '../runtime/selectRuntime.ts';
import type { Template } from '../workspace/templates.ts';
import { ContextMenu, type MenuItem } from './ContextMenu.tsx';
import { Icon } from './Icon.tsx';
import { shortcutText } from './Kbd.tsx';

interface Props {
  running: boolean;
  runKind: 'program' | 'tests' | undefined;
  /** What Run will run (the active file, or the workspace's main). */
  runTarget: { label: string; enabled: boolean; reason?: string };
  testFileCount: number;
  runtime: RuntimeStatus;
  templates: readonly Template[];
  onRun(): void;
  onTest(): void;
  onStop(): void;
  onNewFile(): void;
  onNewFolder(): void;
  onTemplate(template: Template): void;
}

/** The top bar: brand, the New menu, Run / Test / Stop, and the runtime badge. */
export function Toolbar(props: Props): JSX.Element {
  const [menu, setMenu] = useState<{ x: number; y: number } | undefined>();
  const runTip = props.runTarget.enabled ? `Run ${props.runTarget.label} (${shortcutText(['Mod', 'Enter'])})` : props.runTarget.reason ?? 'Nothing to run';
  const testTip =
    props.testFileCount > 0
      ? `Run ${props.testFileCount === 1 ? 'the test file' : `all ${props.testFileCount} test files`} (${shortcutText(['Mod', 'Shift', 'Enter'])})`
      : 'No test files: name a file *.test.ts';
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
        <button class="button primary" data-testid="run-button" title={runTip} disabled={!props.runTarget.enabled} onClick={props.onRun}>
          <Icon name="play" size={13} />
          Run
          {props.runTarget.enabled ? <span class="button-detail">{props.runTarget.label}</span> : null}
        </button>
        <button class="button secondary" data-testid="test-button" title={testTip} disabled={props.testFileCount === 0} onClick={props.onTest}>
          <Icon name="flask" size={14} />
          Test
        </button>
        {props.running ? (
          <button class="button stop" data-testid="stop-button" title="Stop (Esc)" onClick={props.onStop}>
            <Icon name="stop" size={12} />
            Stop
          </button>
        ) : null}
        {props.running ? (
          <span class="run-spinner" data-testid="run-spinner" aria-live="polite">
            <span class="spinner" /> {props.runKind === 'tests' ? 'Testing…' : 'Running…'}
          </span>
        ) : null}
      </div>
      <span class="spacer" />
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
