/**
 * The "## Learned priors" block injected into a spec or a prompt (DOMAIN.md section 1):
 *
 *     ## Learned priors
 *     Do: add type hints [Nudge: "add type hints" -> +25%]
 *     Avoid: use global state [Nudge: "use global state" -> -35%]
 *
 * The top N of each ranked list (beneficial first, best first; then harmful, worst first).
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
 * A label as it may appear inside the token: one line, and no double quote (which would end
 * the token's quoted text early); inner double quotes become single quotes.
 */
function tokenLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim().replace(/"/g, "'");
}

/**
 * The block, or '' when both lists are empty (so nothing is injected). `labelOf` gives each
 * nudge key's human label; a key without one is shown as itself.
 */
export function renderLearnedPriors(
  ranked: { beneficial: readonly PriorItem[]; harmful: readonly PriorItem[] },
  labelOf: (nudge: string) => string | undefined,
  count: number = DEFAULT_PRIOR_COUNT,
): string {
  const line = (verb: string, item: PriorItem): string => {
    const label = tokenLabel(labelOf(item.nudge) ?? item.nudge);
    return `${verb}: ${label} [Nudge: "${label}" -> ${formatPercentagePoints(item.ame)}]`;
  };
  const lines = [
    ...ranked.beneficial.slice(0, count).map((e) => line('Do', e)),
    ...ranked.harmful.slice(0, count).map((e) => line('Avoid', e)),
  ];
  return lines.length === 0 ? '' : [PRIORS_HEADING, ...lines].join('\n');
}
