import { describe, expect, it } from 'vitest';
import { describeRuntime } from '../runtime/selectRuntime.ts';
import { runtimeStatusEvent } from './runtimeStatusEvent.ts';

describe('runtimeStatusEvent', () => {
  it('says nothing while the active runtime boots', () => {
    expect(runtimeStatusEvent(describeRuntime('auto', { phase: 'booting', since: 0 }, { phase: 'booting', since: 0 }), undefined)).toBeNull();
  });

  it('reports ready once, and again when another runtime takes over', () => {
    const worker = describeRuntime('auto', { phase: 'ready', bootMs: 5 }, { phase: 'booting', since: 0 });
    const first = runtimeStatusEvent(worker, undefined);
    expect(first).toEqual({ type: 'runtime.ready', runtime: 'worker' });
    // WebContainer failing in the background changes nothing for the runs.
    expect(runtimeStatusEvent(describeRuntime('auto', { phase: 'ready', bootMs: 5 }, { phase: 'failed', reason: 'no host' }), first ?? undefined)).toBeNull();
    expect(runtimeStatusEvent(describeRuntime('auto', { phase: 'ready', bootMs: 5 }, { phase: 'ready', bootMs: 900 }), first ?? undefined)).toEqual({
      type: 'runtime.ready',
      runtime: 'webcontainer',
    });
  });

  it("reports the active runtime's own failure, then the fallback that boots", () => {
    const failed = runtimeStatusEvent(describeRuntime('worker', { phase: 'failed', reason: 'esbuild did not load' }, { phase: 'off' }), undefined);
    expect(failed).toEqual({ type: 'runtime.failed', reason: 'esbuild did not load' });
    expect(runtimeStatusEvent(describeRuntime('worker', { phase: 'failed', reason: 'esbuild did not load' }, { phase: 'off' }), failed ?? undefined)).toBeNull();
    const wc = runtimeStatusEvent(describeRuntime('auto', { phase: 'failed', reason: 'esbuild did not load' }, { phase: 'ready', bootMs: 700 }), failed ?? undefined);
    expect(wc).toEqual({ type: 'runtime.ready', runtime: 'webcontainer' });
  });
});
