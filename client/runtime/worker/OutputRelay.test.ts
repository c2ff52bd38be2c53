import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../../shared/testReport.ts';
import { OutputRelay } from './OutputRelay.ts';

function relay(maxBytes = 1_000_000) {
  const emitted: OutputChunk[] = [];
  const scheduled: (() => void)[] = [];
  const output = new OutputRelay({
    emit: (chunk) => emitted.push(chunk),
    maxBytes,
    mapText: (text) => text.replace('pairlane://bundle/0:3:1', 'src/a.ts:1:1'),
    schedule: (flush) => void scheduled.push(flush),
  });
  return { output, emitted, scheduled };
}

describe('OutputRelay', () => {
  it('delivers once per frame, merged by stream, with bundle positions mapped', () => {
    const { output, emitted, scheduled } = relay();
    output.push([{ stream: 'stdout', text: 'at pairlane://bundle/0:3:1\n' }], 0);
    output.push([{ stream: 'stdout', text: 'more\n' }, { stream: 'stderr', text: 'oops\n' }], 0);
    expect(emitted).toEqual([]);
    expect(scheduled).toHaveLength(1);
    scheduled[0]?.();
    expect(emitted).toEqual([
      { stream: 'stdout', text: 'at src/a.ts:1:1\nmore\n' },
      { stream: 'stderr', text: 'oops\n' },
    ]);
  });

  it('ends with one system line saying how much was cut, here and in the worker', () => {
    const { output, emitted } = relay(5);
    output.push([{ stream: 'stdout', text: 'abcdefgh' }], 2_500_000);
    output.finish();
    output.push([{ stream: 'stdout', text: 'after the end' }], 0);
    expect(emitted).toEqual([
      { stream: 'stdout', text: 'abcde' },
      { stream: 'system', text: 'Output truncated: 2.5 MB more not shown (the limit is 5 bytes per run).\n' },
    ]);
  });

  it('says nothing about truncation when nothing was cut', () => {
    const { output, emitted } = relay();
    output.push([{ stream: 'stdout', text: 'hi\n' }], 0);
    output.system('Run stopped.');
    output.finish();
    expect(emitted).toEqual([
      { stream: 'stdout', text: 'hi\n' },
      { stream: 'system', text: 'Run stopped.\n' },
    ]);
  });
});
