import type { JSX } from 'preact';
import type { Template } from '../workspace/templates.ts';
import { Icon } from './Icon.tsx';
import { Kbd } from './Kbd.tsx';

interface Props {
  hasFiles: boolean;
  templates: readonly Template[];
  suggestions: readonly string[];
  onTemplate(template: Template): void;
  onNewFile(): void;
  onOpen(path: string): void;
}

/** What the editor area shows with no file open: a way back into files, templates, and the keys. */
export function EmptyEditor({ hasFiles, templates, suggestions, onTemplate, onNewFile, onOpen }: Props): JSX.Element {
  return (
    <div class="empty-editor" data-testid="empty-editor">
      <div class="empty-card">
        <h1 class="empty-title">{hasFiles ? 'No file open' : 'An empty workspace'}</h1>
        <p class="empty-text">
          {hasFiles ? 'Pick a file to edit, or start over from a template.' : 'Create a file, or start from a template with code and tests.'}
        </p>
        {hasFiles && suggestions.length > 0 ? (
          <div class="empty-files">
            {suggestions.map((p) => (
              <button key={p} class="empty-file" onClick={() => onOpen(p)}>
                <Icon name="file" size={14} /> {p}
              </button>
            ))}
          </div>
        ) : null}
        <div class="template-cards">
          {templates.map((t) => (
            <button key={t.id} class="template-card" data-testid={`empty-template-${t.id}`} onClick={() => onTemplate(t)}>
              <span class="template-card-name">
                <Icon name="sparkles" size={14} /> {t.name}
              </span>
              <span class="template-card-text">{t.description}</span>
            </button>
          ))}
          <button class="template-card" onClick={onNewFile}>
            <span class="template-card-name">
              <Icon name="filePlus" size={14} /> New file
            </span>
            <span class="template-card-text">Start from nothing.</span>
          </button>
        </div>
        <dl class="shortcut-list">
          <dt>Run the active file</dt>
          <dd>
            <Kbd keys={['Mod', 'Enter']} />
          </dd>
          <dt>Run the tests</dt>
          <dd>
            <Kbd keys={['Mod', 'Shift', 'Enter']} />
          </dd>
          <dt>Stop a run</dt>
          <dd>
            <Kbd keys={['Escape']} />
          </dd>
          <dt>Rename / delete in the tree</dt>
          <dd>
            <Kbd keys={['F2']} /> <Kbd keys={['Del']} />
          </dd>
        </dl>
      </div>
    </div>
  );
}
