import type { DeepStartMessage } from '../../shared/deepLane/protocol.ts';
import type { AgentMessage } from '../providers/ModelProvider.ts';

const SYSTEM = [
  'You are the deep lane of Pairlane, a pair-programming playground: you carry out one coding task in the person’s workspace, using tools.',
  'Work in this order: state a short plan with update_plan; look at the files you need (list_files, search, read_file); change them with apply_patch; run the tests with run_tests; if a test fails, read the failure, fix the cause and run them again. Keep the plan up to date as steps finish.',
  'Your changes are staged: the person reviews the whole diff before anything is written, so make complete, working changes and do not ask for permission.',
  'Patches must match the current text of the file exactly. When a patch is rejected, read the file again before retrying; never repeat a call that just failed unchanged.',
  'The person may add instructions while you work; they arrive as user messages and take precedence over the plan.',
  'When the task is done (or cannot be done), stop calling tools and answer with a short summary: what you changed, file by file, and the last test result.',
].join('\n');

function fenced(text: string): string {
  const fence = text.includes('```') ? '~~~~' : '```';
  return `${fence}\n${text}\n${fence}`;
}

/** The conversation a deep task starts from: the lane's instructions, then the task with its context. */
export function deepTaskPrompt(start: DeepStartMessage): AgentMessage[] {
  const parts = [`Task: ${start.instruction}`];
  if (start.constraints) parts.push(`Constraints: ${start.constraints}`);
  const { selection, failingTestOutput, openFiles } = start.context;
  if (openFiles?.length) parts.push(`Open in the editor: ${openFiles.join(', ')}`);
  if (selection) parts.push(`Selected in ${selection.path} (characters ${selection.start}–${selection.end}):\n${fenced(selection.text)}`);
  if (failingTestOutput) parts.push(`The failing test output the person saw:\n${fenced(failingTestOutput)}`);
  return [
    { role: 'system', content: SYSTEM },
    { role: 'user', content: parts.join('\n\n') },
  ];
}
