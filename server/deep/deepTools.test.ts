import { describe, expect, it } from 'vitest';
import { checkToolCall, DEEP_TOOLS } from './deepTools.ts';

describe('DEEP_TOOLS', () => {
  it('tells the model the parameters the arguments are validated against', () => {
    expect(DEEP_TOOLS.map((tool) => tool.name)).toEqual(['update_plan', 'list_files', 'read_file', 'search', 'apply_patch', 'run_tests', 'run_program']);
    expect(DEEP_TOOLS.find((tool) => tool.name === 'read_file')?.parameters).toEqual({
      type: 'object',
      properties: { path: { type: 'string' }, startLine: { type: 'integer' }, endLine: { type: 'integer' } },
      required: ['path'],
    });
    expect(DEEP_TOOLS.find((tool) => tool.name === 'update_plan')?.parameters).toEqual({
      type: 'object',
      properties: {
        steps: {
          type: 'array',
          items: {
            type: 'object',
            properties: { id: { type: 'string', description: 'Short and stable across updates, e.g. "1"' }, title: { type: 'string' }, status: { enum: ['pending', 'in-progress', 'done'] } },
            required: ['id', 'title', 'status'],
          },
        },
      },
      required: ['steps'],
    });
  });
});

describe('checkToolCall', () => {
  it('accepts a valid call and the plan', () => {
    expect(checkToolCall('read_file', '{"path":"src/a.ts","startLine":2}')).toEqual({ kind: 'client', call: { name: 'read_file', arguments: { path: 'src/a.ts', startLine: 2 } } });
    expect(checkToolCall('list_files', '')).toEqual({ kind: 'client', call: { name: 'list_files', arguments: {} } });
    expect(checkToolCall('update_plan', '{"steps":[{"id":"1","title":"Do it","status":"done"}]}')).toEqual({ kind: 'plan', steps: [{ id: '1', title: 'Do it', status: 'done' }] });
  });

  it('says what is wrong with a call it refuses', () => {
    expect(checkToolCall('update_plan', '{"steps":[{"id":"1","title":"x","status":"todo"}]}')).toMatchObject({ kind: 'refused', failure: 'invalid-arguments', message: expect.stringContaining('steps.0.status') as string });
    expect(checkToolCall('read_file', '{"path":"a","extra":1}')).toMatchObject({ kind: 'refused', failure: 'invalid-arguments', message: expect.stringContaining('extra') as string });
    expect(checkToolCall('run_tests', '[1]')).toMatchObject({ kind: 'refused', failure: 'invalid-arguments' });
    expect(checkToolCall('constructor', '{}')).toMatchObject({ kind: 'refused', failure: 'unknown-tool' });
  });
});
