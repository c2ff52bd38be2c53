import { WebContainer } from '@webcontainer/api';
import type { Diagnostic, ProgramResult, RunStatus, TestReport } from '../../../shared/testReport.ts';
import { isTestFile } from '../isTestFile.ts';
import {
  RUNTIME_DEFAULTS,
  type ProgramRequest,
  type RunListener,
  type Runtime,
  type TestRequest,
  type WorkspaceFiles,
} from '../Runtime.ts';
import { buildDiagnostic } from './buildDiagnostic.ts';
import type { ContainerHost, ContainerProcess } from './ContainerHost.ts';
import type { ContainerError, ContainerRecord } from './containerRecord.ts';
import { mapVitestReport } from './mapVitestReport.ts';
import { OutputLimiter } from './OutputLimiter.ts';
import { DEFAULT_TOOL_VERSIONS, preparePackageJson, type ToolVersions } from './preparePackageJson.ts';
import { reportFromRecords } from './reportFromRecords.ts';
import { stripAnsi } from '../stripAnsi.ts';
import { TerminalDemuxer, type TerminalPiece } from './TerminalDemuxer.ts';
import { testCaseFromRecord } from './testCaseFromRecord.ts';
import { toFileSystemTree } from './toFileSystemTree.ts';
import { toTestError } from './toTestError.ts';
import { TOOLING_DIR, TOOLING_PATHS, toolingFiles } from './toolingFiles.ts';

export interface WebContainerRuntimeOptions {
  /** How long booting may take before ready() rejects (default 8 s). */
  bootTimeoutMs?: number;
  /** How long `npm install` may take (default 180 s); it does not count against a run's own limit. */
  installTimeoutMs?: number;
  /** vitest and tsx versions installed when the workspace's package.json does not name them. */
  toolVersions?: ToolVersions;
  /** Folder name of the container's working directory (cosmetic; default "workspace"). */
  workdirName?: string;
}

const DEFAULT_BOOT_TIMEOUT_MS = 8_000;
const DEFAULT_INSTALL_TIMEOUT_MS = 180_000;
/** How long a killed process gets to report its exit before the run is ended anyway. */
const KILL_GRACE_MS = 2_000;
/** How much of a tool's own (unframed) output is kept to explain a failure. */
const CHATTER_LIMIT = 16_000;
/** Environment of every process: no colours (we show plain text). */
const PROCESS_ENV = { NO_COLOR: '1', FORCE_COLOR: '0', NODE_OPTIONS: '' } as const;

type Ending = { kind: 'exit'; code: number } | { kind: 'timeout' } | { kind: 'stopped' };

/** One run in flight: how to end it, and the promise that settles when it has ended. */
interface ActiveRun {
  stop(): void;
  done: Promise<unknown>;
}

/**
 * The production runtime: a real Node.js (StackBlitz WebContainer) in the page. Workspace files
 * are mounted into the container, dependencies come from `npm install` (vitest and tsx added
 * when the workspace does not have them; installed again only when package.json changes), tests
 * run with vitest's JSON reporter plus a streaming reporter of ours, and programs run with
 * `node --import tsx`, so TypeScript entries work and stacks point at TypeScript lines.
 *
 * Needs a cross-origin isolated page and network access to stackblitz.com (the container's
 * runtime is loaded from there in an iframe) and to the npm registry; ready() rejects with the
 * reason when it cannot boot, so the caller can fall back to the worker runtime.
 */
export function createWebContainerRuntime(options: WebContainerRuntimeOptions = {}): Runtime {
  const bootTimeoutMs = options.bootTimeoutMs ?? DEFAULT_BOOT_TIMEOUT_MS;
  const installTimeoutMs = options.installTimeoutMs ?? DEFAULT_INSTALL_TIMEOUT_MS;
  const toolVersions = options.toolVersions ?? DEFAULT_TOOL_VERSIONS;
  const workdirName = options.workdirName ?? 'workspace';

  let booting: Promise<ContainerHost> | undefined;
  let container: ContainerHost | undefined;
  let disposed = false;
  let active: ActiveRun | undefined;
  /** Paths written into the container by the last sync, to remove the ones that went away. */
  let mounted = new Set<string>();
  /** package.json text the container's node_modules were installed from, and the install in flight. */
  let installed: string | undefined;
  let installing: { text: string; promise: Promise<InstallOutcome> } | undefined;
  const containerErrors: string[] = [];

  function boot(): Promise<ContainerHost> {
    if (disposed) return Promise.reject(new Error('The WebContainer runtime was disposed.'));
    booting ??= withTimeLimit(() => bootWebContainer(workdirName), bootTimeoutMs).then((booted) => {
      if (disposed) {
        booted.teardown();
        throw new Error('The WebContainer runtime was disposed.');
      }
      container = booted;
      booted.on('error', (error) => containerErrors.push(error.message));
      // Warm the install for a workspace without package.json, the common case, while the
      // person is still typing; the first run waits for it only if it is not done.
      void install(booted, preparePackageJson(undefined, toolVersions).text, () => undefined);
      return booted;
    });
    return booting;
  }

  async function install(wc: ContainerHost, packageJson: string, note: (text: string) => void): Promise<InstallOutcome> {
    for (;;) {
      if (installed === packageJson) return { ok: true };
      const inflight = installing;
      if (inflight && inflight.text !== packageJson) {
        // Another package.json (the warm-up, or a run that was stopped) is installing: npm
        // must not run twice in one folder, so wait for it, then install ours.
        await inflight.promise;
        continue;
      }
      note('Installing dependencies (npm install)…');
      return (inflight ?? startInstall(wc, packageJson)).promise;
    }
  }

  function startInstall(wc: ContainerHost, packageJson: string): { text: string; promise: Promise<InstallOutcome> } {
    const promise = (async (): Promise<InstallOutcome> => {
      await wc.fs.writeFile('package.json', packageJson);
      const process = await wc.spawn('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], { env: PROCESS_ENV });
      let log = '';
      const terminal = readTerminal(process, (piece) => {
        if (piece.kind === 'text') log = (log + piece.text).slice(-CHATTER_LIMIT);
      });
      const ending = await endOf(process, installTimeoutMs, new AbortController().signal);
      await terminal.close();
      if (ending.kind === 'exit' && ending.code === 0) {
        installed = packageJson;
        return { ok: true };
      }
      const why = ending.kind === 'timeout' ? `did not finish within ${installTimeoutMs} ms` : `failed (exit code ${ending.kind === 'exit' ? ending.code : '?'})`;
      return { ok: false, message: `npm install ${why}.\n${stripAnsi(log).trim()}`.trim() };
    })().catch((error: unknown): InstallOutcome => ({ ok: false, message: `npm install could not start: ${errorMessage(error)}` }));
    const entry = { text: packageJson, promise };
    installing = entry;
    void promise.then(() => {
      if (installing === entry) installing = undefined;
    });
    return entry;
  }

  /** Writes the workspace, our tooling files and the package.json to install from. */
  async function sync(wc: ContainerHost, files: WorkspaceFiles, testFiles: readonly string[], testTimeoutMs: number): Promise<PrepareOutcome> {
    const workspace: Record<string, string> = {};
    for (const [path, contents] of Object.entries(files)) {
      const clean = path.replace(/^\.?\//, '');
      if (clean === 'package.json' || clean.startsWith(`${TOOLING_DIR}/`) || /(?:^|\/)node_modules\//.test(clean)) continue;
      workspace[clean] = contents;
    }
    const prepared = preparePackageJson(files['package.json'], toolVersions);
    const tooling = toolingFiles({ testFiles, testTimeoutMs });
    let tree;
    try {
      tree = toFileSystemTree({ ...workspace, ...tooling });
    } catch (error) {
      return { ok: false, diagnostic: { severity: 'error', message: errorMessage(error) } };
    }
    const next = new Set(Object.keys(workspace));
    await Promise.all([...mounted].filter((p) => !next.has(p)).map((p) => wc.fs.rm(p, { force: true })));
    await wc.fs.rm(TOOLING_PATHS.report, { force: true });
    await wc.mount(tree);
    mounted = next;
    return { ok: true, packageJson: prepared.text, ...(prepared.warning ? { warning: prepared.warning } : {}) };
  }

  /**
   * Everything a run shares: one run at a time, the time limit, stop(), output capping, and
   * preparing the container (sync + install) before the run's own clock starts.
   */
  async function exclusive<T>(work: (run: RunControl) => Promise<T>): Promise<T> {
    const wc = await boot();
    const previous = active;
    if (previous) {
      previous.stop();
      await settle(previous.done);
    }
    const aborter = new AbortController();
    const done = work({ wc, signal: aborter.signal });
    const run: ActiveRun = { stop: () => aborter.abort(), done };
    active = run;
    try {
      return await done;
    } finally {
      if (active === run) active = undefined;
    }
  }

  async function prepare(
    run: RunControl,
    files: WorkspaceFiles,
    testFiles: readonly string[],
    testTimeoutMs: number,
    limiter: OutputLimiter,
  ): Promise<{ ok: true } | { ok: false; diagnostic: Diagnostic } | { ok: false; stopped: true }> {
    const synced = await sync(run.wc, files, testFiles, testTimeoutMs);
    if (!synced.ok) return synced;
    if (synced.warning) limiter.write('system', `${synced.warning}\n`);
    // A stop does not wait for npm: the install goes on in the background and is cached.
    const stopped = new Promise<'stopped'>((resolve) => {
      if (run.signal.aborted) resolve('stopped');
      run.signal.addEventListener('abort', () => resolve('stopped'), { once: true });
    });
    const outcome = await Promise.race([
      install(run.wc, synced.packageJson, (text) => {
        limiter.write('system', `${text}\n`);
        limiter.flush();
      }),
      stopped,
    ]);
    if (outcome === 'stopped' || run.signal.aborted) return { ok: false, stopped: true };
    if (!outcome.ok) return { ok: false, diagnostic: { severity: 'error', message: outcome.message } };
    return { ok: true };
  }

  /**
   * Runs a spawned process to its end: its terminal read into records and text, output flushed
   * to the listener as it comes, killed at the time limit or on stop, and a closing system note
   * (why it stopped, or what the container reported) after its output.
   */
  async function supervise(
    process: ContainerProcess,
    signal: AbortSignal,
    limitMs: number,
    limiter: OutputLimiter,
    onPiece: (piece: TerminalPiece) => void,
  ): Promise<Ending> {
    const startedAt = performance.now();
    const terminal = readTerminal(process, onPiece, () => limiter.flush());
    const ending = await endOf(process, limitMs, signal);
    await terminal.close();
    if (ending.kind === 'exit') {
      limiter.finish(containerErrors.splice(0).map((e) => `WebContainer: ${e}`).join('\n') || undefined);
    } else {
      limiter.finish(stopNote(ending.kind, limitMs, Math.round(performance.now() - startedAt)));
    }
    return ending;
  }

  async function stop(): Promise<void> {
    const current = active;
    if (!current) return;
    current.stop();
    await settle(current.done);
  }

  return {
    kind: 'webcontainer',

    async ready() {
      await boot();
    },

    run(request: ProgramRequest, listener: RunListener = {}): Promise<ProgramResult> {
      return exclusive(async (run) => {
        const limitMs = request.timeoutMs ?? RUNTIME_DEFAULTS.programTimeoutMs;
        const limiter = new OutputLimiter(RUNTIME_DEFAULTS.maxOutputBytes, (chunk) => listener.onOutput?.(chunk));
        const startedAt = performance.now();
        const result = (status: RunStatus, extra: Partial<ProgramResult> = {}): ProgramResult => ({
          status,
          diagnostics: [],
          ...extra,
          durationMs: performance.now() - startedAt,
          runtime: 'webcontainer',
        });
        const entry = request.entry.replace(/^\.?\//, '');
        if (request.files[entry] === undefined) {
          return result('build-error', { diagnostics: [{ severity: 'error', message: `The entry file "${entry}" is not in the workspace.` }] });
        }
        const prepared = await prepare(run, request.files, [], RUNTIME_DEFAULTS.testTimeoutMs, limiter);
        if (!prepared.ok) {
          limiter.finish();
          return 'stopped' in prepared ? result('stopped') : result('build-error', { diagnostics: [prepared.diagnostic] });
        }

        const process = await run.wc.spawn('node', ['--import', 'tsx', '--import', `./${TOOLING_PATHS.programPreload}`, entry], {
          env: PROCESS_ENV,
        });
        let uncaught: ContainerError | undefined;
        const ending = await supervise(process, run.signal, limitMs, limiter, (piece) => {
          if (piece.kind === 'text') {
            // Output of processes the program started, outside our framing.
            limiter.write('stdout', piece.text);
          } else if (piece.record.t === 'out') {
            limiter.write(piece.record.stream, piece.record.text);
          } else if (piece.record.t === 'uncaught') {
            uncaught ??= piece.record.error;
          }
        });
        if (ending.kind !== 'exit') return result(ending.kind);
        if (uncaught) {
          const root = run.wc.workdir;
          const diagnostic = buildDiagnostic(uncaught, { root, files: request.files });
          if (diagnostic) return result('build-error', { diagnostics: [diagnostic], error: toTestError(uncaught, root) });
          return result('error', { error: toTestError(uncaught, root) });
        }
        if (ending.code !== 0) return result('error', { error: { message: `The program exited with code ${ending.code}.` } });
        return result('ok');
      });
    },

    test(request: TestRequest, listener: RunListener = {}): Promise<TestReport> {
      return exclusive(async (run) => {
        const limitMs = request.timeoutMs ?? RUNTIME_DEFAULTS.testRunTimeoutMs;
        const testTimeoutMs = request.testTimeoutMs ?? RUNTIME_DEFAULTS.testTimeoutMs;
        const limiter = new OutputLimiter(RUNTIME_DEFAULTS.maxOutputBytes, (chunk) => listener.onOutput?.(chunk));
        const startedAt = performance.now();
        const root = run.wc.workdir;
        const empty = (status: RunStatus, diagnostics: Diagnostic[] = []): TestReport => ({
          status,
          files: [],
          counts: { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0 },
          diagnostics,
          durationMs: performance.now() - startedAt,
          runtime: 'webcontainer',
        });

        const testFiles = (request.testFiles ?? Object.keys(request.files).filter(isTestFile)).map((f) => f.replace(/^\.?\//, ''));
        const absent = testFiles.filter((f) => request.files[f] === undefined);
        if (absent.length > 0) {
          return empty('build-error', absent.map((f) => ({ severity: 'error', message: `The test file "${f}" is not in the workspace.` })));
        }
        if (testFiles.length === 0) {
          return empty('failed', [{ severity: 'error', message: 'No test files found: name them *.test.ts or *.spec.ts (or put them under __tests__/)' }]);
        }
        const prepared = await prepare(run, request.files, testFiles, testTimeoutMs, limiter);
        if (!prepared.ok) {
          limiter.finish();
          return 'stopped' in prepared ? empty('stopped') : empty('build-error', [prepared.diagnostic]);
        }

        const process = await run.wc.spawn(
          'node',
          [
            'node_modules/vitest/vitest.mjs',
            'run',
            '--config',
            TOOLING_PATHS.vitestConfig,
            '--reporter=json',
            `--outputFile=${TOOLING_PATHS.report}`,
            `--reporter=./${TOOLING_PATHS.vitestReporter}`,
          ],
          { env: PROCESS_ENV },
        );
        const records: ContainerRecord[] = [];
        let chatter = '';
        const ending = await supervise(process, run.signal, limitMs, limiter, (piece) => {
          if (piece.kind === 'text') {
            chatter = (chatter + piece.text).slice(-CHATTER_LIMIT);
            return;
          }
          const record = piece.record;
          if (record.t === 'log') limiter.write(record.stream, record.text);
          else if (record.t === 'test' || record.t === 'module' || record.t === 'unhandled') {
            records.push(record);
            if (record.t === 'test') {
              limiter.flush();
              listener.onTestResult?.(testCaseFromRecord(record, root));
            }
          }
        });
        if (ending.kind !== 'exit') return reportFromRecords(records, root, ending.kind, performance.now() - startedAt);
        let json: string;
        try {
          json = await run.wc.fs.readFile(TOOLING_PATHS.report, 'utf-8');
        } catch {
          // vitest ended without a report: its config failed or it crashed. Say what it printed.
          const said = stripAnsi(chatter).trim();
          return empty('failed', [
            { severity: 'error', message: `vitest exited with code ${ending.code} without a report.${said ? `\n${said}` : ''}` },
          ]);
        }
        return mapVitestReport({
          report: JSON.parse(json),
          root,
          records,
          files: request.files,
          durationMs: performance.now() - startedAt,
        });
      });
    },

    stop,

    async dispose() {
      if (disposed) return;
      await stop();
      disposed = true;
      container?.teardown();
      container = undefined;
    },
  };
}

interface RunControl {
  wc: ContainerHost;
  /** Aborted when the run is stopped (stop(), or a new run starting). */
  signal: AbortSignal;
}

type InstallOutcome = { ok: true } | { ok: false; message: string };
type PrepareOutcome = { ok: true; packageJson: string; warning?: string } | { ok: false; diagnostic: Diagnostic };

/** Boots the one WebContainer a page may have. */
async function bootWebContainer(workdirName: string): Promise<ContainerHost> {
  if (!globalThis.crossOriginIsolated) {
    throw new Error(
      'WebContainer needs a cross-origin isolated page (served with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp); this page is not.',
    );
  }
  const container: ContainerHost = await WebContainer.boot({ coep: 'require-corp', workdirName });
  return container;
}

/** Boots the host within the time limit, or says why it could not. */
async function withTimeLimit(start: () => Promise<ContainerHost>, timeoutMs: number): Promise<ContainerHost> {
  const booting = start();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  let outcome: ContainerHost | 'timeout';
  try {
    outcome = await Promise.race([booting, timedOut]);
  } catch (error) {
    throw new Error(`WebContainer failed to boot: ${errorMessage(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
  if (outcome === 'timeout') {
    // Only one container may exist per page: if the late boot ever completes, free it.
    booting.then((late) => late.teardown(), () => undefined);
    throw new Error(
      `WebContainer did not boot within ${timeoutMs} ms. Its runtime is loaded from https://stackblitz.com in an iframe; without access to it (offline, or requests blocked) it cannot start.`,
    );
  }
  return outcome;
}

interface TerminalReading {
  /** Waits (at most KILL_GRACE_MS) for the output to end, then stops reading. */
  close(): Promise<void>;
}

/** Reads a process's terminal, handing out records and text; afterBatch runs after each chunk. */
function readTerminal(process: ContainerProcess, onPiece: (piece: TerminalPiece) => void, afterBatch?: () => void): TerminalReading {
  const demuxer = new TerminalDemuxer();
  const reader = process.output.getReader();
  const done = (async () => {
    try {
      for (;;) {
        const { done: ended, value } = await reader.read();
        if (ended) break;
        for (const piece of demuxer.push(value)) onPiece(piece);
        afterBatch?.();
      }
    } finally {
      for (const piece of demuxer.flush()) onPiece(piece);
      afterBatch?.();
    }
  })();
  return {
    async close() {
      await settle(done, KILL_GRACE_MS);
      // A killed process's terminal may never close: stop waiting for it.
      await reader.cancel().catch(() => undefined);
    },
  };
}

/** How a process ended: its exit, its time limit (it is killed), or a stop (it is killed). */
async function endOf(process: ContainerProcess, limitMs: number, signal: AbortSignal): Promise<Ending> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const limit = new Promise<Ending>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), limitMs);
    onAbort = () => resolve({ kind: 'stopped' });
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  const exited = process.exit.then((code): Ending => ({ kind: 'exit', code }));
  try {
    const ending = await Promise.race([exited, limit]);
    if (ending.kind !== 'exit') {
      process.kill();
      await settle(exited, KILL_GRACE_MS);
    }
    return ending;
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** Waits for a promise to settle (never rejects), or at most graceMs. */
async function settle(promise: Promise<unknown>, graceMs?: number): Promise<void> {
  const settled = promise.then(
    () => undefined,
    () => undefined,
  );
  if (graceMs === undefined) return settled;
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
  clearTimeout(timer);
}

function stopNote(kind: 'timeout' | 'stopped', limitMs: number, elapsedMs: number): string {
  return kind === 'timeout' ? `Stopped: the run passed its time limit of ${limitMs} ms.` : `Stopped after ${elapsedMs} ms.`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
