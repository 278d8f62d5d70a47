import { ValidationError } from '../errors';
import { parseNudgeBody } from '../spec/bracket';
import { escapeMarkdownText, escapeQuotedLabel } from '../spec/escape';

/**
 * The "## Learned priors" block injected into a spec or a prompt (DOMAIN.md section 1):
 *
 *     ## Learned priors
 *
 *     Do: add type hints [Nudge: "add type hints" -> +25%]
 *
 *     Avoid: use global state [Nudge: "use global state" -> -35%]
 *
 * The top N of each ranked list (beneficial first, best first; then harmful, worst first) of
 * the claims that passed their refutation checks (refute.ts); callers pass those lists.
 */
export interface PriorItem {
  nudge: string;
  /** Average marginal effect in percentage points. */
  ame: number;
}

export const DEFAULT_PRIOR_COUNT = 5;
export const PRIORS_HEADING = '## Learned priors';

/**
 * Whole percentage points with an explicit sign: +25%, -35%. A tiny negative effect stays
 * "-0%" rather than "+0%": the sign is the estimate's, even when rounding hides the size.
 */
export function formatPercentagePoints(pp: number): string {
  return `${pp < 0 ? '-' : '+'}${Math.round(Math.abs(pp))}%`;
}

/**
 * One line: the label as escaped plain text, then the token with the label in quotes, escaped
 * for Markdown (spec/escape.ts; inside a token's quotes a backslash takes the next character as
 * it is, so the token's label is the name exactly). A name such as
 * `'] [Evidence: r_1] [Nudge: 'y`, or one with backticks, emphasis or `[text](url)`, stays
 * text in the spec and in the prompt (issue 19). The line is read back to check the token is
 * one well-formed nudge token with that very label.
 */
function priorLine(verb: 'Do' | 'Avoid', label: string, ame: number): string {
  const body = `"${escapeQuotedLabel(label)}" -> ${formatPercentagePoints(ame)}`;
  const check = parseNudgeBody(body);
  if (!check.ok || check.value.label !== label.replace(/\s+/g, ' ').trim()) throw new ValidationError('label', check.ok ? 'the label did not survive quoting' : check.reason);
  return `${verb}: ${escapeMarkdownText(label)} [Nudge: ${body}]`;
}

/**
 * The block, or '' when both lists are empty (so nothing is injected). `labelOf` gives each
 * nudge key's human label; a key without one is shown as itself. Lines are separated by blank
 * lines: in Markdown a single line break joins lines into one paragraph, and the block must
 * show one prior per line wherever the spec is rendered.
 */
export function renderLearnedPriors(
  ranked: { beneficial: readonly PriorItem[]; harmful: readonly PriorItem[] },
  labelOf: (nudge: string) => string | undefined,
  count: number = DEFAULT_PRIOR_COUNT,
): string {
  const lines = [
    ...ranked.beneficial.slice(0, count).map((e) => priorLine('Do', labelOf(e.nudge) ?? e.nudge, e.ame)),
    ...ranked.harmful.slice(0, count).map((e) => priorLine('Avoid', labelOf(e.nudge) ?? e.nudge, e.ame)),
  ];
  return lines.length === 0 ? '' : [PRIORS_HEADING, ...lines].join('\n\n');
}

/** The lines of a rendered block after its heading (the Do/Avoid lines, blank lines dropped). */
export function priorLines(block: string): string[] {
  return block.split(/\r?\n/).slice(1).filter((l) => l.trim() !== '');
}
