import { DEEP_LANE_LIMITS } from './protocol.ts';

/** Cuts a tool's output to what a deep-tool-result may carry, saying in the text that it was cut. */
export function boundToolOutput(output: string, max: number = DEEP_LANE_LIMITS.maxToolOutputChars): { output: string; truncated?: true } {
  if (output.length <= max) return { output };
  const note = `\n… [${output.length - max + 80} more characters cut; ask for less, e.g. read_file with startLine/endLine]`;
  return { output: output.slice(0, Math.max(0, max - note.length)) + note, truncated: true };
}
