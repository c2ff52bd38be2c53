import { z } from 'zod';

/**
 * The framing the in-container scripts (container/*.mjs) use on the terminal: one record per
 * line, RS + "PAIRLANE " + JSON. Kept in sync with those scripts by a unit test.
 */
export const RECORD_PREFIX = '\u001ePAIRLANE ';

const Location = z.object({ line: z.number(), column: z.number() });

/** An error as the in-container scripts serialise it (vitest's TestError, or a Node error). */
export const ContainerError = z.object({
  name: z.string().optional(),
  message: z.string(),
  stack: z.string().optional(),
  diff: z.string().optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
  code: z.string().optional(),
});
export type ContainerError = z.infer<typeof ContainerError>;

/** A test finished (vitestReporter.mjs, onTestCaseResult). */
export const TestRecord = z.object({
  t: z.literal('test'),
  file: z.string(),
  name: z.string(),
  ancestors: z.array(z.string()),
  state: z.enum(['passed', 'failed', 'skipped', 'pending']),
  mode: z.enum(['run', 'only', 'skip', 'todo']),
  durationMs: z.number(),
  location: Location.optional(),
  errors: z.array(ContainerError),
});
export type TestRecord = z.infer<typeof TestRecord>;

/** A test file finished; errors are the ones outside any test (top-level throw, build error). */
export const ModuleRecord = z.object({
  t: z.literal('module'),
  file: z.string(),
  durationMs: z.number(),
  errors: z.array(ContainerError),
});
export type ModuleRecord = z.infer<typeof ModuleRecord>;

export const ContainerRecord = z.discriminatedUnion('t', [
  TestRecord,
  ModuleRecord,
  /** User console output captured by vitest. */
  z.object({ t: z.literal('log'), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  /** Errors vitest caught outside every test file. */
  z.object({ t: z.literal('unhandled'), errors: z.array(ContainerError) }),
  /** A program's write to stdout or stderr (programPreload.mjs). */
  z.object({ t: z.literal('out'), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  /** A program's uncaught exception or unhandled rejection. */
  z.object({ t: z.literal('uncaught'), error: ContainerError }),
]);
export type ContainerRecord = z.infer<typeof ContainerRecord>;
