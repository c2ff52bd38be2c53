import { z } from 'zod';
import { OutputChunk, TestStatus } from '../../../shared/testReport.ts';
import type { SandboxToParent, WorkerMessage } from '../../sandbox/sandboxProtocol.ts';

/**
 * What the app accepts from the sandbox iframe. Everything in it passed through a worker that
 * runs user code, so it is parsed, never trusted: a malformed message is dropped.
 */
const BundlePosition = z.object({ bundle: z.number().int().nonnegative(), line: z.number().int().positive(), column: z.number().int().positive() });

const RawError = z.object({
  name: z.string().optional(),
  message: z.string(),
  stack: z.string().optional(),
  diff: z.string().optional(),
  expected: z.string().optional(),
  actual: z.string().optional(),
});

const RawTestResult = z.object({
  file: z.string(),
  name: z.string(),
  ancestors: z.array(z.string()),
  status: TestStatus,
  durationMs: z.number().nonnegative(),
  error: RawError.optional(),
  declaredAt: BundlePosition.optional(),
});

export const WorkerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('output'), chunks: z.array(OutputChunk), droppedBytes: z.number().nonnegative() }),
  z.object({
    type: z.literal('progress'),
    finished: z.array(RawTestResult),
    started: z.object({ file: z.string(), name: z.string(), ancestors: z.array(z.string()), declaredAt: BundlePosition.optional() }).optional(),
  }),
  z.object({ type: z.literal('file-done'), file: z.string(), durationMs: z.number().nonnegative(), error: RawError.optional() }),
  z.object({ type: z.literal('tests-done') }),
  z.object({ type: z.literal('program-done'), error: RawError.optional(), exitCode: z.number().int().optional() }),
]);

export const SandboxMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sandbox-loaded') }),
  z.object({ type: z.literal('sandbox-ready') }),
  z.object({ type: z.literal('killed'), runId: z.number().int() }),
  z.object({ type: z.literal('worker-failed'), runId: z.number().int(), message: z.string() }),
]);
export type SandboxMessage = z.infer<typeof SandboxMessageSchema>;

// The schema and the protocol's types must describe the same messages.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const SCHEMAS_MATCH_PROTOCOL: [Same<z.infer<typeof SandboxMessageSchema>, SandboxToParent>, Same<z.infer<typeof WorkerMessageSchema>, WorkerMessage>] = [true, true];
