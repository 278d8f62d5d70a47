import { mulberry32 } from '../random';
import { adjustedEstimates, fitAdjusted, rankEffects, type AdjustedOptions } from '../learning/adjusted';
import { refute } from '../learning/refute';
import { EncodingBuilder, type EncodedRuns } from '../learning/encode';
import type { PriorItem } from '../learning/priors';
import { posteriorOf, thompsonChoice } from '../learning/thompson';

/**
 * The next-attempt policy for one compilation (DOMAIN.md section 1): fit the adjusted model on
 * all evidence, then, for each variation, draw b from N(b_hat, Sigma) and apply every offered
 * nudge whose draw is positive. A nudge that has never been tried has b_hat = 0 and is applied
 * half the time: exploration comes from the posterior, not from a separate rule.
 *
 * Also returns the priors in force (the ranked beneficial and harmful lists, keeping only the
 * claims that passed their refutation checks, refute.ts), so the prompt's learned-priors block
 * and the compilation's history show the same numbers; `withheld` says which claims were left
 * out and why.
 */
export interface CompilePlan {
  /** Nudge keys to apply, one list per variation, in the order offered. */
  variations: string[][];
  priors: { beneficial: PriorItem[]; harmful: PriorItem[] };
  withheld: { nudge: string; reasons: string[] }[];
  /** Runs the fit saw. */
  runs: number;
}

/**
 * The encoding over the union of its nudge keys and the offered ones, in sorted key order.
 * Draws are assigned to nudges by index, so a canonical order makes the plan depend on the
 * set of runs and the seed only, not on the order the runs were recorded in.
 */
function canonical(enc: EncodedRuns, offered: readonly string[]): EncodedRuns {
  const keys = [...new Set([...enc.nudgeKeys, ...offered])].sort();
  const at = new Map(keys.map((k, i) => [k, i]));
  const builder = new EncodingBuilder(keys, enc.specKeys);
  const row: number[] = [];
  for (let i = 0; i < enc.n; i++) {
    row.length = 0;
    for (let j = enc.offsets[i]!; j < enc.offsets[i + 1]!; j++) row.push(at.get(enc.nudgeKeys[enc.nudgeIdx[j]!]!)!);
    builder.addIndexed(enc.spec[i]!, row, enc.passed[i] === 1, enc.weight[i]!);
  }
  return builder.build();
}

export function planCompile(
  enc: EncodedRuns,
  offered: readonly string[],
  count: number,
  seed: number,
  options: AdjustedOptions = {},
): CompilePlan {
  const all = canonical(enc, offered);
  const state = fitAdjusted(all, options);
  refute(all, state, adjustedEstimates(state));
  const ranked = rankEffects(adjustedEstimates(state));
  const passed = (e: { checks: { prior: boolean } | null }) => e.checks?.prior === true;
  const rng = mulberry32(seed);
  const post = posteriorOf(state);
  const index = new Map(all.nudgeKeys.map((k, i) => [k, i]));
  const variations: string[][] = [];
  for (let v = 0; v < count; v++) {
    // One joint draw per variation: co-applied nudges keep their posterior correlation.
    const chosen = new Set(thompsonChoice(post, rng));
    variations.push(offered.filter((k) => chosen.has(index.get(k) ?? -1)));
  }
  const item = (e: { nudge: string; ame: number }): PriorItem => ({ nudge: e.nudge, ame: e.ame });
  const withheld = [...ranked.beneficial, ...ranked.harmful].filter((e) => !passed(e)).map((e) => ({ nudge: e.nudge, reasons: e.checks?.reasons ?? [] }));
  return { variations, priors: { beneficial: ranked.beneficial.filter(passed).map(item), harmful: ranked.harmful.filter(passed).map(item) }, withheld, runs: enc.n };
}
