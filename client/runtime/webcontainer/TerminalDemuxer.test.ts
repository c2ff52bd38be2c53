import { describe, expect, it } from 'vitest';
import { RECORD_PREFIX } from './containerRecord.ts';
import sampleTerminal from './fixtures/vitestTerminal.sample.txt?raw';
import { TerminalDemuxer, type TerminalPiece } from './TerminalDemuxer.ts';

function feed(chunks: readonly string[]): TerminalPiece[] {
  const demuxer = new TerminalDemuxer();
  const pieces = [...chunks.flatMap((c) => demuxer.push(c)), ...demuxer.flush()];
  // Merge neighbouring text pieces so results compare independently of chunking.
  const merged: TerminalPiece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (piece.kind === 'text' && last?.kind === 'text') last.text += piece.text;
    else merged.push(piece.kind === 'text' ? { ...piece } : piece);
  }
  return merged;
}

const record = (r: object) => `${RECORD_PREFIX}${JSON.stringify(r)}\n`;

describe('TerminalDemuxer', () => {
  it('separates records from plain text, in order', () => {
    const stream = `hello\n${record({ t: 'out', stream: 'stderr', text: 'oops\n' })}bye\n`;
    expect(feed([stream])).toEqual([
      { kind: 'text', text: 'hello\n' },
      { kind: 'record', record: { t: 'out', stream: 'stderr', text: 'oops\n' } },
      { kind: 'text', text: 'bye\n' },
    ]);
  });

  it('gives the same result however a terminal splits and re-terminates the stream', () => {
    const crlf = sampleTerminal.replace(/\n/g, '\r\n');
    const whole = feed([sampleTerminal]);
    for (const size of [1, 3, 7, 64, 1000]) {
      const chunks: string[] = [];
      for (let i = 0; i < crlf.length; i += size) chunks.push(crlf.slice(i, i + size));
      expect(feed(chunks)).toEqual(whole);
    }
    const records = whole.filter((p) => p.kind === 'record');
    expect(records).toHaveLength(17);
    expect(whole.filter((p) => p.kind === 'text')).toEqual([
      { kind: 'text', text: 'JSON report written to /tmp/wc-sample/.pairlane/report.json\n' },
    ]);
  });

  it('passes plain text on at once, without waiting for a newline', () => {
    const demuxer = new TerminalDemuxer();
    expect(demuxer.push('progress 50%')).toEqual([{ kind: 'text', text: 'progress 50%' }]);
  });

  it('treats a framed line that does not parse, and a stray RS, as text', () => {
    expect(feed([`${RECORD_PREFIX}{not json}\n`, 'a\u001eb\n'])).toEqual([
      { kind: 'text', text: `${RECORD_PREFIX}{not json}\na\u001eb\n` },
    ]);
    expect(feed([record({ t: 'unknown-kind' })])).toEqual([{ kind: 'text', text: record({ t: 'unknown-kind' }) }]);
  });

  it('returns an unfinished record as text at the end of the stream', () => {
    expect(feed([`${RECORD_PREFIX}{"t":"out"`])).toEqual([{ kind: 'text', text: `${RECORD_PREFIX}{"t":"out"` }]);
  });
});
