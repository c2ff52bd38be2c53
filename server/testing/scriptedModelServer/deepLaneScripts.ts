import type { ScriptedResponseInput } from './ScriptedResponse.ts';

/**
 * Scripted deep-lane tasks: a workspace (real code with real tests, for the browser runtime) and
 * the model's answers, turn by turn, as tool calls. They drive the deep loop in the Node tests
 * (with a content-checking double for run_tests) and in the e2e (with the real runtime). The
 * answers are fixed: what the tests check is what reached the model and the client.
 */
export interface DeepLaneScript {
  instruction: string;
  files: Record<string, string>;
  answers: ScriptedResponseInput[];
}

const files: Record<string, string> = {
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'src/total.ts': "import { add } from './math.ts';\n\nexport function total(xs: number[]): number {\n  return xs.reduce((sum, x) => add(sum, x), 0);\n}\n",
  'src/main.ts': "import { add } from './math.ts';\n\nconsole.log(add(2, 3));\n",
  'src/math.test.ts': [
    "import { expect, it } from 'vitest';",
    "import { plus } from './math.ts';",
    "import { total } from './total.ts';",
    '',
    "it('plus adds', () => expect(plus(1, 2)).toBe(3));",
    "it('total sums with plus', () => expect(total([1, 2, 3])).toBe(6));",
    '',
  ].join('\n'),
};

const plan = {
  steps: [
    { id: '1', title: 'Find every use of add', status: 'in-progress' },
    { id: '2', title: 'Rename add to plus', status: 'pending' },
    { id: '3', title: 'Run the tests', status: 'pending' },
  ],
};

/** A unified diff for math.ts and main.ts: the rename, except in total.ts. */
const mathAndMain = [
  '--- a/src/math.ts',
  '+++ b/src/math.ts',
  '@@ -1,3 +1,3 @@',
  '-export function add(a: number, b: number): number {',
  '+export function plus(a: number, b: number): number {',
  '   return a + b;',
  ' }',
  '--- a/src/main.ts',
  '+++ b/src/main.ts',
  '@@ -1,3 +1,3 @@',
  "-import { add } from './math.ts';",
  "+import { plus } from './math.ts';",
  ' ',
  '-console.log(add(2, 3));',
  '+console.log(plus(2, 3));',
  '',
].join('\n');

/** Search/replace blocks for total.ts. */
const total = [
  'src/total.ts',
  '<<<<<<< SEARCH',
  "import { add } from './math.ts';",
  '=======',
  "import { plus } from './math.ts';",
  '>>>>>>> REPLACE',
  'src/total.ts',
  '<<<<<<< SEARCH',
  '  return xs.reduce((sum, x) => add(sum, x), 0);',
  '=======',
  '  return xs.reduce((sum, x) => plus(sum, x), 0);',
  '>>>>>>> REPLACE',
].join('\n');

/** "Rename a function used in three files and make the tests pass": one patch for all three, one passing run. */
export const renameAcrossFiles: DeepLaneScript = {
  instruction: 'Rename add to plus everywhere and make the tests pass.',
  files,
  answers: [
    { text: 'First I will find every use of add.', toolCalls: [{ name: 'update_plan', arguments: plan }, { name: 'search', arguments: { query: 'add(' } }] },
    { toolCalls: [{ name: 'apply_patch', arguments: { patch: mathAndMain } }, { name: 'apply_patch', arguments: { patch: total } }] },
    { toolCalls: [{ name: 'run_tests', arguments: {} }] },
    { text: 'Renamed add to plus in src/math.ts, src/main.ts and src/total.ts; the tests pass.' },
  ],
};

/**
 * The first patch misses total.ts, so a test fails; that failure must reach the model, whose
 * second patch fixes total.ts, and the second run passes. Request 4 (after the first run) is the
 * one that carries the failure.
 */
export const firstPatchBreaksATest: DeepLaneScript = {
  instruction: 'Rename add to plus everywhere and make the tests pass.',
  files,
  answers: [
    { text: 'First I will find every use of add.', toolCalls: [{ name: 'update_plan', arguments: plan }, { name: 'search', arguments: { query: 'add(' } }] },
    { toolCalls: [{ name: 'apply_patch', arguments: { patch: mathAndMain } }] },
    { toolCalls: [{ name: 'run_tests', arguments: {} }] },
    { text: 'total.ts still uses add; fixing it.', toolCalls: [{ name: 'apply_patch', arguments: { patch: total } }] },
    { toolCalls: [{ name: 'run_tests', arguments: {} }] },
    { text: 'Renamed add to plus in src/math.ts, src/main.ts and src/total.ts; the tests pass now.' },
  ],
};
