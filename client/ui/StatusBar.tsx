import type { ComponentChildren, JSX } from 'preact';
import type { AiStatusMessage } from '../../shared/serverMessage.ts';
import type { FastLaneStatus } from '../../shared/session/selectFastLaneStatus.ts';
import type { FastLaneLimit } from '../ai/ui/describeFastLane.ts';
import type { RequestMetric } from '../../shared/metrics/RequestMetric.ts';
import type { ConnectionState } from '../net/ServerConnection.ts';
import { AiStatusItem } from './AiStatusItem.tsx';
import type { RuntimeStatus } from '../runtime/selectRuntime.ts';
import type { CursorInfo } from './CodeEditor.tsx';
import type { Store } from './Store.ts';
import { useStore } from './useStore.ts';

const languageNames: Record<string, string> = {
  typescript: 'TypeScript',
  javascript: 'JavaScript',
  python: 'Python',
  markdown: 'Markdown',
  css: 'CSS',
  html: 'HTML',
  plaintext: 'Plain text',
};

function connectionText(state: ConnectionState | undefined): { text: string; tone: string; title: string } {
  if (!state) return { text: 'Local only', tone: 'muted', title: 'Not connected to a Pairlane server.' };
  switch (state.status) {
    case 'connecting':
      return { text: 'Connecting…', tone: 'busy', title: 'Connecting to the Pairlane server.' };
    case 'connected':
      return {
        text: state.latencyMs === undefined ? 'Server connected' : `Server · ${state.latencyMs} ms`,
        tone: 'ok',
        title: 'Connected to the Pairlane server. Your files stay in this browser either way.',
      };
    case 'offline':
      return { text: 'Server offline', tone: 'warn', title: `Not connected (${state.reason}). Editing and running keep working.` };
    case 'refused':
      return { text: 'Server refused', tone: 'fail', title: `The server refused this client: ${state.refusal.message}` };
  }
}

/** What the status bar shows of the AI session; absent without a server (`?offline`). */
export interface StatusBarAi {
  aiStatus: Store<AiStatusMessage | undefined>;
  /** The session's fast lane and its last limit, once the editor loaded. */
  fastLane: Store<FastLaneStatus> | undefined;
  limit: Store<FastLaneLimit | undefined> | undefined;
  /** The session's per-request AI records, once the session started. */
  metrics: Store<readonly RequestMetric[]> | undefined;
}

/** The bottom line: where things run, the server connection, the AI, and where the cursor is. */
export function StatusBar(props: {
  runtime: RuntimeStatus;
  connection: ConnectionState | undefined;
  ai: StatusBarAi | undefined;
  cursor: Store<CursorInfo | undefined>;
  showCursor: boolean;
  /** The room item, when this tab is in a room. */
  room?: ComponentChildren;
}): JSX.Element {
  const { runtime, connection } = props;
  const current = useStore(props.cursor);
  const cursor = props.showCursor ? current : undefined;
  const conn = connectionText(connection);
  const runtimeTone = runtime.phase === 'failed' ? 'fail' : runtime.phase === 'booting' ? 'busy' : 'ok';
  return (
    <footer class="statusbar" data-testid="statusbar">
      <span class={`status-item tone-${runtimeTone}`} title={runtime.detail} data-testid="status-runtime">
        <span class="status-dot" />
        {runtime.active === 'webcontainer' ? 'WebContainer' : 'Offline runtime'}
        {runtime.phase === 'booting' ? ' · starting' : runtime.phase === 'failed' ? ' · unavailable' : ''}
      </span>
      <span class={`status-item tone-${conn.tone}`} title={conn.title} data-testid="status-connection">
        <span class="status-dot" />
        {conn.text}
      </span>
      {props.ai ? (
        <AiStatusItem aiStatus={props.ai.aiStatus} connected={connection?.status === 'connected'} fastLane={props.ai.fastLane} limit={props.ai.limit} metrics={props.ai.metrics} />
      ) : null}
      {props.room}
      <span class="status-item muted" title="Files are kept in this browser (IndexedDB) and survive reloads.">
        Saved in this browser
      </span>
      <span class="spacer" />
      {cursor ? (
        <>
          <span class="status-item" data-testid="status-cursor">
            Ln {cursor.line}, Col {cursor.column}
            {cursor.selected > 0 ? ` (${cursor.selected} selected)` : ''}
          </span>
          <span class="status-item">Spaces: {cursor.tabSize}</span>
          <span class="status-item">{languageNames[cursor.language] ?? cursor.language}</span>
        </>
      ) : null}
    </footer>
  );
}
