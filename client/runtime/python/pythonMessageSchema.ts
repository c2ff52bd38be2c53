import { z } from 'zod';
import { Diagnostic, OutputChunk, SourceLocation, TestCaseResult, TestError } from '../../../shared/testReport.ts';
import type { PythonSandboxEvent } from '../../sandbox/python/pythonProtocol.ts';

/**
 * What the app accepts from the Python sandbox. It all passed through the interpreter that runs
 * user code, so it is parsed, never trusted: a malformed message is dropped.
 */
const WorkerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), bootMs: z.number().nonnegative(), version: z.string() }),
  z.object({ type: z.literal('boot-failed'), message: z.string() }),
  z.object({ type: z.literal('output'), runId: z.number().int(), chunks: z.array(OutputChunk), droppedBytes: z.number().nonnegative() }),
  z.object({ type: z.literal('stdin-request'), runId: z.number().int() }),
  z.object({
    type: z.literal('test-started'),
    runId: z.number().int(),
    test: z.object({ file: z.string(), name: z.string(), ancestors: z.array(z.string()), location: SourceLocation.optional() }),
  }),
  z.object({ type: z.literal('test-result'), runId: z.number().int(), result: TestCaseResult }),
  z.object({ type: z.literal('file-done'), runId: z.number().int(), file: z.string(), durationMs: z.number().nonnegative(), error: TestError.optional() }),
  z.object({ type: z.literal('tests-done'), runId: z.number().int(), diagnostics: z.array(Diagnostic), interrupted: z.boolean() }),
  z.object({
    type: z.literal('program-done'),
    runId: z.number().int(),
    status: z.enum(['ok', 'error', 'build-error', 'stopped']),
    error: TestError.optional(),
    diagnostics: z.array(Diagnostic),
    exitCode: z.number().int().optional(),
  }),
]);

export const PythonSandboxEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('booting'), interruptible: z.boolean() }),
  z.object({ type: z.literal('ready'), bootMs: z.number().nonnegative(), interruptible: z.boolean(), version: z.string() }),
  z.object({ type: z.literal('boot-failed'), message: z.string() }),
  z.object({ type: z.literal('worker-gone'), runId: z.number().int().optional(), message: z.string() }),
  z.object({ type: z.literal('worker'), message: WorkerMessage }),
]);

// The schema and the protocol's type must describe the same messages.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const PYTHON_SCHEMA_MATCHES_PROTOCOL: Same<z.infer<typeof PythonSandboxEventSchema>, PythonSandboxEvent> = true;
