import type { z } from 'zod';
import {
  ApplyPatchArguments,
  ListFilesArguments,
  ReadFileArguments,
  RunProgramArguments,
  RunTestsArguments,
  SearchArguments,
  UpdatePlanArguments,
  type ClientToolName,
  type DeepToolCall,
  type PlanStep,
  type ToolFailure,
} from '../../shared/deepLane/protocol.ts';
import type { ToolDefinition } from '../providers/ModelProvider.ts';
import { toToolParameters } from './toToolParameters.ts';

/**
 * The deep lane's tools as the model sees them. Their parameters are derived from the zod schemas
 * in shared/deepLane/protocol.ts, which are also what is enforced: every call is validated before
 * anything runs, and a call that fails validation goes back to the model with the reason.
 */
export const DEEP_TOOLS: readonly ToolDefinition[] = [
  {
    name: 'update_plan',
    description:
      'State or update your plan: the whole list of steps each time, each pending, in-progress or done. Call it first, and again whenever a step starts or finishes.',
    parameters: toToolParameters(UpdatePlanArguments),
  },
  {
    name: 'list_files',
    description: 'List the paths of the workspace (with your staged changes), or those under a folder.',
    parameters: toToolParameters(ListFilesArguments),
  },
  {
    name: 'read_file',
    description: 'Read a file as it is now (with your staged changes); optionally only lines startLine..endLine (1-based, inclusive).',
    parameters: toToolParameters(ReadFileArguments),
  },
  {
    name: 'search',
    description: 'Find the lines that contain `query` (or match it as a JavaScript regular expression when regex is true), as path:line: text.',
    parameters: toToolParameters(SearchArguments),
  },
  {
    name: 'apply_patch',
    description: [
      'Change files. Staged for the person to review; nothing is written until they accept. Two forms:',
      'a unified diff ("--- a/path", "+++ b/path", "@@ ... @@" hunks with a few lines of context; "--- /dev/null" creates a file, "+++ /dev/null" deletes one),',
      'or search/replace blocks: a line with the path, then "<<<<<<< SEARCH", the exact current lines, "=======", the new lines, ">>>>>>> REPLACE" (an empty SEARCH creates the file).',
      'The patch must match the current text exactly; if it does not apply, read the file again.',
    ].join(' '),
    parameters: toToolParameters(ApplyPatchArguments),
  },
  {
    name: 'run_tests',
    description: 'Run the workspace tests (or only these test files) against your staged changes, in the browser runtime. Returns the counts and every failure with its message.',
    parameters: toToolParameters(RunTestsArguments),
  },
  {
    name: 'run_program',
    description: 'Run one entry file against your staged changes, in the browser runtime. Returns how it ended and its console output.',
    parameters: toToolParameters(RunProgramArguments),
  },
];

/** A model's call, checked: one for the client to run, the plan (run here), or why it cannot run. */
export type CheckedToolCall =
  | { kind: 'client'; call: DeepToolCall }
  | { kind: 'plan'; steps: PlanStep[] }
  | { kind: 'refused'; failure: Extract<ToolFailure, 'unknown-tool' | 'invalid-arguments'>; message: string };

const clientSchemas: { [K in ClientToolName]: z.ZodType<Extract<DeepToolCall, { name: K }>['arguments']> } = {
  list_files: ListFilesArguments,
  read_file: ReadFileArguments,
  search: SearchArguments,
  apply_patch: ApplyPatchArguments,
  run_tests: RunTestsArguments,
  run_program: RunProgramArguments,
};

function isClientTool(name: string): name is ClientToolName {
  return Object.hasOwn(clientSchemas, name);
}

function issues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(arguments)'}: ${issue.message}`).join('; ');
}

/** Validates a model's tool call: its name, its arguments' JSON, and their shape. */
export function checkToolCall(name: string, argumentsText: string): CheckedToolCall {
  const known = DEEP_TOOLS.map((tool) => tool.name).join(', ');
  if (name !== 'update_plan' && !isClientTool(name)) {
    return { kind: 'refused', failure: 'unknown-tool', message: `There is no tool "${name.slice(0, 64)}". The tools are: ${known}.` };
  }
  let parsed: unknown;
  try {
    parsed = argumentsText.trim() === '' ? {} : (JSON.parse(argumentsText) as unknown);
  } catch (error) {
    return { kind: 'refused', failure: 'invalid-arguments', message: `The arguments of ${name} are not valid JSON (${error instanceof Error ? error.message : String(error)}).` };
  }
  if (name === 'update_plan') {
    const plan = UpdatePlanArguments.safeParse(parsed);
    return plan.success ? { kind: 'plan', steps: plan.data.steps } : { kind: 'refused', failure: 'invalid-arguments', message: `update_plan: ${issues(plan.error)}` };
  }
  const checked = clientSchemas[name].safeParse(parsed);
  if (!checked.success) return { kind: 'refused', failure: 'invalid-arguments', message: `${name}: ${issues(checked.error)}` };
  return { kind: 'client', call: { name, arguments: checked.data } as DeepToolCall };
}
