import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../../../shared/testReport.ts';
import { PythonOutput } from './PythonOutput.ts';

function setup(maxBytes = 1_000) {
  let clock = 0;
  const sent: { chunks: OutputChunk[]; dropped: number }[] = [];
  const output = new PythonOutput((chunks, dropped) => sent.push({ chunks, dropped }), () => clock);
  output.reset(maxBytes);
  return { output, sent, advance: (ms: number) => (clock += ms) };
}

describe('PythonOutput', () => {
  it('sends each write at once while writes are few', () => {
    const { output, sent } = setup();
    output.write('stdout', 'spinning');
    output.write('stdout', '\n');
    expect(sent.map((s) => s.chunks)).toEqual([[{ stream: 'stdout', text: 'spinning' }], [{ stream: 'stdout', text: '\n' }]]);
  });

  it('gathers a flood into one batch per window, merged by stream', () => {
    const { output, sent, advance } = setup(1_000_000);
    for (let i = 0; i < 100; i += 1) output.write(i % 50 === 49 ? 'stderr' : 'stdout', 'x\n');
    expect(sent.length).toBe(8);
    output.flush();
    expect(sent.length).toBe(9);
    expect(sent[8]?.chunks.map((c) => c.stream)).toEqual(['stdout', 'stderr', 'stdout', 'stderr']);
    advance(20);
    output.write('stdout', 'later\n');
    expect(sent.length).toBe(10);
  });

  it('keeps the byte budget and reports what it dropped once', () => {
    const { output, sent, advance } = setup(10);
    output.write('stdout', '0123456789abcdef');
    advance(20);
    output.write('stdout', 'more');
    output.flush();
    expect(sent.map((s) => s.chunks.map((c) => c.text).join(''))).toEqual(['0123456789', '']);
    expect(sent.map((s) => s.dropped)).toEqual([6, 10]);
  });
});
