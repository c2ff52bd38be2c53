import { describe, expect, it } from 'vitest';
import { TestReport } from '../../../shared/testReport.ts';
import type { ContainerRecord } from './containerRecord.ts';
import sampleReport from './fixtures/vitestReport.sample.json';
import { sampleRoot, sampleWorkspace } from './fixtures/sampleWorkspace.ts';
import sampleTerminal from './fixtures/vitestTerminal.sample.txt?raw';
import { mapVitestReport } from './mapVitestReport.ts';
import { TerminalDemuxer } from './TerminalDemuxer.ts';

function sampleRecords(): ContainerRecord[] {
  const demuxer = new TerminalDemuxer();
  const pieces = [...demuxer.push(sampleTerminal), ...demuxer.flush()];
  return pieces.flatMap((p) => (p.kind === 'record' ? [p.record] : []));
}

function byName(report: TestReport, file: string, name: string) {
  const test = report.files.find((f) => f.file === file)?.tests.find((t) => t.name === name);
  if (!test) throw new Error(`no test ${file} > ${name}`);
  return test;
}

describe('mapVitestReport on a real vitest 4 JSON report', () => {
  const withRecords = mapVitestReport({
    report: sampleReport,
    root: sampleRoot,
    records: sampleRecords(),
    files: sampleWorkspace,
    durationMs: 1234,
  });
  const jsonOnly = mapVitestReport({ report: sampleReport, root: sampleRoot, files: sampleWorkspace, durationMs: 1234 });

  it('produces a valid TestReport with workspace-relative files', () => {
    for (const report of [withRecords, jsonOnly]) {
      expect(TestReport.parse(report)).toEqual(report);
      expect(report.files.map((f) => f.file).sort()).toEqual([
        'src/broken.test.ts',
        'src/jest.test.ts',
        'src/math.test.ts',
        'src/missing.test.ts',
        'src/syntax.test.ts',
      ]);
      expect(report.runtime).toBe('webcontainer');
      expect(report.durationMs).toBe(1234);
    }
  });

  it('counts passed, failed, skipped and todo tests', () => {
    expect(withRecords.counts).toEqual({ passed: 4, failed: 4, skipped: 1, todo: 1, total: 10 });
    expect(jsonOnly.counts).toEqual(withRecords.counts);
  });

  it('names tests with their describe blocks and locates their declarations', () => {
    const test = byName(withRecords, 'src/math.test.ts', 'compares deeply');
    expect(test.ancestors).toEqual(['math', 'objects']);
    expect(test.fullName).toBe('math > objects > compares deeply');
    expect(test.location).toEqual({ file: 'src/math.test.ts', line: 14, column: 5 });
    expect(byName(withRecords, 'src/math.test.ts', 'later').status).toBe('todo');
    expect(byName(withRecords, 'src/math.test.ts', 'skipped one').status).toBe('skipped');
    expect(byName(withRecords, 'src/math.test.ts', 'inc 2').status).toBe('passed');
  });

  it('gives a failed expect its message, plain diff and the line of the expect', () => {
    const error = byName(withRecords, 'src/math.test.ts', 'compares deeply').error;
    expect(error?.message).toBe('expected { a: 1, b: [ 1, 2 ] } to deeply equal { a: 1, b: [ 1, 3 ] }');
    expect(error?.diff).toContain('- Expected\n+ Received');
    expect(error?.diff).toContain('-     3,\n+     2,');
    expect(error?.location).toEqual({ file: 'src/math.test.ts', line: 15, column: 35 });
    expect(error?.stack).toBe(
      'AssertionError: expected { a: 1, b: [ 1, 2 ] } to deeply equal { a: 1, b: [ 1, 3 ] }\n    at src/math.test.ts:15:35',
    );
    expect(`${error?.message}${error?.diff}${error?.stack}`).not.toContain('\u001b');
  });

  it('reads message, expected/actual and location back from the JSON alone', () => {
    const error = byName(jsonOnly, 'src/math.test.ts', 'strings').error;
    expect(error?.message).toBe("expected 'hello world' to be 'hello there' // Object.is equality");
    expect(error?.expected).toBe("'hello there'");
    expect(error?.actual).toBe("'hello world'");
    expect(error?.diff).toBe("- Expected\n+ Received\n\n- 'hello there'\n+ 'hello world'");
    expect(error?.location).toEqual({ file: 'src/math.test.ts', line: 27, column: 25 });
    const thrown = byName(jsonOnly, 'src/math.test.ts', 'thrown').error;
    expect(thrown?.message).toBe('boom');
    expect(thrown?.diff).toBeUndefined();
    expect(thrown?.location).toEqual({ file: 'src/math.test.ts', line: 31, column: 9 });
  });

  it('reports a per-test timeout as a failure of that test', () => {
    const slow = byName(withRecords, 'src/math.test.ts', 'slow');
    expect(slow.status).toBe('failed');
    expect(slow.error?.message).toMatch(/timed out in 50ms/);
  });

  it('reports a file that throws at top level as a failed file with its error and line', () => {
    const broken = withRecords.files.find((f) => f.file === 'src/broken.test.ts');
    expect(broken?.status).toBe('failed');
    expect(broken?.tests).toEqual([]);
    expect(broken?.error?.message).toBe('top-level failure');
    expect(broken?.error?.location).toEqual({ file: 'src/broken.test.ts', line: 4, column: 9 });
    expect(jsonOnly.files.find((f) => f.file === 'src/broken.test.ts')?.error?.message).toBe('top-level failure');
  });

  it('turns a syntax error and a missing module into build diagnostics at their lines', () => {
    for (const report of [withRecords, jsonOnly]) {
      // Other files built and ran: the run failed, it did not fail to build.
      expect(report.status).toBe('failed');
      expect(report.diagnostics).toEqual([
        {
          severity: 'error',
          message: "Cannot find module './nope.ts' imported from src/missing.test.ts",
          location: { file: 'src/missing.test.ts', line: 1, column: 23 },
          lineText: "import { thing } from './nope.ts';",
        },
        {
          severity: 'error',
          message: 'Unexpected token [PARSE_ERROR]',
          location: { file: 'src/syntax.test.ts', line: 2, column: 25 },
          lineText: "test('x', () => { const = 1; });",
        },
      ]);
      const syntax = report.files.find((f) => f.file === 'src/syntax.test.ts');
      expect(syntax?.status).toBe('failed');
      expect(syntax?.error?.message).not.toContain('\u001b');
    }
  });

  it('is a build error when no file could be built', () => {
    const report = mapVitestReport({
      report: { ...sampleReport, testResults: sampleReport.testResults.filter((f) => /(syntax|missing)\.test\.ts$/.test(f.name)) },
      root: sampleRoot,
      records: sampleRecords(),
      durationMs: 5,
    });
    expect(report.status).toBe('build-error');
    expect(report.diagnostics).toHaveLength(2);
  });

  it('marks a run of passing files as passed', () => {
    const passing = mapVitestReport({
      report: { ...sampleReport, testResults: sampleReport.testResults.filter((f) => f.name.endsWith('jest.test.ts')) },
      root: sampleRoot,
      durationMs: 5,
    });
    expect(passing.status).toBe('passed');
    expect(passing.counts).toEqual({ passed: 1, failed: 0, skipped: 0, todo: 0, total: 1 });
    expect(passing.files[0]?.status).toBe('passed');
  });

  it('refuses something that is not a vitest JSON report', () => {
    expect(() => mapVitestReport({ report: { hello: 1 }, root: sampleRoot, durationMs: 0 })).toThrow();
  });
});
