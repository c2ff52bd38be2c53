import { describe, expect, it } from 'vitest';
import { describeRuntime, runtimePreference, shortReason } from './selectRuntime.ts';

describe('runtimePreference', () => {
  it('reads ?runtime= and treats anything else as automatic', () => {
    expect(runtimePreference('?runtime=worker')).toBe('worker');
    expect(runtimePreference('?x=1&runtime=webcontainer')).toBe('webcontainer');
    expect(runtimePreference('?runtime=node')).toBe('auto');
    expect(runtimePreference('')).toBe('auto');
  });
});

describe('describeRuntime', () => {
  const ready = { phase: 'ready', bootMs: 2140 } as const;
  const booting = { phase: 'booting', since: 0 } as const;
  const off = { phase: 'off' } as const;

  it('runs on the worker while WebContainer boots, and says so', () => {
    const status = describeRuntime('auto', ready, booting);
    expect(status).toMatchObject({ active: 'worker', phase: 'ready' });
    expect(status.label).toBe('Offline runtime · trying WebContainer…');
  });

  it('names the reason WebContainer is unavailable, shortened for the badge and whole in the tooltip', () => {
    const reason =
      'WebContainer did not boot within 8000 ms. Its runtime is loaded from https://stackblitz.com in an iframe; without access to it (offline, or requests blocked) it cannot start.';
    const status = describeRuntime('auto', ready, { phase: 'failed', reason });
    expect(status.active).toBe('worker');
    expect(status.label).toBe('Offline runtime · WebContainer unavailable: could not reach its host');
    expect(status.detail).toContain(reason);
  });

  it('switches to WebContainer once it booted, with its boot time', () => {
    const status = describeRuntime('auto', ready, ready);
    expect(status).toMatchObject({ active: 'webcontainer', phase: 'ready', label: 'WebContainer · booted in 2.1 s' });
  });

  it('honours a forced choice', () => {
    expect(describeRuntime('worker', ready, off).label).toBe('Offline runtime · chosen by ?runtime=worker');
    const forced = describeRuntime('webcontainer', off, { phase: 'failed', reason: 'This page is not cross-origin isolated.' });
    expect(forced).toMatchObject({ active: 'webcontainer', phase: 'failed', label: 'WebContainer failed: page is not cross-origin isolated' });
  });

  it('says when the offline runtime is still starting', () => {
    expect(describeRuntime('auto', booting, booting).label).toBe('Starting the offline runtime · trying WebContainer…');
  });

  it('reports a worker runtime that could not start', () => {
    const status = describeRuntime('worker', { phase: 'failed', reason: 'esbuild failed to initialise' }, off);
    expect(status.phase).toBe('failed');
    expect(status.detail).toContain('esbuild failed to initialise');
  });
});

describe('shortReason', () => {
  it('keeps the first clause of an unknown reason and caps its length', () => {
    expect(shortReason('Out of memory. Try again later.')).toBe('Out of memory');
    expect(shortReason('x'.repeat(100))).toHaveLength(58);
  });
});

describe('describeRuntime with Python', () => {
  it('says nothing of Python until it was asked for, then where it is', () => {
    const ready = { phase: 'ready', bootMs: 2140 } as const;
    const booting = { phase: 'booting', since: 0 } as const;
    expect(describeRuntime('worker', ready, { phase: 'off' }).label).not.toContain('Python');
    expect(describeRuntime('worker', ready, { phase: 'off' }, booting).label).toBe('Offline runtime · chosen by ?runtime=worker · Python starting…');
    const python = describeRuntime('worker', ready, { phase: 'off' }, { phase: 'ready', bootMs: 2900 });
    expect(python.label).toBe('Offline runtime · chosen by ?runtime=worker · Python ready (2.9 s)');
    expect(python.detail).toContain('Pyodide');
    expect(describeRuntime('worker', ready, { phase: 'off' }, { phase: 'failed', reason: 'Python (Pyodide) did not boot within 60 s' }).label).toContain('Python unavailable');
  });
});
