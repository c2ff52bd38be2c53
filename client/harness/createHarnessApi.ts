import type { Runtime, RuntimeKind } from '../runtime/Runtime.ts';
import type { HarnessApi, HarnessOutcome, HarnessRuntimeOptions, HarnessTrace } from './HarnessApi.ts';

/** Makes a runtime of one kind; imported lazily, so a page pays only for the runtime it uses. */
export type RuntimeFactory = (kind: RuntimeKind, options: HarnessRuntimeOptions) => Promise<Runtime>;

interface RunRecord {
  trace: HarnessTrace;
  outcome: Promise<HarnessOutcome>;
  /** Answers to input requests, waiting for their request or the reverse. */
  inputs: { waiting: ((text: string | null) => void)[]; answers: (string | null)[] };
}

/**
 * The harness API over one runtime at a time. Runs are numbered; each keeps what it streamed
 * (output with arrival times, test results) so a test can look at a run while it goes on.
 */
export function createHarnessApi(makeRuntime: RuntimeFactory, onStatus: (text: string) => void = () => undefined): HarnessApi {
  let runtime: Runtime | undefined;
  let nextId = 1;
  const runs = new Map<number, RunRecord>();

  function current(): Runtime {
    if (!runtime) throw new Error('No runtime: call create(kind) first.');
    return runtime;
  }

  function start(kind: 'program' | 'test', launch: (rt: Runtime, trace: HarnessTrace, startedAt: number, inputs: RunRecord['inputs']) => Promise<HarnessOutcome>): number {
    const rt = current();
    const id = nextId;
    nextId += 1;
    const trace: HarnessTrace = { output: [], outputAtMs: [], testResults: [], inputRequests: 0 };
    const inputs: RunRecord['inputs'] = { waiting: [], answers: [] };
    const startedAt = performance.now();
    onStatus(`${kind} run ${id} on ${rt.kind}…`);
    const outcome = launch(rt, trace, startedAt, inputs)
      .catch((error: unknown): HarnessOutcome => ({ kind: 'rejected', message: error instanceof Error ? error.message : String(error) }))
      .then((done) => {
        trace.endedAtMs = performance.now() - startedAt;
        onStatus(`${kind} run ${id}: ${done.kind === 'program' ? done.result.status : done.kind === 'test' ? done.report.status : 'rejected'}`);
        return done;
      });
    runs.set(id, { trace, outcome, inputs });
    return id;
  }

  function listener(trace: HarnessTrace, startedAt: number, inputs: RunRecord['inputs']) {
    return {
      onInputRequest(): Promise<string | null> {
        trace.inputRequests += 1;
        const answer = inputs.answers.shift();
        if (answer !== undefined) return Promise.resolve(answer);
        return new Promise<string | null>((resolve) => inputs.waiting.push(resolve));
      },
      onOutput(chunk: HarnessTrace['output'][number]) {
        trace.output.push(chunk);
        trace.outputAtMs.push(performance.now() - startedAt);
      },
      onTestResult(result: HarnessTrace['testResults'][number]) {
        trace.testResults.push(result);
      },
    };
  }

  function record(id: number): RunRecord {
    const found = runs.get(id);
    if (!found) throw new Error(`No run ${id}.`);
    return found;
  }

  const api: HarnessApi = {
    async create(kind, options = {}) {
      const previous = runtime;
      runtime = undefined;
      await previous?.dispose();
      runtime = await makeRuntime(kind, options);
      onStatus(`${kind} runtime created`);
    },
    async ready() {
      const rt = current();
      const startedAt = performance.now();
      try {
        await rt.ready();
        const bootMs = performance.now() - startedAt;
        onStatus(`${rt.kind} ready in ${Math.round(bootMs)} ms`);
        return { ok: true, bootMs };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        onStatus(`${rt.kind} cannot boot: ${reason}`);
        return { ok: false, reason };
      }
    },
    startRun(request) {
      return start('program', async (rt, trace, startedAt, inputs) => ({ kind: 'program', result: await rt.run(request, listener(trace, startedAt, inputs)) }));
    },
    startTest(request) {
      return start('test', async (rt, trace, startedAt, inputs) => ({ kind: 'test', report: await rt.test(request, listener(trace, startedAt, inputs)) }));
    },
    trace(id) {
      return structuredClone(record(id).trace);
    },
    outcome(id) {
      return record(id).outcome;
    },
    async run(request) {
      const id = api.startRun(request);
      const outcome = await api.outcome(id);
      return { outcome, trace: api.trace(id) };
    },
    async test(request) {
      const id = api.startTest(request);
      const outcome = await api.outcome(id);
      return { outcome, trace: api.trace(id) };
    },
    answerInput(id, text) {
      const { inputs } = record(id);
      const waiting = inputs.waiting.shift();
      if (waiting) waiting(text);
      else inputs.answers.push(text);
    },
    async stop() {
      await current().stop();
    },
    async dispose() {
      const rt = runtime;
      runtime = undefined;
      await rt?.dispose();
      onStatus('runtime disposed');
    },
  };
  return api;
}
