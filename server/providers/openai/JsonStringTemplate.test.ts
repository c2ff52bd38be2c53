import { describe, expect, it } from 'vitest';
import { JsonStringTemplate } from './JsonStringTemplate.ts';

const delta = (content: string, id = 'chatcmpl-1') =>
  `{"id":"${id}","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}},"finish_reason":null}]}`;

function learnt(): JsonStringTemplate {
  const template = new JsonStringTemplate('content');
  template.learn(delta(' t10'), ' t10');
  return template;
}

describe('JsonStringTemplate', () => {
  it('matches nothing before it has learnt a shape', () => {
    expect(new JsonStringTemplate('content').match(delta('x'))).toBeUndefined();
  });

  it('reads the field of an event of the learnt shape, as JSON.parse would', () => {
    const template = learnt();
    for (const text of [' t11', '', 'line\nnext', 'say "hi"', 'back\\slash', 'tab\there', 'é ü 中 🙂', '\u0001', 'ends with \\']) {
      const json = delta(text);
      expect(template.match(json)).toBe((JSON.parse(json) as { choices: { delta: { content: string } }[] }).choices[0]!.delta.content);
    }
  });

  it('does not match another shape, another id, or a body that would end the string early', () => {
    const template = learnt();
    expect(template.match(delta('x', 'chatcmpl-2'))).toBeUndefined();
    expect(template.match(delta('x').replace('"finish_reason":null', '"finish_reason":"stop"'))).toBeUndefined();
    const head = delta('').slice(0, delta('').indexOf('"content":"') + '"content":"'.length);
    const tail = delta('').slice(head.length);
    // A body with a bare quote changes the structure: it is not read as text.
    expect(template.match(`${head}a","content":"b${tail}`)).toBeUndefined();
    // A trailing backslash escapes the closing quote: not a string body either.
    expect(template.match(`${head}a\\${tail}`)).toBeUndefined();
    // A raw control character is invalid JSON: left to JSON.parse to reject.
    expect(template.match(`${head}a\u0001${tail}`)).toBeUndefined();
  });

  it('learns nothing from JSON where the field occurs twice or does not read back as the value', () => {
    const twice = new JsonStringTemplate('content');
    twice.learn('{"a":{"content":"x"},"b":{"content":"y"}}', 'x');
    expect(twice.match('{"a":{"content":"z"},"b":{"content":"y"}}')).toBeUndefined();
    const wrong = new JsonStringTemplate('content');
    wrong.learn(delta('x'), 'y');
    expect(wrong.match(delta('z'))).toBeUndefined();
  });
});
