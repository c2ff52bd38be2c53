import type { AiLaneStatus } from '../../../shared/serverMessage.ts';
import type { FastLaneStatus } from '../../../shared/session/selectFastLaneStatus.ts';

/** A budget or rate limit the server reported, with when automatic suggestions resume (wall clock, ms). */
export interface FastLaneLimit {
  readonly message: string;
  readonly resumesAt: number;
}

export interface FastLaneFacts {
  /** The fast lane as the server runs it; undefined until its ai-status arrived. */
  readonly config: AiLaneStatus | undefined;
  readonly connected: boolean;
  /** The session machine's fast lane; undefined until the editor (and the session) loaded. */
  readonly status: FastLaneStatus | undefined;
  /** The last limit reported, if automatic requests are still paused by it. */
  readonly limit: FastLaneLimit | undefined;
  /** Wall-clock now, ms. */
  readonly now: number;
  /** Formats a wall-clock time for a person (HH:MM by default). */
  readonly formatTime?: (ms: number) => string;
}

/** What the status bar shows for the fast lane, and what its popover says. */
export interface FastLaneView {
  /** A stable name of the situation, for tests and styling: off, offline, ready, waiting, streaming, shown, limited, or error-<status>. */
  readonly state: string;
  readonly label: string;
  readonly tone: 'ok' | 'busy' | 'warn' | 'fail' | 'muted';
  readonly title: string;
  readonly heading: string;
  readonly lines: readonly string[];
  /** For an off lane: exactly what to do to turn it on. */
  readonly howToEnable?: string;
}

const ERROR_LABELS = {
  unavailable: 'unavailable',
  timeout: 'timed out',
  'rate-limited': 'rate-limited',
  'bad-response': 'bad answer',
  refused: 'request refused',
  misconfigured: 'misconfigured',
} as const;

const ERROR_HINTS = {
  unavailable: 'The model provider could not be reached. Typing keeps working; suggestions resume when it answers again.',
  timeout: 'The model did not answer in time (5 s). The next pause in typing asks again.',
  'rate-limited': 'The provider is limiting requests. Automatic suggestions pause until the limit lifts; Alt+\\ still asks.',
  'bad-response': 'The model sent an answer that could not be used. The next pause in typing asks again.',
  refused: 'The request was refused before it reached the model.',
  misconfigured: 'The server’s fast-lane settings are wrong (model, key or endpoint). The server log says which.',
} as const;

function hhmm(ms: number): string {
  const date = new Date(ms);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

/**
 * The fast lane as a person should see it in the status bar: its model (never a key), what it is
 * doing, and, when it cannot help, the specific reason and what happens next. Nothing here spins
 * forever: the machine times a silent request out, and this shows the result.
 */
export function describeFastLane(facts: FastLaneFacts): FastLaneView {
  const format = facts.formatTime ?? hhmm;
  const { config, status } = facts;
  if (!config && !facts.connected) {
    return {
      state: 'offline',
      label: 'AI offline',
      tone: 'muted',
      title: 'Not connected to the Pairlane server, which runs the AI lanes.',
      heading: 'AI offline',
      lines: ['Not connected to the Pairlane server, which runs the AI lanes. Editing and running keep working.'],
    };
  }
  if (!config) {
    return { state: 'unknown', label: 'AI', tone: 'muted', title: 'Waiting for the server to say which AI lanes it runs.', heading: 'AI', lines: ['Waiting for the server to say which AI lanes it runs.'] };
  }
  const model = config.model ?? config.provider;
  const about = [`Model: ${model} (${config.provider})`, config.summary];
  if (!config.enabled) {
    const lines = [config.reason ?? 'This server runs no model for inline suggestions.'];
    return {
      state: 'off',
      label: 'AI off',
      tone: 'muted',
      title: 'AI suggestions are off on this server. Click for how to turn them on.',
      heading: 'AI suggestions are off',
      lines,
      ...(config.howToEnable !== undefined ? { howToEnable: config.howToEnable } : {}),
    };
  }
  if (!facts.connected) {
    return {
      state: 'offline',
      label: `${model} · offline`,
      tone: 'warn',
      title: 'Not connected to the Pairlane server: no AI suggestions until it is back.',
      heading: 'AI offline',
      lines: ['Not connected to the Pairlane server. Editing and running keep working; suggestions resume when it is back.', ...about],
    };
  }
  if (facts.limit && facts.limit.resumesAt > facts.now && (status === undefined || !isWorking(status))) {
    const when = format(facts.limit.resumesAt);
    return {
      state: 'limited',
      label: `${model} · limit reached · resumes ${when}`,
      tone: 'warn',
      title: `${facts.limit.message} Automatic suggestions resume at ${when}; Alt+\\ still asks.`,
      heading: 'AI limit reached',
      lines: [facts.limit.message, `Automatic suggestions resume at ${when}. Alt+\\ asks anyway.`, ...about],
    };
  }
  if (status?.state === 'error') {
    return {
      state: `error-${status.status}`,
      label: `${model} · ${ERROR_LABELS[status.status]}`,
      tone: status.status === 'rate-limited' || status.status === 'timeout' ? 'warn' : 'fail',
      title: `${status.message} — ${ERROR_HINTS[status.status]}`,
      heading: `AI ${ERROR_LABELS[status.status]}`,
      lines: [status.message, ERROR_HINTS[status.status], ...about],
    };
  }
  const working = status ? workingLabel(status) : undefined;
  if (working) {
    return { state: working.state, label: `${model} · ${working.text}`, tone: working.state === 'shown' ? 'ok' : 'busy', title: working.title, heading: 'AI suggestions', lines: [working.title, ...about] };
  }
  return {
    state: 'ready',
    label: model,
    tone: 'ok',
    title: `AI suggestions by ${model}: pause typing to see one, Tab takes it, Esc dismisses, Alt+\\ asks.`,
    heading: 'AI suggestions',
    lines: ['Pause typing to see a suggestion. Tab takes it, Ctrl+→ one word, Esc dismisses, Alt+\\ asks anywhere.', ...about],
  };
}

function isWorking(status: FastLaneStatus): boolean {
  return status.state === 'requesting' || status.state === 'streaming' || status.state === 'shown';
}

function workingLabel(status: FastLaneStatus): { state: string; text: string; title: string } | undefined {
  switch (status.state) {
    case 'requesting':
      return { state: 'waiting', text: 'thinking…', title: 'Asking the model; the suggestion appears as it is written.' };
    case 'streaming':
      return { state: 'streaming', text: 'streaming…', title: 'The suggestion is arriving. Tab takes what is shown.' };
    case 'shown':
      return { state: 'shown', text: 'Tab to accept', title: 'Tab takes the suggestion, Ctrl+→ one word, Esc dismisses it.' };
    default:
      return undefined;
  }
}
