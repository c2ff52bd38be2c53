import type { JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { baseName, parentOf } from '../../shared/workspaceDoc.ts';
import { isPythonTestFile } from '../../shared/isPythonTestFile.ts';
import { isTestFile } from '../runtime/isTestFile.ts';
import { Icon } from './Icon.tsx';

interface Props {
  open: readonly string[];
  active: string | undefined;
  edited: ReadonlySet<string>;
  /** Files with run problems (failed tests, build errors) in the last run. */
  problems: ReadonlyMap<string, number>;
  onActivate(path: string): void;
  onClose(path: string): void;
}

/**
 * Open files. A dot marks a file edited since the last run (its results may be stale); a count
 * marks a file with problems from the last run. Middle-click closes, as in browsers.
 * Two open files with one name show their folder, so they can be told apart.
 */
export function TabBar({ open, active, edited, problems, onActivate, onClose }: Props): JSX.Element {
  const strip = useRef<HTMLDivElement>(null);
  const names = open.map(baseName);

  useEffect(() => {
    strip.current?.querySelector('.tab.is-active')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active]);

  return (
    <div class="tabbar" role="tablist" ref={strip} data-testid="tabs">
      {open.map((path, i) => {
        const name = names[i] ?? path;
        const ambiguous = names.filter((n) => n === name).length > 1;
        const count = problems.get(path) ?? 0;
        const isActive = path === active;
        return (
          <div
            key={path}
            class={`tab${isActive ? ' is-active' : ''}${edited.has(path) ? ' is-edited' : ''}`}
            role="tab"
            aria-selected={isActive}
            title={`${path}${edited.has(path) ? ' · edited since the last run' : ''}`}
            data-testid={`tab-${path}`}
            data-active={isActive ? 'true' : 'false'}
            onMouseDown={(e) => {
              if (e.button === 1) e.preventDefault();
            }}
            onAuxClick={(e) => {
              if (e.button === 1) {
                e.preventDefault();
                onClose(path);
              }
            }}
            onClick={() => onActivate(path)}
          >
            <span class={`tab-icon${isTestFile(path) || isPythonTestFile(path) ? ' is-test' : ''}`}>
              {isTestFile(path) || isPythonTestFile(path) ? <Icon name="flask" size={13} /> : <span class={`tab-lang lang-${path.split('.').pop()}`}>{langLabel(path)}</span>}
            </span>
            <span class="tab-name">{name}</span>
            {ambiguous && parentOf(path) ? <span class="tab-dir">{parentOf(path)}</span> : null}
            {count > 0 ? (
              <span class="tab-problems" title={`${count} problem${count === 1 ? '' : 's'} in the last run`}>
                {count}
              </span>
            ) : null}
            <button
              class="tab-close"
              aria-label={`Close ${name}`}
              title="Close (middle-click)"
              data-testid="tab-close"
              onClick={(e) => {
                e.stopPropagation();
                onClose(path);
              }}
            >
              <span class="tab-dot" />
              <Icon name="close" size={12} />
            </button>
          </div>
        );
      })}
    </div>
  );
}

function langLabel(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (['ts', 'tsx', 'mts', 'cts'].includes(ext)) return 'TS';
  if (['js', 'jsx', 'mjs', 'cjs'].includes(ext)) return 'JS';
  if (ext === 'py') return 'PY';
  if (ext === 'json') return '{}';
  if (ext === 'md') return 'M↓';
  return '·';
}
