import { render } from 'preact';
import { configureLanguages } from '../editor/configureLanguages.ts';
import { typescript } from '../editor/monaco.ts';
import { fetchRoomLog, RoomLogLoadError } from './fetchRoomLog.ts';
import { ReplayApp } from './ReplayApp.tsx';
import './replay.css';

/** What the host is told for each refusal: what happened and what to do. */
function explain(error: unknown): { title: string; detail: string } {
  if (error instanceof RoomLogLoadError) {
    if (error.code === 'forbidden') return { title: 'Only the host can replay this session', detail: "This link carries a guest's or an observer's invite: it opens the room itself, not its history. The host's replay link is on the host's invite." };
    if (error.code === 'no-token') return { title: 'This replay link has no token', detail: "Open the replay from the room's host controls, or use the host's link with #token=…" };
    if (error.code === 'bad-token') return { title: 'This replay link is not valid', detail: `${error.message} Ask for a fresh host link.` };
    if (error.code === 'room-not-found') return { title: 'There is no such room', detail: error.message };
    return { title: 'The session could not be loaded', detail: error.message };
  }
  return { title: 'The session could not be loaded', detail: error instanceof Error ? error.message : String(error) };
}

/**
 * The replay page (`/?room=<id>&view=replay#token=…`): reads the whole log with the host's token,
 * then shows the replay. Loaded as its own chunk, only by a page opened on a replay link.
 */
export async function startReplay(root: HTMLElement, room: { roomId: string; token: string }): Promise<void> {
  document.title = 'Pairlane · session replay';
  configureLanguages();
  // A replay shows files as they were, mid-typing: red squiggles would only be noise.
  typescript.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: true });
  typescript.javascriptDefaults.setDiagnosticsOptions({ noSemanticValidation: true, noSyntaxValidation: true });
  // Nor is a language service needed: without eager sync, a scrubbed file is not posted to the TypeScript worker on every position.
  typescript.typescriptDefaults.setEagerModelSync(false);
  typescript.javascriptDefaults.setEagerModelSync(false);
  const status = document.createElement('div');
  status.className = 'replay-status';
  status.textContent = 'Loading the session…';
  root.replaceChildren(status);
  try {
    const log = await fetchRoomLog(room, { onProgress: (events) => (status.textContent = `Loading the session… ${events} events`) });
    root.replaceChildren();
    // A session still going on keeps logging: Reload reads the log again and keeps the view's state.
    const reload = async (): Promise<void> => {
      render(<ReplayApp log={await fetchRoomLog(room)} onReload={reload} />, root);
    };
    render(<ReplayApp log={log} onReload={reload} />, root);
    root.dataset.ready = 'true';
  } catch (error) {
    const { title, detail } = explain(error);
    const box = document.createElement('div');
    box.className = 'replay-refused';
    box.setAttribute('data-testid', 'replay-refused');
    const heading = document.createElement('h1');
    heading.textContent = title;
    const text = document.createElement('p');
    text.textContent = detail;
    box.append(heading, text);
    root.replaceChildren(box);
  }
}
