import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './parseCliArgs.ts';

describe('parseCliArgs', () => {
  it('reads a test command with its folder and flags, in any order', () => {
    expect(parseCliArgs(['test', 'examples/sum'])).toEqual({ kind: 'test', folder: 'examples/sum', json: false });
    expect(parseCliArgs(['test', '--json', 'x'])).toEqual({ kind: 'test', folder: 'x', json: true });
    expect(parseCliArgs(['test', 'x', '--timeout', '5000'])).toEqual({ kind: 'test', folder: 'x', json: false, timeoutMs: 5000 });
    expect(parseCliArgs(['test', '--timeout=700', 'x', '--json'])).toEqual({ kind: 'test', folder: 'x', json: true, timeoutMs: 700 });
  });

  it('asks for help on -h, --help and help', () => {
    for (const argv of [['--help'], ['-h'], ['help'], ['test', 'x', '--help']]) expect(parseCliArgs(argv)).toEqual({ kind: 'help' });
  });

  it('refuses what it does not understand, saying what', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'usage-error', message: 'Missing command.' });
    expect(parseCliArgs(['run', 'x'])).toEqual({ kind: 'usage-error', message: 'Unknown command "run".' });
    expect(parseCliArgs(['test'])).toEqual({ kind: 'usage-error', message: 'Missing <folder>.' });
    expect(parseCliArgs(['test', 'a', 'b'])).toEqual({ kind: 'usage-error', message: 'Expected one folder, got 2.' });
    expect(parseCliArgs(['test', 'a', '--watch'])).toEqual({ kind: 'usage-error', message: 'Unknown option "--watch".' });
    expect(parseCliArgs(['test', 'a', '--timeout'])).toMatchObject({ kind: 'usage-error' });
    expect(parseCliArgs(['test', 'a', '--timeout=-3'])).toMatchObject({ kind: 'usage-error' });
  });
});
