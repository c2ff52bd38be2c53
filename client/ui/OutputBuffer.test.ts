import { describe, expect, it } from 'vitest';
import { OutputBuffer } from './OutputBuffer.ts';

const texts = (buffer: OutputBuffer): string[] => buffer.lines.map((l) => `${l.stream}:${l.text}`);

describe('OutputBuffer', () => {
  it('joins chunks split mid-line and splits chunks holding several lines', () => {
    const buffer = new OutputBuffer();
    buffer.append({ stream: 'stdout', text: 'hel' });
    buffer.append({ stream: 'stdout', text: 'lo\nwor' });
    buffer.append({ stream: 'stdout', text: 'ld\n\nend\n' });
    expect(texts(buffer)).toEqual(['stdout:hello', 'stdout:world', 'stdout:', 'stdout:end']);
  });

  it('starts a new line when the stream changes, and keeps system notes apart', () => {
    const buffer = new OutputBuffer();
    buffer.append({ stream: 'stdout', text: 'out' });
    buffer.append({ stream: 'stderr', text: 'err\n' });
    buffer.append({ stream: 'system', text: 'note' });
    buffer.append({ stream: 'system', text: 'other' });
    expect(texts(buffer)).toEqual(['stdout:out', 'stderr:err', 'system:note', 'system:other']);
  });

  it('drops the oldest lines past its cap and counts them', () => {
    const buffer = new OutputBuffer(100);
    for (let i = 0; i < 1000; i += 1) buffer.append({ stream: 'stdout', text: `${i}\n` });
    expect(buffer.lines.length).toBeLessThanOrEqual(110);
    expect(buffer.dropped + buffer.lines.length).toBe(1000);
    expect(buffer.lines[buffer.lines.length - 1]?.text).toBe('999');
  });

  it('clear empties it and moves its version on', () => {
    const buffer = new OutputBuffer();
    buffer.append({ stream: 'stdout', text: 'x' });
    const version = buffer.version;
    buffer.clear();
    expect(buffer.lines).toEqual([]);
    expect(buffer.version).toBeGreaterThan(version);
  });
});
