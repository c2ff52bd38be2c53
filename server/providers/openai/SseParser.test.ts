import { describe, expect, it } from 'vitest';
import { SseParser, type SseEvent } from './SseParser.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

/** Feeds `parts` as separate reads and returns every event, the end of the body included. */
function parse(parts: readonly (string | Uint8Array)[]): SseEvent[] {
  const parser = new SseParser();
  const events: SseEvent[] = [];
  for (const part of parts) events.push(...parser.push(typeof part === 'string' ? bytes(part) : part));
  events.push(...parser.end());
  return events;
}

/** Every way of cutting `text` into two reads, and into single bytes. */
function everySplit(text: string): Uint8Array[][] {
  const all = bytes(text);
  const splits: Uint8Array[][] = [];
  for (let at = 0; at <= all.length; at++) splits.push([all.slice(0, at), all.slice(at)]);
  splits.push(Array.from(all, (byte) => Uint8Array.of(byte)));
  return splits;
}

const data = (value: string, event?: string): SseEvent => ({ event, data: value });

describe('SseParser', () => {
  it('reads the events of one read, in order', () => {
    expect(parse(['data: {"a":1}\n\ndata: {"a":2}\n\ndata: [DONE]\n\n'])).toEqual([data('{"a":1}'), data('{"a":2}'), data('[DONE]')]);
  });

  it('gives the same events however the body is split across reads', () => {
    const body = 'event: response.output_text.delta\ndata: {"delta":"héllo ✓ 🙂"}\n\n: keep-alive\r\ndata: line one\r\ndata: line two\r\n\r\ndata:x\rdata: y\r\rdata: [DONE]\n\n';
    const expected = [data('{"delta":"héllo ✓ 🙂"}', 'response.output_text.delta'), data('line one\nline two'), data('x\ny'), data('[DONE]')];
    for (const parts of everySplit(body)) expect(parse(parts)).toEqual(expected);
  });

  it('returns each event from the read that completed it, holding back a partial one', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: {"a":1}\n\ndata: {"a"'))).toEqual([data('{"a":1}')]);
    expect(parser.push(bytes(':2}\n'))).toEqual([]);
    expect(parser.push(bytes('\n'))).toEqual([data('{"a":2}')]);
    expect(parser.end()).toEqual([]);
  });

  it('waits for the next read to tell \\r\\n from a lone \\r', () => {
    const parser = new SseParser();
    expect(parser.push(bytes('data: a\r'))).toEqual([]);
    expect(parser.push(bytes('\n\r'))).toEqual([]);
    expect(parser.push(bytes('\n'))).toEqual([data('a')]);
  });

  it('decodes a UTF-8 character split across reads whole', () => {
    const all = bytes('data: "€"\n\n');
    // "€" is three bytes (E2 82 AC) starting at offset 7: cut inside it.
    expect(parse([all.slice(0, 8), all.slice(8, 9), all.slice(9)])).toEqual([data('"€"')]);
  });

  it('skips comments, unknown fields, id and retry, and events without data', () => {
    expect(parse([': hello\nid: 7\nretry: 1000\nfoo: bar\n\nevent: ping\n\ndata: {}\n\n'])).toEqual([data('{}')]);
  });

  it('drops one space after the colon only, and takes a line without colon as a field with empty value', () => {
    expect(parse(['data:  two spaces\n\ndata\ndata\n\n'])).toEqual([data(' two spaces'), data('\n')]);
  });

  it('dispatches a last event the body ended without a blank line after', () => {
    expect(parse(['data: {"a":1}\n\ndata: [DONE]'])).toEqual([data('{"a":1}'), data('[DONE]')]);
    expect(parse(['data: {"a":1}\n\ndata: [DONE]\n'])).toEqual([data('{"a":1}'), data('[DONE]')]);
    expect(parse(['data: last\r'])).toEqual([data('last')]);
  });

  it('forgets the event name once its event is dispatched', () => {
    expect(parse(['event: error\ndata: {"x":1}\n\ndata: {"y":2}\n\n'])).toEqual([data('{"x":1}', 'error'), data('{"y":2}')]);
  });

  it('reads a read of many events, split mid-event at its end', () => {
    const event = 'data: {"choices":[{"delta":{"content":"tick"}}]}\n\n';
    const parser = new SseParser();
    expect(parser.push(bytes(event.repeat(4000) + event.slice(0, 20)))).toHaveLength(4000);
    expect(parser.push(bytes(event.slice(20)))).toEqual([data('{"choices":[{"delta":{"content":"tick"}}]}')]);
  });
});
