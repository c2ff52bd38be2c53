import { describe, expect, it } from 'vitest';
import type { RunRequest } from '../../shared/session/SessionServices.ts';
import type { RuntimeView } from '../../shared/session/selectRuntime.ts';
import { describeRunControls } from './describeRunControls.ts';

const idle: RuntimeView = { state: 'ready', name: 'worker', failure: null, current: null, queue: [], last: null, canRun: true, canStop: false };
const target = { label: 'src/main.ts', enabled: true };
const person = (kind: RunRequest['kind']): RunRequest => ({ runId: 'r1', kind, origin: { by: 'person' } });
const deepTests: RunRequest = { runId: 'r2', kind: 'tests', origin: { by: 'deep', taskId: 'd1', callId: 'c1', call: { name: 'run_tests', arguments: {} } } };

describe('describeRunControls', () => {
  it('waits for the session before anything can run', () => {
    const controls = describeRunControls(undefined, target, 2);
    expect(controls.run).toEqual({ enabled: false, title: 'Starting…' });
    expect(controls.test.enabled).toBe(false);
    expect(controls.stop.visible).toBe(false);
    expect(controls.activity).toBeUndefined();
  });

  it('offers Run and Test when ready, each with its shortcut, and says why one cannot', () => {
    const controls = describeRunControls(idle, target, 1);
    expect(controls.run).toMatchObject({ enabled: true, title: expect.stringContaining('Run src/main.ts (') });
    expect(controls.test).toMatchObject({ enabled: true, title: expect.stringContaining('Run the test file (') });
    expect(describeRunControls(idle, { label: '', enabled: false, reason: 'No JavaScript or TypeScript file to run' }, 0)).toMatchObject({
      run: { enabled: false, title: 'No JavaScript or TypeScript file to run' },
      test: { enabled: false, title: 'No test files: name a file *.test.ts' },
    });
  });

  it("shows the person's run going on, with Stop and Esc", () => {
    const controls = describeRunControls({ ...idle, state: 'running', current: person('tests'), canStop: true }, target, 1);
    expect(controls).toMatchObject({ stop: { visible: true, title: 'Stop (Esc)' }, escStops: true, activity: { kind: 'running', text: 'Testing…' } });
    // A press while it runs is taken: it waits.
    expect(controls.run.enabled).toBe(true);
  });

  it("shows the deep lane's run, which Stop ends but Esc leaves alone", () => {
    const controls = describeRunControls({ ...idle, state: 'running', current: deepTests, canStop: true }, target, 1);
    expect(controls).toMatchObject({ stop: { visible: true, title: "Stop the deep lane's tests" }, escStops: false, activity: { kind: 'running', text: 'Deep lane: testing…' } });
  });

  it("says a press waits, and for what", () => {
    expect(describeRunControls({ ...idle, state: 'running', current: deepTests, queue: [person('program')], canStop: true }, target, 1).activity).toEqual({
      kind: 'waiting',
      text: "Run waits for the deep lane's tests…",
    });
    expect(describeRunControls({ ...idle, state: 'booting', name: null, queue: [person('tests')] }, target, 1).activity).toEqual({
      kind: 'waiting',
      text: 'Tests wait for the runtime to start…',
    });
    expect(describeRunControls({ ...idle, state: 'stopping', current: person('program') }, target, 1).activity).toEqual({ kind: 'stopping', text: 'Stopping…' });
  });

  it('says the runtime failed, with its reason, and runs nothing', () => {
    const controls = describeRunControls({ ...idle, state: 'failed', failure: 'esbuild did not load', canRun: false }, target, 1);
    expect(controls.run).toEqual({ enabled: false, title: 'The runtime failed: esbuild did not load' });
    expect(controls.test.enabled).toBe(false);
    expect(controls.activity).toEqual({ kind: 'failed', text: 'Runtime failed: esbuild did not load', detail: 'esbuild did not load' });
    // A long reason is cut to a few words beside the buttons; the whole of it is the tooltip.
    const long = 'WebContainer did not boot within 8000 ms. Its runtime is loaded from https://stackblitz.com in an iframe.';
    expect(describeRunControls({ ...idle, state: 'failed', failure: long, canRun: false }, target, 1).activity).toEqual({
      kind: 'failed',
      text: 'Runtime failed: could not reach its host',
      detail: long,
    });
  });
});
