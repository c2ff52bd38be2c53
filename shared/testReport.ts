import { z } from 'zod';

/**
 * The structured result of a test run. Every runtime (worker, WebContainer) produces exactly
 * this shape, so the panels, editor markers, CLI and (later) the room log read one format.
 */

/** A position in an original source file (1-based line and column), after source maps. */
export const SourceLocation = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive(),
});
export type SourceLocation = z.infer<typeof SourceLocation>;

export const TestStatus = z.enum(['passed', 'failed', 'skipped', 'todo']);
export type TestStatus = z.infer<typeof TestStatus>;

/** A failure: message plain text (never ANSI), optional rendered expected/actual diff. */
export const TestError = z.object({
  message: z.string(),
  /** Rendered diff, lines prefixed "- Expected" / "+ Received" style; plain text. */
  diff: z.string().optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  /** Where it failed, mapped back to the original file. */
  location: SourceLocation.optional(),
  /** Stack with frames mapped to original files, runner frames removed. */
  stack: z.string().optional(),
});
export type TestError = z.infer<typeof TestError>;

export const TestCaseResult = z.object({
  /** Test file path within the workspace, e.g. "src/sum.test.ts". */
  file: z.string(),
  name: z.string(),
  /** Names of the enclosing describe blocks, outermost first. */
  ancestors: z.array(z.string()),
  /** ancestors and name joined by " > ". */
  fullName: z.string(),
  status: TestStatus,
  durationMs: z.number().nonnegative(),
  error: TestError.optional(),
  /** Where the test is declared (the it()/test() call). */
  location: SourceLocation.optional(),
});
export type TestCaseResult = z.infer<typeof TestCaseResult>;

export const TestFileResult = z.object({
  file: z.string(),
  status: z.enum(['passed', 'failed', 'skipped']),
  durationMs: z.number().nonnegative(),
  /** Set when the file itself failed: it threw at top level, a hook failed outside a test, or it did not build. */
  error: TestError.optional(),
  tests: z.array(TestCaseResult),
});
export type TestFileResult = z.infer<typeof TestFileResult>;

export const TestCounts = z.object({
  passed: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  todo: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type TestCounts = z.infer<typeof TestCounts>;

/** A build problem (syntax error, missing module) reported at its file and line. */
export const Diagnostic = z.object({
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  location: SourceLocation.optional(),
  /** The source line, when the bundler gave it. */
  lineText: z.string().optional(),
});
export type Diagnostic = z.infer<typeof Diagnostic>;

/**
 * How a run ended. "passed"/"failed" for tests, "ok"/"error" for programs; "build-error" when it
 * never started; "stopped" when the person stopped it; "timeout" when it passed its time limit.
 */
export const RunStatus = z.enum(['ok', 'error', 'passed', 'failed', 'build-error', 'stopped', 'timeout']);
export type RunStatus = z.infer<typeof RunStatus>;

export const TestReport = z.object({
  status: RunStatus,
  files: z.array(TestFileResult),
  counts: TestCounts,
  diagnostics: z.array(Diagnostic),
  durationMs: z.number().nonnegative(),
  /** Which runtime produced it ("worker", "webcontainer"). */
  runtime: z.string(),
});
export type TestReport = z.infer<typeof TestReport>;

export const ProgramResult = z.object({
  status: RunStatus,
  /** Uncaught error of the program, mapped to the original file. */
  error: TestError.optional(),
  diagnostics: z.array(Diagnostic),
  durationMs: z.number().nonnegative(),
  runtime: z.string(),
});
export type ProgramResult = z.infer<typeof ProgramResult>;

/** One chunk of console output. "system" lines come from Pairlane itself (truncation, stop notes). */
export const OutputChunk = z.object({
  stream: z.enum(['stdout', 'stderr', 'system']),
  text: z.string(),
});
export type OutputChunk = z.infer<typeof OutputChunk>;

/** Tally of a list of test results. */
export function countTests(tests: readonly Pick<TestCaseResult, 'status'>[]): TestCounts {
  const counts: TestCounts = { passed: 0, failed: 0, skipped: 0, todo: 0, total: 0 };
  for (const t of tests) {
    counts[t.status] += 1;
    counts.total += 1;
  }
  return counts;
}
