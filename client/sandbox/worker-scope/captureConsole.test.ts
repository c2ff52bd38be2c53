import { describe, expect, it } from 'vitest';
import { captureConsole, renderTable } from './captureConsole.ts';

function captured() {
  const lines: [string, string][] = [];
  const target = {} as Console;
  let clock = 0;
  captureConsole(target, (stream, text) => lines.push([stream, text]), (text) => text.replace('blob:null/x', 'pairlane://bundle/0'), () => (clock += 1.5));
  return { console: target, lines };
}

describe('captureConsole', () => {
  it('sends log/info/debug to stdout and warn/error to stderr, one line per call', () => {
    const { console, lines } = captured();
    console.log('a', 1);
    console.info('b');
    console.debug('c');
    console.warn('w');
    console.error('e');
    expect(lines).toEqual([
      ['stdout', 'a 1\n'],
      ['stdout', 'b\n'],
      ['stdout', 'c\n'],
      ['stderr', 'w\n'],
      ['stderr', 'e\n'],
    ]);
  });

  it('indents groups, counts, times and asserts like Node', () => {
    const { console, lines } = captured();
    console.group('outer');
    console.log('inside');
    console.groupEnd();
    console.count();
    console.count();
    console.time('t');
    console.timeEnd('t');
    console.assert(1 === 1, 'never');
    console.assert(false, 'broken');
    expect(lines.map(([, text]) => text)).toEqual(['outer\n', '  inside\n', 'default: 1\n', 'default: 2\n', 't: 1.500ms\n', 'Assertion failed: broken\n']);
  });

  it('rewrites blob URLs in what it prints', () => {
    const { console, lines } = captured();
    console.error('at blob:null/x:1:2');
    expect(lines).toEqual([['stderr', 'at pairlane://bundle/0:1:2\n']]);
  });
});

describe('renderTable', () => {
  it('draws rows and columns', () => {
    expect(renderTable([{ a: 1, b: 'x' }, { a: 2 }]).split('\n')).toEqual([
      '┌─────────┬───┬─────┐',
      '│ (index) │ a │  b  │',
      '├─────────┼───┼─────┤',
      "│    0    │ 1 │ 'x' │",
      '│    1    │ 2 │     │',
      '└─────────┴───┴─────┘',
    ]);
  });
});
