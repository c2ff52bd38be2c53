import { describe, expect, it } from 'vitest';
import { fileNamesIn, promotionReasons } from './promotionReasons.ts';

const facts = (instruction: string, more: { paths?: string[]; rejections?: number; asked?: boolean } = {}) =>
  promotionReasons({ instruction, paths: more.paths ?? ['src/a.ts'], rejections: more.rejections ?? 0, asked: more.asked });

describe('promotion criteria', () => {
  it('keeps a plain, local instruction in the fast lane', () => {
    for (const instruction of ['use reduce', 'keep the loop', 'rename total to sum', 'add a null check', 'make this a test helper', 'explain the tests file', 'test for empty input first']) {
      expect(facts(instruction), instruction).toEqual([]);
    }
  });

  it('promotes an instruction that names several files', () => {
    expect(facts('move parse from parser.ts into src/util/parse.ts')).toEqual(['names-several-files']);
    expect(facts('rename parse in all three files')).toEqual(['names-several-files']);
    expect(facts('update every file that imports it')).toEqual(['names-several-files']);
    expect(facts('do the same in both files')).toEqual(['names-several-files']);
    expect(facts('apply it across the codebase')).toEqual(['names-several-files']);
    // One file named once (or twice) is still one file.
    expect(facts('in parser.ts, inline the helper; parser.ts only')).toEqual([]);
  });

  it('promotes an instruction that asks for tests to pass', () => {
    expect(facts('make the tests pass')).toEqual(['asks-for-tests']);
    expect(facts('change it until the tests are green')).toEqual(['asks-for-tests']);
    expect(facts('fix the failing test')).toEqual(['asks-for-tests']);
    expect(facts('get sum.test.ts passing')).toEqual(['asks-for-tests']);
  });

  it('promotes a selection or change over several files, a second rejection, and a request for the deep lane', () => {
    expect(facts('use reduce', { paths: ['src/a.ts', 'src/b.ts'] })).toEqual(['spans-files']);
    expect(facts('use reduce', { paths: ['src/a.ts', 'src/a.ts'] })).toEqual([]);
    expect(facts('use reduce', { rejections: 1 })).toEqual([]);
    expect(facts('use reduce', { rejections: 2 })).toEqual(['rejected-twice']);
    expect(facts('use reduce', { asked: true })).toEqual(['asked']);
  });

  it('names every criterion that holds, in a fixed order', () => {
    expect(facts('rename parse in all three files and make the tests pass', { paths: ['a.ts', 'b.ts'], rejections: 2, asked: true })).toEqual([
      'asked',
      'names-several-files',
      'asks-for-tests',
      'spans-files',
      'rejected-twice',
    ]);
  });

  it('finds file names by their extension', () => {
    expect(fileNamesIn('see src/a.ts, "b.test.js" and (README.md); not e.g. or 1.5')).toEqual(['src/a.ts', 'b.test.js', 'readme.md']);
  });
});
