import { z } from 'zod';

/**
 * The parts of vitest's JSON reporter output (jest-compatible; vitest 1–4) that the runtime
 * reads. Unknown fields are allowed: the report carries more than we need.
 */
export const VitestAssertionResult = z.object({
  ancestorTitles: z.array(z.string()),
  title: z.string(),
  fullName: z.string().optional(),
  status: z.string(),
  duration: z.number().nullish(),
  failureMessages: z.array(z.string()).nullish(),
  location: z.object({ line: z.number(), column: z.number() }).nullish(),
});
export type VitestAssertionResult = z.infer<typeof VitestAssertionResult>;

export const VitestFileResult = z.object({
  name: z.string(),
  status: z.string(),
  message: z.string().nullish(),
  startTime: z.number().nullish(),
  endTime: z.number().nullish(),
  assertionResults: z.array(VitestAssertionResult),
});
export type VitestFileResult = z.infer<typeof VitestFileResult>;

export const VitestJsonReport = z.object({
  success: z.boolean().optional(),
  startTime: z.number().optional(),
  testResults: z.array(VitestFileResult),
});
export type VitestJsonReport = z.infer<typeof VitestJsonReport>;
