import type { PromotionReason } from './PromotionReason.ts';

/** What the promotion criteria look at. */
export interface PromotionFacts {
  /** The newest instruction (empty when none). */
  readonly instruction: string;
  /** Every file the selection or the change covers. */
  readonly paths: readonly string[];
  /** How many times the person turned down the fast lane's answer to this request. */
  readonly rejections: number;
  /** The person asked for the deep lane. */
  readonly asked?: boolean;
}

/** Rejections after which the machine proposes the deep lane. */
export const REJECTIONS_BEFORE_HANDOFF = 2;

/** A path-like word with an extension: `parse.ts`, `src/a/b.test.js`, `README.md`. */
const FILE_NAME = /(?:^|[\s"'`([,])((?:[\w.-]+\/)*[\w-]+(?:\.[\w-]+)*\.(?:[cm]?[jt]sx?|json|css|scss|html|md|py|go|rs|java|ya?ml|toml|txt|vue|svelte))\b/gi;
/** "all three files", "every file", "both files", "in several files", "across the files", "each module". */
const SEVERAL_FILES =
  /\b(?:all|both|every|each|several|multiple|many|other|(?:two|three|four|five|six|seven|eight|nine|ten|\d+))\b(?:\s+(?:of\s+)?(?:the|these|those|my|our))?(?:\s+\w+)?\s+(?:files|modules|places)\b|\b(?:every|each)\s+(?:file|module)\b|\bacross\s+(?:the\s+|all\s+)?(?:files|modules|the\s+(?:codebase|project|workspace))\b|\beverywhere\b/i;
/** "make the tests pass", "until tests are green", "fix the failing test", "so that npm test passes". */
const TESTS_PASS =
  /\btests?\b[^.;!?\n]{0,30}\b(?:pass(?:es|ing)?|green|succeed|work)\b|\b(?:fix|repair)\b[^.;!?\n]{0,20}\b(?:failing|broken|red)\s+tests?\b|\b(?:failing|broken)\s+tests?\b[^.;!?\n]{0,20}\b(?:pass|fix(?:ed)?)\b|\.(?:test|spec)\.[cm]?[jt]sx?\b[^;!?\n]{0,30}\b(?:pass(?:es|ing)?|green)\b/i;

/** The distinct file names an instruction mentions. */
export function fileNamesIn(instruction: string): string[] {
  return [...new Set([...instruction.matchAll(FILE_NAME)].map((m) => m[1]!.toLowerCase()))];
}

/**
 * The promotion criteria, named and in one place: which of them hold for a request, in the order
 * the proposal shows them. Empty means the fast lane keeps the request.
 */
export function promotionReasons(facts: PromotionFacts): PromotionReason[] {
  const reasons: PromotionReason[] = [];
  if (facts.asked === true) reasons.push('asked');
  if (fileNamesIn(facts.instruction).length > 1 || SEVERAL_FILES.test(facts.instruction)) reasons.push('names-several-files');
  if (TESTS_PASS.test(facts.instruction)) reasons.push('asks-for-tests');
  if (new Set(facts.paths).size > 1) reasons.push('spans-files');
  if (facts.rejections >= REJECTIONS_BEFORE_HANDOFF) reasons.push('rejected-twice');
  return reasons;
}
