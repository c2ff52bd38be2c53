import type { Page } from '@playwright/test';
import type { HarnessOutcome, HarnessTrace } from '../client/harness/HarnessApi.ts';
import type { ProgramRequest, TestRequest } from '../client/runtime/Runtime.ts';
import { ProgramResult, TestReport, type OutputChunk, type TestCaseResult } from '../shared/testReport.ts';

/*
 * Calls on the harness page (window.pairlaneHarness) and readings of what they return, shared by
 * the runtime contract suites (every runtime's, and Python's). Results crossing the page boundary
 * are parsed with the shared schemas, not only read.
 */

export async function programRun(page: Page, request: ProgramRequest): Promise<{ result: ProgramResult; trace: HarnessTrace }> {
  const { outcome, trace } = await page.evaluate((r) => window.pairlaneHarness!.run(r), request);
  if (outcome.kind !== 'program') throw new Error(`expected a program result, got ${JSON.stringify(outcome)}`);
  // The result crosses a boundary: check it has the shared shape, not just the fields a test reads.
  return { result: ProgramResult.parse(outcome.result), trace };
}

export async function testRun(page: Page, request: TestRequest): Promise<{ report: TestReport; trace: HarnessTrace }> {
  const { outcome, trace } = await page.evaluate((r) => window.pairlaneHarness!.test(r), request);
  if (outcome.kind !== 'test') throw new Error(`expected a test report, got ${JSON.stringify(outcome)}`);
  return { report: TestReport.parse(outcome.report), trace };
}

export function startRun(page: Page, request: ProgramRequest): Promise<number> {
  return page.evaluate((r) => window.pairlaneHarness!.startRun(r), request);
}

export function startTest(page: Page, request: TestRequest): Promise<number> {
  return page.evaluate((r) => window.pairlaneHarness!.startTest(r), request);
}

export function traceOf(page: Page, id: number): Promise<HarnessTrace> {
  return page.evaluate((i) => window.pairlaneHarness!.trace(i), id);
}

export function outcomeOf(page: Page, id: number): Promise<HarnessOutcome> {
  return page.evaluate((i) => window.pairlaneHarness!.outcome(i), id);
}

/** Console output without Pairlane's own notes, neighbouring chunks of one stream merged. */
export function userOutput(chunks: readonly OutputChunk[]): OutputChunk[] {
  const merged: OutputChunk[] = [];
  for (const chunk of chunks) {
    if (chunk.stream === 'system') continue;
    const last = merged[merged.length - 1];
    if (last && last.stream === chunk.stream) last.text += chunk.text;
    else merged.push({ ...chunk });
  }
  return merged;
}

export function stdoutText(chunks: readonly OutputChunk[]): string {
  return chunks
    .filter((c) => c.stream === 'stdout')
    .map((c) => c.text)
    .join('');
}

export function findTest(report: TestReport, file: string, fullName: string): TestCaseResult {
  const found = report.files.find((f) => f.file === file)?.tests.find((t) => t.fullName === fullName);
  if (!found) {
    const names = report.files.flatMap((f) => f.tests.map((t) => `${f.file}: ${t.fullName}`));
    throw new Error(`no test "${fullName}" in ${file}; the report has: ${names.join(' | ') || 'no tests'}`);
  }
  return found;
}
